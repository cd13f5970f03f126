package sheet

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// scanned is a sheet read into the JSON input of its form, with the place
// of every row for messages.
type scanned struct {
	t      *table
	h      *tabular.Header
	rd     *tabular.Reader
	merged map[tabular.Range]string // the text of merged ranges spanning rows, by range

	rows      []any        // the JSON rows: objects (附件4: investors with "projects")
	places    [][]place    // each row's place: [0] the row; for 附件4 [1+j] project j
	groups    []group      // 附件4: each investor's level-0 cells as read
	unit      metaValue    // 单位（盖章）
	date      metaValue    // 填报日期
	conflicts forms.Errors // 附件4: investor cells that differ within one investor
}

// place is where a row of the form stands in the sheet.
type place struct {
	row tabular.Row // Line and Sheet only
}

// group is an investor of 附件4 as read: its object and its cells.
type group struct {
	obj   map[string]any
	name  string            // the investor's name, trimmed
	texts map[string]string // level-0 column id → text as read
	first tabular.Row
}

// cellText is the text of a row's cell in column col, or of the merged
// range covering it: the range's text in its first row, nothing in the
// other columns of that row. fromAbove tells a value taken from a range
// that starts in a row above.
func (s *scanned) cellText(row tabular.Row, col int) (text string, fromAbove bool) {
	g, ok := s.rd.MergeAt(row.Line, col)
	if !ok {
		return CellText(row.Cell(col)), false
	}
	switch {
	case g.FirstRow == row.Line && g.FirstCol == col:
		text = CellText(row.Cell(col))
		if g.LastRow > g.FirstRow {
			s.merged[g] = text
		}
		return text, false
	case g.FirstRow == row.Line:
		return "", false
	}
	return s.merged[g], true
}

// values reads the columns of one level of a data row into obj; it
// returns the texts read by column id, and which came from a merged range
// above.
func (s *scanned) values(row tabular.Row, level int, obj map[string]any) (texts map[string]string, above map[string]bool) {
	texts, above = map[string]string{}, map[string]bool{}
	for _, col := range s.h.Columns {
		c := s.t.byID[col.Key]
		if c == nil || c.level != level {
			continue
		}
		text, up := s.cellText(row, col.Index)
		texts[c.id], above[c.id] = text, up
		if strings.Contains(c.key, ".") {
			continue // a field's own column: applied below
		}
		own := text
		if len(c.shared) > 0 {
			var objs map[string]map[string]any
			own, objs = sharedLines(text, c.shared)
			for k, o := range objs {
				obj[k] = o
			}
		}
		if v := c.value(own); v != nil {
			obj[c.key] = v
		}
	}
	for _, col := range s.h.Columns { // fields in columns of their own win
		c := s.t.byID[col.Key]
		if c == nil || c.level != level || !strings.Contains(c.key, ".") {
			continue
		}
		v := strings.TrimSpace(texts[c.id])
		if v == "" {
			continue
		}
		parent, key, _ := strings.Cut(c.key, ".")
		o, _ := obj[parent].(map[string]any)
		if o == nil {
			o = map[string]any{}
			obj[parent] = o
		}
		o[key] = v
	}
	return texts, above
}

// add reads one data row.
func (s *scanned) add(row tabular.Row) {
	at := place{row: tabular.Row{Line: row.Line, Sheet: row.Sheet}}
	if s.t.nested == "" {
		obj := map[string]any{}
		s.values(row, 0, obj)
		s.rows = append(s.rows, obj)
		s.places = append(s.places, []place{at})
		return
	}
	inv := map[string]any{}
	texts, above := s.values(row, 0, inv)
	proj := map[string]any{}
	s.values(row, 1, proj)
	name := strings.TrimFunc(texts["investor"], unicode.IsSpace)
	if n := len(s.groups); n > 0 && (above["investor"] || name == "" || name == s.groups[n-1].name) {
		g := &s.groups[n-1]
		s.join(g, n-1, row, texts, above, inv)
		g.obj[s.t.nested] = append(g.obj[s.t.nested].([]any), proj)
		s.places[n-1] = append(s.places[n-1], at)
		return
	}
	inv[s.t.nested] = []any{proj}
	s.groups = append(s.groups, group{obj: inv, name: name, texts: texts, first: row})
	s.rows = append(s.rows, inv)
	s.places = append(s.places, []place{at, at})
}

// join checks the investor cells of a row that continues investor g
// (number i): a cell left empty or merged takes the investor's value, a
// cell filled for the first time gives it, and a cell that differs from
// the investor's is an error.
func (s *scanned) join(g *group, i int, row tabular.Row, texts map[string]string, above map[string]bool, inv map[string]any) {
	for _, col := range s.h.Columns {
		c := s.t.byID[col.Key]
		if c == nil || c.level != 0 || above[c.id] {
			continue
		}
		text := strings.TrimFunc(texts[c.id], unicode.IsSpace)
		if text == "" {
			continue
		}
		prev := strings.TrimFunc(g.texts[c.id], unicode.IsSpace)
		switch {
		case prev == "":
			g.texts[c.id] = text
			if v, ok := inv[c.key]; ok {
				g.obj[c.key] = v
			}
		case prev != text:
			s.conflicts = append(s.conflicts, &forms.FieldError{
				Path: fmt.Sprintf("rows[%d].%s", i, c.key), Label: headerText(col), Row: row.Where(), Rule: "group",
				Message: fmt.Sprintf("%s【%s】“%s”与同一投资方%s的“%s”不一致：同一投资方的各个项目请合并该单元格、留空或填写相同内容",
					row.WhereCell(col.Index), headerText(col), text, rowName(g.first), prev),
			})
		}
	}
}

// rowName is "第5行" (the sheet is named already).
func rowName(r tabular.Row) string { return fmt.Sprintf("第%d行", r.Line) }
