package main

import (
	"image"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfImageWidths returns the /Width of every image XObject in a PDF (a
// seal is two: its colours and its alpha mask).
func pdfImageWidths(t *testing.T, pdf string) []int {
	t.Helper()
	var out []int
	re := regexp.MustCompile(`/Subtype\s*/Image[^>]*?/Width\s+(\d+)|/Width\s+(\d+)[^>]*?/Subtype\s*/Image`)
	for _, m := range re.FindAllStringSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(m[1] + m[2])
		out = append(out, n)
	}
	return out
}

// withSeal returns the example of form with its "seal" id replaced.
func withSeal(t *testing.T, form, id string) string {
	t.Helper()
	data, err := os.ReadFile("../../examples/" + form + ".json")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Replace(string(data), `"seal": "specimen"`, `"seal": "`+id+`"`, 1)
}

// The seal an input names is looked up in --seals (or ZSDOC_SEALS) and
// stamped; the specimen is built in; an unknown id is invalid input for
// validate and render alike; --seal overrides every id.
func TestSealIDs(t *testing.T) {
	dir := t.TempDir()
	big := sealPNG(t, image.NewNRGBA(image.Rect(0, 0, 2000, 2000)))
	if err := os.WriteFile(filepath.Join(dir, "jingkai.png"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(t.TempDir(), "mine.png")
	if err := os.WriteFile(mine, sealPNG(t, image.NewNRGBA(image.Rect(0, 0, 300, 300))), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{"signing", "supervision"} {
		jingkai, unknown := withSeal(t, form, "jingkai"), withSeal(t, form, "nosuch")

		// The specimen, built in, with no seal folder at all.
		r := zsdoc(t, strings.NewReader(withSeal(t, form, "specimen")), "render", "--form", form, "--out", "-", "--seals", "")
		if w := pdfImageWidths(t, r.stdout); r.code != 0 || len(w) != 2 {
			t.Errorf("%s specimen: exit %d, images %v, stderr %s", form, r.code, w, r.stderr)
		}
		// A seal of the folder, embedded at print resolution: 42 mm at 300 dpi.
		r = zsdoc(t, strings.NewReader(jingkai), "render", "--form", form, "--out", "-", "--seals", dir)
		if w := pdfImageWidths(t, r.stdout); r.code != 0 || len(w) != 2 || w[0] != 497 || w[1] != 497 {
			t.Errorf("%s jingkai: exit %d, image widths %v (want [497 497]), stderr %s", form, r.code, w, r.stderr)
		}
		// Unknown: validate and render both say so, exit 1, nothing written.
		want := "【印章】“nosuch”不存在"
		r = zsdoc(t, strings.NewReader(unknown), "validate", "--form", form, "--seals", dir)
		if r.code != 1 || !strings.Contains(r.stdout, want) {
			t.Errorf("%s validate unknown: exit %d, stdout %q", form, r.code, r.stdout)
		}
		r = zsdoc(t, strings.NewReader(unknown), "render", "--form", form, "--out", "-", "--seals", dir)
		if r.code != 1 || !strings.Contains(r.stderr, want) || r.stdout != "" {
			t.Errorf("%s render unknown: exit %d, stderr %q, %d bytes out", form, r.code, r.stderr, len(r.stdout))
		}
		// --seal stamps its image whatever the input names.
		r = zsdoc(t, strings.NewReader(unknown), "render", "--form", form, "--out", "-", "--seals", dir, "--seal", mine)
		if w := pdfImageWidths(t, r.stdout); r.code != 0 || len(w) != 2 || w[0] != 300 {
			t.Errorf("%s --seal: exit %d, images %v, stderr %s", form, r.code, w, r.stderr)
		}
	}
	// A folder holding a file that is not a seal is a usage error naming it.
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "broken.png"), []byte("not a png"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := zsdoc(t, nil, "render", "--form", "supervision", "--blank", "--out", "-", "--seals", bad)
	if r.code != 2 || !strings.Contains(r.stderr, "broken.png") {
		t.Errorf("bad folder: exit %d, stderr %q", r.code, r.stderr)
	}
}
