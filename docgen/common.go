package docgen

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// Chinese font sizes (spec §5), in points.
const (
	sizeEr      layout.Length = 22   // 二号: titles
	sizeSan     layout.Length = 16   // 三号: 附件N, 督办单 text
	sizeSi      layout.Length = 14   // 四号: meta line, page numbers
	sizeWu      layout.Length = 10.5 // 五号: table body of 附件2, 3, 5
	sizeXiaoWu  layout.Length = 9    // 小五: 附件4 on A3
	sizeLiuHao  layout.Length = 7.5  // 六号: 附件4 on A4
	sealDefault               = 42   // seal diameter in mm
)

// landscapeTable is the page of the table forms: A4 landscape with the
// GB/T 9704 type area turned (28/26/35/37 mm), or A3 landscape with 25 mm.
func landscapeTable(size layout.PageSize) layout.Page {
	if size == layout.A3() {
		m := layout.MM(25)
		return layout.Page{Size: size, Landscape: true, Margins: layout.Insets{Top: m, Right: m, Bottom: m, Left: m}}
	}
	return layout.Page{Size: layout.A4(), Landscape: true, Margins: layout.Insets{
		Top: layout.MM(28), Bottom: layout.MM(26), Left: layout.MM(35), Right: layout.MM(37)}}
}

// pageNumbers is the GB/T 9704 page number: "— N —", 四号 宋体, the top of
// its dashes 7 mm below the type area (the dashes stand about 0.3 em above
// the baseline), one character in from the outer edge.
func pageNumbers() *layout.PageNumbers {
	return &layout.PageNumbers{
		Font:     layout.Font{Role: layout.RoleNumber, Size: sizeSi},
		Format:   "— %d —",
		Distance: layout.MM(7) + sizeSi*0.3,
		Indent:   sizeSi,
	}
}

// heading returns the blocks above the table: "附件N", a blank line, the title.
func heading(info forms.Info) []layout.Block {
	label := layout.Font{Role: layout.RoleLabel, Size: sizeSan}
	return []layout.Block{
		&layout.Paragraph{Spans: []layout.Span{{Text: info.Attachment}}, Font: label, LineHeight: 28},
		&layout.Paragraph{Font: label, LineHeight: 28},
		&layout.Paragraph{Spans: []layout.Span{{Text: info.Title, Anchor: anchorTitle}}, Font: layout.Font{Role: layout.RoleTitle, Size: sizeEr},
			Align: layout.AlignCenter, LineHeight: 36, SpaceAfter: 6},
	}
}

// anchorTitle marks the title, which no seal may touch.
const anchorTitle = "title"

// anchorSeal marks the spans the seal is stamped over: the unit name on the
// meta line (附件2–5), the issuer and the issue date (附件6).
const anchorSeal = "seal"

// blankFill is what a blank form prints where a clerk writes by hand.
const blankFill = "\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000"

// metaLine is "单位（盖章）：<unit>" left and "填报日期：<date>" right.
func metaLine(h *forms.Header, blank bool) *layout.Paragraph {
	unit, date := blankFill+blankFill, blankFill
	if !blank {
		unit, date = h.Unit, h.Date.Chinese()
	}
	return &layout.Paragraph{
		Spans: []layout.Span{
			{Text: "单位（盖章）："},
			{Text: unit, Anchor: anchorSeal, Source: headerField(forms.Header{}, "unit")},
		},
		Right:       []layout.Span{{Text: "填报日期："}, {Text: date, Source: headerField(forms.Header{}, "date")}},
		Font:        layout.Font{Role: layout.RoleBody, Size: sizeSi},
		LineHeight:  24,
		SpaceBefore: 4,
		SpaceAfter:  6,
	}
}

// column is one column of a table form: its header, its width weight, how
// its cells align and what a row prints in it.
type column[R any] struct {
	label  string // the label tag: "牵头|责任领导"
	key    string // the JSON key of the field it prints
	weight float64
	align  layout.Align
	value  func(no int, row *R) []string // one string per printed line, all of field key
	// lines, when set instead of value, prints several fields in one cell;
	// field names a field of the row by its key.
	lines func(no int, row *R, field func(key string) layout.Field) []line
}

