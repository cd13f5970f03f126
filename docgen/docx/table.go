package docx

import (
	"context"
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// colTwips returns the grid column widths in twips, rounded at the column
// edges so that they add up to the rounded table width.
func colTwips(cols []layout.Length) []int {
	out := make([]int, len(cols))
	var edge layout.Length
	prev := 0
	for i, c := range cols {
		edge += c
		next := twips(edge)
		out[i] = max(next-prev, 0)
		prev = next
	}
	return out
}

// table writes a fixed-layout w:tbl: the grid in twips, single black
// borders, the cell padding as default cell margins (the top one less the
// border's width: Word and LibreOffice add a row's border to its height,
// where the PDF draws it over the row's edge), header rows repeated
// on every page, cells spanning columns (gridSpan) and rows (vMerge: a
// restart cell, then a continuation cell in each row below).
//
// A row that KeepRows keeps whole is written cantSplit only when it fits
// on a page under the header rows, by the predicted heights (real font
// metrics, as the PDF measures): Word and LibreOffice move a cantSplit row
// taller than a page to the next page before splitting it anyway, where
// the PDF splits it from where it starts.
func (b *builder) table(ctx context.Context, x *xmlw, t *layout.Table, draws drawings, pageH, above layout.Length) error {
	grid, err := t.Grid()
	if err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	tall, joined := make([]bool, len(t.Rows)), make([]bool, len(t.Rows)) // all false without KeepRows
	if t.KeepRows {
		tall, joined = keptRows(b.measure, t, grid, pageH, above)
	}
	defer func() { b.keepNext = false }()
	cols := colTwips(t.Columns)
	total := 0
	for _, c := range cols {
		total += c
	}
	x.raw(`<w:tbl><w:tblPr>`)
	x.raw(`<w:tblW w:w="`)
	x.int(int64(total))
	x.raw(`" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>`)
	border := borderXML(t.Border)
	for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		x.raw(`<w:` + side + border)
	}
	x.raw(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>`)
	for _, m := range [...]struct {
		side string
		l    layout.Length
	}{{"top", max(t.Padding.Top-t.Border, 0)}, {"left", t.Padding.Left}, {"bottom", t.Padding.Bottom}, {"right", t.Padding.Right}} {
		x.raw(`<w:` + m.side + ` w:w="`)
		x.int(int64(twips(m.l)))
		x.raw(`" w:type="dxa"/>`)
	}
	x.raw(`</w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		x.elemInt("w:gridCol", "w:w", c)
	}
	x.raw(`</w:tblGrid>`)

	empty := emptyCellFont(t)
	headers := t.HeaderRows()
	pad := twips(t.Padding.Left) + twips(t.Padding.Right)
	for r := range t.Rows {
		if r%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row := &t.Rows[r]
		b.keepNext = joined[r]
		x.raw(`<w:tr>`)
		keep := t.KeepRows && !tall[r]
		if keep || row.MinHeight > 0 || r < headers {
			x.raw(`<w:trPr>`)
			if keep {
				x.raw(`<w:cantSplit/>`)
			}
			if row.MinHeight > 0 {
				x.raw(`<w:trHeight w:val="`)
				x.int(int64(twips(row.MinHeight)))
				x.raw(`" w:hRule="atLeast"/>`)
			}
			if r < headers {
				x.raw(`<w:tblHeader/>`)
			}
			x.raw(`</w:trPr>`)
		}
		for c := 0; c < len(cols); {
			slot := grid[r][c]
			cell := &t.Rows[slot.Row].Cells[slot.Cell]
			span := cell.Cols()
			width := 0
			for _, w := range cols[c : c+span] {
				width += w
			}
			b.cellProps(x, cell, width, span, slot.Row != r)
			switch {
			case slot.Row != r: // covered by a cell from a row above
				font, leading := empty, empty.Size*1.3
				if len(cell.Paragraphs) > 0 {
					font, leading = cell.Paragraphs[0].Font, cell.Paragraphs[0].Leading()
				}
				b.emptyParagraph(x, font, leading)
			case len(cell.Paragraphs) == 0:
				b.emptyParagraph(x, empty, empty.Size*1.3)
			default:
				inner := layout.Length(max(width-pad, 0)) / 20
				for k := range cell.Paragraphs {
					b.paragraph(x, &cell.Paragraphs[k], inner, draws, "")
				}
			}
			x.raw(`</w:tc>`)
			c += span
		}
		x.raw(`</w:tr>`)
	}
	x.raw(`</w:tbl>`)
	return x.err
}

