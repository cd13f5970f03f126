package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

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
	src, err := openBatchInput(*b.in, b, e)
	if err != nil {
		return err
	}
	defer src.close()

	job := &batchJob{flags: b, format: format, opts: opts, src: src, e: e, progress: newProgress(e.stderr)}
	if src.rewindable() {
		// A file: check every order first, keeping none, then print.
		if err := job.check(ctx); err != nil {
			return err
		}
	}
	return job.run(ctx)
}

// orderSource is a batch's input: orders one at a time, each invalid one
// as a *forms.OrderError naming its row as the user's file does.
type orderSource interface {
	next() (*forms.Supervision, error)
	// rewind starts over at the first order (false: the input is a stream).
	rewind() error
	rewindable() bool
	close()
}

// openBatchInput opens the batch input, recognising JSON, CSV and XLSX by
// their first bytes.
func openBatchInput(name string, b batchFlags, e env) (orderSource, error) {
	var f *os.File
	var r io.Reader = e.stdin
	if name != "" && name != "-" {
		var err error
		if f, err = os.Open(name); err != nil {
			return nil, usageErr("无法打开输入文件：%v", err)
		}
		r = f
	}
	src, err := newSource(r, f, b)
	if err != nil && f != nil {
		f.Close()
	}
	return src, err
}

// errTooManyProblems ends the check once the problems listed reach
// forms.MaxErrors; the rest are only counted.
var errTooManyProblems = errors.New("too many problems")

// problems collects the invalid orders' problems, at most forms.MaxErrors.
type problems struct {
	list    forms.Errors
	more    int
	invalid map[int]bool
}

func (p *problems) add(index int, errs forms.Errors) {
	if p.invalid == nil {
		p.invalid = map[int]bool{}
	}
	p.invalid[index] = true
	for _, fe := range errs {
		if len(p.list) < forms.MaxErrors {
			p.list = append(p.list, fe)
		} else {
			p.more++
		}
	}
}

// print lists the problems on w, one a line.
func (p *problems) print(w io.Writer) {
	for _, fe := range p.list {
		fmt.Fprintln(w, fe.Message)
	}
	if p.more > 0 {
		fmt.Fprintf(w, "…还有 %d 处错误未列出\n", p.more)
	}
}
