package batch

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
	"github.com/zsdoc/zsdoc/tabular"
)

// Source is a batch's input read one order at a time: Next gives each
// order, an invalid one with a *forms.OrderError whose problems name its
// place as the input does ("第12份督办单" in JSON, "第12行 G列【结束日期】"
// in a CSV file, "Sheet1 第7行 C列【督办单位】" in a workbook), and io.EOF
// at the end.
type Source interface {
	Next() (*forms.Supervision, error)
	Close() error
	// rename names the problems of order i, found alone, by its place.
	rename(i int, list forms.Errors) forms.Errors
}

// Open reads the orders of in: a JSON array (or {"orders": [...]}), or a
// CSV file or .xlsx workbook with the Chinese header row of the contract
// (Columns), told apart by their first bytes.
func Open(in io.Reader, opts Options) (Source, error) {
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(tabular.DetectSize)
	if tabular.Detect(head) == tabular.FormatJSON || len(strings.TrimSpace(strings.TrimPrefix(string(head), "\xEF\xBB\xBF"))) == 0 {
		return &jsonSource{r: forms.NewOrderReader(br, 0)}, nil
	}
	return openTable(br, opts)
}

// jsonSource reads orders from a JSON array.
type jsonSource struct{ r *forms.OrderReader }

func (s *jsonSource) Next() (*forms.Supervision, error) { return s.r.Next() }

func (s *jsonSource) Close() error { return nil }

func (s *jsonSource) rename(i int, list forms.Errors) forms.Errors {
	return placed(list, fmt.Sprintf("[%d]", i), fmt.Sprintf("第%d份督办单", i+1))
}

// placed prefixes the paths of problems found in an order alone with the
// order's path and names its row.
func placed(list forms.Errors, path, row string) forms.Errors {
	out := make(forms.Errors, len(list))
	for k, e := range list {
		c := *e
		if c.Path != "" {
			c.Path = path + "." + c.Path
		} else {
			c.Path = path
		}
		if c.Row == "" {
			c.Row, c.Message = row, row+c.Message
		}
		out[k] = &c
	}
	return out
}

// Columns are the columns of a batch spreadsheet (spec §4), by the JSON
// key of each: 编号, 日期, 督办单位, 督办内容, 工作要求, 开始日期, 结束日期,
// 签发单位, 签发日期, 印章, in any order; those an order needs are required.
var Columns = tabular.Schema{Labels: []tabular.Label{
	{Key: "number", Names: []string{"编号", "督办单编号"}},
	{Key: "date", Names: []string{"日期"}, Required: true},
	{Key: "target", Names: []string{"督办单位"}, Required: true},
	{Key: "content", Names: []string{"督办内容"}, Required: true},
	{Key: "requirements", Names: []string{"工作要求"}, Required: true},
	{Key: "from", Names: []string{"开始日期", "完成时限开始日期"}, Required: true},
	{Key: "to", Names: []string{"结束日期", "截止日期", "完成时限结束日期", "完成时限截止日期"}, Required: true},
	{Key: "issuer", Names: []string{"签发单位"}, Required: true},
	{Key: "issueDate", Names: []string{"签发日期"}},
	{Key: "seal", Names: []string{"印章", "印章编号"}},
}}

// tableSource reads orders from a spreadsheet, one row an order.
type tableSource struct {
	r     *tabular.Reader
	h     *tabular.Header
	index int
	row   tabular.Row // the current order's row
}

func openTable(in io.Reader, opts Options) (Source, error) {
	rd, err := tabular.Open(in, tabular.Options{Encoding: opts.Encoding, Sheet: opts.Sheet})
	if err != nil {
		return nil, tableErr(err)
	}
	h, err := Columns.ReadHeader(rd)
	if err != nil {
		rd.Close()
		return nil, tableErr(err)
	}
	return &tableSource{r: rd, h: h}, nil
}

// tableErr reports a spreadsheet that cannot be read as a problem of the
// input: its message says what is wrong and where.
func tableErr(err error) error {
	var te *tabular.Error
	var he *tabular.HeaderError
	if errors.As(err, &te) || errors.As(err, &he) {
		return forms.Errors{{Rule: "table", Label: "督办单", Message: err.Error()}}
	}
	return err
}

func (s *tableSource) Next() (*forms.Supervision, error) {
	row, err := s.r.Next()
	if err == io.EOF {
		if s.index == 0 {
			return nil, forms.Errors{{Rule: "required", Label: "督办单",
				Message: fmt.Sprintf("【督办单】表头（%s）下没有督办单，至少填写1份", s.h.Where())}}
		}
		return nil, io.EOF
	}
	if err != nil {
		return nil, tableErr(err)
	}
	i := s.index
	s.index++
	s.row = row
	obj := map[string]string{}
	for _, c := range s.h.Columns {
		// As the form import reads a cell: an Excel date cell is its date.
		if text := sheet.CellText(row.Cell(c.Index)); text != "" {
			obj[c.Key] = text
		}
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	f, err := forms.Parse(forms.SupervisionID, data)
	order, _ := f.(*forms.Supervision)
	if err != nil {
		var list forms.Errors
		if !errors.As(err, &list) {
			return nil, err
		}
		return order, &forms.OrderError{Index: i, Errors: s.rename(i, list)}
	}
	return order, nil
}

// rename names the problems of the current order by its row and column in
// the file, under the file's header text.
func (s *tableSource) rename(i int, list forms.Errors) forms.Errors {
	out := make(forms.Errors, len(list))
	for k, e := range list {
		c := *e
		key, _, _ := strings.Cut(c.Path, ".")
		where := s.row.Where()
		if _, ok := s.h.Index(key); ok {
			where = s.h.WhereCell(s.row, key)
			for _, col := range s.h.Columns {
				if col.Key == key {
					c.Label = col.Text
				}
			}
		}
		text := c.Message
		if _, rest, ok := strings.Cut(text, "】"); ok && strings.HasPrefix(text, "【") {
			text = rest
		} else if !strings.HasSuffix(where, "】") {
			where += "："
		}
		c.Path = strings.TrimSuffix(fmt.Sprintf("[%d].%s", i, c.Path), ".")
		c.Row = s.row.Where()
		c.Message = where + text
		out[k] = &c
	}
	return out
}

func (s *tableSource) Close() error { return s.r.Close() }
