package sheet

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// Options configure Read. The zero value reads the first worksheet (or the
// CSV file, its encoding detected) and takes the unit and the date from the
// sheet.
type Options struct {
	// Unit, when set, is 单位（盖章）, whatever the sheet says.
	Unit string
	// Date, when set, is 填报日期 in any form the JSON accepts
	// ("2026-11-26", "2026年11月26日"), whatever the sheet says.
	Date string
	// Seal is the seal id of the form ("seal" of the JSON); a sheet does
	// not carry one.
	Seal string
	// Sheet names the worksheet of a workbook; "" is the first.
	Sheet string
	// Format forces CSV or XLSX; tabular.FormatUnknown detects it.
	Format tabular.Format
	// Encoding forces the encoding of a CSV file ("utf-8", "gb18030").
	Encoding string
	// MaxBytes bounds the input; zero is MaxBytes.
	MaxBytes int64
}

// MaxBytes is the default bound of a spreadsheet's size.
const MaxBytes = 32 << 20

// maxSheetRows bounds the rows read: a full 附件4 (forms.MaxProjects
// projects) with title rows, legend and room for blank lines.
const maxSheetRows = forms.MaxProjects + 200

// ErrInternal: reading panicked; the panic was recovered.
var ErrInternal = errors.New("sheet: internal error")

// Read reads form id from a spreadsheet. A table form (附件2–5) is read
// from an .xlsx
// workbook as zsdoc exports it or as a clerk types it, or a CSV file — and
// parses it as forms.Parse parses the JSON input: the form, and on invalid
// input forms.Errors whose messages name the sheet, row and column
// ("Sheet1 第7行 K列【合作方式】“F”不是有效代码…").
//
// The header row is found by the columns' labels (forms.Label; blanks and
// line breaks ignored, columns in any order, title rows above it skipped).
// The rows under it are read up to 附件4's legend or the end. 单位（盖章）：…
// and 填报日期：… in the rows above the header give the unit and the date;
// Options override them. In 附件4 a project belongs to the investor above
// it when its investor cell is merged with that investor's, left empty, or
// names the same investor. 附件6 is read as zsdoc exports it, the printed
// 督办单, one order a sheet (see readOrders; a batch table of orders, one a
// row, is package batch's). A spreadsheet that cannot be read gives one
// forms.FieldError of rule "table" saying why.
func Read(r io.Reader, id forms.ID, opts Options) (f forms.Form, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("%w：读取表格时程序内部出错（%v）", ErrInternal, p)
		}
	}()
	if _, err := forms.New(id); err != nil {
		return nil, err
	}
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = MaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("读取表格失败：%w", err)
	}
	if int64(len(data)) > limit {
		return nil, tableError("文件超过 " + sizeText(limit) + " 的上限")
	}
	topts := tabular.Options{Format: opts.Format, Encoding: opts.Encoding, Sheet: opts.Sheet,
		MaxBytes: limit, MaxRows: maxSheetRows}
	t := tableOf(id)
	if t == nil { // 附件6: the printed 督办单
		return readOrders(data, opts, topts)
	}
	s, err := t.scan(data, topts)
	if err != nil {
		return nil, err
	}
	return s.parse(opts)
}

// tableError is a spreadsheet that cannot be read as the form, as a
// problem of the input.
func tableError(msg string) forms.Errors {
	return forms.Errors{{Rule: "table", Label: "表格", Message: msg}}
}

// asTableError reports the tabular package's errors about the file as
// problems of the input; others pass through.
func asTableError(err error) error {
	var te *tabular.Error
	var he *tabular.HeaderError
	if errors.As(err, &te) && !errors.Is(err, tabular.ErrInternal) || errors.As(err, &he) {
		return tableError(err.Error())
	}
	return err
}

// scan reads the sheet: the rows above the header, the header, and the
// data under it.
func (t *table) scan(data []byte, topts tabular.Options) (*scanned, error) {
	rd, h, above, err := t.header(data, topts)
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	if err := t.checkHeader(h); err != nil {
		return nil, err
	}
	s := &scanned{t: t, h: h, rd: rd, merged: map[tabular.Range]string{}}
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, asTableError(err)
		}
		if end := t.isEnd(row); end != notEnd {
			if end == noteEnd {
				// Rows of data under a note would be lost: refuse them.
				if err := dataAfterNote(rd, row); err != nil {
					return nil, err
				}
			}
			break
		}
		s.add(row)
	}
	s.unit, s.date = findMeta(above)
	return s, nil
}

