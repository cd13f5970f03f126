package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
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
// errors instead of exiting. The usage line lists every flag the command
// defines, so it cannot fall behind them; operands is what follows the
// flags ("F" for example).
func newFlags(name, operands, about string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "用法：zsdoc %s %s\n\n%s\n\n参数：\n", name, synopsis(fs, operands), about)
		fs.PrintDefaults()
	}
	return fs
}

// synopsis is the usage line of a command: "--form F [--format F] … [--blank]".
func synopsis(fs *flag.FlagSet, operands string) string {
	var parts []string
	fs.VisitAll(func(f *flag.Flag) {
		arg := "--" + f.Name
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
			arg += " " + placeholder(f)
		}
		if f.Name == "form" {
			parts = append([]string{arg}, parts...) // required: first, without brackets
			return
		}
		parts = append(parts, "["+arg+"]")
	})
	if operands != "" {
		parts = append(parts, operands)
	}
	return strings.Join(parts, " ")
}

// placeholder is what a flag's value is called in a usage line.
func placeholder(f *flag.Flag) string {
	switch f.Name {
	case "form":
		return "F"
	case "format": // the formats its help names: "pdf|docx|xlsx"
		var names []string
		for _, format := range append([]docgen.Format{docgen.PDF}, docgen.Formats()...) {
			if strings.Contains(f.Usage, string(format)) && !slices.Contains(names, string(format)) {
				names = append(names, string(format))
			}
		}
		return strings.Join(names, "|")
	case "paper":
		return "a4|a3"
	case "seal":
		return "PNG"
	case "seals":
		return "DIR"
	case "font-fallback":
		return "TTF[" + string(os.PathListSeparator) + "TTF…]"
	case "addr":
		return "ADDR"
	case "max-body", "max-batch-body":
		return "BYTES"
	case "concurrency":
		return "N"
	case "queue-wait", "render-timeout", "shutdown-grace", "batch-timeout":
		return "DURATION"
	case "seal-id":
		return "ID"
	case "encoding":
		return "utf-8|gb18030"
	case "sheet":
		return "NAME"
	case "stage":
		return "STAGE"
	case "input-format":
		return "json|xlsx|csv"
	case "unit":
		return "NAME"
	case "date":
		return "DATE"
	}
	if strings.HasPrefix(f.Name, "font-") {
		return "TTF"
	}
	return "FILE"
}

// parseFlags parses args; --help prints the usage to stdout and ends the
// command successfully (errHelp). A wrong flag is one line, in Chinese,
// then where to find the usage — not the whole usage with the error last.
func parseFlags(fs *flag.FlagSet, args []string, e env) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return errHelp
		}
	}
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	fs.SetOutput(out)
	if err != nil {
		return usageErr("%s\n运行 zsdoc %s --help 查看全部参数", flagError(err), fs.Name())
	}
	return nil
}

// flagError words the flag package's errors in Chinese.
func flagError(err error) string {
	msg := err.Error()
	for _, m := range []struct{ prefix, chinese string }{
		{"flag provided but not defined: ", "未知参数 %s"},
		{"flag needs an argument: ", "参数 %s 需要一个值"},
		{"bad flag syntax: ", "参数格式不对：%s"},
	} {
		if rest, ok := strings.CutPrefix(msg, m.prefix); ok {
			return fmt.Sprintf(m.chinese, rest)
		}
	}
	if i := strings.Index(msg, " for flag "); i >= 0 && strings.HasPrefix(msg, "invalid") {
		return fmt.Sprintf("参数 -%s 的值无效", strings.TrimSuffix(strings.SplitN(msg[i+len(" for flag "):], ":", 2)[0], ""))
	}
	return msg
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

// formFlagSet are the flags naming what a command works on: --form,
// --format and --in.
type formFlagSet struct{ form, format, in *string }

func formFlags(fs *flag.FlagSet, formatHelp string) formFlagSet {
	return formFlagSet{
		form:   fs.String("form", "", "表单：tasklist、followup、signing、landing、supervision，或 附件N、N、表名（如 附件4）"),
		format: fs.String("format", "pdf", formatHelp),
		in:     fs.String("in", "-", "输入文件：JSON，或 .xlsx、.csv 表格（见 --input-format），- 表示标准输入"),
	}
}

// resolve checks the parsed flags: no stray arguments, a known form and format.
func (ff formFlagSet) resolve(fs *flag.FlagSet) (forms.ID, docgen.Format, error) {
	if fs.NArg() > 0 {
		return "", "", usageErr("多余的参数：%v", fs.Args())
	}
	id, err := formFlag(*ff.form)
	if err != nil {
		return "", "", err
	}
	f, err := docgen.ParseFormat(strings.ToLower(*ff.format))
	if err != nil {
		return "", "", usageErr("%v", err)
	}
	return id, f, nil
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

// emptyInput is the error for an input with nothing in it: what was
// expected, and how to get a template.
func emptyInput(id forms.ID) error {
	in, _ := forms.Lookup(id)
	return invalidErr(fmt.Errorf("输入为空：需要%s（%s）的 JSON 对象；运行 zsdoc example %s 可得到一份示例作模板", in.Attachment, in.Title, id))
}

// trimBOM drops a UTF-8 byte order mark that Windows editors write.
func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) }
