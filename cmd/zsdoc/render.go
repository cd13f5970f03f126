package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

func runRender(ctx context.Context, args []string, e env) error {
	fs := newFlags("render", "--form F [--format pdf|docx] [--in FILE] [--out FILE] [--blank] [--paper a4|a3] [--seal PNG]",
		"生成填好的表单（PDF 或 Word），或空白表单（--blank）。输入不合规时列出全部错误，退出码 1，不生成文件。\n"+
			"默认使用内置字体；可用 --font-title/--font-label/--font-body 或环境变量\n"+
			"ZSDOC_FONT_TITLE、ZSDOC_FONT_LABEL、ZSDOC_FONT_BODY 指定本单位的方正小标宋简体、黑体、仿宋_GB2312 字体文件（.ttf），\n"+
			"用 --font-fallback 或 ZSDOC_FONT_FALLBACK 补充缺字字体。", e)
	form := fs.String("form", "", "表单：tasklist、followup、signing、landing、supervision，或 附件N、N、表名（如 附件4）")
	format := fs.String("format", "pdf", "输出格式：pdf 或 docx")
	in := fs.String("in", "-", "输入 JSON 文件，- 表示标准输入")
	out := fs.String("out", "", "输出文件，- 表示标准输出（默认：按表名和日期命名，写在当前目录）")
	blank := fs.Bool("blank", false, "生成空白表单（不读输入）")
	paper := fs.String("paper", "", "纸张：a3 或 a4（附件4 默认 A3，其余 A4）")
	seal := fs.String("seal", "", "印章图片（PNG，透明背景），盖在单位名称或签发单位上")
	ff := fontFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	id, err := formFlag(*form)
	if err != nil {
		return err
	}
	f, err := docgen.ParseFormat(strings.ToLower(*format))
	if err != nil {
		return usageErr("%v", err)
	}
	opts, err := renderOptions(f, *paper, *seal, ff, e)
	if err != nil {
		return err
	}

	var buf bytes.Buffer
	var date forms.Date
	if *blank {
		err = docgen.RenderBlank(ctx, &buf, id, f, opts...)
	} else {
		data, rerr := readInput(*in, e)
		if rerr != nil {
			return rerr
		}
		parsed, perr := forms.Parse(id, trimBOM(data))
		if perr != nil {
			return reportInvalid(perr, e)
		}
		date = formDate(parsed)
		err = docgen.Render(ctx, &buf, parsed, f, opts...)
	}
	if err != nil {
		return reportInvalid(err, e)
	}
	target := *out
	if target == "" {
		target = docgen.FileName(id, date, f, *blank)
	}
	return writeOutput(target, buf.Bytes(), e)
}

// fontFiles are the font flags of render and batch.
type fontFiles struct{ title, label, body, fallback *string }

func fontFlags(fs *flag.FlagSet) fontFiles {
	return fontFiles{
		title:    fs.String("font-title", "", "标题字体文件（代替方正小标宋简体，.ttf；字体集用 文件.ttc#序号或名称）"),
		label:    fs.String("font-label", "", "表头、标签字体文件（代替黑体，.ttf 或 .ttc#序号）"),
		body:     fs.String("font-body", "", "正文字体文件（代替仿宋_GB2312，.ttf 或 .ttc#序号，如 simfang.ttf、simsun.ttc#0）"),
		fallback: fs.String("font-fallback", "", "补缺字体文件，多个用 "+string(os.PathListSeparator)+" 分隔"),
	}
}

// renderOptions turns the flags into docgen options. Font files come from
// the environment first and the flags override them; they are loaded for
// PDF only (a DOCX names its fonts and measures no glyphs).
func renderOptions(format docgen.Format, paper, seal string, ff fontFiles, e env) ([]docgen.Option, error) {
	var opts []docgen.Option
	switch strings.ToLower(paper) {
	case "":
	case "a3":
		opts = append(opts, docgen.WithPaper(layout.A3))
	case "a4":
		opts = append(opts, docgen.WithPaper(layout.A4))
	default:
		return nil, usageErr("不支持的纸张“%s”，--paper 应为 a3 或 a4", paper)
	}
	if seal != "" {
		data, err := os.ReadFile(seal)
		if err != nil {
			return nil, usageErr("无法读取印章图片：%v", err)
		}
		opts = append(opts, docgen.WithSeal(data))
	}
	if v := e.getenv("SOURCE_DATE_EPOCH"); v != "" {
		sec, err := strconv.ParseInt(v, 10, 64)
		if err != nil || sec < 0 {
			return nil, usageErr("环境变量 SOURCE_DATE_EPOCH“%s”应为 Unix 时间（秒）", v)
		}
		opts = append(opts, docgen.WithCreationDate(time.Unix(sec, 0).UTC()))
	}
	if format != docgen.PDF {
		return opts, nil
	}
	set, err := fonts.Default()
	if err != nil {
		return nil, err
	}
	if set, err = fonts.FromEnv(set, e.getenv); err != nil {
		return nil, usageErr("%v", err)
	}
	files := map[fonts.Role]string{fonts.Title: *ff.title, fonts.Label: *ff.label, fonts.Body: *ff.body}
	var fallbacks []string
	if *ff.fallback != "" {
		fallbacks = filepath.SplitList(*ff.fallback)
	}
	if set, err = fonts.Configure(set, files, fallbacks); err != nil {
		return nil, usageErr("%v", err)
	}
	return append(opts, docgen.WithFonts(set)), nil
}

// reportInvalid prints the problems of invalid input, one a line, and
// returns exit code 1; other errors pass through.
func reportInvalid(err error, e env) error {
	var list forms.Errors
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Fprintln(e.stderr, fe.Message)
		}
		return &exitError{exitInvalid, errSilent}
	}
	var oe *docgen.OptionError
	if errors.As(err, &oe) {
		return usageErr("%v", err)
	}
	return err
}

// formDate is the date a form carries, for its file name.
func formDate(f forms.Form) forms.Date {
	switch f := f.(type) {
	case interface{ FormHeader() *forms.Header }:
		return f.FormHeader().Date
	case *forms.Supervision:
		return f.Date
	}
	return ""
}
