package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// decodeError is a value of the wrong JSON type; text completes "【label】…".
type decodeError struct{ text string }

func (e *decodeError) Error() string { return e.text }

var (
	errWantText     = &decodeError{"应为文本"}
	errWantTextList = &decodeError{"应为文本或文本数组"}
	errWantNumber   = &decodeError{"应为数字"}
	errWantInteger  = &decodeError{"应为正整数"}
	errWantDate     = &decodeError{"应为日期文本，如 \"2026-11-26\""}
	errWantYesNo    = &decodeError{"应为 true/false 或 \"是\"/\"否\""}
	errWantObject   = &decodeError{"应为对象（{…}）"}
	errWantList     = &decodeError{"应为数组（[…]）"}
	errWantTop500   = &decodeError{"应为文本或对象 {\"list\": …, \"year\": …, \"rank\": …}"}
)

// textForm is implemented by struct types that also accept a plain JSON string.
type textForm interface{ fromText(string) }

// Decode decodes the JSON input into v (a pointer to a form) leniently — codes
// by code or name, dates in common notations, amounts as numbers or strings,
// 是/否 as booleans or text — and strictly where leniency would lose data: an
// unknown key, a value of the wrong type or malformed JSON is an error. Every
// problem is reported (as Errors), not only the first; what could be decoded
// is stored in v. Decode does not validate: call Validate (or Parse, which
// does both).
func Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("forms.Decode: need a non-nil pointer, got %T", v)
	}
	if err := checkSyntax(data); err != nil {
		return Errors{err}
	}
	d := &decoder{}
	data = bytes.TrimSpace(data)
	target := rv.Elem()
	if target.Kind() == reflect.Slice && data[0] == '{' {
		data = d.unwrapList(data)
		if data == nil {
			return d.errs.errOrNil()
		}
	}
	d.value(data, target, fieldDesc{}, listRowFormat(target.Type()))
	return d.errs.errOrNil()
}

// unwrapList returns the list of a {"orders": [...]} envelope, reporting
// any other key.
func (d *decoder) unwrapList(data []byte) []byte {
	var env map[string]json.RawMessage
	_ = json.Unmarshal(data, &env)
	for _, key := range orderedKeys(data) {
		if key != "orders" {
			d.fail(fieldDesc{}.key(key), "unknown", fmt.Sprintf("未知字段“%s”：批量督办单应为数组，或 {\"orders\": [...]}", key))
		}
	}
	list, ok := env["orders"]
	if !ok {
		return nil
	}
	return bytes.TrimSpace(list)
}

// checkSyntax reports malformed JSON with its line and column in the input.
func checkSyntax(data []byte) *FieldError {
	if len(bytes.TrimSpace(data)) == 0 {
		return &FieldError{Rule: "json", Message: "输入为空：需要 JSON 格式的表单数据"}
	}
	var syn *json.SyntaxError
	err := json.Unmarshal(data, new(json.RawMessage))
	if err == nil {
		if !utf8.Valid(data) {
			line, col := lineCol(data, int64(invalidUTF8At(data)+1))
			return &FieldError{Rule: "json", Message: fmt.Sprintf("输入不是 UTF-8 编码（输入第%d行第%d列附近），"+
				"可能是 GBK 等其他编码：请将文件另存为 UTF-8 后重试", line, col)}
		}
		return nil
	}
	if errors.As(err, &syn) {
		off := syn.Offset // just after the offending character
		if strings.Contains(syn.Error(), "unexpected end") {
			off = int64(len(data)) + 1 // where the missing text would start
		}
		line, col := lineCol(data, off)
		return &FieldError{Rule: "json", Message: fmt.Sprintf("JSON 格式错误（输入第%d行第%d列附近）：%s（%s）",
			line, col, syntaxHint(syn.Error()), syn.Error())}
	}
	return &FieldError{Rule: "json", Message: "JSON 格式错误：" + err.Error()}
}

