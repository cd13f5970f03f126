package sheet

import (
	"strings"
	"sync"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
	"github.com/zsdoc/zsdoc/tabular"
)

// The schema's type names (forms/schema) that reading a cell depends on.
const (
	typeObject     = "对象"
	typeList       = "数组"
	typeTextList   = "文本列表"
	typeTextOrObj  = "文本或对象"
	typeAmountUnit = "金额（"
)

// column is a column that a sheet of a form may have: a printed column of
// the official table, or a field of an object printed in one cell (附件4's
// 工商注册名称 and 统一社会信用代码, 联系人 and 电话) that a sheet typed by
// hand may give in a column of its own.
type column struct {
	id    string // the tabular key: the path under the row, "projects.contact.phone"
	level int    // 0: a row (附件4: an investor), 1: an item of the nested list (附件4: a project)
	key   string // the JSON key under the row or item: "cooperation", "contact.phone"
	label string // the official label, line breaks removed
	typ   string // the schema's type name: "金额（亿元）", "代码", …
	// fields are, for a column that prints an object, its fields by key
	// with their labels, one line each (附件4's 项目联系人及电话).
	fields []field
	// shared are objects printed in this column's cell after its own text,
	// one "label：value" line per field (附件4's 项目进展情况 holds company).
	shared []sharedObject
}

// field is a field of an object: its key and label.
type field struct{ key, label string }

// sharedObject is an object whose fields a column prints under its text.
type sharedObject struct {
	key    string
	fields []field
}

// table is what reading needs to know of a form: its columns, the header
// schema they make, and the key of the nested list (附件4's "projects").
type table struct {
	id     forms.ID
	nested string
	cols   []column
	byID   map[string]*column
	schema tabular.Schema
}

// aliases are other names that sheets typed by hand give some columns,
// besides the label and the label without its trailing （…）.
var aliases = map[string][]string{
	"项目投资方":       {"投资方", "投资方名称"},
	"所属500强名称及排名": {"500强", "所属500强", "500强名称及排名"},
	"是否首次来潭投资":    {"首次来潭投资", "是否首次来潭", "首次来潭"},
	"联系人":         {"项目联系人"},
	"电话":          {"联系电话", "手机", "电话号码"},
	"企业（项目）名称":    {"企业名称", "项目名称"},
}

// tables holds the table of every table form, built once from the forms'
// schemas; it is never changed.
var tables = sync.OnceValue(func() map[forms.ID]*table {
	out := map[forms.ID]*table{}
	for _, in := range forms.All() {
		if t := buildTable(in.ID); t != nil {
			out[in.ID] = t
		}
	}
	return out
})

// tableOf returns the table of form id; nil for a form that is not a table
// (附件6).
func tableOf(id forms.ID) *table { return tables()[id] }

// buildTable derives the columns of form id from its schema: every field of
// a row (and of an item of its nested list) is a column named by its label,
// except an object whose label is that of the column before it, which that
// column prints (附件4's company in 项目进展情况).
func buildTable(id forms.ID) *table {
	fields := schema.Fields(id)
	byPath := map[string]schema.Field{}
	for _, f := range fields {
		byPath[f.Path] = f
	}
	if _, ok := byPath["rows"]; !ok {
		return nil
	}
	t := &table{id: id, byID: map[string]*column{}}
	for _, f := range fields {
		if k, ok := strings.CutPrefix(f.Path, "rows[]."); ok && f.Type == typeList && !strings.Contains(k, ".") {
			t.nested = k
		}
	}
	levels := []string{"rows[]."}
	if t.nested != "" {
		levels = append(levels, "rows[]."+t.nested+"[].")
	}
	for level, prefix := range levels {
		for _, f := range fields {
			key, ok := strings.CutPrefix(f.Path, prefix)
			if !ok || strings.ContainsAny(key, ".[") || key == t.nested {
				continue
			}
			children := childFields(fields, f.Path)
			if f.Type == typeObject && len(t.cols) > 0 {
				if last := &t.cols[len(t.cols)-1]; last.level == level && last.label == f.Label {
					last.shared = append(last.shared, sharedObject{key: key, fields: children})
					t.addFieldColumns(level, key, children)
					continue
				}
			}
			c := column{id: t.idOf(level, key), level: level, key: key, label: f.Label, typ: f.Type}
			if f.Type == typeObject {
				c.fields = children
			}
			t.cols = append(t.cols, c)
			if f.Type == typeObject {
				t.addFieldColumns(level, key, children)
			}
		}
	}
	t.schema = t.headerSchema(byPath, levels)
	for i := range t.cols {
		t.byID[t.cols[i].id] = &t.cols[i]
	}
	return t
}

// childFields returns the direct fields of the object at path.
func childFields(fields []schema.Field, path string) []field {
	var out []field
	for _, f := range fields {
		if k, ok := strings.CutPrefix(f.Path, path+"."); ok && !strings.ContainsAny(k, ".[") {
			out = append(out, field{k, f.Label})
		}
	}
	return out
}

// addFieldColumns adds a column of its own for each field of object key.
func (t *table) addFieldColumns(level int, key string, fields []field) {
	for _, f := range fields {
		k := key + "." + f.key
		t.cols = append(t.cols, column{id: t.idOf(level, k), level: level, key: k, label: f.label, typ: "文本"})
	}
}

func (t *table) idOf(level int, key string) string {
	if level == 1 {
		return t.nested + "." + key
	}
	return key
}

// headerSchema is the header of the table: every column by its label and
// its aliases; a column is required when its field is, except an object
// that columns of its fields may give instead.
func (t *table) headerSchema(byPath map[string]schema.Field, levels []string) tabular.Schema {
	taken := map[string]bool{}
	for _, c := range t.cols {
		taken[tabular.NormalizeLabel(c.label)] = true
	}
	var s tabular.Schema
	for _, c := range t.cols {
		names := []string{c.label}
		var more []string
		if i := strings.LastIndex(c.label, "（"); i > 0 && strings.HasSuffix(c.label, "）") {
			more = append(more, c.label[:i])
		}
		more = append(more, aliases[c.label]...)
		for _, n := range more {
			if k := tabular.NormalizeLabel(n); !taken[k] {
				taken[k] = true
				names = append(names, n)
			}
		}
		f := byPath[levels[c.level]+c.key]
		required := f.Required && c.typ != typeObject && !strings.Contains(c.key, ".")
		s.Labels = append(s.Labels, tabular.Label{Key: c.id, Names: names, Required: required})
	}
	return s
}
