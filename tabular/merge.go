package tabular

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Range is a rectangle of cells, such as a merged range: rows from 1 (as
// Row.Line), columns from 0 (as the index into Row.Cells).
type Range struct {
	FirstRow, LastRow int
	FirstCol, LastCol int
}

// String returns the range in A1 notation: "B3:B5".
func (g Range) String() string {
	return fmt.Sprintf("%s%d:%s%d", ColumnName(g.FirstCol), g.FirstRow, ColumnName(g.LastCol), g.LastRow)
}

// Contains reports whether the cell in column col of row line lies in g.
func (g Range) Contains(line, col int) bool {
	return g.FirstRow <= line && line <= g.LastRow && g.FirstCol <= col && col <= g.LastCol
}

// Excel's grid.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// mergeIndex finds the merged range covering a cell. Per column it keeps
// the ranges crossing that column sorted by first row; ranges of one column
// must not overlap (Excel refuses such a file too).
type mergeIndex struct {
	list  []Range
	byCol map[int][]int32 // column → indexes into list, by FirstRow
}

// maxMergeCells bounds the index: the sum over the merged ranges of the
// columns each one spans (within MaxColumns).
const maxMergeCells = 1 << 21

func newMergeIndex(list []Range, maxColumns int) (*mergeIndex, error) {
	m := &mergeIndex{list: list, byCol: map[int][]int32{}}
	budget := maxMergeCells
	for i, g := range list {
		for c := g.FirstCol; c <= g.LastCol && c < maxColumns; c++ {
			if budget--; budget < 0 {
				return nil, newError(ErrLimit, "", "合并单元格覆盖的列太多")
			}
			m.byCol[c] = append(m.byCol[c], int32(i))
		}
	}
	for _, idx := range m.byCol {
		sort.Slice(idx, func(a, b int) bool { return list[idx[a]].FirstRow < list[idx[b]].FirstRow })
		for k := 1; k < len(idx); k++ {
			if prev, cur := list[idx[k-1]], list[idx[k]]; cur.FirstRow <= prev.LastRow {
				return nil, newError(ErrFormat, "", "合并单元格 %s 与 %s 重叠，文件已损坏；请在 Excel 中取消合并后重新合并", prev, cur)
			}
		}
	}
	return m, nil
}

func (m *mergeIndex) at(line, col int) (Range, bool) {
	if m == nil {
		return Range{}, false
	}
	idx := m.byCol[col]
	k := sort.Search(len(idx), func(k int) bool { return m.list[idx[k]].FirstRow > line })
	if k == 0 {
		return Range{}, false
	}
	if g := m.list[idx[k-1]]; g.LastRow >= line {
		return g, true
	}
	return Range{}, false
}

// parseRange parses "A1:B3" (either corner first).
func parseRange(ref string) (Range, bool) {
	a, b, found := bytes.Cut([]byte(ref), []byte(":"))
	if !found {
		return Range{}, false
	}
	c1, r1, ok1 := parseCellRef(string(a))
	c2, r2, ok2 := parseCellRef(string(b))
	if !ok1 || !ok2 || r1 == 0 || r2 == 0 {
		return Range{}, false
	}
	return Range{FirstRow: min(r1, r2), LastRow: max(r1, r2), FirstCol: min(c1, c2), LastCol: max(c1, c2)}, true
}

// parseCellRef parses "K7" (or "$K$7") into column 10 and row 7. The row
// may be absent ("K" → row 0).
func parseCellRef(ref string) (col, row int, ok bool) {
	i := 0
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	start := i
	col = 0
	for i < len(ref) && i-start < 3 {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == start || col > maxSheetCols {
		return 0, 0, false
	}
	if i < len(ref) && ref[i] == '$' {
		i++
	}
	if n := digitRun(ref[i:]); n > 0 && n <= 7 && n == len(ref)-i && ref[i] != '0' {
		for _, c := range ref[i:] {
			row = row*10 + int(c-'0')
		}
		if row > maxSheetRows {
			return 0, 0, false
		}
	} else if i != len(ref) {
		return 0, 0, false
	}
	return col - 1, row, true
}

// scanMerges reads the merged ranges of a worksheet. They come after the
// cell data, so it first scans the decompressed XML bytes for the
// <mergeCells> start tag (a fast byte search: '<' cannot appear unescaped in
// text or attribute values) and decodes XML only from there.
func scanMerges(r io.Reader, maxMerges int) ([]Range, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	const keep = 128 // bytes carried over, longer than "<prefix:mergeCells "
	window := make([]byte, 0, 64<<10+keep)
	for {
		n, err := io.ReadFull(br, window[len(window):cap(window)])
		window = window[:len(window)+n]
		atEOF := err != nil
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return nil, err
		}
		if at := findMergeCells(window, atEOF); at >= 0 {
			return decodeMerges(io.MultiReader(bytes.NewReader(window[at:]), br), maxMerges)
		}
		if atEOF {
			return nil, nil
		}
		tail := window[max(0, len(window)-keep):]
		window = window[:copy(window[:cap(window)], tail)]
	}
}

// findMergeCells returns the offset of "<mergeCells" or "<p:mergeCells"
// followed by a blank, '>' or '/', or -1. A match too close to the end of a
// window that is not the last is left for the next window.
func findMergeCells(b []byte, atEOF bool) int {
	const name = "mergeCells"
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(name))
		if i < 0 {
			return -1
		}
		i += off
		off = i + 1
		end := i + len(name)
		if end >= len(b) {
			return -1 // the next window sees it whole (or this is the end)
		}
		if c := b[end]; c != ' ' && c != '>' && c != '/' && c != '\t' && c != '\r' && c != '\n' {
			continue
		}
		j := i - 1
		if j >= 0 && b[j] == ':' { // a namespace prefix
			j--
			for j >= 0 && i-j < 64 && isNameByte(b[j]) {
				j--
			}
		}
		if j >= 0 && b[j] == '<' {
			return j
		}
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

func decodeMerges(r io.Reader, maxMerges int) ([]Range, error) {
	dec := xml.NewDecoder(r)
	var list []Range
	depth := 0
	for {
		tok, err := dec.RawToken()
		if err != nil {
			var te *Error
			if errors.As(err, &te) {
				return nil, te
			}
			return nil, damaged("合并单元格", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return nil, damaged("合并单元格", errTooDeep)
			}
			if t.Name.Local != "mergeCell" {
				continue
			}
			g, ok := parseRange(attr(t, "ref"))
			if !ok || g.FirstRow == g.LastRow && g.FirstCol == g.LastCol {
				continue
			}
			if len(list) >= maxMerges {
				return nil, newError(ErrLimit, "", "合并单元格超过 %d 个的上限", maxMerges)
			}
			list = append(list, g)
		case xml.EndElement:
			if depth--; t.Name.Local == "mergeCells" || depth < 0 {
				return list, nil
			}
		}
	}
}
