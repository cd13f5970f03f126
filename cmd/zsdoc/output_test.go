package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exampleIn is the input the output tests render.
const exampleIn = "../../examples/supervision.json"

// renderTo renders the 督办单 example to out through the command line.
func renderTo(t *testing.T, out string) result {
	t.Helper()
	return zsdoc(t, nil, "render", "--form", "supervision", "--in", exampleIn, "--out", out)
}

// mustRender renders to out and fails the test unless that succeeds and
// reports the path the user gave.
func mustRender(t *testing.T, out string) {
	t.Helper()
	r := renderTo(t, out)
	if r.code != 0 {
		t.Fatalf("--out %s: exit %d: %s", out, r.code, r.stderr)
	}
	if want := "已生成 " + out + "\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// isPDF fails the test unless the file name holds a PDF.
func isPDF(t *testing.T, name string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("%s is not a PDF: starts %q", name, data[:min(10, len(data))])
	}
}

// noTemp fails the test if a temporary file is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".zsdoc-") {
			t.Errorf("temporary file %s left in %s", e.Name(), dir)
		}
	}
}

// wantUsage fails the test unless r is exit 2 with a message that names
// out, contains want and shows no temporary file name.
func wantUsage(t *testing.T, r result, out, want string) {
	t.Helper()
	if r.code != 2 {
		t.Errorf("--out %s: exit %d, want 2 (stderr %q)", out, r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "“"+out+"”") || !strings.Contains(r.stderr, want) {
		t.Errorf("--out %s: stderr %q should name the path and say %q", out, r.stderr, want)
	}
	if strings.Contains(r.stderr, ".zsdoc-") {
		t.Errorf("--out %s: stderr shows a temporary file: %q", out, r.stderr)
	}
}

func TestOutputNewFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "督办单.pdf")
	mustRender(t, out)
	isPDF(t, out)
	noTemp(t, dir)
}

func TestOutputReplacesFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(out, []byte("old content, longer than nothing"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRender(t, out)
	isPDF(t, out)
	noTemp(t, dir)
}

// --out naming a directory is a usage error that says so.
func TestOutputDirectory(t *testing.T) {
	dir := t.TempDir()
	wantUsage(t, renderTo(t, dir), dir, "是一个目录")
	noTemp(t, dir)
}

// A path that cannot be created: exit 2, the user's path named, nothing
// written. (Tests run as root, so the paths fail by their shape, not by
// their permissions.)
func TestOutputUnwritablePath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ out, want string }{
		{filepath.Join(dir, "none", "x.pdf"), "目录不存在"},
		{filepath.Join(file, "sub.pdf"), "不是目录"},
	} {
		wantUsage(t, renderTo(t, tc.out), tc.out, tc.want)
		if _, err := os.Lstat(tc.out); err == nil {
			t.Errorf("%s was created", tc.out)
		}
	}
	noTemp(t, dir)
}

func TestWriteOutputStdout(t *testing.T) {
	var stdout, stderr bytes.Buffer
	e := env{stdout: &stdout, stderr: &stderr}
	if err := writeOutput("-", []byte("data"), e); err != nil {
		t.Fatal(err)
	}
	if stdout.String() != "data" || stderr.Len() != 0 {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}

// writeOutput's errors carry exit 2 and a message without temp names.
func TestWriteOutputErrors(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"", dir, filepath.Join(dir, "none", "x.pdf")} {
		var stderr bytes.Buffer
		err := writeOutput(name, []byte("data"), env{stderr: &stderr})
		var ee *exitError
		if !errors.As(err, &ee) || ee.code != exitUsage {
			t.Errorf("writeOutput(%q) = %v, want a usage error", name, err)
			continue
		}
		if !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), ".zsdoc-") {
			t.Errorf("writeOutput(%q): message %q", name, err)
		}
		if stderr.Len() != 0 {
			t.Errorf("writeOutput(%q) reported success: %q", name, stderr.String())
		}
	}
}

func TestWriteOutputNewFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x.docx")
	var stderr bytes.Buffer
	if err := writeOutput(name, []byte("data"), env{stderr: &stderr}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(name); string(got) != "data" {
		t.Errorf("file holds %q", got)
	}
	if stderr.String() != "已生成 "+name+"\n" {
		t.Errorf("stderr %q", stderr.String())
	}
	noTemp(t, dir)
}
