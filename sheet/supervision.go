package sheet

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// maxOrderRows bounds the rows read from a sheet of a printed 督办单.
const maxOrderRows = 200

// orderSheet is one printed 督办单 read from its sheet: the JSON object of
// the order and where each key's value stood.
type orderSheet struct {
	obj    map[string]any
	places map[string]string // key → "附件6 第5行 B列"
	sheet  string
}

// readOrders reads 附件6 as zsdoc exports it: the printed 督办单, one order
// a sheet (Options.Sheet picks one). One order gives a *forms.Supervision,
// several a *forms.SupervisionBatch. The rows of labels (督办单位：, 督办内容：,
// 工作要求：, 完成时限：, 督办单签发单位) are found by their text, the value in
// the cell right of the label; the number and the date stand on a line
// above them.
func readOrders(data []byte, opts Options, topts tabular.Options) (forms.Form, error) {
	topts.MaxRows = maxOrderRows
	rd, err := tabular.Open(bytes.NewReader(data), topts)
	if err != nil {
		return nil, asTableError(err)
	}
	names := []string{rd.Sheet()}
	if opts.Sheet == "" && rd.Format() == tabular.FormatXLSX {
		names = rd.Sheets()
	}
	rd.Close()
	var orders []orderSheet
	read := func(name string) error {
		topts.Sheet = name
		o, err := readOrder(data, topts, opts.Seal)
		orders = append(orders, o)
		return err
	}
	for _, name := range names {
		one := topts
		one.Sheet = name
		if len(names) > 1 && blankSheet(data, one) {
			continue // an empty sheet of the workbook (Sheet2, Sheet3 of older Excel and WPS)
		}
		if err := read(name); err != nil {
			return nil, err
		}
	}
	if len(orders) == 0 { // every sheet blank: the first one says what is missing
		if err := read(names[0]); err != nil {
			return nil, err
		}
	}
	var input any = orders[0].obj
	if len(orders) > 1 {
		list := make([]any, len(orders))
		for i, o := range orders {
			list[i] = o.obj
		}
		input = list
	}
	js, err := json.Marshal(input)
	if err != nil {
		return nil, err
	}
	f, err := forms.Parse(forms.SupervisionID, js)
	var list forms.Errors
	if err == nil || !errors.As(err, &list) {
		return f, err
	}
	out := make(forms.Errors, len(list))
	for i, e := range list {
		c := *e
		o, key := orderOf(orders, c.Path)
		where, ok := o.places[key]
		if !ok {
			where = o.sheet
		}
		c.Row = o.sheet
		c.Message = where + "【" + c.Label + "】" + messageText(e)
		out[i] = &c
	}
	return f, out
}

// orderOf finds the order a path names ("[2].target", or "target" for one
// order) and the key within it.
func orderOf(orders []orderSheet, path string) (orderSheet, string) {
	if rest, ok := strings.CutPrefix(path, "["); ok {
		if i := strings.IndexByte(rest, ']'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil && n < len(orders) {
				return orders[n], strings.TrimPrefix(rest[i+1:], ".")
			}
		}
	}
	return orders[0], path
}

// orderLabels are the printed labels of the 督办单's rows, by key.
var orderLabels = map[string]string{
	tabular.NormalizeLabel(forms.Label(forms.Supervision{}, "target")):                              "target",
	tabular.NormalizeLabel(forms.Label(forms.Supervision{}, "content")):                             "content",
	tabular.NormalizeLabel(forms.Label(forms.Supervision{}, "requirements")):                        "requirements",
	tabular.NormalizeLabel("完成时限"):                                                                  "deadline",
	tabular.NormalizeLabel(strings.ReplaceAll(forms.Label(forms.Supervision{}, "issuer"), "|", "")): "issuer",
	tabular.NormalizeLabel("签发单位"):                                                                  "issuer",
}

// readOrder reads the order on one sheet.
func readOrder(data []byte, topts tabular.Options, seal string) (orderSheet, error) {
	rd, err := tabular.Open(bytes.NewReader(data), topts)
	if err != nil {
		return orderSheet{}, asTableError(err)
	}
	defer rd.Close()
	info, _ := forms.Lookup(forms.SupervisionID)
	o := orderSheet{obj: map[string]any{}, places: map[string]string{}, sheet: rd.Sheet()}
	if o.sheet == "" {
		o.sheet = "表格"
	}
	set := func(key, value string, row tabular.Row, col int) {
		o.places[key] = row.WhereCell(col)
		if strings.TrimSpace(value) != "" {
			o.obj[key] = value
		}
	}
	labelled := false
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return o, asTableError(err)
		}
		first := -1
		for i, c := range row.Cells {
			if strings.TrimSpace(CellText(c)) != "" {
				first = i
				break
			}
		}
		key, isLabel := orderLabels[tabular.NormalizeLabel(CellText(row.Cell(first)))]
		if !isLabel {
			if labelled {
				continue
			}
			for i, c := range row.Cells { // the number and date line, above the labels
				t := strings.TrimSpace(CellText(c))
				switch {
				case t == "" || t == info.Attachment || t == info.Title:
				case isDate(c):
					set("date", t, row, i)
				case o.obj["number"] == nil:
					set("number", t, row, i)
				}
			}
			continue
		}
		labelled = true
		value, col := "", first+1 // the first filled cell right of the label
		for j := first + 1; j < len(row.Cells) && value == ""; j++ {
			if value = strings.TrimSpace(CellText(row.Cells[j])); value != "" {
				col = j
			}
		}
		switch key {
		case "deadline":
			from, to := splitDeadline(value)
			set("from", from, row, col)
			set("to", to, row, col)
		case "issuer":
			for _, l := range lines(value) {
				if v, ok := afterLabel(l, unitLabels, nil); ok {
					set("issuer", v, row, col)
				} else if _, err := forms.ParseDate(l); err == nil {
					set("issueDate", strings.TrimSpace(l), row, col)
				} else if o.obj["issuer"] == nil {
					set("issuer", l, row, col)
				}
			}
		default:
			set(key, value, row, col)
		}
	}
	if seal != "" {
		o.obj["seal"] = seal
	}
	return o, nil
}

// isDate reports whether a cell holds a date: an Excel date, or text in a
// form the JSON accepts.
func isDate(c tabular.Cell) bool {
	if c.Kind == tabular.Date {
		return true
	}
	_, err := forms.ParseDate(c.Text)
	return err == nil
}

// weekday matches the weekday printed after a date: "（星期二）".
var weekday = regexp.MustCompile(`[（(]星期[一二三四五六日天][）)]`)

// splitDeadline reads 完成时限 as printed, "2026年12月1日（星期二）至12月7日
// （星期一）": the two dates, the year of the second taken from the first
// when it has none.
func splitDeadline(s string) (from, to string) {
	s = weekday.ReplaceAllString(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s), "")
	from, to, found := strings.Cut(s, "至")
	if !found {
		return s, ""
	}
	if y, _, ok := strings.Cut(from, "年"); ok && !strings.Contains(to, "年") && to != "" {
		to = y + "年" + to
	}
	return from, to
}

// blankSheet reports whether the sheet of topts holds no text at all.
func blankSheet(data []byte, topts tabular.Options) bool {
	rd, err := tabular.Open(bytes.NewReader(data), topts)
	if err != nil {
		return false // let the reader say what is wrong
	}
	defer rd.Close()
	for {
		row, err := rd.Next()
		if err != nil {
			return err == io.EOF
		}
		if _, filled := firstFilled(row); filled > 0 {
			return false
		}
	}
}
