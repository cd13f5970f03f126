package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
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
			d.fail(fieldDesc{}, "unknown", fmt.Sprintf("未知字段“%s”：批量督办单应为数组，或 {\"orders\": [...]}", key))
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
		return nil
	}
	if errors.As(err, &syn) {
		line, col := lineCol(data, syn.Offset)
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

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len([]rune(string(before[bytes.LastIndexByte(before, '\n')+1:])))
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
	if tf, ok := rv.Addr().Interface().(textForm); ok && len(raw) > 0 && raw[0] == '"' {
		var s string
		_ = json.Unmarshal(raw, &s)
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
		s = strings.TrimSpace(toHalfWidth(s))
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
	var fields map[string]json.RawMessage
	if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &fields) != nil {
		d.fail(at, "type", errWantObject.text)
		return
	}
	for _, key := range orderedKeys(raw) {
		f, ok := fieldByJSON(rv.Type(), key)
		if !ok {
			d.fail(at, "unknown", fmt.Sprintf("未知字段“%s”：本表没有这一项，请检查拼写（%s）", key, knownKeys(rv.Type())))
			continue
		}
		d.value(bytes.TrimSpace(fields[key]), rv.FieldByIndex(f.Index), at.field(f), f.Tag.Get("row"))
	}
}

func (d *decoder) list(raw []byte, rv reflect.Value, at fieldDesc, rowFormat string) {
	var items []json.RawMessage
	if len(raw) == 0 || raw[0] != '[' || json.Unmarshal(raw, &items) != nil {
		d.fail(at, "type", errWantList.text)
		return
	}
	out := reflect.MakeSlice(rv.Type(), len(items), len(items))
	for i, it := range items {
		d.value(bytes.TrimSpace(it), out.Index(i), at.index(i, rowFormat), "")
	}
	rv.Set(out)
}

// orderedKeys returns the keys of a JSON object in input order, so errors
// come out in the order the user wrote the fields.
func orderedKeys(raw []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		return nil
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return keys
		}
		key, _ := tok.(string)
		keys = append(keys, key)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
	}
	return keys
}

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
