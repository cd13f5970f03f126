//go:build !unix

package main

import (
	"io/fs"
	"os"
)

// linkCount is the number of hard links of a file. Other systems do not
// report it portably, so hard-linked files are replaced like any other.
func linkCount(fs.FileInfo) uint64 { return 1 }

// keepMode does nothing: on Windows a file's mode is only its read-only
// attribute, and a read-only file cannot be replaced anyway.
func keepMode(*os.File, fs.FileInfo) error { return nil }
