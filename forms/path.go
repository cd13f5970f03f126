package forms

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fieldDesc says where a field is, for an error message.
type fieldDesc struct {
	path  string // JSON path: rows[2].projects[0].cooperation
	label string // joined label: 合作方式
	row   string // printed row: 第3行第1个项目
}

// field returns the description of the struct field f below d.
func (d fieldDesc) field(f *fieldInfo) fieldDesc {
	n := d
	if n.path == "" {
		n.path = f.key
	} else {
		n.path += "." + f.key
	}
	if f.label != "" {
		if n.label == "" {
			n.label = f.label
		} else {
			n.label += "·" + f.label
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
		n.row += strings.Replace(rowFormat, "%d", strconv.Itoa(i+1), 1)
		n.label = ""
	} else {
		n.label += "第" + strconv.Itoa(i+1) + "项"
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
	return walkNamespace(root, ns, true)
}

// namespacePath is the path of describeNamespace alone, cheaper to make.
func namespacePath(root reflect.Type, ns string) string {
	return walkNamespace(root, ns, false).path
}

// walkNamespace describes the field of a validator namespace: all of it
// when full, else only its path.
func walkNamespace(root reflect.Type, ns string, full bool) fieldDesc {
	var d fieldDesc
	field := func(f *fieldInfo) {
		if full {
			d = d.field(f)
		} else if d.path == "" {
			d.path = f.key
		} else {
			d.path += "." + f.key
		}
	}
	index := func(i int, rowFormat string) {
		if full {
			d = d.index(i, rowFormat)
		} else {
			d.path += "[" + strconv.Itoa(i) + "]"
		}
	}
	// The first segment names the root: a type ("SigningForm") or, for a
	// top-level list, the list itself with an index ("SupervisionBatch[2]").
	first, rest, _ := strings.Cut(ns, ".")
	t := deref(root)
	if i := strings.IndexByte(first, '['); i >= 0 && t.Kind() == reflect.Slice {
		idx, _ := strconv.Atoi(strings.TrimSuffix(first[i+1:], "]"))
		index(idx, listRowFormat(t))
		t = deref(t.Elem())
	}
	for seg := range strings.SplitSeq(rest, ".") {
		if seg == "" || t.Kind() != reflect.Struct {
			break
		}
		name, idxs, _ := strings.Cut(seg, "[")
		info := structFields(t)
		f, ok := info.byKey[name]
		if !ok {
			if info.embedded[name] {
				// An embedded struct (FollowupRow embeds TaskRow): no level
				// of its own, its fields are the outer struct's.
				continue
			}
			d.path += "." + seg
			break
		}
		field(f)
		t = deref(f.Type)
		for idxs != "" {
			num, after, _ := strings.Cut(idxs, "]")
			idx, _ := strconv.Atoi(num)
			index(idx, f.row)
			idxs = strings.TrimPrefix(after, "[")
			t = deref(t.Elem())
		}
	}
	return d
}

// fieldInfo is a struct field found by its JSON key, with what decoding
// and error messages need of it, computed once.
type fieldInfo struct {
	reflect.StructField
	ord   int    // its number among the struct's keys
	key   string // its JSON key
	label string // its label tag without the line-break marks
	row   string // its row tag: how a list field numbers its items
}

// structInfo is the fields of a struct type by JSON key, embedded structs'
// fields included.
type structInfo struct {
	byKey    map[string]*fieldInfo
	embedded map[string]bool // the Go names of the embedded structs
}

// structFields returns the fields of a struct type, computed once per type.
func structFields(t reflect.Type) *structInfo {
	if m, ok := fieldCache.Load(t); ok {
		return m.(*structInfo)
	}
	info := &structInfo{byKey: map[string]*fieldInfo{}, embedded: map[string]bool{}}
	var walk func(reflect.Type, []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			f.Index = append(slices.Clone(index), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
				info.embedded[f.Name] = true
				walk(f.Type, f.Index)
				continue
			}
			key := jsonName(f)
			if _, dup := info.byKey[key]; !dup { // the first in field order wins, as in fieldByJSON
				info.byKey[key] = &fieldInfo{f, len(info.byKey), key, joinLabel(f.Tag.Get("label")), f.Tag.Get("row")}
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, info)
	return info
}

var fieldCache sync.Map // reflect.Type → *structInfo

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
