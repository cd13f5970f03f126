package main

import (
	"bytes"
	"flag"
	"path/filepath"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
	"github.com/zsdoc/zsdoc/tabular"
)

// sheetFlagSet are the flags of a spreadsheet input (render, validate,
// merge): its format when not told by its content, the unit and date when
// the sheet lacks them or has them wrong, the worksheet and the seal id.
type sheetFlagSet struct{ format, unit, date, sheet, sealID *string }

func sheetFlags(fs *flag.FlagSet) sheetFlagSet {
	return sheetFlagSet{
		format: fs.String("input-format", "", "输入格式：json、xlsx 或 csv（默认按内容识别；标准输入的 CSV 须指明）"),
		unit:   fs.String("unit", "", "表格输入的单位（盖章）：表格中没有或需要改写时填写"),
		date:   fs.String("date", "", "表格输入的填报日期（如 2026-11-26）：表格中没有或需要改写时填写"),
		sheet:  fs.String("sheet", "", "读取工作簿中的哪个工作表（默认第一个）"),
		sealID: fs.String("seal-id", "", "表格输入所盖印章的编号（表格不含印章编号；在 --seals 目录中查找）"),
	}
}

// inputKind tells how to read an input: as JSON, or as a spreadsheet of
// the given format. --input-format decides; else an .xlsx workbook (or a
// legacy .xls) is told by its content, and a CSV file by its name.
func (sf sheetFlagSet) inputKind(name string, data []byte) (tabular.Format, bool, error) {
	switch strings.ToLower(strings.TrimSpace(*sf.format)) {
	case "":
	case "json":
		return tabular.FormatUnknown, false, nil
	case "xlsx":
		return tabular.FormatXLSX, true, nil
	case "csv":
		return tabular.FormatCSV, true, nil
	default:
		return 0, false, usageErr("不支持的输入格式“%s”（--input-format），应为 json、xlsx 或 csv", *sf.format)
	}
	switch tabular.Detect(data[:min(len(data), tabular.DetectSize)]) {
	case tabular.FormatXLSX, tabular.FormatXLS:
		return tabular.FormatUnknown, true, nil
	case tabular.FormatCSV:
		if strings.EqualFold(filepath.Ext(name), ".csv") {
			return tabular.FormatCSV, true, nil
		}
	}
	return tabular.FormatUnknown, false, nil
}

// sheetOptions are the flags as sheet.Options for an input of format.
func (sf sheetFlagSet) options(format tabular.Format) sheet.Options {
	return sheet.Options{Unit: *sf.unit, Date: *sf.date, Seal: *sf.sealID, Sheet: *sf.sheet, Format: format}
}

// parseInput parses the input of form id read from file name: JSON with
// forms.Parse, a spreadsheet with sheet.Read. The flags of a spreadsheet
// on a JSON input are a usage error, so that they are never silently
// ignored.
func (sf sheetFlagSet) parseInput(id forms.ID, name string, data []byte) (forms.Form, error) {
	format, isSheet, err := sf.inputKind(name, data)
	if err != nil {
		return nil, err
	}
	if !isSheet {
		if *sf.unit != "" || *sf.date != "" || *sf.sheet != "" || *sf.sealID != "" {
			return nil, usageErr("--unit、--date、--sheet、--seal-id 只用于表格（.xlsx、.csv）输入；JSON 输入请直接修改文件")
		}
		return forms.Parse(id, trimBOM(data))
	}
	if id == forms.SupervisionID && format == tabular.FormatCSV {
		return nil, usageErr("附件6（督办单）的 CSV 表格（一行一份）请用 zsdoc batch 读取；render 读取导出的 .xlsx 督办单")
	}
	return sheet.Read(bytes.NewReader(data), id, sf.options(format))
}