// syntaxHint says in Chinese what a JSON syntax error usually means.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "unexpected end"):
		return "输入不完整，可能缺少结尾的 } 或 ]"
	case strings.Contains(msg, "looking for beginning of object key"):
		return "此处应为带英文双引号的字段名，可能多了一个逗号"
	case strings.Contains(msg, "after object key:value pair"):
		return "两个字段之间缺少逗号，或缺少右花括号 }"
	case strings.Contains(msg, "after object key"):
		return "字段名后缺少英文冒号 :"
	case strings.Contains(msg, "after array element"):
		return "两项之间缺少逗号，或缺少右方括号 ]"
	case strings.Contains(msg, "in string literal"):
		return "文本中有未转义的控制字符，换行请写作 \\n"
	case strings.Contains(msg, "looking for beginning of value"):
		return "此处应为一个值；文本要用英文双引号括起来，末尾不能多逗号"
	case strings.Contains(msg, "after top-level value"):
		return "完整的 JSON 之后还有多余内容"
	}
	return "语法错误"
}

// invalidUTF8At is the byte offset of the first byte that is not UTF-8.
func invalidUTF8At(data []byte) int {
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size == 1 {
			return off
		}
		off += size
	}
	return len(data)
}

// lineCol returns the 1-based line and column (in characters) of the
// character that ends at byte offset off; an offset past the end counts the
// missing characters after it.
func lineCol(data []byte, off int64) (line, col int) {
	extra := 0
	if off > int64(len(data)) {
		extra = int(off - int64(len(data)))
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + extra
	return line, col
}

type decoder struct{ errs Errors }

func (d *decoder) fail(at fieldDesc, rule, text string) {
	d.errs = append(d.errs, newFieldError(at, rule, text))
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// value decodes raw (valid JSON) into rv. rowFormat is the `row` tag of the
// list that rv belongs to, if rv is a list.
func (d *decoder) value(raw []byte, rv reflect.Value, at fieldDesc, rowFormat string) {
	isNull := string(raw) == "null"
	if rv.Kind() == reflect.Pointer {
		if isNull {
			rv.SetZero()
			return
		}
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		rv = rv.Elem()
	}
	if tf, ok := rv.Addr().Interface().(textForm); ok && len(raw) > 0 && raw[0] != '{' && !isNull {
		var s string
		if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
			d.fail(at, "type", errWantTop500.text)
			return
		}
		tf.fromText(s)
		return
	}
	if rv.Kind() != reflect.Struct && rv.Addr().Type().Implements(unmarshalerType) {
		if err := rv.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			d.fail(at, "type", wording(err))
		}
		return
	}
	if isNull {
		rv.SetZero()
		return
	}
	switch rv.Kind() {
	case reflect.Struct:
		d.object(raw, rv, at)
	case reflect.Slice:
		d.list(raw, rv, at, rowFormat)
	case reflect.String:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			d.fail(at, "type", errWantText.text)
			return
		}
		rv.SetString(cleanText(s))
	case reflect.Int, reflect.Int64, reflect.Int32:
		n, ok := parseInt(raw)
		if !ok {
			d.fail(at, "type", errWantInteger.text)
			return
		}
		rv.SetInt(n)
	case reflect.Bool:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			d.fail(at, "type", errWantYesNo.text)
			return
		}
		rv.SetBool(b)
	default:
		panic("forms: cannot decode into " + rv.Type().String())
	}
}

// parseInt accepts a JSON integer or a string holding one ("3").
func parseInt(raw []byte) (int64, bool) {
	s := string(raw)
	if strings.HasPrefix(s, `"`) {
		if json.Unmarshal(raw, &s) != nil {
			return 0, false
		}
		s = trimBlank(toHalfWidth(s))
		if s == "" {
			return 0, true
		}
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		// 3.0 is an integer too.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int64(f)) || f > 1<<31 || f < -(1<<31) {
			return 0, false
		}
		n = int64(f)
	}
	return n, true
}

func (d *decoder) object(raw []byte, rv reflect.Value, at fieldDesc) {
	members, ok := splitObject(raw)
	if !ok {
		d.fail(at, "type", errWantObject.text)
		return
	}
	fields := structFields(rv.Type())
	for _, m := range members {
		f, ok := fields[m.key]
		if !ok {
			d.fail(at.key(m.key), "unknown", fmt.Sprintf("未知字段“%s”：本表没有这一项，请检查拼写（%s）", m.key, knownKeys(rv.Type())))
			continue
		}
		d.value(m.value, rv.FieldByIndex(f.Index), at.field(f), f.Tag.Get("row"))
	}
}

