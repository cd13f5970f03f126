package forms

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
)

// DefaultMaxOrderBytes is the most JSON one order of a streamed batch may
// take (OrderReader): a 督办单's texts are at most a few thousand
// characters, so 1 MiB is generous.
const DefaultMaxOrderBytes = 1 << 20

// OrderError is an invalid order of a streamed batch: its problems, named
// by its place ("[11].to", "第12份督办单【完成时限·截止日期】…"). Reading
// can go on after it.
type OrderError struct {
	Index  int // the order's place in the batch, from 0
	Errors Errors
}

func (e *OrderError) Error() string { return e.Errors.Error() }

// Unwrap returns the order's problems.
func (e *OrderError) Unwrap() error { return e.Errors }

// OrderReader reads a batch of 督办单 — a JSON array of orders or
// {"orders": [...]} — as a stream, one order at a time, so that a batch of
// any length is read in the memory of one order. Each order is decoded and
// validated like one 督办单 of a SupervisionBatch.
type OrderReader struct {
	r        *bufio.Reader
	max      int
	index    int
	envelope bool // {"orders": [...]}
	started  bool
	done     bool
	elem     bytes.Buffer
}

// NewOrderReader reads orders from r; an order longer than maxOrderBytes
// (DefaultMaxOrderBytes when 0) stops the reading with an error.
func NewOrderReader(r io.Reader, maxOrderBytes int) *OrderReader {
	if maxOrderBytes <= 0 {
		maxOrderBytes = DefaultMaxOrderBytes
	}
	return &OrderReader{r: bufio.NewReaderSize(r, 64<<10), max: maxOrderBytes}
}

// Next returns the next order and nil; at the end, nil and io.EOF. An
// invalid order gives what could be decoded of it and an *OrderError, and
// reading goes on. Malformed JSON, a batch of more than MaxOrders orders,
// an order over the size limit or an empty batch give Errors (rule "json",
// "max" or "required") and end the reading, as does a read error.
func (o *OrderReader) Next() (*Supervision, error) {
	if o.done {
		return nil, io.EOF
	}
	if !o.started {
		if err := o.start(); err != nil {
			return o.fail(err)
		}
		o.started = true
	}
	more, err := o.element()
	if err != nil {
		return o.fail(err)
	}
	if !more {
		o.done = true
		if o.index == 0 {
			return nil, Errors{{Rule: "required", Label: "督办单", Message: "【督办单】不能为空，至少填写1份"}}
		}
		return nil, io.EOF
	}
	if o.index >= MaxOrders {
		return o.fail(newFieldError(batchDesc, "max", fmt.Sprintf("超过上限 %d 份，请分批提交", MaxOrders)))
	}
	i := o.index
	o.index++
	order, errs := parseOrderAt(o.elem.Bytes(), i)
	if errs != nil {
		return order, &OrderError{Index: i, Errors: errs}
	}
	return order, nil
}

// Count returns how many orders have been read.
func (o *OrderReader) Count() int { return o.index }

func (o *OrderReader) fail(err error) (*Supervision, error) {
	o.done = true
	if fe, ok := err.(*FieldError); ok {
		return nil, Errors{fe}
	}
	return nil, err
}

// syntaxErr is malformed input at the order being read.
func (o *OrderReader) syntaxErr(what string) *FieldError {
	return &FieldError{Rule: "json", Label: "督办单", Message: fmt.Sprintf("JSON 格式错误（第%d份督办单附近）：%s", o.index+1, what)}
}

// start reads up to the first order: "[" or {"orders": [.
func (o *OrderReader) start() error {
	c, err := o.skipSpace()
	if err != nil {
		if err == io.EOF {
			return &FieldError{Rule: "json", Message: "输入为空：需要督办单的 JSON 数组，或 {\"orders\": [...]}"}
		}
		return err
	}
	switch c {
	case '[':
		return nil
	case '{':
		o.envelope = true
		key, err := o.readString()
		if err != nil {
			return err
		}
		if key != "orders" {
			return &FieldError{Path: key, Rule: "unknown", Label: "督办单",
				Message: fmt.Sprintf("【督办单】批量输入只能有 orders 一个键，不能有“%s”", key)}
		}
		for _, want := range []byte{':', '['} {
			if c, err := o.skipSpace(); err != nil || c != want {
				return o.syntaxErr(fmt.Sprintf("orders 后应为“%c”", want))
			}
		}
		return nil
	}
	return o.syntaxErr("批量督办单应为 JSON 数组 [...] 或 {\"orders\": [...]}")
}

