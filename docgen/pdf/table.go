package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
)

// cline is a line of a cell's content: its paragraph, the line (nil for an
// empty paragraph) and its top within the content.
type cline struct {
	p    *para
	line *textLine
	y    float64
}

// cellBox is a measured table cell.
type cellBox struct {
	cell       *layout.Cell
	row, col   int
	rows, cols int
	x, w       float64 // from the table's left
	lines      []cline
	contentH   float64
}

// linesHeight returns the height of lines [from, to).
func (c *cellBox) linesHeight(from, to int) float64 {
	if from >= to {
		return 0
	}
	last := c.lines[to-1]
	h := last.y + last.p.leading - c.lineTop(from)
	if to == len(c.lines) { // the last paragraph's space after
		h += float64(last.p.src.SpaceAfter)
	}
	return h
}

// measuredTable is a table with its cells broken into lines.
type measuredTable struct {
	t      *layout.Table
	x      float64   // left edge on the page
	colX   []float64 // left of each column, from the table's left
	cells  [][]*cellBox
	own    []float64  // each row's height from its own (single-row) cells and MinHeight
	spans  []*cellBox // cells spanning several rows
	padV   float64
	header int // number of header rows
}

// measure breaks every cell's text into lines for its width.
func (s *shaper) measure(t *layout.Table, x float64) (*measuredTable, error) {
	grid, err := t.Grid()
	if err != nil {
		return nil, err
	}
	m := &measuredTable{t: t, x: x, header: t.HeaderRows(),
		padV: float64(t.Padding.Top + t.Padding.Bottom)}
	m.colX = make([]float64, len(t.Columns)+1)
	for i, w := range t.Columns {
		m.colX[i+1] = m.colX[i] + float64(w)
	}
	m.cells = make([][]*cellBox, len(t.Rows))
	m.own = make([]float64, len(t.Rows))
	for r := range t.Rows {
		m.own[r] = float64(t.Rows[r].MinHeight)
		for c, slot := range grid[r] {
			if !slot.Origin {
				continue
			}
			cell := &t.Rows[r].Cells[slot.Cell]
			cb := &cellBox{cell: cell, row: r, col: c, rows: cell.Rows(), cols: cell.Cols(),
				x: m.colX[c], w: m.colX[c+cell.Cols()] - m.colX[c]}
			s.flatten(cb, cb.w-float64(t.Padding.Left+t.Padding.Right))
			m.cells[r] = append(m.cells[r], cb)
			if cb.rows == 1 {
				m.own[r] = max(m.own[r], cb.contentH+m.padV)
			} else {
				if r < m.header {
					return nil, errHeaderSpan
				}
				m.spans = append(m.spans, cb)
			}
		}
	}
	return m, nil
}

// flatten lays the cell's paragraphs out for the content width.
func (s *shaper) flatten(cb *cellBox, width float64) {
	y := 0.0
	for i := range cb.cell.Paragraphs {
		p := s.layoutPara(&cb.cell.Paragraphs[i], width)
		y += float64(p.src.SpaceBefore)
		if len(p.lines) == 0 {
			cb.lines = append(cb.lines, cline{p: p, y: y})
			y += p.leading
		}
		for k := range p.lines {
			cb.lines = append(cb.lines, cline{p: p, line: &p.lines[k], y: y})
			y += p.leading
		}
		y += float64(p.src.SpaceAfter)
	}
	cb.contentH = y
}

// lineTop returns where drawing lines from k starts: the content's top for
// the first line (so the first paragraph's space before counts), else line k's top.
func (c *cellBox) lineTop(k int) float64 {
	if k == 0 {
		return 0
	}
	return c.lines[k].y
}

// fitLines returns the end of the lines from `from` that fit in height h.
func (c *cellBox) fitLines(from int, h float64) int {
	to := from
	for to < len(c.lines) && c.linesHeight(from, to+1) <= h+1e-6 {
		to++
	}
	return to
}
