package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// Field is one key of a form's JSON input, for reference documentation.
type Field struct {
	// Path locates the key: "rows[].projects[].cooperation", "[]" standing
	// for every item of a list. For a form that takes batches (附件6) the
	// paths are those of one order.
	Path string `json:"path"`
	// Label is the printed label or column header, line breaks removed:
	// "合作方式", "牵头责任领导".
	Label string `json:"label"`
	// Type names the kind of value in Chinese: 文本, 多行文本, 整数, 金额（亿元）,
	// 日期, 是/否, 代码, 文本列表, 文本或对象, 对象, 数组.
	Type string `json:"type"`
	// JSONType lists the JSON types accepted: "number | string".
	JSONType string `json:"jsonType"`
	// Required is true when the key must be given with a value.
	Required bool `json:"required"`
	// Rule sums up the rules of the value in Chinese.
	Rule string `json:"rule"`
	// MaxLength is the most characters of a text (of each item of a list
	// of texts), blanks around it not counted; 0 when unbounded.
	MaxLength int `json:"maxLength,omitempty"`
	// Multiline is true for the long texts, which keep line breaks.
	Multiline bool `json:"multiline,omitempty"`
	// Codes are the values of a coded key, in legend order.
	Codes []forms.CodeEntry `json:"codes,omitempty"`
	// Example is the value in the form's example input, as JSON; "" when
	// the example does not give the key.
	Example string `json:"example,omitempty"`
}

// Fields returns every key of the JSON input of form id, depth first in
// the order of the Go struct fields; nil for an unknown id. It panics if
// the form's Go type uses a tag rule or a type this package does not know
// (the tests catch that before a release).
func Fields(id forms.ID) []Field {
	if _, ok := forms.Lookup(id); !ok {
		return nil
	}
	f, err := buildForm(id)
	if err != nil {
		panic(err)
	}
	var out []Field
	f.root.walk("", func(path string, n *node) {
		fd := Field{
			Path: path, Label: n.label, Type: typeName(n), Required: n.required, Rule: ruleText(n),
			Multiline: n.self.multiline() || n.items.multiline(), Codes: n.codes.Entries,
		}
		var types []string
		for _, t := range jsonTypes(n) {
			if t != "null" {
				types = append(types, t.(string))
			}
		}
		fd.JSONType = strings.Join(types, " | ")
		switch {
		case n.kind == kindTextList:
			fd.MaxLength = max(n.items.max, 0)
		case n.kind == kindTop500:
			fd.MaxLength = max(n.field("text").self.max, 0)
		default:
			fd.MaxLength = max(n.self.max, 0)
		}
		if n.kind == kindList {
			fd.MaxLength = 0
		}
		if v, ok := find(f.example, splitPath(path)); ok && n.kind != kindList { // a list's items have their rows
			fd.Example = compactJSON(v)
		}
		out = append(out, fd)
	})
	return out
}

// typeName names the kind of n in Chinese.
func typeName(n *node) string {
	switch n.kind {
	case kindText:
		if n.self.multiline() {
			return "多行文本"
		}
		return "文本"
	case kindInt:
		return "整数"
	case kindAmount:
		if n.self.amountMax != "" {
			return "金额（" + n.self.amountMax + "）"
		}
		return "金额"
	case kindDate:
		return "日期"
	case kindYesNo:
		return "是/否"
	case kindCode:
		return "代码"
	case kindTextList:
		return "文本列表"
	case kindTop500:
		return "文本或对象"
	case kindObject:
		return "对象"
	}
	return "数组"
}

