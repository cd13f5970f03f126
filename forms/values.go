package forms

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"
)

// YesNo is a 是/否 answer that can tell "not answered" (the zero value) from 否.
type YesNo string

// Values of YesNo.
const (
	Yes YesNo = "是"
	No  YesNo = "否"
)

// Bool reports whether the answer is 是.
func (y YesNo) Bool() bool { return y == Yes }

// UnmarshalJSON accepts true/false and "是"/"否" (also "true"/"false").
func (y *YesNo) UnmarshalJSON(b []byte) error {
	switch strings.TrimSpace(string(b)) {
	case "null":
		*y = ""
		return nil
	case "true":
		*y = Yes
		return nil
	case "false":
		*y = No
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errWantYesNo
	}
	switch t := trimBlank(s); strings.ToLower(t) {
	case "是", "true":
		*y = Yes
	case "否", "false":
		*y = No
	default:
		*y = YesNo(t)
	}
	return nil
}

// MarshalJSON writes 是/否 as true/false.
func (y YesNo) MarshalJSON() ([]byte, error) {
	switch y {
	case Yes:
		return []byte("true"), nil
	case No:
		return []byte("false"), nil
	case "":
		return []byte("null"), nil
	}
	return json.Marshal(string(y))
}

// TextList is a list of texts (任务清单, 配合单位). JSON input may be an array
// of strings or one string; one string holding several lines becomes one item
// per line.
type TextList []string

// textListType is the type of TextList, whose items the decoder checks.
var textListType = reflect.TypeFor[TextList]()

// UnmarshalJSON accepts an array of strings or one string.
func (l *TextList) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*l = nil
		return nil
	case strings.HasPrefix(s, `"`):
		var one string
		if err := json.Unmarshal(b, &one); err != nil {
			return errWantText
		}
		*l = splitLines(one)
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return errWantTextList
	}
	out := make(TextList, 0, len(items))
	for _, it := range items {
		var t string
		if err := json.Unmarshal(it, &t); err != nil {
			return errWantTextList
		}
		if t = cleanText(t); t != "" {
			out = append(out, t)
		}
	}
	*l = out
	return nil
}

// splitLines makes one item of every non-blank line.
func splitLines(s string) TextList {
	var out TextList
	for _, line := range strings.Split(cleanText(s), "\n") {
		if line = trimBlank(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// cleanText trims surrounding blanks and normalises line ends to "\n". It
// keeps every other character, control characters included, so that
// validation can reject them by name instead of dropping them silently.
func cleanText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return trimBlank(s)
}

// trimBlank trims surrounding white space, but not the control characters
// that Unicode also counts as space (U+000B, U+000C, U+0085): those are
// kept so that validation reports them instead of dropping them silently.
func trimBlank(s string) string {
	return strings.TrimFunc(s, isBlank)
}

func isBlank(r rune) bool {
	switch r {
	case '\n', '\t', '\r':
		return true
	}
	return unicode.IsSpace(r) && !unicode.IsControl(r)
}

// Top500 is column 3 of 附件4, 所属500强名称及排名: which "500 强" list the
// investor is on, the list's year and its rank. An investor on no list leaves
// it empty. Free text (a JSON string) is kept in Text and printed as is.
type Top500 struct {
	List string `json:"list,omitempty" label:"榜单"`
	Year int    `json:"year,omitempty" label:"年份"`
	Rank int    `json:"rank,omitempty" label:"排名"`
	Name string `json:"name,omitempty" label:"榜单名称" validate:"max=60,oneline"`
	// Text is the whole entry as free text, when the input gave a string.
	Text string `json:"text,omitempty" label:"文本" validate:"max=100,oneline"`
}

// Top500 lists.
const (
	Top500World   = "世界500强"
	Top500China   = "中国企业500强"
	Top500Private = "中国民营企业500强"
	Top500Other   = "其他"
)

// IsZero reports whether nothing was given.
func (t Top500) IsZero() bool { return t == Top500{} }

// String renders the entry: "2025年世界500强第123位", or Text as given.
func (t Top500) String() string {
	switch {
	case t.Text != "":
		return t.Text
	case t.List == "":
		return ""
	}
	list := t.List
	if list == Top500Other {
		list = t.Name
	}
	return fmt.Sprintf("%d年%s第%d位", t.Year, list, t.Rank)
}

// UnmarshalJSON accepts the object form or a plain string.
func (t *Top500) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*t = Top500{}
		return nil
	case strings.HasPrefix(s, `"`):
		var text string
		if err := json.Unmarshal(b, &text); err != nil {
			return errWantText
		}
		*t = Top500{Text: cleanText(text)}
		return nil
	case strings.HasPrefix(s, "{"):
		type plain Top500 // without this method
		var p plain
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return errWantTop500
		}
		*t = Top500(p)
		return nil
	}
	return errWantTop500
}

// fromText sets the free-text form; the form decoder calls it for a JSON
// string and decodes an object field by field.
func (t *Top500) fromText(s string) { *t = Top500{Text: cleanText(s)} }

// Contact is column 23 of 附件4, 项目联系人及电话.
type Contact struct {
	Name  string `json:"name" label:"联系人" validate:"required,max=30,oneline"`
	Phone string `json:"phone" label:"电话" validate:"required,cnphone"`
}

// Company is the registered company of a project (工商注册名称 and 统一社会信用代码),
// required in column 19 of 附件4.
type Company struct {
	Name       string `json:"name" label:"工商注册名称" validate:"required,max=100,oneline"`
	CreditCode string `json:"creditCode" label:"统一社会信用代码" validate:"required,uscc"`
}
