//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// linkCount is the number of hard links of the file fi describes.
func linkCount(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepMode gives f the permission bits of the file old describes and, as far
// as the process may, its owner and group. The set-user-ID, set-group-ID
// and sticky bits are not carried over to the new file.
func keepMode(f *os.File, old fs.FileInfo) error {
	if st, ok := old.Sys().(*syscall.Stat_t); ok {
		// Before Chmod: chown may clear permission bits. Best effort: only
		// root may give a file away; others may still keep the group.
		if f.Chown(int(st.Uid), int(st.Gid)) != nil {
			f.Chown(-1, int(st.Gid))
		}
	}
	return f.Chmod(old.Mode().Perm())
}
