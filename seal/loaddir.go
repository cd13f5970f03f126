package seal

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// MaxSeals is the largest number of seal files LoadDir loads from a folder.
const MaxSeals = 1000

// LoadDir returns a Store holding the specimen seal (see NewStore) and one
// seal for every file <id>.png in dir, the extension in any case (x.PNG is
// seal x). The id rules are Add's.
//
// Only dir itself is read, not its subdirectories. Subdirectories, files
// with other extensions, files that are not regular files (FIFOs, devices)
// and hidden files (names starting with '.', such as the ._x.png files
// macOS leaves on USB drives, which cannot be ids anyway) are ignored. A
// symbolic link is followed, and loaded if it leads to a regular file;
// a broken link named <id>.png is an error. A file specimen.png replaces
// the built-in specimen seal.
//
// Every file is read and checked with Decode before LoadDir returns, so a
// server refuses to start with a bad seal rather than fail while stamping.
// The first problem is an error whose message, in Chinese, names the file
// and says what is wrong — a bad file name, an unreadable file, a file
// Decode refuses (the error then wraps its *Error), two files for one id —
// or, before any file is read, names dir when it cannot be read or holds
// more than MaxSeals seal files. A file larger than MaxFileSize is refused
// on its size alone, without reading it.
func LoadDir(dir string) (*Store, error) {
	files, err := sealFiles(dir)
	if err != nil {
		return nil, err
	}
	s := NewStore()
	loaded := make(map[string]string, len(files)) // id → path
	for _, path := range files {
		name := filepath.Base(path)
		id := name[:len(name)-len(".png")]
		if err := checkID(id); err != nil {
			return nil, fmt.Errorf("印章文件 %s：文件名不能用作印章编号：%s", path, err)
		}
		if other, ok := loaded[id]; ok {
			return nil, fmt.Errorf("印章文件 %s：与 %s 的印章编号同为“%s”，请删除或改名其中一个", path, other, id)
		}
		data, err := readSealFile(path)
		if err != nil {
			return nil, fmt.Errorf("印章文件 %s：%w", path, err)
		}
		img, err := Decode(data)
		if err != nil {
			return nil, fmt.Errorf("印章文件 %s：%w", path, err)
		}
		s.put(id, img)
		loaded[id] = path
	}
	return s, nil
}

// sealFiles returns the paths of the seal files in dir, sorted by name.
func sealFiles(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &wrapped{msg: fmt.Sprintf("印章目录 %s 不存在", dir), err: err}
	case err != nil:
		return nil, fmt.Errorf("印章目录 %s %w", dir, readFailure(err))
	case !info.IsDir():
		return nil, fmt.Errorf("印章目录 %s 不是目录", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("印章目录 %s %w", dir, readFailure(err))
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".png") {
			continue
		}
		path := filepath.Join(dir, name)
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			target, err := os.Stat(path)
			if err != nil {
				return nil, &wrapped{msg: fmt.Sprintf("印章文件 %s：是符号链接，但指向的文件不存在或无法访问", path), err: err}
			}
			mode = target.Mode()
		}
		if !mode.IsRegular() {
			continue
		}
		files = append(files, path)
	}
	if len(files) > MaxSeals {
		return nil, fmt.Errorf("印章目录 %s 中有 %d 个印章文件，超过上限 %d 个：请只保留需要的印章", dir, len(files), MaxSeals)
	}
	return files, nil
}

// readSealFile reads the regular file at path, refusing one larger than
// MaxFileSize without reading it.
func readSealFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, readFailure(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, readFailure(err)
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("不是普通文件")
	}
	if info.Size() > MaxFileSize {
		return nil, errSize(int(min(info.Size(), math.MaxInt)))
	}
	return readLimited(f)
}

// readLimited reads r to its end, but no more than MaxFileSize+1 bytes: a
// file that grew since it was measured is refused without reading it all.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, readFailure(err)
	}
	if len(data) > MaxFileSize {
		return nil, errSize(len(data))
	}
	return data, nil
}

// readFailure says in Chinese why a file or folder could not be read,
// wrapping err (an *fs.PathError, whose text repeats the path).
func readFailure(err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	if errors.Is(err, fs.ErrPermission) {
		return &wrapped{msg: "没有读取权限", err: err}
	}
	return &wrapped{msg: fmt.Sprintf("无法读取（%v）", cause), err: err}
}

// wrapped is an error with a Chinese message of its own that wraps err.
type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }

func (w *wrapped) Unwrap() error { return w.err }
