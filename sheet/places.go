package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// pathParts splits an error's path: "rows[2].projects[1].contact.phone" →
// row 2, item 1, key "contact.phone"; list indexes inside the key
// ("tasks[3]") are dropped.
var pathParts = regexp.MustCompile(`^rows\[(\d+)\](?:\.([A-Za-z]+)\[(\d+)\])?(?:\.(.*))?$`)

// placed renames the problems of the parsed input by their places in the
// sheet: "Sheet1 第7行 K列【合作方式】“F”不是有效代码…".
func (s *scanned) placed(list forms.Errors) forms.Errors {
	out := make(forms.Errors, 0, len(list))
	for _, e := range list {
		c := *e
		text := messageText(e)
		switch {
		case e.Path == "unit" || e.Path == "date":
			s.placeMeta(&c, text)
		case e.Path == "rows":
			c.Row = s.h.Where()
			c.Message = fmt.Sprintf("%s：表头下没有数据行；%s", s.h.Where(), text)
			if e.Rule != "required" && e.Rule != "min" {
				c.Message = s.h.Where() + "以下的表格：" + text
			}
		default:
			s.placeRow(&c, text)
		}
		out = append(out, &c)
	}
	return out
}

// messageText is a problem's message without its row and label.
func messageText(e *forms.FieldError) string {
	t := strings.TrimPrefix(e.Message, e.Row)
	if e.Label != "" {
		if rest, ok := strings.CutPrefix(t, "【"+e.Label+"】"); ok {
			return rest
		}
	}
	return strings.TrimPrefix(t, "：")
}

// placeMeta names 单位（盖章） or 填报日期 by the cell it was read from.
func (s *scanned) placeMeta(c *forms.FieldError, text string) {
	m := s.unit
	if c.Path == "date" {
		m = s.date
	}
	switch {
	case m.found:
		c.Row = m.row.Where()
		c.Message = m.row.WhereCell(m.col) + "【" + c.Label + "】" + text
	case c.Rule == "required":
		c.Message = fmt.Sprintf("%s 表头上方【%s】%s（表头上方应有一行“%s：…”）", s.sheetName(), c.Label, text, c.Label)
	}
}

func (s *scanned) sheetName() string {
	if s.h.Sheet == "" {
		return "表格"
	}
	return s.h.Sheet
}

// placeRow names a problem of a row (or project) by its row in the sheet
// and, when the header has it, the column of its field.
func (s *scanned) placeRow(c *forms.FieldError, text string) {
	m := pathParts.FindStringSubmatch(c.Path)
	if m == nil {
		return
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(s.places) {
		return
	}
	level, at := 0, s.places[i][0]
	if m[3] != "" {
		j, _ := strconv.Atoi(m[3])
		if j+1 >= len(s.places[i]) {
			return
		}
		level, at = 1, s.places[i][j+1]
	}
	key := stripIndexes(m[4])
	c.Row = at.row.Where()
	col, label := s.columnOf(level, key, c.Label)
	if col < 0 {
		if key == "" { // the row itself ("projects": too many)
			c.Message = at.row.Where() + "：" + text
			return
		}
		c.Message = at.row.Where() + "【" + label + "】" + text
		return
	}
	c.Label = label
	c.Message = at.row.WhereCell(col) + "【" + label + "】" + text
}

// columnOf finds the column of the field key at level: its own, else the
// column of the object it belongs to. The label is the header's text for
// the field's own column, else the field's label.
func (s *scanned) columnOf(level int, key, label string) (int, string) {
	for k := key; k != ""; {
		if i, ok := s.h.Index(s.t.idOf(level, k)); ok {
			for _, col := range s.h.Columns {
				if col.Index == i && k == key {
					return i, headerText(col)
				}
			}
			return i, label
		}
		cut := strings.LastIndexByte(k, '.')
		if cut < 0 {
			break
		}
		k = k[:cut]
	}
	// a field printed in another column's cell (附件4's company)
	first, _, _ := strings.Cut(key, ".")
	for _, c := range s.t.cols {
		for _, sh := range c.shared {
			if c.level == level && sh.key == first {
				if i, ok := s.h.Index(c.id); ok {
					return i, label
				}
			}
		}
	}
	return -1, label
}

// stripIndexes drops list indexes from a key: "tasks[3]" → "tasks".
func stripIndexes(key string) string {
	for {
		i := strings.IndexByte(key, '[')
		if i < 0 {
			return key
		}
		j := strings.IndexByte(key[i:], ']')
		if j < 0 {
			return key
		}
		key = key[:i] + key[i+j+1:]
	}
}

// headerText is a header cell's text for a message, without the blanks
// and line breaks that break it: "合作方式".
func headerText(c tabular.Column) string { return strings.Join(strings.Fields(c.Text), "") }
