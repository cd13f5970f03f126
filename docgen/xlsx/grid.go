package xlsx

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// A sheet is a grid: the union of the column edges of a section's tables
// (and of the split of a line with text set flush right), one sheet row per
// paragraph and per table row. A paragraph spans the whole width; a table
// cell spans the grid columns between its edges.

// gcell is a placed cell: its grid position and span (0-based), its text
// (one line per paragraph) and how it is set.
type gcell struct {
	row, col, rows, cols int
	lines                []string
	number               string // layout.Cell.Number
	font                 layout.Font
	align                layout.Align
	valign               layout.VAlign
	border               bool
	shrink               bool          // one line shrunk to fit rather than wrapped
	pad                  layout.Insets // the table's cell padding
	// paras are the paragraphs the text came from, to find anchors.
	paras []layout.Paragraph
}

// sheetGrid is a section placed on a grid.
type sheetGrid struct {
	cols    []layout.Length // grid column widths
	heights []layout.Length // row heights
	cells   []gcell
	// headerFirst and headerLast are the 0-based rows of the (first)
	// table's header rows, repeated on every printed page; -1 when none.
	headerFirst, headerLast int
	headedTables            int // tables with header rows placed so far
	// tableRows are, for each table, the first row of each of its rows
	// and the row after its last.
	tableRows [][]int
}

// place lays section s out on a grid; measure gives text widths.
func place(s *layout.Section, m measurer) (*sheetGrid, error) {
	width := s.Page.ContentWidth()
	edges := []layout.Length{0, width}
	for _, b := range s.Blocks {
		if t, ok := b.(*layout.Table); ok {
			x := layout.Length(0)
			for _, c := range t.Columns {
				x += c
				edges = append(edges, x)
			}
			if x > width {
				width = x
			}
		}
	}
	edges = append(edges, width)
	edges = cleanEdges(edges)
	// A line with text flush right splits where its right text starts: at
	// the rightmost edge that leaves both parts room, else at a new edge.
	split := func(p *layout.Paragraph) (at layout.Length, k int) {
		left := m.spans(p.Spans, p.Font) + cellSlack
		right := m.spans(p.Right, p.Font) + cellSlack
		k = -1
		for i, e := range edges[1 : len(edges)-1] {
			if e >= left && width-e >= right {
				k = i + 1
			}
		}
		return max(width-right, min(left, width/2)), k
	}
	for _, b := range s.Blocks {
		if p, ok := b.(*layout.Paragraph); ok && len(p.Right) > 0 {
			if at, k := split(p); k < 0 {
				edges = cleanEdges(append(edges, at))
			}
		}
	}
	resolved := map[*layout.Paragraph]int{}
	for _, b := range s.Blocks {
		if p, ok := b.(*layout.Paragraph); ok && len(p.Right) > 0 {
			at, k := split(p)
			if k < 0 {
				k = max(1, min(nearestEdge(edges, at), len(edges)-2))
			}
			resolved[p] = k
		}
	}
	g := &sheetGrid{headerFirst: -1, headerLast: -1}
	for i := 1; i < len(edges); i++ {
		g.cols = append(g.cols, edges[i]-edges[i-1])
	}
	ncol := len(g.cols)
	for _, b := range s.Blocks {
		switch b := b.(type) {
		case *layout.Paragraph:
			row := len(g.heights)
			h := b.Leading() + b.SpaceBefore + b.SpaceAfter
			if k, ok := resolved[b]; ok && k > 0 && k < ncol {
				l := gcell{row: row, col: 0, rows: 1, cols: k, lines: []string{spansText(b.Spans)}, font: b.Font,
					align: layout.AlignLeft, valign: layout.VAlignBottom, shrink: true, paras: []layout.Paragraph{{Spans: b.Spans, Font: b.Font}}}
				r := gcell{row: row, col: k, rows: 1, cols: ncol - k, lines: []string{spansText(b.Right)}, font: b.Font,
					align: layout.AlignRight, valign: layout.VAlignBottom, shrink: true, paras: []layout.Paragraph{{Spans: b.Right, Font: b.Font, Align: layout.AlignRight}}}
				g.cells = append(g.cells, l, r)
			} else {
				text := spansText(b.Spans)
				if len(b.Right) > 0 { // no room to split: one cell
					text += "\u3000\u3000" + spansText(b.Right)
				}
				lines := m.lines(text, b.Font, width)
				h = lineHeights(lines, b.Leading()) + b.SpaceBefore + b.SpaceAfter
				if text != "" {
					g.cells = append(g.cells, gcell{row: row, col: 0, rows: 1, cols: ncol, lines: []string{text},
						font: b.Font, align: b.Align, valign: layout.VAlignBottom, paras: []layout.Paragraph{*b}})
				}
			}
			g.heights = append(g.heights, h)
		case *layout.Table:
			if err := g.addTable(b, edges, m); err != nil {
				return nil, err
			}
		case *layout.Drawing:
			return nil, &UnsupportedError{"图形"}
		default:
			return nil, &UnsupportedError{fmt.Sprintf("%T", b)}
		}
	}
	g.widenForNumbers(m)
	g.split()
	return g, nil
}

// split makes a row taller than a spreadsheet row can be (MaxRowHeight)
// several sheet rows of equal height, every cell over it merged down
// across them, so that no text is cut off.
func (g *sheetGrid) split() {
	first := make([]int, len(g.heights)+1) // the sheet row of each row
	var heights []layout.Length
	for r, h := range g.heights {
		first[r] = len(heights)
		k := max(1, int(math.Ceil(float64(h)/MaxRowHeight)))
		for range k {
			heights = append(heights, h/layout.Length(k))
		}
	}
	first[len(g.heights)] = len(heights)
	if len(heights) == len(g.heights) {
		return
	}
	for i := range g.cells {
		c := &g.cells[i]
		c.row, c.rows = first[c.row], first[c.row+c.rows]-first[c.row]
	}
	for _, rows := range g.tableRows {
		for i, r := range rows {
			rows[i] = first[r]
		}
	}
	if g.headerFirst >= 0 {
		g.headerFirst, g.headerLast = first[g.headerFirst], first[g.headerLast+1]-1
	}
	g.heights = heights
}