// element reads the next order into o.elem; false after the closing "]"
// (and the envelope's "}" and nothing but blanks after it).
func (o *OrderReader) element() (bool, error) {
	o.elem.Reset()
	c, err := o.skipSpace()
	if err != nil {
		return false, o.eof(err)
	}
	if o.index > 0 { // after an order: "," or the end
		if c == ']' {
			return false, o.end()
		}
		if c != ',' {
			return false, o.syntaxErr("两份督办单之间应有逗号")
		}
		if c, err = o.skipSpace(); err != nil {
			return false, o.eof(err)
		}
	} else if c == ']' {
		return false, o.end()
	}
	depth, inString, escaped := 0, false, false
	for {
		if o.elem.Len() >= o.max {
			return false, newFieldError(batchDesc.index(o.index, "第%d份督办单"), "max",
				fmt.Sprintf("超过 %d KiB，不像一份督办单", o.max>>10))
		}
		o.elem.WriteByte(c)
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		}
		if depth < 0 {
			return false, o.syntaxErr("括号不配对")
		}
		if depth == 0 && !inString {
			// The order ends here if what follows ends a JSON value.
			if next, err := o.r.Peek(1); err != nil || next[0] == ',' || next[0] == ']' || isSpace(next[0]) {
				return true, nil
			}
		}
		if c, err = o.r.ReadByte(); err != nil {
			return false, o.eof(err)
		}
	}
}

// end checks what follows the closing "]".
func (o *OrderReader) end() error {
	if o.envelope {
		if c, err := o.skipSpace(); err != nil || c != '}' {
			return o.syntaxErr("orders 数组后应为“}”")
		}
	}
	if _, err := o.skipSpace(); err != io.EOF {
		if err != nil {
			return err
		}
		return o.syntaxErr("数组结束后还有多余内容")
	}
	return nil
}

func (o *OrderReader) eof(err error) error {
	if err == io.EOF {
		return o.syntaxErr("输入不完整，可能缺少结尾的 ]")
	}
	return err
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipSpace returns the next byte that is not JSON white space.
func (o *OrderReader) skipSpace() (byte, error) {
	for {
		c, err := o.r.ReadByte()
		if err != nil || !isSpace(c) {
			if err == nil && o.index == 0 && !o.started && c == 0xEF { // a UTF-8 byte order mark
				if b, perr := o.r.Peek(2); perr == nil && b[0] == 0xBB && b[1] == 0xBF {
					o.r.Discard(2)
					continue
				}
			}
			return c, err
		}
	}
}

// readString reads the object key of the envelope.
func (o *OrderReader) readString() (string, error) {
	if c, err := o.skipSpace(); err != nil || c != '"' {
		return "", o.syntaxErr("应为键名 \"orders\"")
	}
	var b []byte
	for len(b) < 100 {
		c, err := o.r.ReadByte()
		if err != nil {
			return "", o.eof(err)
		}
		if c == '"' {
			return string(b), nil
		}
		b = append(b, c)
	}
	return "", o.syntaxErr("键名过长")
}

// batchElem is the type of an order in a batch, for validation paths.
var batchElem = reflect.TypeFor[SupervisionBatch]()

// parseOrderAt decodes and validates order i of a batch from its JSON.
func parseOrderAt(data []byte, i int) (*Supervision, Errors) {
	var order Supervision
	var c collector
	at := batchDesc.index(i, "第%d份督办单")
	at.label = ""
	if fe := checkSyntax(data); fe != nil {
		fe.Message = at.row + "：" + fe.Message
		fe.Row, fe.Path = at.row, at.path
		c.cover(at.path)
		c.addError(fe)
		return &order, c.errors(true)
	}
	rv := reflect.ValueOf(&order).Elem()
	d := &decoder{c: &c}
	d.value(bytes.TrimSpace(data), rv, at, "")
	getChecker().check(order, batchElem, i, &c)
	return &order, c.errors(true)
}
