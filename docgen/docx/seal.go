package docx

import (
	"fmt"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// drawing is an image placed in a run of a paragraph.
type drawing struct {
	span int // before this span (Spans, then Right); -1: at the paragraph's start
	img  *layout.Image
	// x and y are the image's top-left, from the left of the text column
	// and from the top of the paragraph that holds the drawing.
	x, y layout.Length
}

// drawings are the images of a section, by the paragraph that holds them.
type drawings struct {
	at      map[*layout.Paragraph][]drawing
	closing []drawing // in the paragraph that closes the section after a table
}

// placeImages finds each image's anchor in the section and works out where
// Word must put the image so that its centre is on the centre of the
// anchor text (moved by OffsetX/OffsetY).
func (b *builder) placeImages(sec *layout.Section) (drawings, error) {
	d := drawings{at: map[*layout.Paragraph][]drawing{}}
	for i := range sec.Images {
		img := &sec.Images[i]
		if len(img.PNG) == 0 || img.Width <= 0 || img.Height <= 0 {
			return d, fmt.Errorf("docx: image %q has no picture or no size", img.Name)
		}
		if !place(b.measure, sec, img, &d) {
			return d, fmt.Errorf("图片“%s”的位置（锚点“%s”）在文档中找不到", img.Name, img.Anchor)
		}
	}
	return d, nil
}

// place adds the drawing of img to d, at the first block with a span
// anchored img.Anchor. It reports whether there is one.
func place(m *layout.Measurer, sec *layout.Section, img *layout.Image, d *drawings) bool {
	at := func(host *layout.Paragraph, span int, bx box, dx, dy layout.Length) {
		dr := drawing{span: span, img: img,
			x: layout.Length((bx.x0+bx.x1)/2) + img.OffsetX - layout.Length(img.Width/2) + dx,
			y: layout.Length((bx.y0+bx.y1)/2) + img.OffsetY - layout.Length(img.Height/2) + dy}
		if host == nil {
			d.closing = append(d.closing, dr)
		} else {
			d.at[host] = append(d.at[host], dr)
		}
	}
	width := sec.Page.ContentWidth()
	for j, blk := range sec.Blocks {
		switch blk := blk.(type) {
		case *layout.Paragraph:
			if span := anchored(blk, img.Anchor); blk != nil && span >= 0 {
				bx := anchorBox(m, blk, width, img.Anchor)
				at(blk, span, bx, 0, belowFloor(sec, j, img, bx))
				return true
			}
		case *layout.Table:
			if blk == nil {
				continue
			}
			ta, ok := tableAnchor(m, blk, img.Anchor)
			if !ok {
				continue
			}
			// A drawing anchored in a cell is kept inside the cell by
			// Word 2013+ and LibreOffice (which moves it, or grows the
			// row and pushes it to the next page), and a seal is larger
			// than its cell. So it goes in the paragraph next to the
			// table on the side nearer the anchor, moved by the table's
			// estimated height; in the cell only when there is none.
			var before, after *layout.Paragraph
			if j > 0 {
				before, _ = sec.Blocks[j-1].(*layout.Paragraph)
			}
			last := j == len(sec.Blocks)-1
			if !last {
				after, _ = sec.Blocks[j+1].(*layout.Paragraph)
			}
			above, below := ta.box.y0, ta.height-ta.box.y1
			switch {
			case (last || after != nil) && (before == nil || below <= above):
				at(after, -1, ta.box, 0, -ta.height)
			case before != nil:
				at(before, -1, ta.box, 0, height(m, before, width))
			default:
				at(ta.first, ta.span, ta.box, -ta.firstX, -ta.firstY)
			}
			return true
		}
	}
	return false
}

// belowFloor is how far down the image of the paragraph sec.Blocks[j]
// (its anchor at bx) must move so that its top stays below the paragraph
// just before, when that one holds the text anchored img.Below (the title
// over 附件2–5's unit line): that paragraph's text ends its SpaceAfter
// above the origin of the drawing's offset (the top of this paragraph's
// SpaceBefore).
func belowFloor(sec *layout.Section, j int, img *layout.Image, bx box) layout.Length {
	if img.Below == "" || j == 0 {
		return 0
	}
	prev, ok := sec.Blocks[j-1].(*layout.Paragraph)
	if !ok || anchored(prev, img.Below) < 0 {
		return 0
	}
	floor := -prev.SpaceAfter
	top := layout.Length((bx.y0+bx.y1)/2) + img.OffsetY - layout.Length(img.Height/2)
	if top >= floor {
		return 0
	}
	return floor - top
}

// anchored returns the index of p's first span anchored name (Spans, then
// Right), or -1.
func anchored(p *layout.Paragraph, name string) int {
	if name == "" {
		return -1
	}
	for i := range p.Spans {
		if p.Spans[i].Anchor == name {
			return i
		}
	}
	for i := range p.Right {
		if p.Right[i].Anchor == name {
			return len(p.Spans) + i
		}
	}
	return -1
}

// tableAnchorAt is where a table's anchored spans are, estimated.
type tableAnchorAt struct {
	box    box           // around the anchored spans, from the table's top-left
	height layout.Length // of the whole table
	first  *layout.Paragraph
	span   int
	// firstX and firstY are the top-left of first's text column, from
	// the table's top-left.
	firstX, firstY layout.Length
}

// tableAnchor estimates where the spans anchored name lie in t: rows as
// high as their tallest one-row cell or their least height, each cell's
// paragraphs stacked and aligned vertically in the cell.
func tableAnchor(m *layout.Measurer, t *layout.Table, name string) (tableAnchorAt, bool) {
	var a tableAnchorAt
	grid, err := t.Grid()
	if err != nil {
		return a, false
	}
	colX := make([]layout.Length, len(t.Columns)+1)
	for i, w := range t.Columns {
		colX[i+1] = colX[i] + w
	}
	heights := rowHeights(m, t, colX, grid)
	rowY := make([]layout.Length, len(t.Rows)+1)
	for r, h := range heights {
		rowY[r+1] = rowY[r] + h
	}
	a.box, a.height = noBox, rowY[len(t.Rows)]
	for r := range t.Rows {
		for c := 0; c < len(t.Columns); c++ {
			s := grid[r][c]
			if !s.Origin || s.Row != r {
				continue
			}
			cell := &t.Rows[r].Cells[s.Cell]
			width := colX[c+cell.Cols()] - colX[c] - t.Padding.Left - t.Padding.Right
			x := colX[c] + t.Padding.Left
			y := cellContentTop(m, t, cell, width, rowY[r], rowY[r+cell.Rows()])
			for k := range cell.Paragraphs {
				p := &cell.Paragraphs[k]
				if span := anchored(p, name); span >= 0 {
					if a.first == nil {
						a.first, a.span, a.firstX, a.firstY = p, span, x, y
					}
					bx := anchorBox(m, p, width, name)
					a.box = a.box.union(box{bx.x0 + x, bx.y0 + y, bx.x1 + x, bx.y1 + y})
				}
				y += height(m, p, width)
			}
		}
	}
	return a, a.first != nil
}

// cellContentTop is the top of a cell's first paragraph in a cell from top
// to bottom, aligned as the cell says.
func cellContentTop(m *layout.Measurer, t *layout.Table, cell *layout.Cell, width, top, bottom layout.Length) layout.Length {
	content := layout.Length(0)
	for k := range cell.Paragraphs {
		content += height(m, &cell.Paragraphs[k], width)
	}
	room := max(bottom-top-t.Padding.Top-t.Padding.Bottom-content, 0)
	switch cell.VAlign {
	case layout.VAlignTop:
		room = 0
	case layout.VAlignMiddle:
		room /= 2
	}
	return top + t.Padding.Top + room
}

// rowHeights estimates the height of each row: its least height, or the
// tallest of its cells that span one row.
func rowHeights(m *layout.Measurer, t *layout.Table, colX []layout.Length, grid [][]layout.Slot) []layout.Length {
	out := make([]layout.Length, len(t.Rows))
	for r := range t.Rows {
		out[r] = t.Rows[r].MinHeight
		for c := 0; c < len(t.Columns); c++ {
			s := grid[r][c]
			if !s.Origin || s.Row != r {
				continue
			}
			cell := &t.Rows[r].Cells[s.Cell]
			if cell.Rows() > 1 {
				continue
			}
			width := colX[c+cell.Cols()] - colX[c] - t.Padding.Left - t.Padding.Right
			h := t.Padding.Top + t.Padding.Bottom
			for k := range cell.Paragraphs {
				h += height(m, &cell.Paragraphs[k], width)
			}
			out[r] = max(out[r], h)
		}
	}
	return out
}
