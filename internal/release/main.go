// Command release builds zsdoc's release archives, reproducibly: the same
// commit and Go toolchain give byte-identical files.
//
//	go run ./internal/release [-version v0.1.0] [-out dist]
//
// It builds cmd/zsdoc for linux/amd64, linux/arm64, linux/loong64 and
// windows/amd64 with CGO disabled, -trimpath, the VCS revision stamped and
// the version in main.version, then packs each with the README and the
// licences into zsdoc_<version>_<os>_<arch>.tar.gz (.zip for Windows), and
// writes SHA256SUMS. Archive entries carry the commit's time, owner 0 and
// fixed modes; nothing depends on the clock, the user or the file system.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// target is a platform to release for.
type target struct{ goos, goarch string }

var targets = []target{{"linux", "amd64"}, {"linux", "arm64"}, {"linux", "loong64"}, {"windows", "amd64"}}

// docs are the files shipped beside the binary: path in the repository →
// path in the archive.
var docs = [][2]string{
	{"README.md", "README.md"},
	{"fonts/NOTICE.txt", "licenses/fonts-NOTICE.txt"},
	{"fonts/OFL-NotoSerifSC.txt", "licenses/OFL-NotoSerifSC.txt"},
	{"fonts/OFL-NotoSansSC.txt", "licenses/OFL-NotoSansSC.txt"},
}

func main() {
	version := flag.String("version", "", "release version (default: dev-<12 hex digits of the commit>)")
	out := flag.String("out", "dist", "output folder")
	flag.Parse()
	if err := run(*version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version, out string) error {
	rev, err := git("rev-parse", "HEAD")
	if err != nil {
		return err
	}
	if version == "" {
		version = "dev-" + rev[:12]
	}
	unix, err := git("log", "-1", "--format=%ct")
	if err != nil {
		return err
	}
	var sec int64
	if _, err := fmt.Sscan(unix, &sec); err != nil {
		return fmt.Errorf("commit time %q: %w", unix, err)
	}
	when := time.Unix(sec, 0).UTC()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var sums strings.Builder
	for _, t := range targets {
		name, err := build(t, version, out, when)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", t.goos, t.goarch, err)
		}
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(data), name)
		fmt.Printf("%s  %d bytes\n", name, len(data))
	}
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644)
}

// build compiles one target and packs it; it returns the archive's name.
func build(t target, version, out string, when time.Time) (string, error) {
	tmp, err := os.MkdirTemp("", "zsdoc-release-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	exe := "zsdoc"
	if t.goos == "windows" {
		exe += ".exe"
	}
	bin := filepath.Join(tmp, exe)
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=true",
		"-ldflags", "-s -w -X main.version="+version, "-o", bin, "./cmd/zsdoc")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.goos, "GOARCH="+t.goarch, "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", err
	}
	dir := fmt.Sprintf("zsdoc_%s_%s_%s", version, t.goos, t.goarch)
	files := []file{{dir + "/" + exe, bin, 0o755}}
	for _, d := range docs {
		files = append(files, file{dir + "/" + d[1], d[0], 0o644})
	}
	var buf bytes.Buffer
	name := dir + ".tar.gz"
	if t.goos == "windows" {
		name = dir + ".zip"
		err = writeZip(&buf, files, when)
	} else {
		err = writeTarGz(&buf, files, when)
	}
	if err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644)
}

// file is an archive entry: its name in the archive, where to read it, its mode.
type file struct {
	name, src string
	mode      int64
}

func writeTarGz(w io.Writer, files []file, when time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		data, err := os.ReadFile(f.src)
		if err != nil {
			return err
		}
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(data)), ModTime: when, Format: tar.FormatPAX,
			Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func writeZip(w io.Writer, files []file, when time.Time) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		data, err := os.ReadFile(f.src)
		if err != nil {
			return err
		}
		hdr := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: when}
		hdr.SetMode(os.FileMode(f.mode))
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
