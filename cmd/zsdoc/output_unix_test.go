//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// withUmask runs f under the umask mask. Not for parallel tests: the umask
// belongs to the process.
func withUmask(mask int, f func()) {
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

// anyPerm tells wantMode to accept any permission bits.
const anyPerm = ^fs.FileMode(0)

// wantMode fails the test unless name is a file of type typ with
// permission bits perm (or any, for anyPerm).
func wantMode(t *testing.T, name string, typ fs.FileMode, perm fs.FileMode) {
	t.Helper()
	fi, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Type() != typ {
		t.Errorf("%s: type %v, want %v", name, fi.Mode().Type(), typ)
	}
	if perm != anyPerm && fi.Mode().Perm() != perm {
		t.Errorf("%s: mode %v, want %v", name, fi.Mode().Perm(), perm)
	}
}

// A new file gets the mode os.Create would give it: 0666 less the umask.
func TestOutputModeUnderUmask(t *testing.T) {
	for _, tc := range []struct {
		mask int
		want fs.FileMode
	}{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		out := filepath.Join(t.TempDir(), "out.pdf")
		withUmask(tc.mask, func() { mustRender(t, out) })
		wantMode(t, out, 0, tc.want)
	}
}

// A replaced file keeps its permission bits (whatever the umask) and, when
// the process may keep it, its owner.
func TestOutputKeepsModeAndOwner(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o640); err != nil {
		t.Fatal(err)
	}
	root := os.Geteuid() == 0
	if root {
		if err := os.Chown(out, 1234, 5678); err != nil {
			t.Fatal(err)
		}
	}
	withUmask(0o077, func() { mustRender(t, out) })
	isPDF(t, out)
	wantMode(t, out, 0, 0o640)
	if root {
		st := stat(t, out)
		if st.Uid != 1234 || st.Gid != 5678 {
			t.Errorf("owner %d:%d, want 1234:5678", st.Uid, st.Gid)
		}
	}
	noTemp(t, dir)
}

// A symbolic link is followed, through a chain, and stays a link.
func TestOutputFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link1 := filepath.Join(dir, "link1.pdf") // relative: target.pdf
	link2 := filepath.Join(dir, "link2.pdf") // absolute: …/link1.pdf
	symlink(t, "target.pdf", link1)
	symlink(t, link1, link2)
	for _, out := range []string{link1, link2} {
		mustRender(t, out)
		wantMode(t, out, fs.ModeSymlink, anyPerm)
		isPDF(t, target)
		wantMode(t, target, 0, 0o640)
	}
	if dest, _ := os.Readlink(link1); dest != "target.pdf" {
		t.Errorf("link1 now points to %q", dest)
	}
	noTemp(t, dir)
}

// A dangling link creates the file it points to and stays a link.
func TestOutputDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.pdf")
	symlink(t, "sub/new.pdf", link)
	mustRender(t, link)
	wantMode(t, link, fs.ModeSymlink, anyPerm)
	isPDF(t, filepath.Join(dir, "sub", "new.pdf"))

	// A dangling link into a missing directory: exit 2, the link named.
	bad := filepath.Join(dir, "bad.pdf")
	symlink(t, "none/new.pdf", bad)
	wantUsage(t, renderTo(t, bad), bad, "目录不存在")
	wantMode(t, bad, fs.ModeSymlink, anyPerm)
}

// A loop of links is a usage error naming the path given.
func TestOutputSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	symlink(t, "b.pdf", a)
	symlink(t, "a.pdf", b)
	wantUsage(t, renderTo(t, a), a, "成环")
	wantMode(t, a, fs.ModeSymlink, anyPerm)
	wantMode(t, b, fs.ModeSymlink, anyPerm)
	noTemp(t, dir)
}

// A file with several hard links is written in place: the links stay.
func TestOutputHardLink(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.pdf")
	other := filepath.Join(dir, "other.pdf")
	if err := os.WriteFile(out, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(out, other); err != nil {
		t.Fatal(err)
	}
	mustRender(t, out)
	isPDF(t, other)
	a, b := stat(t, out), stat(t, other)
	if a.Ino != b.Ino || a.Nlink != 2 {
		t.Errorf("inodes %d and %d, %d links: the hard link broke", a.Ino, b.Ino, a.Nlink)
	}
	wantMode(t, out, 0, 0o640)
	noTemp(t, dir)
}

// A FIFO is written through, not replaced.
func TestOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	got := make(chan []byte)
	go func() {
		data, _ := os.ReadFile(fifo)
		got <- data
	}()
	mustRender(t, fifo)
	select {
	case data := <-got:
		if len(data) < 5 || string(data[:5]) != "%PDF-" {
			t.Errorf("read %d bytes from the FIFO, not a PDF", len(data))
		}
	case <-time.After(10 * time.Second):
		// The reader still waits: nothing opened the FIFO (it was replaced).
		t.Error("nothing was written to the FIFO")
	}
	wantMode(t, fifo, fs.ModeNamedPipe, anyPerm)
	noTemp(t, dir)
}

// --out /dev/null discards the output and leaves /dev/null a device.
func TestOutputDevNull(t *testing.T) {
	fi, err := os.Lstat("/dev/null")
	if err != nil || fi.Mode().Type() != fs.ModeDevice|fs.ModeCharDevice {
		t.Skip("no character device /dev/null")
	}
	mustRender(t, "/dev/null")
	wantMode(t, "/dev/null", fs.ModeDevice|fs.ModeCharDevice, anyPerm)
}

func symlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.Symlink(dest, link); err != nil {
		t.Fatal(err)
	}
}

func stat(t *testing.T, name string) *syscall.Stat_t {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		t.Fatal("no syscall.Stat_t")
	}
	return st
}
