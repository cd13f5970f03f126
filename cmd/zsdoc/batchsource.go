package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
)

// newSource recognises the batch input by its first bytes: JSON (an array
// or {"orders": …}), else a spreadsheet. f is the file, nil for stdin.
func newSource(r io.Reader, f *os.File, b batchFlags) (orderSource, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(512)
	t := strings.TrimLeft(strings.TrimPrefix(string(head), "\xEF\xBB\xBF"), " \t\r\n")
	if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{") || t == "" {
		return &jsonSource{f: f, r: forms.NewOrderReader(br, 0)}, nil
	}
	return newTableSource(br, f, b)
}

// jsonSource reads orders from a JSON array.
type jsonSource struct {
	f *os.File
	r *forms.OrderReader
}

func (s *jsonSource) next() (*forms.Supervision, error) { return s.r.Next() }

func (s *jsonSource) rewindable() bool { return s.f != nil }

func (s *jsonSource) rewind() error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("无法重新读取输入文件：%w", err)
	}
	s.r = forms.NewOrderReader(bufio.NewReaderSize(s.f, 64<<10), 0)
	return nil
}

func (s *jsonSource) close() {
	if s.f != nil {
		s.f.Close()
	}
}

// place names order i as the JSON does: "[i]", "第i+1份督办单".
func (s *jsonSource) place(i int) (path, row string) {
	return fmt.Sprintf("[%d]", i), fmt.Sprintf("第%d份督办单", i+1)
}

// renumberOrder makes the problems of order i, checked alone, name it as
// the input does ("[11].seal" and "第12份督办单", or the line of a CSV).
func renumberOrder(err error, i int, src orderSource) forms.Errors {
	list, ok := err.(forms.Errors)
	if !ok {
		return forms.Errors{{Rule: "internal", Message: err.Error()}}
	}
	path, row := src.(interface{ place(int) (string, string) }).place(i)
	out := make(forms.Errors, len(list))
	for k, e := range list {
		c := *e
		if c.Path != "" {
			c.Path = path + "." + c.Path
		} else {
			c.Path = path
		}
		if c.Row == "" {
			c.Row = row
			c.Message = row + c.Message
		}
		out[k] = &c
	}
	return out
}