// ruleText sums up the rules of n in Chinese: the schema's description
// and the reference's rule column.
func ruleText(n *node) string {
	var parts []string
	add := func(format string, a ...any) { parts = append(parts, fmt.Sprintf(format, a...)) }
	r := n.self
	switch n.kind {
	case kindText:
		parts = append(parts, textRule(r)...)
	case kindInt:
		add("整数（JSON 数字或数字文本）")
	case kindAmount:
		add("JSON 数字或数字文本")
		if r.amountPos {
			add("大于0")
		} else if r.amount {
			add("不小于0")
		}
		if r.amount {
			add("最多4位小数")
		}
		if r.amountMax == "万元" {
			add("单位万元，不超过 %d", forms.MaxWanYuan)
		} else if r.amountMax != "" {
			add("单位亿元，不超过 %d", forms.MaxYiYuan)
		}
	case kindDate:
		add("日期，如 2026-11-26（也可写 2026/11/26、2026.11.26、2026年11月26日），%s 至 %s", forms.FirstDate, forms.LastDate)
	case kindYesNo:
		add("true/false，或 \"是\"/\"否\"")
	case kindCode:
		legends := make([]string, len(n.codes.Entries))
		for i, e := range n.codes.Entries {
			legends[i] = e.Legend
		}
		add("%s：%s", n.codes.Label, strings.Join(legends, "、"))
		if n.codes.Entries[0].Code != n.codes.Entries[0].Name {
			add("填代码、名称或二者（如 %s）", n.codes.Entries[0].Legend)
		}
	case kindTextList:
		add("文本数组，或一个文本（每行一项）")
		if n.self.min > 0 {
			add("至少%d项", n.self.min)
		}
		if n.self.max >= 0 {
			add("最多%d项", n.self.max)
		}
		if item := textRule(n.items); len(item) > 0 {
			add("每项%s", strings.Join(item, "，"))
		}
	case kindTop500:
		add("可留空；一段文本（原样打印，%s），或对象 {list, year, rank, name}", strings.Join(textRule(n.field("text").self), "，"))
	case kindObject:
		add("对象")
	case kindList:
		add("数组")
		if r.min > 0 {
			add("至少%d项", r.min)
		}
		if n.maxItems >= 0 {
			add("最多%d项", n.maxItems)
		}
	}
	switch {
	case len(n.hint.values) == 0 || r.hunanCity: // a city rule has listed them
	case n.hint.closed:
		add("可选值：%s", strings.Join(n.hint.values, "、"))
	default:
		add("建议值：%s", strings.Join(n.hint.values, "、"))
	}
	if n.hint.note != "" {
		parts = append(parts, n.hint.note)
	}
	return strings.Join(parts, "；")
}

// textRule sums up the rules of a text.
func textRule(r rules) []string {
	var parts []string
	switch {
	case r.uscc:
		parts = append(parts, "18位统一社会信用代码（GB 32100-2015，含校验位，大写字母）")
	case r.cnphone:
		parts = append(parts, "手机号（可带 +86）或带区号的固定电话（可带分机号），如 13812345678、0731-57619998")
	case r.hunanCity:
		parts = append(parts, "湖南省的市州："+strings.Join(forms.HunanCities(), "、"))
	case r.oneline:
		parts = append(parts, "单行")
	case r.nocontrol:
		parts = append(parts, "多行（\\n 换行）")
	}
	if r.max >= 0 {
		parts = append(parts, fmt.Sprintf("不超过%d字", r.max))
	}
	if r.docNumber {
		parts = append(parts, "年份用六角括号〔〕、不加“第”，如 督办〔2026〕12号")
	}
	return parts
}

// exampleOf returns the example input of form id, decoded; nil if none.
func exampleOf(id forms.ID) any {
	data, err := examples.Input(string(id))
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	return v
}

// splitPath splits "rows[].name" into "rows", "[]", "name".
func splitPath(path string) []string {
	var out []string
	for _, seg := range strings.Split(path, ".") {
		key, list := strings.CutSuffix(seg, "[]")
		out = append(out, key)
		if list {
			out = append(out, "[]")
		}
	}
	return out
}

// find returns the first value at path in v, "[]" trying every item of a
// list in turn.
func find(v any, path []string) (any, bool) {
	if len(path) == 0 {
		return v, v != nil
	}
	switch t := v.(type) {
	case []any:
		if path[0] != "[]" {
			return nil, false
		}
		for _, it := range t {
			if got, ok := find(it, path[1:]); ok {
				return got, true
			}
		}
	case map[string]any:
		if c, ok := t[path[0]]; ok {
			return find(c, path[1:])
		}
	}
	return nil, false
}

// compactJSON writes v as JSON on one line, without HTML escapes.
func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}