func (d *decoder) list(raw []byte, rv reflect.Value, at fieldDesc, rowFormat string) {
	items, ok := splitArray(raw)
	if !ok {
		d.fail(at, "type", errWantList.text)
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(items), len(items))
	for i, it := range items {
		d.value(it, out.Index(i), at.index(i, rowFormat), "")
	}
	rv.Set(out)
}

// orderedKeys returns the keys of a JSON object in input order.
func orderedKeys(raw []byte) []string {
	members, _ := splitObject(raw)
	keys := make([]string, len(members))
	for i, m := range members {
		keys[i] = m.key
	}
	return keys
}

// member is one key and its raw value in a JSON object.
type member struct {
	key   string
	value []byte
}

// splitObject returns the members of a JSON object in input order, their
// values as raw JSON without surrounding blanks. The input must be valid
// JSON (Decode checks it first): the scan only finds where values end, so
// that decoding a nested form reads each byte a few times, not a few times
// per level. ok is false when raw is not an object.
func splitObject(raw []byte) (members []member, ok bool) {
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	i := skipBlank(raw, 1)
	if i < len(raw) && raw[i] == '}' {
		return nil, true
	}
	for i < len(raw) && raw[i] == '"' {
		end := scanValue(raw, i)
		key, kok := jsonString(raw[i:end])
		if !kok {
			return nil, false
		}
		i = skipBlank(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipBlank(raw, i+1)
		end = scanValue(raw, i)
		if end <= i {
			return nil, false
		}
		members = append(members, member{key, raw[i:end]})
		i = skipBlank(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlank(raw, i+1)
			continue
		}
		return members, i < len(raw) && raw[i] == '}'
	}
	return nil, false
}

// splitArray returns the items of a JSON array as raw JSON (see splitObject).
func splitArray(raw []byte) (items [][]byte, ok bool) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	i := skipBlank(raw, 1)
	if i < len(raw) && raw[i] == ']' {
		return [][]byte{}, true
	}
	for i < len(raw) {
		end := scanValue(raw, i)
		if end <= i {
			return nil, false
		}
		items = append(items, raw[i:end])
		i = skipBlank(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlank(raw, i+1)
			continue
		}
		return items, i < len(raw) && raw[i] == ']'
	}
	return nil, false
}

// scanValue returns the end of the JSON value that starts at raw[i].
func scanValue(raw []byte, i int) int {
	if i >= len(raw) {
		return i
	}
	switch raw[i] {
	case '"':
		for j := i + 1; j < len(raw); j++ {
			switch raw[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(raw)
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '"':
				j = scanValue(raw, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(raw)
	}
	j := i // a number, true, false or null
	for j < len(raw) && !strings.ContainsRune(",}] \t\r\n", rune(raw[j])) {
		j++
	}
	return j
}

func skipBlank(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	return i
}

// jsonString decodes a JSON string token.
func jsonString(tok []byte) (string, bool) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	if bytes.IndexByte(tok, '\\') < 0 && utf8.Valid(tok) {
		return string(tok[1 : len(tok)-1]), true
	}
	var s string
	return s, json.Unmarshal(tok, &s) == nil
}

// structFields maps the JSON keys of a struct type (embedded structs
// included) to their fields, computed once per type.
func structFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m := map[string]reflect.StructField{}
	var walk func(reflect.Type, []int)
	walk = func(t reflect.Type, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			f.Index = append(slices.Clone(index), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
				walk(f.Type, f.Index)
				continue
			}
			if _, dup := m[jsonName(f)]; !dup { // the first in field order wins, as in fieldByJSON
				m[jsonName(f)] = f
			}
		}
	}
	walk(t, nil)
	fieldCache.Store(t, m)
	return m
}

var fieldCache sync.Map // reflect.Type → map[string]reflect.StructField

// knownKeys lists the JSON keys of a struct type for the unknown-field message.
func knownKeys(t reflect.Type) string {
	var keys []string
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
				walk(f.Type)
				continue
			}
			keys = append(keys, jsonName(f))
		}
	}
	walk(t)
	return "可用的字段：" + strings.Join(keys, "、")
}

// wording turns an unmarshal error into the Chinese tail of a message.
func wording(err error) string {
	var de *decodeError
	if errors.As(err, &de) {
		return de.text
	}
	return "格式不正确：" + err.Error()
}
