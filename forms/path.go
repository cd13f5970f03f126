package forms

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// fieldDesc says where a field is, for an error message.
type fieldDesc struct {
	path  string // JSON path: rows[2].projects[0].cooperation
	label string // joined label: 合作方式
	row   string // printed row: 第3行第1个项目
}

// field returns the description of the struct field f below d.
func (d fieldDesc) field(f reflect.StructField) fieldDesc {
	name := jsonName(f)
	n := d
	if n.path == "" {
		n.path = name
	} else {
		n.path += "." + name
	}
	if l := joinLabel(f.Tag.Get("label")); l != "" {
		if n.label == "" {
			n.label = l
		} else {
			n.label += "·" + l
		}
	}
	return n
}

// key returns the description of an unknown key below d: its path names the
// key, its label and row stay those of the object holding it.
func (d fieldDesc) key(name string) fieldDesc {
	switch {
	case name == "" || strings.ContainsAny(name, ".[]\"") || !utf8.ValidString(name):
		d.path += "[" + strconv.Quote(name) + "]" // rows[0]["a.b"]
	case d.path == "":
		d.path = name
	default:
		d.path += "." + name
	}
	return d
}

// index returns the description of item i of a list. rowFormat is the list's
// `row` tag ("第%d行", "第%d个项目"); an untagged list numbers its items as
// "第N项" after the label.
func (d fieldDesc) index(i int, rowFormat string) fieldDesc {
	n := d
	n.path += "[" + strconv.Itoa(i) + "]"
	if rowFormat != "" {
		// An item of a list of rows: its fields carry their own labels.
		n.row += fmt.Sprintf(rowFormat, i+1)
		n.label = ""
	} else {
		n.label += fmt.Sprintf("第%d项", i+1)
	}
	return n
}

// joinLabel removes the line-break marks of a label tag: "牵头|责任领导" → "牵头责任领导".
func joinLabel(tag string) string { return strings.ReplaceAll(tag, "|", "") }

// jsonName is the JSON key of a struct field.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	if name, _, _ := strings.Cut(tag, ","); name != "" && name != "-" {
		return name
	}
	return f.Name
}

// fieldByJSON finds the field with JSON key name in struct type t, looking
// into embedded structs. The returned index is usable with FieldByIndex.
func fieldByJSON(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Tag.Get("json") == "-" {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			if sf, ok := fieldByJSON(f.Type, name); ok {
				sf.Index = append([]int{i}, sf.Index...)
				return sf, true
			}
			if f.Name == name { // validator namespaces name embedded structs
				return f, true
			}
			continue
		}
		if jsonName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// describeNamespace turns a validator namespace ("SigningForm.rows[2].projects[0].cooperation",
// field names being JSON keys) into a field description, walking the types from root.
func describeNamespace(root reflect.Type, ns string) fieldDesc {
	var d fieldDesc
	segs := strings.Split(ns, ".")
	if len(segs) > 0 {
		// The first segment names the root: a type ("SigningForm") or, for a
		// top-level list, the list itself with an index ("SupervisionBatch[2]").
		first := segs[0]
		segs = segs[1:]
		t := deref(root)
		if i := strings.IndexByte(first, '['); i >= 0 && t.Kind() == reflect.Slice {
			idx, _ := strconv.Atoi(strings.TrimSuffix(first[i+1:], "]"))
			d = d.index(idx, listRowFormat(t))
			root = t.Elem()
		}
	}
	t := deref(root)
	for _, seg := range segs {
		name, rest, _ := strings.Cut(seg, "[")
		if t.Kind() != reflect.Struct {
			break
		}
		f, ok := fieldByJSON(t, name)
		if !ok {
			d.path += "." + seg
			break
		}
		if f.Anonymous {
			// An embedded struct (FollowupRow embeds TaskRow): no level of its own.
			t = deref(f.Type)
			continue
		}
		d = d.field(f)
		t = deref(f.Type)
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			idx, _ := strconv.Atoi(num)
			d = d.index(idx, f.Tag.Get("row"))
			rest = strings.TrimPrefix(after, "[")
			t = deref(t.Elem())
		}
	}
	return d
}

// listRowFormat is the row format of a top-level list type (a batch of orders).
func listRowFormat(t reflect.Type) string {
	if r, ok := reflect.New(t).Interface().(interface{ rowFormat() string }); ok {
		return r.rowFormat()
	}
	return "第%d项"
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