// addTable places table t's rows under the rows placed so far.
func (g *sheetGrid) addTable(t *layout.Table, edges []layout.Length, m measurer) error {
	slots, err := t.Grid()
	if err != nil {
		return err
	}
	first := len(g.heights)
	// colAt maps the table's column edges to grid columns.
	colAt := make([]int, len(t.Columns)+1)
	x := layout.Length(0)
	for i := 0; i <= len(t.Columns); i++ {
		colAt[i] = nearestEdge(edges, x)
		if i < len(t.Columns) {
			x += t.Columns[i]
		}
	}
	heights := make([]layout.Length, len(t.Rows))
	for r, row := range t.Rows {
		heights[r] = row.MinHeight
	}
	type tall struct {
		first, last int
		need        layout.Length
	}
	var spanned []tall
	pad := t.Padding.Top + t.Padding.Bottom
	for r, row := range t.Rows {
		c := 0
		for i := range row.Cells {
			for c < len(t.Columns) && !(slots[r][c].Row == r && slots[r][c].Cell == i) {
				c++
			}
			cell := &row.Cells[i]
			inner := -t.Padding.Left - t.Padding.Right
			for k := c; k < c+cell.Cols(); k++ {
				inner += t.Columns[k]
			}
			need := pad
			var lines []string
			for k := range cell.Paragraphs {
				p := &cell.Paragraphs[k]
				lines = append(lines, p.Text())
				n := m.paraLines(p, inner)
				need += lineHeights(n, p.Leading()) + p.SpaceBefore + p.SpaceAfter
			}
			gc := gcell{row: first + r, col: colAt[c], rows: cell.Rows(), cols: colAt[c+cell.Cols()] - colAt[c],
				lines: lines, number: cell.Number, align: layout.AlignLeft, valign: cell.VAlign, border: t.Border > 0,
				pad: t.Padding, paras: cell.Paragraphs}
			if len(cell.Paragraphs) > 0 {
				gc.font, gc.align = cell.Paragraphs[0].Font, cell.Paragraphs[0].Align
			} else if len(g.cells) > 0 {
				gc.font = layout.Font{Role: layout.RoleBody, Size: 10.5}
			}
			g.cells = append(g.cells, gc)
			if cell.Rows() == 1 {
				heights[r] = max(heights[r], need)
			} else {
				spanned = append(spanned, tall{r, r + cell.Rows() - 1, need})
			}
			c += cell.Cols()
		}
	}
	// A cell over several rows gets what it needs from its last row.
	for _, s := range spanned {
		var have layout.Length
		for r := s.first; r <= s.last; r++ {
			have += heights[r]
		}
		if have < s.need {
			heights[s.last] += s.need - have
		}
	}
	// The header rows repeat on every printed page; a sheet of several
	// tables with headers (a summary) has no one header to repeat.
	if h := t.HeaderRows(); h > 0 {
		g.headedTables++
		g.headerFirst, g.headerLast = first, first+h-1
		if g.headedTables > 1 {
			g.headerFirst, g.headerLast = -1, -1
		}
	}
	rows := make([]int, len(t.Rows)+1)
	for r := range rows {
		rows[r] = first + r
	}
	g.tableRows = append(g.tableRows, rows)
	g.heights = append(g.heights, heights...)
	return nil
}

// lineHeights is n lines of leading l. The product is rounded on its own
// (an explicit conversion), so that no platform fuses it into the sum it
// is added to: the same layout gives the same bytes everywhere.
func lineHeights(n int, l layout.Length) layout.Length {
	return layout.Length(float64(layout.Length(n) * l))
}

// half is l / 2, rounded on its own for the same reason.
func half(l layout.Length) layout.Length { return layout.Length(float64(l / 2)) }

// cellSlack is what a spreadsheet's cell margins and rounding take from a
// line's width: a text that needs w fits a cell w + cellSlack wide in
// Excel, WPS and LibreOffice alike.
const cellSlack layout.Length = 10

// widenForNumbers makes every grid column at least as wide as the numbers
// its one-column cells show, plus cellSlack: a spreadsheet never wraps a
// number, it shows ### instead.
func (g *sheetGrid) widenForNumbers(m measurer) {
	for _, c := range g.cells {
		if c.number == "" || c.cols != 1 || len(c.lines) != 1 {
			continue
		}
		if need := m.width(c.lines[0], c.font) + cellSlack; g.cols[c.col] < need {
			g.cols[c.col] = need
		}
	}
}

// cleanEdges sorts the edges and drops those closer than 1 pt to the one
// before (rounding of column widths).
func cleanEdges(edges []layout.Length) []layout.Length {
	slices.Sort(edges)
	out := edges[:1]
	for _, e := range edges[1:] {
		if e-out[len(out)-1] >= 1 {
			out = append(out, e)
		} else if e > out[len(out)-1] {
			out[len(out)-1] = e
		}
	}
	return out
}

// nearestEdge returns the index of the edge nearest x.
func nearestEdge(edges []layout.Length, x layout.Length) int {
	best := 0
	for i, e := range edges {
		if abs(e-x) < abs(edges[best]-x) {
			best = i
		}
	}
	return best
}

func abs(l layout.Length) layout.Length {
	if l < 0 {
		return -l
	}
	return l
}

// spansText joins the spans' texts.
func spansText(spans []layout.Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}