// keptRows returns which rows are predicted taller than a page of height
// pageH under the header rows (tall), and which rows a cell spanning rows
// joins to the row below when all the rows it joins fit on such a page
// (joined): their paragraphs are kept with the next (Word and LibreOffice
// keep the rows on one page), as the PDF moves an investor's projects to
// the next page together.
func keptRows(m *layout.Measurer, t *layout.Table, grid [][]layout.Slot, pageH, above layout.Length) (tall, joined []bool) {
	colX := make([]layout.Length, len(t.Columns)+1)
	for i, w := range t.Columns {
		colX[i+1] = colX[i] + w
	}
	heights := rowHeights(m, t, colX, grid)
	headers := t.HeaderRows()
	room := pageH
	for r := range headers {
		room -= heights[r]
	}
	tall, joined = make([]bool, len(t.Rows)), make([]bool, len(t.Rows))
	for r := headers; r < len(t.Rows); r++ {
		tall[r] = heights[r] > room
	}
	for r := headers; r < len(t.Rows); {
		end := r + 1
		for k := r; k < end; k++ {
			for c := range grid[k] {
				if s := grid[k][c]; s.Origin {
					end = max(end, k+t.Rows[k].Cells[s.Cell].Rows())
				}
			}
		}
		var h layout.Length
		for k := r; k < end; k++ {
			h += heights[k]
		}
		if end-r > 1 && h <= room {
			for k := r; k < end-1; k++ {
				joined[k] = true
			}
		}
		r = end
	}
	// As the PDF: a first row that does not fit under what precedes the
	// table, with half a page or more left there, is split rather than
	// moved (leaving that page bare), and its group is not kept together.
	if first := headers; above >= 0 && first < len(t.Rows) && heights[first] > room-above && room-above >= pageH/2 {
		tall[first] = true
		for k := first; k < len(t.Rows) && joined[k]; k++ {
			joined[k] = false
		}
	}
	return tall, joined
}

// cellProps opens a w:tc and writes its w:tcPr.
func (b *builder) cellProps(x *xmlw, cell *layout.Cell, width, span int, continued bool) {
	x.raw(`<w:tc><w:tcPr><w:tcW w:w="`)
	x.int(int64(width))
	x.raw(`" w:type="dxa"/>`)
	if span > 1 {
		x.elemInt("w:gridSpan", "w:val", span)
	}
	switch {
	case continued:
		x.raw(`<w:vMerge/>`)
	case cell.Rows() > 1:
		x.raw(`<w:vMerge w:val="restart"/>`)
	}
	switch cell.VAlign {
	case layout.VAlignTop:
		x.raw(`<w:vAlign w:val="top"/>`)
	case layout.VAlignBottom:
		x.raw(`<w:vAlign w:val="bottom"/>`)
	default:
		x.raw(`<w:vAlign w:val="center"/>`)
	}
	x.raw(`</w:tcPr>`)
}

// borderXML is the rest of a border element after its name: a single black
// line of the width in eighths of a point (Word's range is 2–96), or none.
func borderXML(w layout.Length) string {
	if w <= 0 {
		return ` w:val="nil"/>`
	}
	sz := min(max(int(float64(float64(w)*8)+0.5), 2), 96)
	return fmt.Sprintf(` w:val="single" w:sz="%d" w:space="0" w:color="000000"/>`, sz)
}

// emptyCellFont is the font of a cell without paragraphs, so that what a
// clerk types into a blank form's empty cell comes out as body text: the
// body role at the size of the table's first paragraph.
func emptyCellFont(t *layout.Table) layout.Font {
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			if len(c.Paragraphs) > 0 {
				return layout.Font{Role: layout.RoleBody, Size: c.Paragraphs[0].Font.Size}
			}
		}
	}
	return layout.Font{Role: layout.RoleBody, Size: 10.5}
}