// cell returns what the column prints for row r, numbered no, each line
// with its field.
func (c *column[R]) cell(no int, r *R, field func(key string) layout.Field) []line {
	if c.lines != nil {
		return c.lines(no, r, field)
	}
	return linesOf(c.value(no, r), field(c.key))
}

// subField names field sub of the object at f (of type sample):
// "rows[0].projects[1].company.name", labelled "项目进展情况…·工商注册名称".
func subField(f layout.Field, sub string, sample any) layout.Field {
	f.Path += "." + sub
	f.Label += "·" + joinedLabel(sample, sub)
	return f
}

// headers returns the columns' header cells.
func headers[R any](cols []column[R], size layout.Length) []layout.Cell {
	out := make([]layout.Cell, len(cols))
	for i, c := range cols {
		out[i] = headerCell(c.label, size)
	}
	return out
}

// weights returns the columns' width weights.
func weightsOf[R any](cols []column[R]) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.weight
	}
	return out
}

// headerField names a field outside the table (附件2–5's unit and date,
// 附件6's fields): its JSON key and its label.
func headerField(sample any, key string) layout.Field {
	return layout.Field{Path: key, Label: joinedLabel(sample, key)}
}

// rowField names field key of a table row: path "rows[2].overview", row "第3行".
func rowField(prefix, row string, sample any, key string) layout.Field {
	return layout.Field{Path: prefix + "." + key, Row: row, Label: joinedLabel(sample, key)}
}

// labelKey identifies a field of a form type, for labelCache.
type labelKey struct {
	t      reflect.Type
	key    string
	joined bool
}

// labelCache holds the joined labels of fields (forms.Label reads struct
// tags by reflection: too slow for every cell). It only grows, with one
// entry per field of the forms' types, and is safe for concurrent use.
var labelCache sync.Map // labelKey → string

// joinedLabel returns forms.Label(sample, key) without its line breaks.
func joinedLabel(sample any, key string) string {
	k := labelKey{reflect.TypeOf(sample), key, true}
	if v, ok := labelCache.Load(k); ok {
		return v.(string)
	}
	l := strings.ReplaceAll(labelTag(sample, key), "|", "")
	labelCache.Store(k, l)
	return l
}

// labelTag returns forms.Label(sample, key), its official line breaks ("|") kept.
func labelTag(sample any, key string) string {
	k := labelKey{reflect.TypeOf(sample), key, false}
	if v, ok := labelCache.Load(k); ok {
		return v.(string)
	}
	l := forms.Label(sample, key)
	labelCache.Store(k, l)
	return l
}

// line is a printed line of a cell and the field it comes from.
type line struct {
	text string
	src  layout.Field
}

// linesOf gives every text the same source.
func linesOf(texts []string, src layout.Field) []line {
	out := make([]line, len(texts))
	for i, t := range texts {
		out[i] = line{t, src}
	}
	return out
}

// tableSpec is a one-level table form (附件2, 3, 5).
type tableSpec[R any] struct {
	columns []column[R]
	size    layout.Length // body font size
	blanks  int           // empty rows of a blank form
}

// widths scales the columns' weights to the type area width.
func widths(weights []float64, total layout.Length) []layout.Length {
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	out := make([]layout.Length, len(weights))
	for i, w := range weights {
		out[i] = layout.Length(w / sum * float64(total))
	}
	return out
}

// headerCell is a table header cell: label font, centred both ways, the
// official line breaks ("|") kept.
func headerCell(label string, size layout.Length) layout.Cell {
	lines := strings.Split(label, "|")
	ps := make([]layout.Paragraph, len(lines))
	for i, l := range lines {
		ps[i] = layout.Paragraph{Spans: []layout.Span{{Text: l}}, Font: layout.Font{Role: layout.RoleLabel, Size: size},
			Align: layout.AlignCenter, LineHeight: size * 1.3}
	}
	return layout.Cell{Paragraphs: ps, VAlign: layout.VAlignMiddle}
}

// lineBreaks are what ends a line in a long text: LF, and the Unicode line
// and paragraph separators (validation refuses the others, CR among them).
var lineBreaks = strings.NewReplacer("\u2028", "\n", "\u2029", "\n")

