package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
)

// maxInput bounds what a command reads, so a wrong file cannot exhaust memory.
const maxInput = 32 << 20

// readInput reads a file, or stdin for "-" or "".
func readInput(name string, e env) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageErr("无法打开输入文件：%v", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("读取输入失败：%w", err)
	}
	if len(data) > maxInput {
		return nil, invalidErr(fmt.Errorf("输入超过 %d MB，不予处理", maxInput>>20))
	}
	return data, nil
}

// newFlags returns a flag set that prints its usage in Chinese and reports
// errors instead of exiting.
func newFlags(name, synopsis, about string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "用法：zsdoc %s %s\n\n%s\n\n参数：\n", name, synopsis, about)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; --help prints the usage to stdout and ends the
// command successfully (errHelp).
func parseFlags(fs *flag.FlagSet, args []string, e env) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return errHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{exitUsage, errSilent}
	}
	return nil
}

// errHelp ends a command after printing its help.
var errHelp = &exitError{exitOK, errSilent}

// formNames lists the forms for messages: "tasklist（附件2）、…".
func formNames() string {
	var names []string
	for _, in := range forms.All() {
		names = append(names, string(in.ID)+"（"+in.Attachment+"）")
	}
	return strings.Join(names, "、")
}

// formFlag validates a --form value: an id, 附件N, N or the form's title.
func formFlag(v string) (forms.ID, error) {
	if v == "" {
		return "", usageErr("缺少 --form：应为 %s，也可写 附件N、N 或表名", formNames())
	}
	return formName(v, "--form")
}

// formName finds the form a clerk named; what says where the name came
// from ("--form", or "" for a command's argument).
func formName(v, what string) (forms.ID, error) {
	in, ok := forms.LookupName(v)
	if !ok {
		if what != "" {
			what += " "
		}
		return "", usageErr("未知的表单“%s”，%s应为 %s，也可写 附件N、N 或表名", v, what, formNames())
	}
	return in.ID, nil
}

// trimBOM drops a UTF-8 byte order mark that Windows editors write.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) }
