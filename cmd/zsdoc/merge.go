package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
)

func runMerge(ctx context.Context, args []string, e env) error {
	fs := newFlags("merge", "IN…",
		"汇总：把各单位报来的同一张表（JSON、.xlsx 或 .csv，按内容识别）合成一张全市的表，按输入顺序重新编号。\n"+
			"附件4 中同一投资方（名称去掉首尾空格后相同）的项目归到一个投资方下，--keep-units 则按单位分列。\n"+
			"填报日期默认取各输入中最晚的日期。输出格式按 --format，或按 --out 的扩展名（.pdf、.docx、.xlsx）；\n"+
			"xlsx 另有“汇总统计”工作表：按产业类别、合作方式、投资方类别、签约类型、项目所在地的项目数和金额，\n"+
			"履约、开工、投产和首次来潭投资的比例，各 500强榜单的投资方数。任何输入不合规时列出全部错误，退出码 1，不生成文件。", e)
	form := fs.String("form", "", "表单：tasklist、followup、signing、landing，或 附件N、N、表名（如 附件4）")
	format := fs.String("format", "", "输出格式：pdf、docx 或 xlsx（默认按 --out 的扩展名，否则 pdf）")
	out := fs.String("out", "", "输出文件，- 表示标准输出（默认：按表名和日期命名，写在当前目录）")
	unit := fs.String("unit", "", "汇总表的单位（盖章），必填，如 湘潭市商务局")
	date := fs.String("date", "", "汇总表的填报日期（默认取各输入中最晚的日期）")
	keepUnits := fs.Bool("keep-units", false, "附件4：不合并不同单位的同名投资方")
	sheetName := fs.String("sheet", "", "读取工作簿中的哪个工作表（默认第一个）")
	sealID := fs.String("seal-id", "", "汇总表所盖印章的编号（在 --seals 目录中查找）")
	paper := fs.String("paper", "", "纸张：a3 或 a4（附件4 默认 A3，其余 A4）")
	fixed := fixedWidthsFlag(fs)
	sf := sealFlags(fs)
	ff := fontFlags(fs)
	if err := parseFlags(fs, args, e); err != nil {
		return err
	}
	id, err := formFlag(*form)
	if err != nil {
		return err
	}
	if id == forms.SupervisionID {
		return usageErr("附件6（督办单）不是表格，不能汇总；批量督办单请用 zsdoc batch")
	}
	if strings.TrimSpace(*unit) == "" {
		return usageErr("缺少 --unit：汇总表的单位（盖章），如 --unit 湘潭市商务局")
	}
	if fs.NArg() == 0 {
		return usageErr("缺少输入文件：zsdoc merge --form %s --unit … 各单位的文件…", id)
	}
	f, err := mergeFormat(*format, *out)
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
	inputs, err := readMergeInputs(id, fs.Args(), *sheetName, e)
	if err != nil {
		return err
	}
	merged, err := merge.Forms(id, inputs, merge.Options{Unit: *unit, Date: *date, Seal: *sealID, KeepUnits: *keepUnits})
	if err != nil {
		return reportInvalid(err, e)
	}
	if f == docgen.XLSX {
		opts = append(opts, docgen.WithSummary(merge.Summarize(merged)))
	}
	var buf bytes.Buffer
	if err := docgen.Render(ctx, &buf, merged, f, opts...); err != nil {
		return reportInvalid(err, e)
	}
	target := *out
	if target == "" {
		target = docgen.FileName(merged, f)
	}
	return writeOutput(target, buf.Bytes(), e)
}

// mergeFormat is --format, else the format --out's extension names, else PDF.
func mergeFormat(format, out string) (docgen.Format, error) {
	if format == "" {
		format = "pdf"
		if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), ".")); ext != "" {
			if f, err := docgen.ParseFormat(ext); err == nil {
				return f, nil
			}
		}
	}
	f, err := docgen.ParseFormat(strings.ToLower(format))
	if err != nil {
		return "", usageErr("%v", err)
	}
	return f, nil
}

// readMergeInputs reads and parses every input; the problems of all of
// them are printed, each line naming its file, and give exit code 1.
func readMergeInputs(id forms.ID, names []string, sheetName string, e env) ([]merge.Input, error) {
	var inputs []merge.Input
	var problems forms.Errors
	for _, name := range names {
		data, err := readInput(name, e)
		if err != nil {
			return nil, err
		}
		none := ""
		sf := sheetFlagSet{format: &none, unit: &none, date: &none, sheet: &sheetName, sealID: &none}
		f, err := sf.parseInput(id, name, data)
		if err == nil {
			inputs = append(inputs, merge.Input{Name: name, Form: f})
			continue
		}
		var list forms.Errors
		if !errors.As(err, &list) {
			return nil, err
		}
		for _, fe := range list {
			c := *fe
			c.Message = name + "：" + c.Message
			problems = append(problems, &c)
		}
	}
	if len(problems) > 0 {
		return nil, reportInvalid(problems, e)
	}
	return inputs, nil
}