// header finds the header and returns a reader at the row under it, the
// header and the rows above it. A header of one row is found in one pass;
// otherwise (a header of two rows, or one with problems to report) the
// tabular package's ReadHeader finds it, and a second pass reads the rows
// above it.
func (t *table) header(data []byte, topts tabular.Options) (*tabular.Reader, *tabular.Header, []tabular.Row, error) {
	rd, err := tabular.Open(bytes.NewReader(data), topts)
	if err != nil {
		return nil, nil, nil, asTableError(err)
	}
	var above []tabular.Row
	for len(above) < tabular.DefaultMaxHeaderRows {
		row, err := rd.Next()
		if err != nil {
			break
		}
		if h, err := t.schema.Match(row); err == nil {
			return rd, h, above, nil
		}
		above = append(above, row)
	}
	rd.Close()
	if rd, err = tabular.Open(bytes.NewReader(data), topts); err != nil {
		return nil, nil, nil, asTableError(err)
	}
	h, err := t.schema.ReadHeader(rd)
	rd.Close()
	if err != nil {
		return nil, nil, nil, asTableError(err)
	}
	if rd, err = tabular.Open(bytes.NewReader(data), topts); err != nil {
		return nil, nil, nil, asTableError(err)
	}
	above = above[:0]
	for {
		row, err := rd.Next()
		if err != nil {
			rd.Close()
			return nil, nil, nil, asTableError(err)
		}
		if row.Line >= h.Line+h.Lines-1 {
			return rd, h, above, nil
		}
		if row.Line < h.Line {
			above = append(above, row)
		}
	}
}

// checkHeader refuses a header of 附件4 that has neither the contact
// column nor the columns of its fields.
func (t *table) checkHeader(h *tabular.Header) error {
	var missing []string
	for _, c := range t.cols {
		if c.typ != typeObject {
			continue
		}
		if _, ok := h.Index(c.id); ok {
			continue
		}
		all := true
		for _, f := range c.fields {
			if _, ok := h.Index(c.id + "." + f.key); !ok {
				all = false
			}
		}
		if !all {
			missing = append(missing, c.label)
		}
	}
	if len(missing) > 0 {
		return tableError(fmt.Sprintf("%s：表头缺少必需的列【%s】", h.Where(), strings.Join(missing, "】【")))
	}
	return nil
}

// How a row ends the table, if it does.
const (
	notEnd    = iota
	legendEnd // 附件4's legend: "签约类型：…"
	noteEnd   // a note alone in its row: "注：…"
)

// isEnd tells whether row ends the table: 附件4's legend ("签约类型：…"),
// or a note ("注：…") alone in its row.
func (t *table) isEnd(row tabular.Row) int {
	first, filled := firstFilled(row)
	for _, set := range []forms.CodeSet{forms.SignTypes(), forms.Cooperations(), forms.Industries(), forms.InvestorTypes()} {
		if at, _, ok := findLabel(first, set.Label); ok && at == 0 {
			return legendEnd
		}
	}
	if filled == 1 {
		for _, l := range []string{"注", "说明", "填表说明"} {
			if at, _, ok := findLabel(first, l); ok && at == 0 {
				return noteEnd
			}
		}
	}
	return notEnd
}

// firstFilled returns the text of row's first non-blank cell and how many
// cells are not blank.
func firstFilled(row tabular.Row) (first string, filled int) {
	for _, c := range row.Cells {
		if s := strings.TrimFunc(CellText(c), unicode.IsSpace); s != "" {
			if filled == 0 {
				first = s
			}
			filled++
		}
	}
	return first, filled
}

// dataAfterNote reads the rows under the note that ended the table and
// refuses one that holds data (two cells or more): it would be dropped.
func dataAfterNote(rd *tabular.Reader, note tabular.Row) error {
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return nil
		} else if err != nil {
			return asTableError(err)
		}
		if _, filled := firstFilled(row); filled >= 2 {
			return tableError(fmt.Sprintf("%s第%d行：表格在第%d行的说明之后还有数据；说明行请放在全部数据之后，或删除",
				sheetPrefix(row.Sheet), row.Line, note.Line))
		}
	}
}

// sheetPrefix is "Sheet1 " for a workbook's row, "" for CSV.
func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + " "
}

// parse builds the JSON input from what was read and parses it, naming
// every problem by its place in the sheet.
func (s *scanned) parse(opts Options) (forms.Form, error) {
	input := map[string]any{"rows": s.rows}
	unit, date := s.unit.text, s.date.text
	if opts.Unit != "" {
		unit, s.unit.found = opts.Unit, false
	}
	if opts.Date != "" {
		date, s.date.found = opts.Date, false
	}
	if unit != "" {
		input["unit"] = unit
	}
	if date != "" {
		input["date"] = date
	}
	if opts.Seal != "" {
		input["seal"] = opts.Seal
	}
	data, err := json.Marshal(input)
	if err != nil {
		return nil, err
	}
	f, err := forms.Parse(s.t.id, data)
	var list forms.Errors
	if err != nil && !errors.As(err, &list) {
		return f, err
	}
	list = append(s.placed(list), s.conflicts...)
	if len(list) == 0 {
		return f, nil
	}
	return f, list
}

// sizeText writes a size for people: "32 MB", "512 KB" or "1000 字节".
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
