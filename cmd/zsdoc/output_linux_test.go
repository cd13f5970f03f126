package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// A character device node is written through, not replaced. The node is
// a private copy of /dev/null, so a failure cannot harm the system.
func TestOutputCharDevice(t *testing.T) {
	dir := t.TempDir()
	null := filepath.Join(dir, "null")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, devNull(t)); err != nil {
		t.Skip("mknod:", err)
	}
	mustRender(t, null)
	wantMode(t, null, fs.ModeDevice|fs.ModeCharDevice, anyPerm)
	noTemp(t, dir)
}

// /proc/self/fd/N (what /dev/stdout is) naming a pipe is written through.
func TestOutputProcFdPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := "/proc/self/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(out); err != nil {
		w.Close()
		t.Skip("no /proc/self/fd")
	}
	got := make(chan []byte)
	go func() {
		data, _ := io.ReadAll(r)
		got <- data
	}()
	res := renderTo(t, out)
	w.Close()
	data := <-got
	if res.code != 0 || len(data) < 5 || string(data[:5]) != "%PDF-" {
		t.Errorf("exit %d (%s), read %d bytes from the pipe", res.code, res.stderr, len(data))
	}
}

// /proc/self/fd/N naming a regular file replaces that file, by its path.
func TestOutputProcFdFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out.pdf")
	f, err := os.Create(target)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := "/proc/self/fd/" + strconv.Itoa(int(f.Fd()))
	if _, err := os.Stat(out); err != nil {
		t.Skip("no /proc/self/fd")
	}
	mustRender(t, out)
	isPDF(t, target)
	noTemp(t, dir)
}

// devNull is the device number of /dev/null.
func devNull(t *testing.T) int {
	t.Helper()
	fi, err := os.Stat("/dev/null")
	if err != nil {
		t.Skip(err)
	}
	return int(fi.Sys().(*syscall.Stat_t).Rdev)
}
