package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// batchAbout is the help of zsdoc batch.
const batchAbout = "批量生成督办单（附件6）：每份督办单从新的一页开始、页码各自从 1 起，按输入顺序排列，\n" +
	"合为一个 PDF（字体只嵌入一次）；--format docx 得到 ZIP，内含每份督办单一个 Word 文件。\n" +
	"输入：督办单的 JSON 数组（或 {\"orders\": [...]}）、CSV（UTF-8 或 GB18030）或 XLSX，表头为\n" +
	"编号、日期、督办单位、督办内容、工作要求、开始日期、结束日期、签发单位、签发日期、印章（顺序不限）。\n" +
	"先校验全部督办单，全部合规才开始输出；有不合规的，列出每一处，退出码 1，不生成文件。\n" +
	"--skip-invalid：只生成合规的督办单并列出其余，此时若有跳过的，生成文件后退出码仍为 1。\n" +
	"每份督办单盖它自己“印章”栏所写编号的印章（--seals 目录；内置样章 specimen），--seal-id 给未写印章的督办单补上编号，\n" +
	"--seal 则在每份上盖同一个印章图片。从标准输入读时边读边校验，遇到不合规的即停止，不留下半截文件。"

// batchFlags are the settings of one zsdoc batch.
type batchFlags struct {
	in, out, format, manifest, sealID, encoding, sheet *string
	duplex, skipInvalid                                *bool
	seals                                              sealFiles
	fonts                                              fontFiles
}

func runBatch(ctx context.Context, args []string, e env) error {
	fs := newFlags("batch", "", batchAbout, e)
	b := batchFlags{
		in:          fs.String("in", "-", "输入文件：JSON、CSV 或 XLSX（按内容识别），- 表示标准输入"),
		out:         fs.String("out", "", "输出文件：PDF，或 --format docx 时的 ZIP；- 表示标准输出"),
		format:      fs.String("format", "pdf", "输出格式：pdf（一个文件）或 docx（ZIP，每份一个 Word 文件）"),
		manifest:    fs.String("manifest", "", "另写一个 JSON 清单：每份督办单的序号、编号、督办单位、印章和起止页码"),
		sealID:      fs.String("seal-id", "", "未写印章编号的督办单所盖印章的编号"),
		encoding:    fs.String("encoding", "", "CSV 的编码：utf-8 或 gb18030（默认自动识别）"),
		sheet:       fs.String("sheet", "", "XLSX 中读取的工作表（默认第一个）"),
		duplex:      fs.Bool("duplex", false, "双面打印：需要时插入空白页，使每份督办单都从正面开始"),
		skipInvalid: fs.Bool("skip-invalid", false, "跳过不合规的督办单，只生成合规的（仍列出问题，退出码 1）"),
	}
	b.seals = sealFlags(fs)
	b.fonts = fontFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("多余的参数：%v", fs.Args())
	}
	if *b.out == "" {
		return usageErr("缺少 --out：批量输出要写到文件（或 - 表示标准输出）")
	}
	format, err := docgen.ParseFormat(*b.format)
	if err != nil {
		return usageErr("%v", err)
	}
	opts, err := renderOptions(format, "", b.seals, b.fonts, e)
	if err != nil {
		return err
	}
	if *b.duplex {
		opts = append(opts, docgen.WithDuplex())
	}
	bopts := batch.Options{Format: format, Render: opts, SealID: *b.sealID, SkipInvalid: *b.skipInvalid,
		Encoding: *b.encoding, Sheet: *b.sheet}
	prog := newProgress(e.stderr)
	if prog != nil {
		bopts.Progress = prog.update
	}
	in, seekable, err := openBatchInput(*b.in, e)
	if err != nil {
		return err
	}
	defer in.Close()

	var rep *batch.Report
	if seekable {
		// A file: check every order first, keeping none, then print.
		if rep, err = batch.Check(ctx, in, bopts); err != nil {
			return batchErr(err, e)
		}
		if len(rep.Invalid) > 0 {
			printProblems(rep.Err(), e)
			if !*b.skipInvalid {
				fmt.Fprintf(e.stderr, "共 %d 份督办单，%d 份不合规，未生成文件（--skip-invalid 可只生成合规的）\n", rep.Orders, len(rep.Invalid))
				return &exitError{exitInvalid, errSilent}
			}
		}
		if _, err := in.(io.Seeker).Seek(0, io.SeekStart); err != nil {
			return fmt.Errorf("无法重新读取输入文件：%w", err)
		}
	}
	var man *batch.Manifest
	write := func(w io.Writer) (err error) {
		man, err = batch.Print(ctx, w, in, bopts, rep, *b.manifest != "")
		return err
	}
	err = writeOutputFunc(*b.out, write, e)
	prog.done()
	if err != nil {
		return batchErr(err, e)
	}
	if *b.manifest != "" {
		data, err := json.MarshalIndent(man.Orders, "", "  ")
		if err != nil {
			return err
		}
		if err := writeOutput(*b.manifest, append(data, '\n'), e); err != nil {
			return err
		}
	}
	if rep != nil && len(rep.Invalid) > 0 { // --skip-invalid skipped some
		fmt.Fprintf(e.stderr, "已跳过 %d 份不合规的督办单，生成了其余 %d 份\n", len(rep.Invalid), man.Printed())
		return &exitError{exitInvalid, errSilent}
	}
	return nil
}

// openBatchInput opens the batch input: a file (which can be read twice,
// to check before printing) or stdin.
func openBatchInput(name string, e env) (io.ReadCloser, bool, error) {
	if name == "" || name == "-" {
		return io.NopCloser(e.stdin), false, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, false, usageErr("无法打开输入文件：%v", err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return f, false, nil // a FIFO: read once, checked as it streams
	}
	return f, true, nil
}

// batchErr reports a batch's failure: the problems of invalid input (exit
// 1), an interruption, or another error.
func batchErr(err error, e env) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("已中断，未生成文件")
	}
	var list forms.Errors
	if errors.As(err, &list) {
		printProblems(list, e)
		return &exitError{exitInvalid, errSilent}
	}
	return reportInvalid(err, e)
}

// printProblems lists the problems on stderr, one a line.
func printProblems(err error, e env) {
	var list forms.Errors
	if errors.As(err, &list) {
		for _, fe := range list {
			fmt.Fprintln(e.stderr, fe.Message)
		}
	}
}
