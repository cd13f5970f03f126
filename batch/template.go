package batch

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/forms"
)

// WriteTemplate writes a batch input a clerk can fill: the header row of
// Columns and one example order, as "csv" (UTF-8 with a byte order mark,
// which Excel needs to read it as UTF-8), "xlsx" (dates as date cells) or
// "json" (an array of orders).
func WriteTemplate(w io.Writer, as string, example *forms.Supervision) error {
	values := templateValues(example)
	switch as {
	case "json":
		data, err := json.MarshalIndent([]*forms.Supervision{example}, "", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(append(data, '\n'))
		return err
	case "csv":
		if _, err := io.WriteString(w, "\xEF\xBB\xBF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = true // as Excel writes it
		var header, row []string
		for _, l := range Columns.Labels {
			header = append(header, l.Names[0])
			row = append(row, values[l.Key])
		}
		cw.Write(header)
		cw.Write(row)
		cw.Flush()
		return cw.Error()
	case "xlsx":
		return writeXLSXTemplate(w, values)
	}
	return fmt.Errorf("不支持的模板格式“%s”，应为 csv、xlsx 或 json", as)
}

// templateValues are the example order's cells by column key.
func templateValues(o *forms.Supervision) map[string]string {
	return map[string]string{"number": o.Number, "date": string(o.Date), "target": o.Target, "content": o.Content,
		"requirements": o.Requirements, "from": string(o.From), "to": string(o.To), "issuer": o.Issuer,
		"issueDate": string(o.IssueDateOrDefault()), "seal": o.Seal}
}

// dateKeys are the columns that hold dates.
var dateKeys = map[string]bool{"date": true, "from": true, "to": true, "issueDate": true}

func writeXLSXTemplate(w io.Writer, values map[string]string) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "督办单"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return err
	}
	custom := "yyyy-mm-dd"
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, l := range Columns.Labels {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetCellValue(sheet, col+"1", l.Names[0]); err != nil {
			return err
		}
		f.SetCellStyle(sheet, col+"1", col+"1", bold)
		cell := col + "2"
		v := values[l.Key]
		if t, perr := time.Parse(time.DateOnly, v); perr == nil && dateKeys[l.Key] {
			f.SetCellValue(sheet, cell, t)
			f.SetCellStyle(sheet, cell, cell, date)
			f.SetColWidth(sheet, col, col, 12)
			continue
		}
		f.SetCellValue(sheet, cell, v)
		width := 16.0
		if l.Key == "content" || l.Key == "requirements" {
			width = 40
			f.SetCellStyle(sheet, cell, cell, wrap)
		}
		f.SetColWidth(sheet, col, col, width)
	}
	_, err = f.WriteTo(w)
	return err
}
