package pdfw

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// toolDoc writes the tools' test document into dir: pages of text in the
// tiny font both subset (renumbered) and whole (original glyph ids), in the
// embedded Noto font (whole), lines, a seal with alpha (multiply, on every
// page) and an opaque photo. It returns the file and each page's text.
func toolDoc(t *testing.T, dir string) (string, [][]string, int) {
	t.Helper()
	var buf bytes.Buffer
	w, err := New(&buf, testOptions())
	check(t, err)
	sub, whole := readTTF(t, mustRead(t, tinyPath), false), readTTF(t, mustRead(t, tinyPath), true)
	noto := loadTTF(t, notoPath(t), true)
	fs, err := w.AddFont(sub)
	check(t, err)
	fw, err := w.AddFont(whole)
	check(t, err)
	fn, err := w.AddFont(noto)
	check(t, err)
	tinyRuns := func(f *FontRef, ttf *testTTF) []run {
		return []run{
			{f, ttf, 12, 0, "ABC012"},
			{f, ttf, 14, 0, "中文字表，ABC"},
			{f, ttf, 10, 0, "表A中B"},
			{f, ttf, 16, 0, "中\U00020000中\U00020000"},
			{f, ttf, 12, 0.6, "文字表中"},
			{f, ttf, 12, 0, "CBA210"},
		}
	}
	notoRuns := []run{
		{fn, noto, 14, 0, "督办单：关于加快推进政务服务“一网通办”的通知"},
		{fn, noto, 10.5, 0.25, "请于2025年3月31日前办结，并将办理结果报送市政府办公厅。"},
		{fn, noto, 10.5, 0, "联系人：王小明；电话：010-12345678（工作日）"},
	}
	s := sample{seal: sealPNG(t, 120), photo: opaquePNG(t, 64, 48), pages: [][]run{
		tinyRuns(fs, sub),
		tinyRuns(fw, whole),
		notoRuns,
		append(tinyRuns(fs, sub)[:2], notoRuns[0], tinyRuns(fw, whole)[3]),
	}}
	texts := s.write(t, w)
	check(t, w.Close())
	path := filepath.Join(dir, "test.pdf")
	check(t, os.WriteFile(path, buf.Bytes(), 0o644))
	if keep := os.Getenv("PDFW_KEEP"); keep != "" { // for looking at the file
		check(t, os.WriteFile(keep, buf.Bytes(), 0o644))
	}
	return path, texts, 3
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestTools checks the document with qpdf, mutool and poppler's tools.
func TestTools(t *testing.T) {
	path, texts, nfonts := toolDoc(t, t.TempDir())

	t.Run("qpdf", func(t *testing.T) {
		out, errOut, err := runTool(t, "qpdf", "--check", path)
		t.Logf("qpdf --check:\n%s%s", out, errOut)
		if err != nil || errOut != "" || strings.Contains(strings.ToLower(out), "warning") ||
			!strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("qpdf --check failed (%v)", err)
		}
	})
	t.Run("mutool", func(t *testing.T) {
		for _, args := range [][]string{{"draw", "-q", "-N", "-o", filepath.Join(t.TempDir(), "p%d.png"), path}, {"info", path}} {
			out, errOut, err := runTool(t, "mutool", args...)
			t.Logf("mutool %s: stderr %q\n%s", args[0], errOut, out)
			if err != nil || errOut != "" {
				t.Errorf("mutool %s: %v, stderr %q", args[0], err, errOut)
			}
		}
	})
	t.Run("pdfinfo", func(t *testing.T) {
		out, errOut, err := runTool(t, "pdfinfo", "-f", "1", "-l", "100", path)
		t.Logf("pdfinfo:\n%s", out)
		out = strings.Join(fields(out), " ")
		if err != nil || errOut != "" {
			t.Fatalf("pdfinfo: %v, %s", err, errOut)
		}
		for _, want := range []string{"Title: 督办单 (test)", "Subject: pdfw", "Creator: zsdoc",
			"Producer: zsdoc pdfw", "CreationDate: Mon Mar 3 21:06:07 2025 UTC", "Pages: 4", "PDF version: 1.7",
			"Page 1 size: 595.28 x 841.89 pts (A4)", "Page 2 size: 419.53 x 297.64 pts",
			"Page 3 size: 595.28 x 841.89 pts (A4)", "Page 4 size: 419.53 x 297.64 pts"} {
			if !strings.Contains(out, want) {
				t.Errorf("pdfinfo lacks %q", want)
			}
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		for i, lines := range texts {
			for _, mode := range []string{"-raw", "-layout"} {
				page := []string{"-f", itoa(i + 1), "-l", itoa(i + 1)}
				out, errOut, err := runTool(t, "pdftotext", append(append([]string{mode, "-enc", "UTF-8"}, page...), path, "-")...)
				if err != nil || errOut != "" {
					t.Fatalf("pdftotext: %v, %s", err, errOut)
				}
				got := strings.TrimSpace(strings.TrimRight(out, "\f\n"))
				var gotLines []string
				for _, l := range strings.Split(got, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						gotLines = append(gotLines, l)
					}
				}
				if strings.Join(gotLines, "\n") != strings.Join(lines, "\n") {
					t.Errorf("page %d (%s): pdftotext returned\n%q\nwant\n%q", i+1, mode, gotLines, lines)
				}
			}
		}
	})
	t.Run("pdffonts", func(t *testing.T) {
		out, errOut, err := runTool(t, "pdffonts", path)
		t.Logf("pdffonts:\n%s", out)
		if err != nil || errOut != "" {
			t.Fatalf("pdffonts: %v, %s", err, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
		if len(lines) != nfonts {
			t.Fatalf("pdffonts lists %d fonts, want %d", len(lines), nfonts)
		}
		for _, l := range lines {
			f := fields(l)
			// name type(2 words) encoding emb sub uni object ID
			if len(f) != 9 || !strings.Contains(f[0], "+") || f[1]+" "+f[2] != "CID TrueType" || f[3] != "Identity-H" ||
				f[4] != "yes" || f[5] != "yes" || f[6] != "yes" {
				t.Errorf("pdffonts line %q: want a subset tag, CID TrueType, Identity-H, emb sub uni yes", l)
			}
		}
	})
	t.Run("pdfimages", func(t *testing.T) {
		out, errOut, err := runTool(t, "pdfimages", "-list", path)
		t.Logf("pdfimages -list:\n%s", out)
		if err != nil || errOut != "" {
			t.Fatalf("pdfimages: %v, %s", err, errOut)
		}
		objs := map[string]map[string]bool{} // type → object numbers
		count := map[string]int{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n")[2:] {
			f := fields(l)
			// page num type width height color comp bpc enc interp object ID ...
			typ, obj := f[2], f[10]
			if objs[typ] == nil {
				objs[typ] = map[string]bool{}
			}
			objs[typ][obj] = true
			count[typ+" "+f[3]+"x"+f[4]+" "+f[5]]++
		}
		if len(objs["image"]) != 2 || len(objs["smask"]) != 1 {
			t.Errorf("want two image objects and one soft mask, got %v", objs)
		}
		if count["image 120x120 rgb"] != len(texts) || count["smask 120x120 gray"] != len(texts) || count["image 64x48 rgb"] != 1 {
			t.Errorf("want the seal and its mask on every page, the photo once: %v", count)
		}
	})
}

func itoa(n int) string { return string(appendInt(nil, n)) }

// TestToolsManyPages checks a 1,000-page document (page tree, xref past
// many buffer flushes) with qpdf and pdfinfo.
func TestToolsManyPages(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	tool(t, "qpdf")
	var buf bytes.Buffer
	d := newBenchDoc(t, &buf)
	for i := 0; i < 1000; i++ {
		d.page(t)
	}
	check(t, d.w.Close())
	parsePDF(t, buf.Bytes())
	path := filepath.Join(t.TempDir(), "many.pdf")
	check(t, os.WriteFile(path, buf.Bytes(), 0o644))
	out, errOut, err := runTool(t, "qpdf", "--check", path)
	if err != nil || errOut != "" || strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check: %v\n%s%s", err, out, errOut)
	}
	out, _, err = runTool(t, "pdfinfo", path)
	if err != nil || !strings.Contains(strings.Join(fields(out), " "), "Pages: 1000") {
		t.Errorf("pdfinfo: %v\n%s", err, out)
	}
	t.Logf("1,000 pages: %d bytes", buf.Len())
}
