package docgen

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/workflow"
)

// workflowVariants are the diagrams the tool tests render: name, options.
var workflowVariants = []struct {
	name string
	opts []Option
}{
	{"workflow", nil},
	{"workflow-annotated", []Option{WithAnnotate(), WithStage("项目签约")}},
}

func renderWorkflowBytes(t *testing.T, f Format, opts ...Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderBlank(t.Context(), &buf, workflow.ID, f, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText extracts a PDF's text with pdftotext -raw (in content order, so
// a box's lines stay together).
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-raw", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// checkSeedTexts checks that every text of the seed's diagram is in text.
func checkSeedTexts(t *testing.T, what, text string) {
	t.Helper()
	got := squeeze(text)
	for _, s := range seedTexts(t) {
		if !strings.Contains(got, squeeze(s)) {
			t.Errorf("%s: pdftotext does not find %q", what, s)
		}
	}
}

// pdftotext finds every text of the seed's diagram in the PDF.
func TestWorkflowPDFText(t *testing.T) {
	requireTool(t, "pdftotext", "poppler-utils")
	for _, v := range workflowVariants {
		checkSeedTexts(t, v.name, pdfText(t, renderWorkflowBytes(t, PDF, v.opts...)))
	}
}

// libreOffice converts DOCX files (by name) to PDF with LibreOffice, in
// one run, the official font names mapped to the project's fonts (as
// .ci/lofonts.sh does), so that its pages can be compared with ours.
func libreOffice(t *testing.T, docx map[string][]byte) map[string][]byte {
	t.Helper()
	requireTool(t, "soffice", "libreoffice-writer-nogui")
	requireTool(t, "pdftotext", "poppler-utils")
	work := t.TempDir()
	conf := officeFonts(t, work) // the official font names mapped to ours
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(work, "lo"),
		"--convert-to", "pdf", "--outdir", work}
	for name, data := range docx {
		in := filepath.Join(work, name+".docx")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, in)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "soffice", args...)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out := map[string][]byte{}
	for name := range docx {
		pdfData, err := os.ReadFile(filepath.Join(work, name+".pdf"))
		if err != nil {
			t.Fatalf("soffice wrote no PDF of %s: %v", name, err)
		}
		out[name] = pdfData
	}
	return out
}

// pageCount returns the number of pages pdfinfo reports.
func pageCount(t *testing.T, data []byte) int {
	t.Helper()
	requireTool(t, "pdfinfo", "poppler-utils")
	cmd := exec.Command("pdfinfo", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n := 0
			for _, r := range strings.TrimSpace(v) {
				n = n*10 + int(r-'0')
			}
			return n
		}
	}
	return 0
}

// rasterAt renders page 1 of a PDF to a grey image at dpi.
func rasterAt(t *testing.T, data []byte, dpi string) image.Image {
	t.Helper()
	requireTool(t, "pdftoppm", "poppler-utils")
	cmd := exec.Command("pdftoppm", "-png", "-gray", "-r", dpi, "-f", "1", "-l", "1", "-singlefile", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// ruleMask marks the pixels of long straight lines (box frames, solid
// arrows): dark runs of at least n pixels, across or down. Text makes no
// such runs, so two pages with the same mask have their shapes in the
// same places, whatever the fonts.
func ruleMask(img image.Image, n int) [][]bool {
	r := img.Bounds()
	dark := func(x, y int) bool { v, _, _, _ := img.At(x, y).RGBA(); return v < 0x8000 }
	m := make([][]bool, r.Dy())
	for y := range m {
		m[y] = make([]bool, r.Dx())
	}
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); {
			e := x
			for e < r.Dx() && dark(r.Min.X+e, r.Min.Y+y) {
				e++
			}
			if e-x >= n {
				for k := x; k < e; k++ {
					m[y][k] = true
				}
			}
			x = e + 1
		}
	}
	for x := 0; x < r.Dx(); x++ {
		for y := 0; y < r.Dy(); {
			e := y
			for e < r.Dy() && dark(r.Min.X+x, r.Min.Y+e) {
				e++
			}
			if e-y >= n {
				for k := y; k < e; k++ {
					m[k][x] = true
				}
			}
			y = e + 1
		}
	}
	return m
}

// matched returns the share of a's marked pixels that have one of b's
// within d pixels, and how many a has.
func matched(a, b [][]bool, d int) (float64, int) {
	total, hit := 0, 0
	for y := range a {
		for x := range a[y] {
			if !a[y][x] {
				continue
			}
			total++
		search:
			for dy := -d; dy <= d; dy++ {
				for dx := -d; dx <= d; dx++ {
					yy, xx := y+dy, x+dx
					if yy >= 0 && yy < len(b) && xx >= 0 && xx < len(b[yy]) && b[yy][xx] {
						hit++
						break search
					}
				}
			}
		}
	}
	if total == 0 {
		return 0, 0
	}
	return float64(hit) / float64(total), total
}

