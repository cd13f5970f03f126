// Package xlsx writes a layout.Document as an Excel workbook (.xlsx), one
// sheet per section, with github.com/xuri/excelize/v2.
//
// A sheet is the section on a grid: every paragraph a row merged across the
// table's width (a line with text flush right, the 单位（盖章）/填报日期 line,
// two merged cells), every table row a row, every table cell a cell merged
// over the grid columns and rows it spans, with its borders, wrapping,
// alignment and the font named by role (方正小标宋简体, 黑体, 仿宋_GB2312 by
// default). A cell with a layout.Cell.Number is a number whose format shows
// its decimals and the text around it ("12.5亿元"); every other cell is
// text, never a formula. The print setup is the section's: paper,
// orientation, margins, the table's header rows repeated on every page,
// every column on one page wide, and the page numbers in the footer. An
// image (the seal) is a picture over its anchor text.
//
// The output is deterministic: the same document gives the same bytes.
package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Options configures the XLSX writer.
type Options struct {
	// FontNames maps roles to the font names the cells ask for; missing
	// roles get the official fonts (fonts.Role.Chinese).
	FontNames map[layout.Role]string
	// Fonts measures text (row heights, the seal's place); nil is
	// fonts.Default(), the PDF's default fonts.
	Fonts *fonts.Set
}

// fontName returns the font name cells in role r ask for.
func (o *Options) fontName(r layout.Role) string {
	if name := o.FontNames[r]; name != "" {
		return name
	}
	return r.Chinese()
}

// UnsupportedError is content a workbook cannot hold (a drawing).
type UnsupportedError struct{ What string }

func (e *UnsupportedError) Error() string {
	return "Excel 文件不能保存" + e.What + "，请改用 pdf 或 docx"
}

// MaxRowHeight is the tallest row a spreadsheet can have, in points: a
// cell whose text needs more shows the rest only when edited.
const MaxRowHeight = 409

// Render writes doc to w as an .xlsx workbook.
func Render(ctx context.Context, w io.Writer, doc *layout.Document, opts Options) (err error) {
	defer func() {
		if v := recover(); v != nil { // a defect must not crash a server: report it
			err = fmt.Errorf("生成 Excel 文件时发生内部错误：%v", v)
		}
	}()
	if doc == nil {
		return errors.New("xlsx: no document")
	}
	if len(doc.Sections) == 0 {
		return errors.New("xlsx: 文档没有内容")
	}
	f := excelize.NewFile()
	defer f.Close()
	props := &excelize.DocProperties{Title: doc.Title, Subject: doc.Subject, Creator: doc.Creator,
		LastModifiedBy: doc.Creator, Language: "zh-CN"}
	if !doc.Created.IsZero() {
		props.Created = doc.Created.UTC().Format("2006-01-02T15:04:05Z")
		props.Modified = props.Created
	}
	if err := f.SetDocProps(props); err != nil {
		return err
	}
	set := opts.Fonts
	if set == nil {
		if set, err = fonts.Default(); err != nil {
			return err
		}
	}
	m := measurer{layout.NewMeasurer(set)}
	w2 := &writer{f: f, opts: &opts, m: m, styles: map[styleKey]int{}}
	names := sheetNames(doc.Sections)
	for i := range doc.Sections {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", names[0]); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(names[i]); err != nil {
			return err
		}
		if err := w2.section(names[i], &doc.Sections[i]); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if err := ctx.Err(); err != nil {
		return err
	}
	c := &collect{}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return c })
	if _, err := f.WriteTo(io.Discard); err != nil {
		return err
	}
	return c.write(w)
}

// sheetNames names the sections' sheets: Section.Name made valid (at most
// 31 characters, none of : \ / ? * [ ]), "Sheet1"… for none, and "（2）"…
// added to repeats.
func sheetNames(secs []layout.Section) []string {
	bad := strings.NewReplacer(":", "：", "\\", "、", "/", "／", "?", "？", "*", "＊", "[", "【", "]", "】", "'", "’")
	seen := map[string]int{}
	out := make([]string, len(secs))
	for i, s := range secs {
		name := strings.TrimSpace(bad.Replace(s.Name))
		if name == "" {
			name = fmt.Sprintf("Sheet%d", i+1)
		}
		name = cut(name, 26)
		seen[name]++
		if n := seen[name]; n > 1 {
			name = fmt.Sprintf("%s（%d）", name, n)
		}
		out[i] = name
	}
	return out
}

// cut returns s's first n characters.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
