package tabular

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrHeader: the header row was not found, or it lacks required columns,
// has unknown columns or repeats one. The error is a *HeaderError.
var ErrHeader = errors.New("tabular: header does not match")

// Label is a column that a Schema expects.
type Label struct {
	// Key identifies the column to the caller, e.g. "target".
	Key string
	// Names are the header texts that name the column, compared after
	// NormalizeLabel; Names[0] is the one messages print, e.g. "督办单位".
	Names []string
	// Required: a header without this column is refused.
	Required bool
}

// Schema describes the columns expected under a header row.
type Schema struct {
	Labels []Label
	// MaxHeaderRows is how many rows from the top ReadHeader searches for
	// the header; zero means DefaultMaxHeaderRows.
	MaxHeaderRows int
	// AllowUnknown accepts header cells that match no label (listed in
	// Header.Unknown); by default they are an error, since a misspelt
	// optional label would otherwise be silently ignored.
	AllowUnknown bool
}

// Column is a column of a header.
type Column struct {
	Index int    // 0 is column A
	Key   string // the Label's key; "" for an unknown column
	Text  string // the header text in the file, lines joined by a space
}

// Header is a matched header: where each key's column is.
type Header struct {
	Sheet string // "" for CSV
	Line  int    // the header's (first) row, as Row.Line
	Lines int    // 1, or 2 for a header of two rows
	// Columns are the matched columns, in file order.
	Columns []Column
	// Unknown are the header cells that match no label (AllowUnknown).
	Unknown []Column
	index   map[string]int
	names   map[string]string
}

// Index returns the column of key.
func (h *Header) Index(key string) (int, bool) {
	i, ok := h.index[key]
	return i, ok
}

// Cell returns the cell of row in key's column; an empty Cell when the
// header has no such column.
func (h *Header) Cell(row Row, key string) Cell {
	i, ok := h.index[key]
	if !ok {
		return Cell{}
	}
	return row.Cell(i)
}

// WhereCell names key's cell in row for a message: "Sheet1 第7行 K列【合作方式】".
func (h *Header) WhereCell(row Row, key string) string {
	if i, ok := h.index[key]; ok {
		return row.WhereCell(i) + "【" + h.names[key] + "】"
	}
	return row.Where() + "【" + h.names[key] + "】"
}

// Where names the header rows: "Sheet1 第3行" or "第3—4行".
func (h *Header) Where() string { return spanWhere(h.Sheet, h.Line, h.Lines) }

func spanWhere(sheet string, line, lines int) string {
	w := fmt.Sprintf("第%d行", line)
	if lines > 1 {
		w = fmt.Sprintf("第%d—%d行", line, line+lines-1)
	}
	if sheet != "" {
		w = sheet + " " + w
	}
	return w
}

// HeaderError says what is wrong with a header, all of it. Its message is
// Chinese, one problem a line.
type HeaderError struct {
	// Where names the header rows; "" when no header row was found.
	Where string
	// Searched is how many rows were searched when none was found.
	Searched int
	// Expected are the printed names of all labels, when no header row
	// was found.
	Expected []string
	// Missing are the printed names of the required labels not found.
	Missing []string
	// Unknown are the header cells that match no label.
	Unknown []Column
	// Repeated are the later cells naming a label that an earlier one
	// already named.
	Repeated []Column
	// First gives, for each repeated key, the column that named it first.
	First map[string]int
	names map[string]string
}

// Error returns the problems, one a line.
func (e *HeaderError) Error() string {
	if e.Where == "" {
		return fmt.Sprintf("前%d行中没有找到表头；表头应有这些列：%s", e.Searched, strings.Join(e.Expected, "、"))
	}
	var lines []string
	if len(e.Missing) > 0 {
		lines = append(lines, fmt.Sprintf("%s：表头缺少必需的列【%s】", e.Where, strings.Join(e.Missing, "】【")))
	}
	for _, c := range e.Unknown {
		lines = append(lines, fmt.Sprintf("%s %s列：表头【%s】不是本表的列", e.Where, ColumnName(c.Index), c.Text))
	}
	for _, c := range e.Repeated {
		lines = append(lines, fmt.Sprintf("%s %s列：【%s】与 %s列重复", e.Where, ColumnName(c.Index), e.names[c.Key], ColumnName(e.First[c.Key])))
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns ErrHeader.
func (e *HeaderError) Unwrap() error { return ErrHeader }

// ReadHeader reads rows from r until it finds the header, and returns it;
// r is then at the first row under the header. Rows above the header
// (titles, "单位（盖章）：…") are skipped. Among the first MaxHeaderRows rows,
// the header is the first row in which every required label is found, or
// the first two rows that together name every required label and more
// labels than either row alone. In a two-row header the label of a column
// is the first of these that is a label: its upper and lower cell joined,
// its lower cell, its upper cell; an upper cell covered by a merged range
// (.xlsx) has the text of the range.
//
// When no row has every required label, the HeaderError names the missing
// ones for the row that had the most labels (at least two), or says that no
// header was found. A header with every required label can still fail for
// unknown or repeated columns. The error lists all problems.
func (s Schema) ReadHeader(r *Reader) (h *Header, err error) {
	defer recoverTo(&err)
	m, err := s.matcher()
	if err != nil {
		return nil, err
	}
	limit := s.MaxHeaderRows
	if limit <= 0 {
		limit = DefaultMaxHeaderRows
	}
	var best *attempt
	searched := 0
	for ; searched < limit; searched++ {
		row, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		one := m.match([]Row{row}, nil)
		if next, err := r.Peek(); err == nil {
			two := m.match([]Row{row, next}, r.mergedText(row))
			lower := m.match([]Row{next}, nil)
			if better := len(two.found) > len(one.found) && len(two.found) > len(lower.found); better {
				if two.complete {
					_, _ = r.Next()
					return m.header(two)
				}
				if best == nil || len(two.found) > len(best.found) {
					best = two
				}
			}
		}
		if one.complete {
			return m.header(one)
		}
		if best == nil || len(one.found) > len(best.found) {
			best = one
		}
	}
	if best != nil && len(best.found) >= min(2, len(s.Labels)) {
		return nil, m.headerError(best)
	}
	e := &HeaderError{Searched: searched}
	for _, l := range s.Labels {
		e.Expected = append(e.Expected, l.Names[0])
	}
	return nil, e
}

// Match matches row as a one-row header.
func (s Schema) Match(row Row) (*Header, error) {
	m, err := s.matcher()
	if err != nil {
		return nil, err
	}
	a := m.match([]Row{row}, nil)
	if !a.complete {
		return nil, m.headerError(a)
	}
	return m.header(a)
}

// mergedText returns, for a header's upper row, the text a cell covered by
// a merged range shows: the text of the range's top-left cell when that is
// in the same row.
func (r *Reader) mergedText(top Row) func(col int) string {
	if r.book == nil || len(r.book.merges.list) == 0 {
		return nil
	}
	return func(col int) string {
		g, ok := r.MergeAt(top.Line, col)
		if !ok || g.FirstRow != top.Line || g.FirstCol == col {
			return ""
		}
		return top.Cell(g.FirstCol).Text
	}
}
