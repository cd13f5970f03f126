package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release version, stamped by the release build
// (-ldflags "-X main.version=v1.2.3"); empty in a development build.
var version string

// versionText is what `zsdoc --version` prints: the version (or the
// module's), the VCS revision and time the binary was built from, and the
// platform, e.g. "zsdoc v0.1.0 (a1b2c3d4e5f6, 2026-11-29T10:00:00Z) linux/arm64 go1.26.8".
func versionText() string {
	v, rev, when, dirty := version, "", "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	out := "zsdoc " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "，含未提交的修改"
		}
		out += " (" + rev
		if when != "" {
			out += ", " + when
		}
		out += ")"
	}
	return fmt.Sprintf("%s %s/%s %s", out, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func runVersion(_ context.Context, args []string, e env) error {
	fs := newFlags("version", "", "输出版本、源码修订号、构建时间和平台（也可用 zsdoc --version）。", e)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("version 不接受参数：%v", fs.Args())
	}
	fmt.Fprintln(e.stdout, versionText())
	return nil
}
