package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A font file that cannot be used — truncated, not a font, missing — is
// exit 2 with a message naming the file, for render and validate alike.
func TestBadFontFiles(t *testing.T) {
	dir := t.TempDir()
	tiny, err := os.ReadFile("../../fonts/testdata/tiny.ttf")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"truncated.ttf": tiny[:len(tiny)/3],
		"text.ttf":      []byte("这不是字体文件"),
		"empty.ttf":     {},
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files["missing.ttf"] = nil
	for name := range files {
		path := filepath.Join(dir, name)
		for _, args := range [][]string{
			{"render", "--form", "supervision", "--in", "../../examples/supervision.json", "--out", "-", "--font-body", path},
			{"validate", "--form", "supervision", "--in", "../../examples/supervision.json", "--font-fallback", path},
		} {
			r := zsdoc(t, nil, args...)
			if r.code != 2 || !strings.Contains(r.stderr, name) || r.stdout != "" {
				t.Errorf("%s %s: exit %d, stderr %q", args[0], name, r.code, r.stderr)
			}
		}
	}
}
