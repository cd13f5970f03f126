package docgen

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// The PDF and the DOCX as LibreOffice sets it have the same number of
// pages, for every example and every blank form on every paper the form
// takes, and for the long-text inputs of testdata/long: both use the same
// column widths, and the DOCX writes what the PDF keeps whole. LibreOffice
// gets the project's own fonts under the official names, as CI's DOCX
// conformance check does (docx/testdata/conformance.sh). All DOCX files go
// through one soffice call.
func TestPageCountsPDFAndDOCX(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow")
	}
	requireTool(t, "soffice", "libreoffice-writer-nogui")
	requireTool(t, "pdfinfo", "poppler-utils")
	dir := t.TempDir()
	if keep := os.Getenv("ZSDOC_PAGECOUNT_DIR"); keep != "" {
		dir = keep // keep the files to look at
	}
	ctx := context.Background()
	type doc struct {
		name string
		pdf  int
	}
	var docs []doc
	var docxFiles []string
	add := func(name string, render func(w io.Writer, format Format) error) {
		var pdfBuf, docxBuf bytes.Buffer
		if err := render(&pdfBuf, PDF); err != nil {
			t.Fatalf("%s: PDF: %v", name, err)
		}
		if err := render(&docxBuf, DOCX); err != nil {
			t.Fatalf("%s: DOCX: %v", name, err)
		}
		p := filepath.Join(dir, name+".pdf")
		d := filepath.Join(dir, "docx", name+".docx")
		if err := os.MkdirAll(filepath.Dir(d), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, pdfBuf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(d, docxBuf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{name, pdfPages(t, p)})
		docxFiles = append(docxFiles, d)
	}
	for _, in := range forms.All() {
		for _, paper := range []Paper{A4, A3} {
			var opt *OptionError
			if err := RenderBlank(ctx, io.Discard, in.ID, PDF, WithPaper(paper)); errors.As(err, &opt) {
				continue // a paper the form does not take
			}
			add(fmt.Sprintf("%s-blank-%s", in.ID, paper), func(w io.Writer, f Format) error {
				return RenderBlank(ctx, w, in.ID, f, WithPaper(paper))
			})
			if _, err := examples.Input(string(in.ID)); err != nil {
				continue
			}
			form := parseExample(t, in.ID)
			add(fmt.Sprintf("%s-%s", in.ID, paper), func(w io.Writer, f Format) error {
				return Render(ctx, w, form, f, WithPaper(paper))
			})
		}
	}
	long, _ := filepath.Glob(filepath.Join("testdata", "long", "*.json"))
	for _, file := range long {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		id, form := longInput(t, name)
		papers := []Paper{A4}
		if id == forms.SigningID {
			papers = append(papers, A3)
		}
		for _, paper := range papers {
			add(fmt.Sprintf("long-%s-%s", name, paper), func(w io.Writer, f Format) error {
				return Render(ctx, w, form, f, WithPaper(paper))
			})
		}
	}

	start := time.Now()
	out := filepath.Join(dir, "lo")
	cmd := exec.Command("soffice", append([]string{"--headless", "--norestore",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", out}, docxFiles...)...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+officeFonts(t, dir))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	t.Logf("LibreOffice converted %d documents in %v", len(docxFiles), time.Since(start).Round(time.Millisecond))
	for _, d := range docs {
		lo := pdfPages(t, filepath.Join(out, d.name+".pdf"))
		why, known := knownPageMismatch[d.name]
		switch {
		case lo != d.pdf && known:
			t.Logf("%s: the PDF has %d pages, the DOCX in LibreOffice %d (known: %s)", d.name, d.pdf, lo, why)
		case lo != d.pdf:
			t.Errorf("%s: the PDF has %d pages, the DOCX in LibreOffice %d", d.name, d.pdf, lo)
		case known:
			t.Errorf("%s: %d pages in both now: remove it from knownPageMismatch", d.name, lo)
		default:
			t.Logf("%s: %d pages", d.name, lo)
		}
	}
}

// knownPageMismatch are the documents whose page counts still differ, and
// why (issue 13). LibreOffice puts about a fifth of an em between CJK
// characters and digits or Latin letters (Asian/Latin autospace), and its
// DOCX import ignores w:autoSpaceDE/w:autoSpaceDN="0" (writerfilter's
// DomainMapper reads them and does nothing; Word honours them): a line
// holding digits is wider than in the PDF, a cell may take one more line,
// and a row or an investor's rows that just fit on a page in the PDF move
// to the next one in LibreOffice.
var knownPageMismatch = map[string]string{
	"signing-A4": "LibreOffice's CJK–Latin autospace: the first investor's three projects, which just fit on page 1 in the PDF, move to page 2",
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pdfPages returns the page count pdfinfo gives.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// officeFonts writes a fontconfig file that gives LibreOffice the
// project's fonts under the official names (as conformance.sh does) and
// returns its path.
func officeFonts(t *testing.T, dir string) string {
	t.Helper()
	fontDir := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fontDir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFont := func(src string) {
		data, err := os.ReadFile(filepath.Join("..", "fonts", src))
		if err != nil {
			t.Fatal(err)
		}
		name := src
		if strings.HasSuffix(src, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
			name = strings.TrimSuffix(src, ".gz")
		}
		if err := os.WriteFile(filepath.Join(fontDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFont("NotoSerifSC-Regular.full.ttf.gz")
	copyFont("NotoSerifSC-Bold.subset.ttf")
	copyFont("NotoSansSC-Regular.subset.ttf")
	alias := func(name, family, weight string) string {
		s := `<match target="pattern"><test name="family"><string>` + name + `</string></test>` +
			`<edit name="family" mode="assign" binding="strong"><string>` + family + `</string></edit>`
		if weight != "" {
			s += `<edit name="weight" mode="assign" binding="strong"><const>` + weight + `</const></edit>`
		}
		return s + "</match>\n"
	}
	conf := `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>` +
		`<include ignore_missing="yes">/etc/fonts/fonts.conf</include>` +
		`<dir>` + fontDir + `</dir><cachedir>` + filepath.Join(dir, "fontcache") + "</cachedir>\n" +
		alias("仿宋_GB2312", "Noto Serif SC", "") + alias("宋体", "Noto Serif SC", "") +
		alias("黑体", "Noto Sans SC", "") + alias("方正小标宋简体", "Noto Serif SC", "bold") + `</fontconfig>`
	path := filepath.Join(dir, "fonts.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