// The DOCX, opened by LibreOffice, is one page that shows every seed text
// (pdftotext), and its frames and arrows are where the PDF has them.
func TestWorkflowDOCXLibreOffice(t *testing.T) {
	docs := map[string][]byte{}
	for _, v := range workflowVariants {
		docs[v.name] = renderWorkflowBytes(t, DOCX, v.opts...)
	}
	pdfs := libreOffice(t, docs)
	for _, v := range workflowVariants {
		t.Run(v.name, func(t *testing.T) {
			lo := pdfs[v.name]
			if n := pageCount(t, lo); n != 1 {
				t.Errorf("LibreOffice makes %d pages of the DOCX", n)
			}
			checkSeedTexts(t, v.name+".docx", pdfText(t, lo))
			ours := renderWorkflowBytes(t, PDF, v.opts...)
			a, b := ruleMask(rasterAt(t, ours, "72"), 24), ruleMask(rasterAt(t, lo, "72"), 24)
			ab, na := matched(a, b, 2)
			ba, nb := matched(b, a, 2)
			t.Logf("%s: %.1f%% of the PDF's %d line pixels in LibreOffice's page, %.1f%% of its %d in ours", v.name, ab*100, na, ba*100, nb)
			if na < 3000 || ab < 0.97 || ba < 0.97 {
				t.Errorf("the DOCX's shapes are not where the PDF's are: %.1f%% / %.1f%% of line pixels match", ab*100, ba*100)
			}
			writeGolden(t, v.name+"-docx", lo, 0.01)
		})
	}
}

// The PDF's page matches its golden snapshot.
func TestWorkflowGolden(t *testing.T) {
	requireTool(t, "pdftoppm", "poppler-utils")
	for _, v := range workflowVariants {
		writeGolden(t, v.name, renderWorkflowBytes(t, PDF, v.opts...), 0.001)
	}
}

// writeGolden compares page 1 of pdfData, at 40 dpi, with
// testdata/golden/name.png (rewritten with -update), allowing a share of
// pixels to differ.
func writeGolden(t *testing.T, name string, pdfData []byte, allowed float64) {
	t.Helper()
	got := rasterize(t, pdfData)
	file := filepath.Join("testdata", "golden", name+".png")
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("no golden snapshot (run with -update): %v", err)
	}
	diff := pixelDiff(t, got, want)
	t.Logf("%s: %.3f%% of pixels differ", name, diff*100)
	if diff > allowed {
		out := filepath.Join(t.TempDir(), name+".png")
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("page 1 differs from %s in %.2f%% of pixels; new render: %s", file, diff*100, out)
	}
}

// subsetFont is pdffonts' line of an embedded subset with a ToUnicode map.
var subsetFont = regexp.MustCompile(`^([A-Z]{6})\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes`)

// The diagram's PDF is valid for three independent readers, as the forms'
// are (TestPDFConformance): qpdf finds no error, pdffonts shows embedded
// subsets with ToUnicode maps, mutool draws it without a warning.
func TestWorkflowPDFConformance(t *testing.T) {
	requireTool(t, "qpdf", "qpdf")
	requireTool(t, "mutool", "mupdf-tools")
	requireTool(t, "pdffonts", "poppler-utils")
	dir := t.TempDir()
	for _, v := range workflowVariants {
		p := filepath.Join(dir, v.name+".pdf")
		if err := os.WriteFile(p, renderWorkflowBytes(t, PDF, v.opts...), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("qpdf", "--check", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(string(out), "WARNING") {
			t.Errorf("%s: qpdf --check: %v\n%s", v.name, err, out)
		}
		out, err = exec.Command("pdffonts", p).Output()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if err != nil || len(lines) < 4 { // header, rule, and the title, label and body fonts
			t.Errorf("%s: pdffonts: %v\n%s", v.name, err, out)
		}
		for _, l := range lines[min(2, len(lines)):] {
			if !subsetFont.MatchString(l) {
				t.Errorf("%s: font not an embedded subset with ToUnicode: %s", v.name, l)
			}
		}
		cmd := exec.Command("mutool", "draw", "-q", "-N", "-r", "20", "-o", filepath.Join(dir, "page%d.png"), p)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("%s: mutool draw: %v\n%s", v.name, err, stderr.String())
		}
	}
}
