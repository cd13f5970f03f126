package main

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// maxLinks bounds how many symbolic links writeOutput follows before it
// calls the chain a loop (Linux's MAXSYMLINKS).
const maxLinks = 40

// writeOutput writes data to the file name, or to stdout for "-", and on
// success reports "已生成 <name>" on stderr.
//
// What name points at decides how it is written:
//
//   - nothing: a new regular file, with the mode os.Create would give it
//     (0666 less the umask);
//   - an ordinary regular file: replaced atomically (a temporary file in the
//     same directory, synced, then renamed over it), so a failure never
//     leaves a half-written file; the new file keeps the old one's
//     permission bits and, where the process may, its owner and group;
//   - a regular file with more than one hard link: rewritten in place
//     (truncate and write), so every link still names it; this gives up
//     atomicity, as any in-place write must;
//   - a symbolic link: followed, the chain resolved link by link; the file
//     it finally names is written as above and the links stay; a dangling
//     link creates the file it points to; a loop is an error;
//   - anything else that is not a directory (a FIFO, a character device
//     such as /dev/null or /dev/stdout): written straight through, never
//     replaced;
//   - a directory: an error.
//
// A path that cannot be written (a missing directory, a directory, no
// permission, a loop) is a usage error (exit 2); a failure while writing
// the data is an internal I/O error (exit 3). Every message names the path
// the user gave, never the temporary file.
func writeOutput(name string, data []byte, e env) error {
	if name == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			return fmt.Errorf("写入标准输出失败：%w", err)
		}
		return nil
	}
	if err := writeFile(name, data); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "已生成 %s\n", name)
	return nil
}

// writeFile writes data to the file name as writeOutput describes.
func writeFile(name string, data []byte) error {
	if name == "" {
		return usageErr("缺少输出文件名")
	}
	fi, err := os.Stat(name)
	if errors.Is(err, fs.ErrNotExist) {
		// Nothing there, or a dangling symbolic link: create the file the
		// link chain ends in.
		path, err := resolveLinks(name)
		if err != nil {
			return err
		}
		return replaceFile(name, path, data, nil)
	}
	if err != nil {
		return pathErr(name, err)
	}
	switch {
	case fi.IsDir():
		return usageErr("输出路径“%s”是一个目录，请用 --out 给出文件名", name)
	case !fi.Mode().IsRegular():
		return writeInPlace(name, name, data, 0)
	}
	path, err := resolveLinks(name)
	if err != nil {
		return err
	}
	if pfi, err := os.Stat(path); err != nil || !os.SameFile(fi, pfi) {
		// A link whose text is not the path of its file, such as
		// /proc/self/fd/1 naming a deleted file: write through it.
		return writeInPlace(name, name, data, os.O_TRUNC)
	}
	if linkCount(fi) > 1 {
		return writeInPlace(name, path, data, os.O_TRUNC)
	}
	return replaceFile(name, path, data, fi)
}

// resolveLinks follows the symbolic links that name is, one by one, and
// returns the path of what the chain ends in, which need not exist. Links
// in the directories of the path are left to the kernel.
func resolveLinks(name string) (string, error) {
	path := name
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", pathErr(name, err)
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", pathErr(name, err)
		}
		if filepath.IsAbs(dest) || strings.HasPrefix(dest, string(filepath.Separator)) {
			path = dest
		} else {
			// Not filepath.Join: cleaning "dir/../x" lexically is wrong
			// when dir is itself a link.
			dir, _ := filepath.Split(path)
			path = dir + dest
		}
	}
	return "", pathErr(name, syscall.ELOOP)
}

// replaceFile writes data to a new file in the directory of path and renames
// it to path. old, if not nil, is the file being replaced, whose mode and
// owner the new file takes. name is the path the user gave, for messages.
func replaceFile(name, path string, data []byte, old fs.FileInfo) error {
	dir, base := filepath.Split(path)
	if base == "" {
		return usageErr("无法写入输出文件“%s”：不是文件名", name)
	}
	f, tmp, err := createTemp(dir)
	if err != nil {
		return pathErr(name, err)
	}
	if err := fill(f, data, old); err != nil {
		f.Close()
		os.Remove(tmp)
		return ioErr(name, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return ioErr(name, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return pathErr(name, err)
	}
	return nil
}

// fill gives the new file f the mode and owner of old (if not nil), writes
// data and syncs it to disk.
func fill(f *os.File, data []byte, old fs.FileInfo) error {
	if old != nil {
		if err := keepMode(f, old); err != nil {
			return err
		}
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// createTemp creates a new file with a random name in dir (a path that is
// empty or ends in a separator), with permissions 0666 less the umask, as
// os.Create would give the output.
func createTemp(dir string) (*os.File, string, error) {
	for {
		tmp := dir + ".zsdoc-" + strconv.FormatUint(rand.Uint64(), 36) + ".tmp"
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
}

// writeInPlace opens path for writing, with flag added, and writes data.
// name is the path the user gave, for messages.
func writeInPlace(name, path string, data []byte, flag int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|flag, 0)
	if err != nil {
		return pathErr(name, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return ioErr(name, err)
	}
	if err := f.Close(); err != nil {
		return ioErr(name, err)
	}
	return nil
}

// pathErr reports that the output path cannot be written: exit 2.
func pathErr(name string, err error) error {
	return usageErr("无法写入输出文件“%s”：%s", name, reason(err))
}

// ioErr reports that writing the output failed: exit 3.
func ioErr(name string, err error) error {
	return fmt.Errorf("写入输出文件“%s”失败：%s", name, reason(err))
}

// reason describes the cause of err in Chinese. It drops the paths that
// *fs.PathError and *os.LinkError carry, which may be the temporary file's.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "所在目录不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有写入权限"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一级不是目录"
	case errors.Is(err, syscall.EISDIR):
		return "是一个目录"
	case errors.Is(err, syscall.ELOOP):
		return "符号链接层数过多或成环"
	case errors.Is(err, syscall.EROFS):
		return "文件系统只读"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘空间不足"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "文件名过长"
	}
	for {
		inner := errors.Unwrap(err)
		if inner == nil {
			return err.Error()
		}
		err = inner
	}
}
