package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
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
	return writeOutputFunc(name, func(w io.Writer) error { _, err := w.Write(data); return err }, e)
}

// writeOutputFunc is writeOutput for output produced by write as it goes
// (a batch of thousands of 督办单): the same rules, and when write fails
// the new file is removed, so a failure never leaves a partial output
// behind (except on a FIFO or device, written straight through). An error
// of write that is not one of writing the file is returned as it is.
func writeOutputFunc(name string, write func(io.Writer) error, e env) error {
	if name == "-" {
		ow := &outWriter{w: e.stdout}
		if err := write(ow); err != nil {
			if ow.err != nil {
				return fmt.Errorf("写入标准输出失败：%w", ow.err)
			}
			return err
		}
		return nil
	}
	if err := writeFile(name, write); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "已生成 %s\n", name)
	return nil
}

// outWriter remembers a failure of the file it writes, so that it can be
// told from a failure of what produces the data.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil && o.err == nil {
		o.err = err
	}
	return n, err
}

// produce runs write into f: an error writing f is an I/O error of the
// output (name); any other error of write is returned as it is.
func produce(name string, f io.Writer, write func(io.Writer) error) error {
	ow := &outWriter{w: f}
	if err := write(ow); err != nil {
		if ow.err != nil {
			return ioErr(name, ow.err)
		}
		return err
	}
	return nil
}

// writeFile writes the output to the file name as writeOutput describes.
func writeFile(name string, write func(io.Writer) error) error {
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
		return replaceFile(name, path, write, nil)
	}
	if err != nil {
		return pathErr(name, err)
	}
	switch {
	case fi.IsDir():
		return usageErr("输出路径“%s”是一个目录，请用 --out 给出文件名", name)
	case !fi.Mode().IsRegular():
		return writeInPlace(name, name, write, 0)
	}
	path, err := resolveLinks(name)
	if err != nil {
		return err
	}
	if pfi, err := os.Stat(path); err != nil || !os.SameFile(fi, pfi) {
		// A link whose text is not the path of its file, such as
		// /proc/self/fd/1 naming a deleted file: write through it.
		return writeInPlace(name, name, write, os.O_TRUNC)
	}
	if linkCount(fi) > 1 {
		return writeInPlace(name, path, write, os.O_TRUNC)
	}
	return replaceFile(name, path, write, fi)
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
func replaceFile(name, path string, write func(io.Writer) error, old fs.FileInfo) error {
	dir, base := filepath.Split(path)
	if base == "" {
		return usageErr("无法写入输出文件“%s”：不是文件名", name)
	}
	f, tmp, err := createTemp(dir)
	if err != nil {
		return pathErr(name, err)
	}
	if err := fill(name, f, write, old); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
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
// the output and syncs it to disk.
func fill(name string, f *os.File, write func(io.Writer) error, old fs.FileInfo) error {
	if old != nil {
		if err := keepMode(f, old); err != nil {
			return ioErr(name, err)
		}
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := produce(name, bw, write); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return ioErr(name, err)
	}
	if err := f.Sync(); err != nil {
		return ioErr(name, err)
	}
	return nil
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

// writeInPlace opens path for writing, with flag added, and writes the
// output. name is the path the user gave, for messages.
func writeInPlace(name, path string, write func(io.Writer) error, flag int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|flag, 0)
	if err != nil {
		return pathErr(name, err)
	}
	if err := produce(name, f, write); err != nil {
		f.Close()
		return err
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
