package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/shopspring/decimal"
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
// unknown or repeated key, a value of the wrong type, an escaped lone
// surrogate (\ud800) or malformed JSON is an error. A table with more than
// MaxRows rows, a 附件4 with more than MaxProjects projects or a batch of more
// than MaxOrders orders is refused with one error before its items are
// decoded. Every problem is reported (as Errors, at most MaxErrors of them),
// not only the first; what could be decoded is stored in v. Decode does not
// validate: call Validate (or Parse, which does both).
func Decode(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("forms.Decode: need a non-nil pointer, got %T", v)
	}
	var c collector
	decode(data, rv.Elem(), &c)
	return c.errors(false).errOrNil()
}

// decode decodes data into target, reporting problems to c. It returns
// false when the input is not JSON at all, so that nothing was decoded.
func decode(data []byte, target reflect.Value, c *collector) bool {
	if err := checkSyntax(data); err != nil {
		c.cover("")
		c.addError(err)
		return false
	}
	d := &decoder{c: c}
	data = bytes.TrimSpace(data)
	if target.Kind() == reflect.Slice && data[0] == '{' {
		data = d.unwrapList(data)
		if data == nil {
			return true
		}
	}
	d.value(data, target, fieldDesc{}, listRowFormat(target.Type()))
	return true
}

// unwrapList returns the list of a {"orders": [...]} envelope, reporting
// any other key; nil when there is no list.
func (d *decoder) unwrapList(data []byte) []byte {
	members, _ := splitObject(data)
	var list []byte
	for _, m := range members {
		switch {
		case !d.keyOK(m, fieldDesc{}):
		case m.key != "orders":
			d.failWith(fieldDesc{}.key(m.key), "unknown", func() string {
				return fmt.Sprintf("未知字段“%s”：批量督办单应为数组，或 {\"orders\": [...]}", m.key)
			})
		case list != nil:
			d.failWith(fieldDesc{}.key(m.key), "duplicate", func() string { return duplicateText(m.key) })
		default:
			list = m.value
		}
	}
	return list
}

// decoder decodes one input, reporting its problems to c.
type decoder struct {
	c       *collector
	depth   int        // how many objects are being decoded
	scratch [][]member // the members of the object at each depth, reused
}

// fail reports a problem with the value at (see failWith).
func (d *decoder) fail(at fieldDesc, rule, text string) {
	d.failWith(at, rule, func() string { return text })
}

// failWith reports a problem with the value at; text is the message after
// "【label】", built only if the error is listed. Except for a key that
// is unknown or repeated, the value is left out of validation (see
// collector.cover).
func (d *decoder) failWith(at fieldDesc, rule string, text func() string) {
	if rule != "unknown" && rule != "duplicate" {
		d.c.cover(at.path)
	}
	d.c.add(at.path, func() *FieldError { return newFieldError(at, rule, text()) })
}

// duplicateText is the message of a key given twice in one object.
func duplicateText(key string) string {
	return fmt.Sprintf("字段“%s”重复出现，同一字段只能填写一次，请删除多余的一项", key)
}

// surrogateText is the message of a text holding an escaped lone surrogate.
func surrogateText(esc string) string {
	return "含有无效的 Unicode 转义 " + esc + "（孤立的代理项）"
}

// keyOK reports a key of the object at that holds an escaped lone
// surrogate, and returns false for it.
func (d *decoder) keyOK(m member, at fieldDesc) bool {
	if bytes.IndexByte(m.rawKey, '\\') < 0 {
		return true
	}
	esc, bad := loneSurrogate(m.rawKey)
	if bad {
		d.failWith(at.key(m.key), "unicode", func() string { return "字段名 " + string(m.rawKey) + " " + surrogateText(esc) })
	}
	return !bad
}

// checkEscapes reports an escaped lone surrogate in a text value (or in an
// item of a list of texts) that encoding/json would turn into U+FFFD. The
// value is decoded anyway, so that its other problems are found.
func (d *decoder) checkEscapes(raw []byte, rv reflect.Value, at fieldDesc) {
	switch {
	case raw[0] == '"' && (rv.Kind() != reflect.Struct || isTextForm(rv)):
		if esc, bad := loneSurrogate(raw); bad {
			d.fail(at, "unicode", surrogateText(esc))
		}
	case raw[0] == '[' && rv.Type() == textListType:
		items, _ := splitArray(raw)
		for i, it := range items {
			if esc, bad := loneSurrogate(it); bad {
				d.fail(at.index(i, ""), "unicode", surrogateText(esc))
			}
		}
	}
}

