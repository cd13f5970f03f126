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
	"time"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
	"github.com/zsdoc/zsdoc/workflow"
)

func runRender(ctx context.Context, args []string, e env) error {
	fs := newFlags("render", "",
		"生成填好的表单（PDF、Word 或 Excel），或空白表单（--blank），或附件1 工作流程图（--form workflow）。\n"+
			"输入为 JSON，或填好的 .xlsx/.csv 表格（按内容识别）。输入不合规时列出全部错误，退出码 1，不生成文件。\n"+
			"输入中的 \"seal\" 印章编号在 --seals 目录（或环境变量 ZSDOC_SEALS）中查找 <编号>.png，内置样章编号为 specimen；\n"+
			"--seal 指定的图片盖在每份表单上，不论输入写的是哪个编号。\n"+
			"默认使用内置字体；可用 --font-title/--font-label/--font-body 或环境变量\n"+
			"ZSDOC_FONT_TITLE、ZSDOC_FONT_LABEL、ZSDOC_FONT_BODY 指定本单位的方正小标宋简体、黑体、仿宋_GB2312 字体文件（.ttf），\n"+
			"用 --font-fallback 或 ZSDOC_FONT_FALLBACK 补充缺字字体。", e)
	what := formFlags(fs, "输出格式：pdf、docx 或 xlsx")
	out := fs.String("out", "", "输出文件，- 表示标准输出（默认：按表名和日期命名，写在当前目录）")
	blank := fs.Bool("blank", false, "生成空白表单（不读输入）")
	paper := fs.String("paper", "", "纸张：a3 或 a4（附件4 默认 A3，其余 A4）")
	fixed := fixedWidthsFlag(fs)
	sf := sealFlags(fs)
	ff := fontFlags(fs)
	sheetIn := sheetFlags(fs)
	diagram := workflowFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if _, ok := workflow.LookupName(*what.form); ok {
		return renderWorkflow(ctx, fs, what, *out, *paper, diagram, ff, e)
	}
	if diagram.set() {
		return usageErr("--annotate 和 --stage 只用于 --form workflow（附件1 工作流程图）")
	}
	id, f, err := what.resolve(fs)
	if err != nil {
		return err
	}
	opts, err := renderOptions(f, *paper, sf, ff, e)
	if err != nil {
		return err
	}
	if *fixed {
		opts = append(opts, docgen.WithFixedWidths())
	}

	var buf bytes.Buffer
	target := *out
	if *blank {
		err = docgen.RenderBlank(ctx, &buf, id, f, opts...)
		if target == "" {
			target = docgen.BlankFileName(id, f)
		}
	} else {
		parsed, perr := readForm(id, *what.in, sheetIn, e)
		if perr != nil {
			return perr
		}
		err = docgen.Render(ctx, &buf, parsed, f, opts...)
		if target == "" {
			target = docgen.FileName(parsed, f)
		}
	}
	if err != nil {
		return reportInvalid(err, e)
	}
	return writeOutput(target, buf.Bytes(), e)
}

// readForm reads and parses the input of form id, JSON or a spreadsheet
// (sheetIn); invalid input prints its problems and gives exit code 1.
func readForm(id forms.ID, in string, sheetIn sheetFlagSet, e env) (forms.Form, error) {
	data, err := readInput(in, e)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(trimBOM(data))) == 0 {
		return nil, emptyInput(id)
	}
	f, err := sheetIn.parseInput(id, in, data)
	if err != nil {
		return nil, reportInvalid(err, e)
	}
	return f, nil
}

// sealFiles are the seal flags of render, validate and batch.
type sealFiles struct{ seal, seals *string }

func sealFlags(fs *flag.FlagSet) sealFiles {
	return sealFiles{
		seal:  fs.String("seal", "", "印章图片（PNG，透明背景），盖在每份表单的单位名称或签发单位上，不论输入中的印章编号"),
		seals: fs.String("seals", "", "印章目录：输入中的印章编号 X 对应目录中的 X.png（默认取环境变量 ZSDOC_SEALS；内置样章编号 specimen）"),
	}
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

// fixedWidthsFlag is --fixed-widths: the template's column widths always.
func fixedWidthsFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("fixed-widths", false, "按模板的固定列宽排版（默认按各栏内容分配列宽，长文字的行更矮）")
}

// renderOptions turns the flags into docgen options. Font files come from
// the environment first and the flags override them; they are loaded for
// PDF only (a DOCX names its fonts and measures no glyphs).
func renderOptions(format docgen.Format, paper string, sf sealFiles, ff fontFiles, e env) ([]docgen.Option, error) {
	var opts []docgen.Option
	if paper != "" {
		p, err := docgen.ParsePaper(paper)
		if err != nil {
			return nil, usageErr("%v（--paper）", err)
		}
		opts = append(opts, docgen.WithPaper(p))
	}
	sealOpts, err := sealOptions(sf, e)
	if err != nil {
		return nil, err
	}
	opts = append(opts, sealOpts...)
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

// sealOptions loads --seal (one image for every form) and --seals or
// ZSDOC_SEALS (the folder the inputs' seal ids resolve in). A file that is
// not a usable seal is a usage error (exit 2).
func sealOptions(sf sealFiles, e env) ([]docgen.Option, error) {
	var opts []docgen.Option
	dir := *sf.seals
	if dir == "" {
		dir = e.getenv("ZSDOC_SEALS")
	}
	if dir != "" {
		store, err := seal.LoadDir(dir)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		opts = append(opts, docgen.WithSeals(store))
	}
	if *sf.seal != "" {
		data, err := readSealFile(*sf.seal)
		if err != nil {
			return nil, err
		}
		opts = append(opts, docgen.WithSeal(data))
	}
	return opts, nil
}

// readSealFile reads a seal image, refusing a file too large to be one
// before reading it.
func readSealFile(name string) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, usageErr("无法读取印章图片：%v", err)
	}
	if st.Size() > seal.MaxFileSize {
		return nil, usageErr("印章图片“%s”有 %d 字节，超过 %d MB 的上限", name, st.Size(), seal.MaxFileSize>>20)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, usageErr("无法读取印章图片：%v", err)
	}
	return data, nil
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
