package xlsx

import (
	"bytes"
	"fmt"
	"image/png"
	"math"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// box is a rectangle on the sheet, in points from its top-left corner.
type box struct{ x0, y0, x1, y1 layout.Length }

// image places img (the seal) over the box around its anchor spans, moved
// by its offset and, when it names text it must not touch, down below that
// text's line.
func (w *writer) image(sheet string, g *sheetGrid, img *layout.Image) error {
	anchor, ok := w.anchorBox(g, img.Anchor, false)
	if !ok {
		return nil // no anchor in this section: nothing to stamp over
	}
	cx := half(anchor.x0+anchor.x1) + img.OffsetX
	cy := half(anchor.y0+anchor.y1) + img.OffsetY
	x0, y0 := cx-half(img.Width), cy-half(img.Height)
	if img.Below != "" {
		if below, ok := w.anchorBox(g, img.Below, true); ok && y0 < below.y1 {
			y0 = below.y1
		}
	}
	x0, y0 = max(x0, 0), max(y0, 0)
	cfg, err := png.DecodeConfig(bytes.NewReader(img.PNG))
	if err != nil || cfg.Width == 0 || cfg.Height == 0 {
		return fmt.Errorf("印章图片无法读取：%v", err)
	}
	// Find the cell the picture's top-left corner falls in.
	col, x := 0, layout.Length(0)
	for col < len(g.cols)-1 && x+g.cols[col] <= x0 {
		x += g.cols[col]
		col++
	}
	row, y := 0, layout.Length(0)
	for row < len(g.heights)-1 && y+layout.Length(rowHeight(g.heights[row])) <= y0 {
		y += layout.Length(rowHeight(g.heights[row]))
		row++
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
	px := func(l layout.Length) float64 { return float64(l) * 96 / 72 }
	printed := true
	return w.f.AddPictureFromBytes(sheet, cell, &excelize.Picture{Extension: ".png", File: img.PNG,
		Format: &excelize.GraphicOptions{
			AltText: img.Name, Name: img.Name, PrintObject: &printed, LockAspectRatio: true, Positioning: "oneCell",
			OffsetX: int(math.Round(px(x0 - x))), OffsetY: int(math.Round(px(y0 - y))),
			ScaleX: px(img.Width) / float64(cfg.Width), ScaleY: px(img.Height) / float64(cfg.Height),
		}})
}

// anchorBox returns the box around the spans anchored name; lineBottom
// gives the bottom of their line of text rather than of their row's box.
func (w *writer) anchorBox(g *sheetGrid, name string, lineBottom bool) (box, bool) {
	var out box
	found := false
	for i := range g.cells {
		c := &g.cells[i]
		cb := g.cellBox(c)
		// The paragraphs stand one line each (anchors are short texts),
		// placed in the cell as its vertical alignment says.
		var content layout.Length
		for _, p := range c.paras {
			content += p.SpaceBefore + p.Leading() + p.SpaceAfter
		}
		top := cb.y0 + c.pad.Top
		switch c.valign {
		case layout.VAlignMiddle:
			top = cb.y0 + half(cb.y1-cb.y0-content)
		case layout.VAlignBottom:
			top = cb.y1 - c.pad.Bottom - content
		}
		for _, p := range c.paras {
			top += p.SpaceBefore
			lineWidth := w.m.spans(p.Spans, p.Font)
			var x layout.Length
			switch p.Align {
			case layout.AlignCenter:
				x = cb.x0 + half(cb.x1-cb.x0-lineWidth)
			case layout.AlignRight:
				x = cb.x1 - c.pad.Right - lineWidth
			default:
				x = cb.x0 + c.pad.Left
			}
			for _, s := range p.Spans {
				sw := w.m.width(s.Text, p.Font)
				if s.Anchor == name {
					b := box{x, top, x + sw, top + p.Leading()}
					if lineBottom && c.rows == 1 {
						b.y1 = cb.y1 - p.SpaceAfter
					}
					if !found {
						out, found = b, true
					} else {
						out = box{min(out.x0, b.x0), min(out.y0, b.y0), max(out.x1, b.x1), max(out.y1, b.y1)}
					}
				}
				x += sw
			}
			top += p.Leading() + p.SpaceAfter
		}
	}
	return out, found
}

// cellBox returns the box of a placed cell.
func (g *sheetGrid) cellBox(c *gcell) box {
	var b box
	for i := 0; i < c.col+c.cols; i++ {
		if i < c.col {
			b.x0 += g.cols[i]
		}
		b.x1 += g.cols[i]
	}
	for i := 0; i < c.row+c.rows; i++ {
		h := layout.Length(rowHeight(g.heights[i]))
		if i < c.row {
			b.y0 += h
		}
		b.y1 += h
	}
	return b
}