func isTextForm(rv reflect.Value) bool {
	_, ok := rv.Addr().Interface().(textForm)
	return ok
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
	if bytes.IndexByte(raw, '\\') >= 0 {
		d.checkEscapes(raw, rv, at)
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
		// 3.0 and 3e0 are integers too, but 3.0000000000000001 is not,
		// though float64 rounds it to 3: the value must be exact.
		f, ferr := strconv.ParseFloat(s, 64)
		if ferr != nil || f != float64(int64(f)) || f > 1<<31 || f < -(1<<31) || !exactInt(s, int64(f)) {
			return 0, false
		}
		n = int64(f)
	}
	return n, true
}

// exactInt reports whether the number s is exactly n. Its length and
// exponent are bounded first, so that the exact comparison stays cheap.
func exactInt(s string, n int64) bool {
	if len(s) > 40 {
		return false
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		if err != nil || exp > 40 || exp < -40 {
			return false
		}
	}
	d, err := decimal.NewFromString(s)
	return err == nil && d.Equal(decimal.NewFromInt(n))
}

// object decodes a JSON object into the struct rv.
func (d *decoder) object(raw []byte, rv reflect.Value, at fieldDesc) {
	// Each level of nesting reuses its own list of members.
	if d.depth == len(d.scratch) {
		d.scratch = append(d.scratch, nil)
	}
	members, ok := appendMembers(d.scratch[d.depth][:0], raw)
	d.scratch[d.depth] = members
	if !ok {
		d.fail(at, "type", errWantObject.text)
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	fields := structFields(rv.Type()).byKey
	var seen keySet
	for _, m := range members {
		if !d.keyOK(m, at) {
			continue
		}
		f, known := fields[m.key]
		if !seen.add(m.key, f) {
			where := at.key(m.key)
			if known {
				where = at.field(f)
			}
			d.failWith(where, "duplicate", func() string { return duplicateText(m.key) })
			continue
		}
		if !known {
			d.failWith(at.key(m.key), "unknown", func() string {
				return fmt.Sprintf("未知字段“%s”：本表没有这一项，请检查拼写（%s）", m.key, knownKeys(rv.Type()))
			})
			continue
		}
		d.value(m.value, rv.FieldByIndex(f.Index), at.field(f), f.row)
	}
}

// keySet is the keys seen so far in one object: a bit per known field,
// and a map, made only when needed, for the keys of no field.
type keySet struct {
	known   uint64
	unknown map[string]bool
}

// add records a key and reports whether it is new. f is the key's field,
// nil for an unknown key.
func (s *keySet) add(key string, f *fieldInfo) bool {
	if f != nil && f.ord < 64 {
		bit := uint64(1) << f.ord
		if s.known&bit != 0 {
			return false
		}
		s.known |= bit
		return true
	}
	if s.unknown[key] {
		return false
	}
	if s.unknown == nil {
		s.unknown = map[string]bool{}
	}
	s.unknown[key] = true
	return true
}

// list decodes a JSON array into the slice rv. A list with a size limit
// (see listCap) is counted first and refused whole when too long.
func (d *decoder) list(raw []byte, rv reflect.Value, at fieldDesc, rowFormat string) {
	if limit, unit, capped := listCap(rv.Type()); capped {
		n, ok := countItems(raw)
		if !ok {
			d.fail(at, "type", errWantList.text)
			return
		}
		if n > limit {
			where := at
			if boundedLists().batches[rv.Type()] {
				where = batchDesc
			}
			d.fail(where, "max", tooMany(n, limit, unit))
			return
		}
	}
	items, ok := splitArray(raw)
	if !ok {
		d.fail(at, "type", errWantList.text)
		return
	}
	if rv.Type() == investorsType {
		if n := countProjects(items); n > MaxProjects {
			d.fail(at, "max", tooMany(n, MaxProjects, "个项目"))
			return
		}
	}
	out := reflect.MakeSlice(rv.Type(), len(items), len(items))
	for i, it := range items {
		d.value(it, out.Index(i), at.index(i, rowFormat), "")
	}
	rv.Set(out)
}

// countProjects counts the projects of the investors of 附件4 (raw JSON
// objects) without decoding them.
func countProjects(investors [][]byte) int {
	n := 0
	for _, inv := range investors {
		members, _ := splitObject(inv)
		for _, m := range members {
			if m.key == "projects" {
				c, _ := countItems(m.value)
				n += c
				break // a repeated key is an error, and only the first is decoded
			}
		}
	}
	return n
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