// bodyCell is a cell of filled-in text, one paragraph per line (a text's
// own line breaks start new paragraphs).
func bodyCell(lines []line, size layout.Length, align layout.Align) layout.Cell {
	var ps []layout.Paragraph
	for _, ln := range lines {
		for _, l := range strings.Split(lineBreaks.Replace(ln.text), "\n") {
			ps = append(ps, layout.Paragraph{Spans: []layout.Span{{Text: l, Source: ln.src}},
				Font: layout.Font{Role: layout.RoleBody, Size: size}, Align: align, LineHeight: size * 1.3})
		}
	}
	return layout.Cell{Paragraphs: ps, VAlign: layout.VAlignMiddle}
}

// table builds a one-level table form's table.
func (s tableSpec[R]) table(rows []R, numbers []int, contentWidth layout.Length, blank bool) *layout.Table {
	header := layout.Row{Header: true, Cells: headers(s.columns, s.size)}
	t := &layout.Table{Columns: widths(weightsOf(s.columns), contentWidth), Rows: []layout.Row{header},
		Padding: cellPadding(s.size), Border: 0.5, KeepRows: true}
	if blank {
		for range s.blanks {
			t.Rows = append(t.Rows, blankRow(len(s.columns), s.size))
		}
		return t
	}
	var sample R
	for i := range rows {
		var r layout.Row
		prefix, row := fmt.Sprintf("rows[%d]", i), fmt.Sprintf("第%d行", i+1)
		field := func(key string) layout.Field { return rowField(prefix, row, sample, key) }
		for k := range s.columns {
			c := &s.columns[k]
			r.Cells = append(r.Cells, typed(bodyCell(c.cell(numbers[i], &rows[i], field), s.size, c.align), sample, c.key))
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// blankRow is an empty row of a blank form, tall enough to write in.
func blankRow(cols int, size layout.Length) layout.Row {
	r := layout.Row{MinHeight: size * 4}
	for range cols {
		r.Cells = append(r.Cells, layout.Cell{})
	}
	return r
}

// cellPadding is the space inside cells: 1.5 mm at the sides for 五号,
// less for the small type of 附件4 (1 mm on A3, 0.7 mm on A4).
func cellPadding(size layout.Length) layout.Insets {
	side := layout.MM(1.5)
	switch {
	case size < sizeXiaoWu:
		side = layout.MM(0.7)
	case size < sizeWu:
		side = layout.MM(1)
	}
	return layout.Insets{Top: 2, Bottom: 2, Left: side, Right: side}
}

// numbered prefixes task items with "1." "2." …, by the rule of 序号
// (forms.Numbers): an item that starts with its own number ("3.", "3、",
// "3．", "（3）") keeps it, and an item without continues from the item
// before, so "3.x", "y" prints "3.x", "4.y" — never a number going back.
func numbered(items []string) []string {
	given := make([]int, len(items))
	for i, it := range items {
		given[i] = leadingNumber(it)
	}
	nums := forms.Numbers(given)
	out := make([]string, len(items))
	for i, it := range items {
		if given[i] > 0 {
			out[i] = it
		} else {
			out[i] = fmt.Sprintf("%d.%s", nums[i], it)
		}
	}
	return out
}

// leadingNumber returns the number a text starts with, as in "1." "2、"
// "3．" "（4）", or 0.
func leadingNumber(s string) int {
	digits := func(s string) (int, string) {
		n, i := 0, 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 6 {
			n = n*10 + int(s[i]-'0')
			i++
		}
		return n, s[i:]
	}
	if rest, ok := strings.CutPrefix(s, "（"); ok {
		if n, tail := digits(rest); n > 0 && strings.HasPrefix(tail, "）") {
			return n
		}
		return 0
	}
	n, tail := digits(s)
	if n > 0 && (strings.HasPrefix(tail, ".") || strings.HasPrefix(tail, "、") || strings.HasPrefix(tail, "．")) {
		return n
	}
	return 0
}

func one(s string) []string { return []string{s} }

func itoa(n int) string { return fmt.Sprint(n) }
