package forms

import (
	"strconv"
	"strings"
)

// FieldError is one problem with one field of a form, worded for the clerk
// who filled it in.
type FieldError struct {
	// Path locates the field in the JSON input, e.g. "rows[2].projects[0].cooperation".
	Path string `json:"path"`
	// Label is the column header (or printed label) of the field, line breaks
	// removed, e.g. "合作方式" or "牵头责任领导".
	Label string `json:"label"`
	// Row is the row as printed, e.g. "第3行" or "第3行第1个项目"; empty for
	// fields outside the table.
	Row string `json:"row,omitempty"`
	// Rule is a machine-readable code of the broken rule: "required", "max",
	// "oneof", "uscc", "cnphone", "date", "amount", "amountmax", "nocontrol",
	// "oneline", "type", "unknown", "duplicate", "unicode", "json",
	// "truncated", …
	Rule string `json:"rule"`
	// Message is the whole Chinese sentence, e.g.
	// "第3行第1个项目【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一".
	Message string `json:"message"`
}

// Error returns the Chinese message.
func (e *FieldError) Error() string { return e.Message }

// Errors is every problem found in one input, in input order. Validation and
// decoding never stop at the first problem. Use errors.As to obtain it:
//
//	var list forms.Errors
//	if errors.As(err, &list) { for _, e := range list { … } }
//
// or to obtain the first problem alone:
//
//	var first *forms.FieldError
//	if errors.As(err, &first) { … }
//
// An input with more than MaxErrors problems gives the first MaxErrors of
// them and then one FieldError of rule "truncated" (no path, label or row)
// whose message says how many more there are: "…还有 N 处错误未列出".
type Errors []*FieldError

// Unwrap returns the errors of the list, so that errors.As and errors.Is
// look into them.
func (l Errors) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Error returns the messages, one a line.
func (l Errors) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Message)
	}
	return b.String()
}

// errOrNil returns nil for an empty list, so callers can return it as error.
func (l Errors) errOrNil() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// pathIndexes returns the list indexes in a path: "rows[2].projects[0].x" → [2 0].
func pathIndexes(path string) []int {
	var out []int
	for {
		i := strings.IndexByte(path, '[')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(path[i:], ']')
		if j < 0 {
			return out
		}
		if n, err := strconv.Atoi(path[i+1 : i+j]); err == nil { // not a quoted key: ["a.b"]
			out = append(out, n)
		}
		path = path[i+j+1:]
	}
}

// newFieldError builds an error whose message is "<row>【<label>】<text>".
func newFieldError(d fieldDesc, rule, text string) *FieldError {
	var b strings.Builder
	b.WriteString(d.row)
	if d.label != "" {
		b.WriteString("【")
		b.WriteString(d.label)
		b.WriteString("】")
	} else if d.row != "" {
		b.WriteString("：")
	}
	b.WriteString(text)
	return &FieldError{Path: d.path, Label: d.label, Row: d.row, Rule: rule, Message: b.String()}
}
