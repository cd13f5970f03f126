package seal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// sealDir creates a folder holding files (name → content; a name ending
// in "/" is a subdirectory) and returns its path.
func sealDir(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		var err error
		if strings.HasSuffix(name, "/") {
			err = os.Mkdir(path, 0o755)
		} else {
			err = os.WriteFile(path, data, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadDir(t *testing.T) {
	a, b := pngOf(t, drawSeal(40)), pngOf(t, drawSeal(50))
	dir := sealDir(t, map[string][]byte{
		"unit-a.png":     a,
		"单位乙.PNG":        b,
		"specimen.Png":   a, // replaces the built-in specimen
		"readme.txt":     []byte("not a seal"),
		"unit-c.png.bak": []byte("old"),
		"old.png/":       nil, // a directory, not a seal
		".hidden.png":    []byte("junk"),
		"._unit-a.png":   []byte("macOS AppleDouble junk"),
	})
	if err := os.Symlink(filepath.Join(dir, "unit-a.png"), filepath.Join(dir, "linked.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "old.png"), filepath.Join(dir, "dirlink.png")); err != nil {
		t.Fatal(err)
	}
	s, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.IDs(), []string{"linked", "specimen", "unit-a", "单位乙"}; !slices.Equal(got, want) {
		t.Errorf("IDs = %q, want %q", got, want)
	}
	for id, width := range map[string]int{"unit-a": 40, "单位乙": 50, "specimen": 40, "linked": 40} {
		img, err := s.Seal(id, 1000)
		if err != nil || img.Width != width {
			t.Errorf("Seal(%s) = %d px, %v; want %d px", id, img.Width, err, width)
		}
	}
}

func TestLoadDirRefuses(t *testing.T) {
	good := pngOf(t, drawSeal(40))
	for _, c := range []struct {
		name  string
		files map[string][]byte
		want  string // the message starts so; {dir} is the folder
		code  Code   // of the wrapped *Error, if any
	}{
		{"bad PNG", map[string][]byte{"a.png": good, "b.png": []byte("\xff\xd8\xff\xe0JFIF")},
			"印章文件 {dir}/b.png：印章图片不是 PNG 文件（看起来是 JPEG 图片）", CodeFormat},
		{"empty", map[string][]byte{"b.png": nil}, "印章文件 {dir}/b.png：印章图片文件是空的", CodeEmpty},
		{"space", map[string][]byte{"a b.png": good}, "印章文件 {dir}/a b.png：文件名不能用作印章编号：编号只能包含", ""},
		{"symbol", map[string][]byte{"b&c.png": good},
			"印章文件 {dir}/b&c.png：文件名不能用作印章编号：编号只能包含字母、数字和“-”“_”“.”，不能有“&”", ""},
		{"too long", map[string][]byte{strings.Repeat("b", 61) + ".png": good},
			"印章文件 {dir}/" + strings.Repeat("b", 61) + ".png：文件名不能用作印章编号：编号有 61 个字符", ""},
		{"one id twice", map[string][]byte{"b.png": good, "b.PNG": good},
			"印章文件 {dir}/b.png：与 {dir}/b.PNG 的印章编号同为“b”", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := sealDir(t, c.files)
			_, err := LoadDir(dir)
			if err == nil {
				t.Fatal("no error")
			}
			if want := strings.ReplaceAll(c.want, "{dir}", dir); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q\nwant it to start %q", err, want)
			}
			var e *Error
			if errors.As(err, &e) != (c.code != "") || c.code != "" && e.Code != c.code {
				t.Errorf("error %v: wraps %v, want code %q", err, e, c.code)
			}
		})
	}
}

func TestLoadDirBadFolder(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-such-folder")
	_, err := LoadDir(missing)
	if err == nil || !errors.Is(err, fs.ErrNotExist) || err.Error() != "印章目录 "+missing+" 不存在" {
		t.Errorf("missing folder: %v", err)
	}
	file := filepath.Join(dir, "seals")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDir(file); err == nil || err.Error() != "印章目录 "+file+" 不是目录" {
		t.Errorf("file as folder: %v", err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.png"), filepath.Join(dir, "broken.png")); err != nil {
		t.Fatal(err)
	}
	os.Remove(file)
	_, err = LoadDir(dir)
	if want := "印章文件 " + filepath.Join(dir, "broken.png") + "：是符号链接"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("broken link: %v", err)
	}
	if os.Geteuid() != 0 { // root reads anything
		locked := sealDir(t, map[string][]byte{"a.png": pngOf(t, drawSeal(40))})
		os.Chmod(filepath.Join(locked, "a.png"), 0)
		if _, err := LoadDir(locked); err == nil || !strings.Contains(err.Error(), "a.png：没有读取权限") {
			t.Errorf("unreadable file: %v", err)
		}
	}
}

// TestLoadDirTooMany: MaxSeals files load; one more is refused before any
// file is read (the extra files here are not even PNGs).
func TestLoadDirTooMany(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a thousand files")
	}
	tiny := pngOf(t, drawSeal(16))
	files := map[string][]byte{"notes.txt": nil, "sub/": nil}
	for i := range MaxSeals {
		files[fmt.Sprintf("s%04d.png", i)] = tiny
	}
	dir := sealDir(t, files)
	s, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.IDs()); n != MaxSeals+1 {
		t.Errorf("%d seals, want %d and the specimen", n, MaxSeals)
	}
	if err := os.WriteFile(filepath.Join(dir, "zz.png"), []byte("not a PNG"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadDir(dir)
	if want := fmt.Sprintf("印章目录 %s 中有 1001 个印章文件，超过上限 1000 个", dir); err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
}

// TestLoadDirHuge: a 10 GB (sparse) file is refused on its size, at once.
func TestLoadDirHuge(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "huge.png"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(pngSignature))
	if err := f.Truncate(10 << 30); err != nil {
		t.Skip("cannot make a sparse file:", err)
	}
	f.Close()
	start := time.Now()
	_, err = LoadDir(dir)
	wantCode(t, err, CodeSize)
	if !strings.HasPrefix(err.Error(), "印章文件 "+filepath.Join(dir, "huge.png")+"：印章图片文件过大（10240.0 MB") {
		t.Errorf("error %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing took %v", d)
	}
}

// endless is a reader that never ends, counting what it gives.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n > 4*MaxFileSize {
		return 0, errors.New("read far past the limit")
	}
	e.n += int64(len(p))
	return len(p), nil
}

// TestReadLimited: a file that grows after it is measured is read no
// further than one byte past the limit.
func TestReadLimited(t *testing.T) {
	var r endless
	_, err := readLimited(&r)
	wantCode(t, err, CodeSize)
	if r.n > MaxFileSize+1<<16 {
		t.Errorf("read %d bytes", r.n)
	}
	data, err := readLimited(io.LimitReader(&r, MaxFileSize))
	if err != nil || len(data) != MaxFileSize {
		t.Errorf("a file of MaxFileSize bytes: %d bytes, %v", len(data), err)
	}
}
