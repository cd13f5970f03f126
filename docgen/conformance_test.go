package docgen

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// Every rendering of every example and blank form, on both papers and with
// a seal, is a valid PDF for three independent readers: qpdf finds no
// error, pdffonts shows every font embedded as a subset with a ToUnicode
// map, and mutool draws every page without a warning.
func TestPDFConformance(t *testing.T) {
	requireTool(t, "qpdf", "qpdf")
	requireTool(t, "mutool", "mupdf-tools")
	requireTool(t, "pdffonts", "poppler-utils")
	dir := t.TempDir()
	var files []string
	add := func(name string, render func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	ctx := context.Background()
	for _, in := range forms.All() {
		f := parseExample(t, in.ID)
		add(string(in.ID), func(b *bytes.Buffer) error { return Render(ctx, b, f, PDF, WithSeal(examples.SpecimenSeal())) })
		add(string(in.ID)+"-blank", func(b *bytes.Buffer) error { return RenderBlank(ctx, b, in.ID, PDF) })
	}
	add("signing-a4", func(b *bytes.Buffer) error {
		return Render(ctx, b, parseExample(t, forms.SigningID), PDF, WithPaper(A4))
	})
	fontLine := regexp.MustCompile(`^([A-Z]{6})\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes`)
	for _, p := range files {
		name := filepath.Base(p)
		out, err := exec.Command("qpdf", "--check", p).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(string(out), "WARNING") {
			t.Errorf("%s: qpdf --check: %v\n%s", name, err, out)
		}
		out, err = exec.Command("pdffonts", p).Output()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if err != nil || len(lines) < 3 {
			t.Errorf("%s: pdffonts: %v\n%s", name, err, out)
			continue
		}
		for _, l := range lines[2:] {
			if !fontLine.MatchString(l) {
				t.Errorf("%s: font not an embedded subset with ToUnicode: %s", name, l)
			}
		}
		cmd := exec.Command("mutool", "draw", "-q", "-N", "-r", "20", "-o", filepath.Join(dir, "page%d.png"), p)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("%s: mutool draw: %v\n%s", name, err, stderr.String())
		}
	}
}

// A user font with composite glyphs (DejaVu Sans: Ä, é, ǅ are built from
// components) renders: the subset carries the components, and the readers
// accept it.
func TestPDFCompositeGlyphFont(t *testing.T) {
	const path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s missing: install Debian's fonts-dejavu-core", path)
		}
		t.Skip("no DejaVu Sans")
	}
	requireTool(t, "qpdf", "qpdf")
	requireTool(t, "pdftotext", "poppler-utils")
	face, err := fonts.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	f := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	f.Target = "Ärztekammer Société ǅemal"
	var buf bytes.Buffer
	if err := Render(context.Background(), &buf, f, PDF, WithFonts(set.With(fonts.Body, face))); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "composite.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command("pdftotext", "-raw", p, "-").Output()
	if err != nil || !strings.Contains(string(out), f.Target) {
		t.Errorf("pdftotext: %v; %q lacks %q", err, out, f.Target)
	}
}
