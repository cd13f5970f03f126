package docx

import (
	"fmt"
	"strconv"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// nsWPS is the namespace of Word 2010's shapes (wps:wsp), which Word, WPS
// and LibreOffice read as native drawing objects.
const nsWPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"

// shapeBlock writes a drawing as an empty paragraph exactly as tall as the
// drawing (and the room above it), holding one floating shape per box,
// connector and arrow head, each placed from the paragraph's top and the
// text column's left as the PDF places it: boxes are text boxes (wps:wsp
// with wps:txbx) holding their lines, connectors are custom geometry paths.
// width is the type area's width, in which the drawing is centred.
func (b *builder) shapeBlock(x *xmlw, d *layout.Drawing, width layout.Length) error {
	h := d.SpaceBefore + d.Height
	if twips(h) > 31680 { // Word's largest exact line height, 1584 pt
		return fmt.Errorf("docx: a drawing %v pt tall does not fit on a page", h)
	}
	x.raw(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="`)
	x.int(int64(max(twips(h), 1)))
	x.raw(`" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>`)
	ox, oy := layout.Length(float64(width-d.Width)/2), d.SpaceBefore
	for i := range d.Boxes {
		bx := &d.Boxes[i]
		b.shapeBox(x, bx, ox+bx.X, oy+bx.Y)
	}
	for i := range d.Connectors {
		c := &d.Connectors[i]
		tip, left, right, shaft, head := c.Head()
		b.shapePath(x, c.Name, shaft, false, c.Stroke, false, ox, oy)
		if head {
			b.shapePath(x, c.Name, []layout.Point{tip, left, right}, true, layout.Stroke{}, true, ox, oy)
		}
	}
	x.raw(`</w:p>`)
	return x.err
}

// anchorOpen writes the start of a floating drawing at (dx, dy) from the
// column and the paragraph, cx by cy EMU, up to the graphic data of a
// Word shape.
func (b *builder) anchorOpen(x *xmlw, name string, dx, dy layout.Length, cx, cy int64) {
	b.objects++
	id := strconv.Itoa(b.objects)
	x.raw(`<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="`)
	x.int(int64(251658240 + b.objects))
	x.raw(`" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>`)
	x.int(emu(dx))
	x.raw(`</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>`)
	x.int(emu(dy))
	x.raw(`</wp:posOffset></wp:positionV><wp:extent cx="`)
	x.int(cx)
	x.raw(`" cy="`)
	x.int(cy)
	x.raw(`"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="` + id + `"`)
	x.attr("name", "形状"+id)
	x.attr("descr", name)
	x.raw(`/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="` + nsWPS + `"><wps:wsp xmlns:wps="` + nsWPS + `">`)
}

// anchorClose ends what anchorOpen began.
func anchorClose(x *xmlw) {
	x.raw(`</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`)
}

// xfrm writes the shape's transform: at its anchor, cx by cy EMU.
func xfrm(x *xmlw, cx, cy int64) {
	x.raw(`<a:xfrm><a:off x="0" y="0"/><a:ext cx="`)
	x.int(cx)
	x.raw(`" cy="`)
	x.int(cy)
	x.raw(`"/></a:xfrm>`)
}

// line writes a shape's outline (a:ln): none for a zero width.
func line(x *xmlw, s layout.Stroke) {
	if s.Width <= 0 {
		x.raw(`<a:ln><a:noFill/></a:ln>`)
		return
	}
	x.raw(`<a:ln w="`)
	x.int(emu(s.Width))
	x.raw(`"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>`)
	if s.Dash {
		x.raw(`<a:prstDash val="dash"/>`)
	}
	x.raw(`<a:miter lim="800000"/></a:ln>`)
}

// grey returns the RGB hex of a fill shade in per cent of black.
func grey(shade int) string {
	v := 255 - (min(max(shade, 0), 100)*255+50)/100
	return fmt.Sprintf("%02X%02X%02X", v, v, v)
}

// shapeBox writes a box as a text box at (dx, dy): its frame, its fill and
// its lines, with the box's padding as the text box's insets.
func (b *builder) shapeBox(x *xmlw, bx *layout.Box, dx, dy layout.Length) {
	cx, cy := max(bx.W.EMU(), 1), max(bx.H.EMU(), 1)
	b.anchorOpen(x, bx.Name, dx, dy, cx, cy)
	x.raw(`<wps:cNvSpPr txBox="1"/><wps:spPr>`)
	xfrm(x, cx, cy)
	x.raw(`<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>`)
	if bx.Shade > 0 {
		x.raw(`<a:solidFill><a:srgbClr val="` + grey(bx.Shade) + `"/></a:solidFill>`)
	} else {
		x.raw(`<a:noFill/>`)
	}
	line(x, bx.Stroke)
	x.raw(`</wps:spPr>`)
	_, _, iw, _ := bx.Inner()
	if len(bx.Paragraphs) > 0 {
		x.raw(`<wps:txbx><w:txbxContent>`)
		for i := range bx.Paragraphs {
			b.paragraph(x, &bx.Paragraphs[i], iw, drawings{}, "")
		}
		x.raw(`</w:txbxContent></wps:txbx>`)
	}
	anchor := "ctr"
	if bx.VAlign == layout.VAlignTop {
		anchor = "t"
	}
	x.raw(`<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="`)
	x.int(emu(bx.Padding.Left))
	x.raw(`" tIns="`)
	x.int(emu(bx.Padding.Top))
	x.raw(`" rIns="`)
	x.int(emu(bx.Padding.Right))
	x.raw(`" bIns="`)
	x.int(emu(bx.Padding.Bottom))
	x.raw(`" anchor="` + anchor + `" anchorCtr="0"><a:noAutofit/></wps:bodyPr>`)
	anchorClose(x)
}

// shapePath writes a polyline (closed and filled black: an arrow head) as a
// shape of custom geometry over the points' bounding box, moved by (ox, oy).
func (b *builder) shapePath(x *xmlw, name string, pts []layout.Point, closed bool, s layout.Stroke, filled bool, ox, oy layout.Length) {
	if len(pts) < 2 {
		return
	}
	x0, y0, x1, y1 := pts[0].X, pts[0].Y, pts[0].X, pts[0].Y
	for _, p := range pts[1:] {
		x0, y0, x1, y1 = min(x0, p.X), min(y0, p.Y), max(x1, p.X), max(y1, p.Y)
	}
	cx, cy := max((x1-x0).EMU(), 1), max((y1-y0).EMU(), 1)
	b.anchorOpen(x, name, ox+x0, oy+y0, cx, cy)
	x.raw(`<wps:cNvSpPr/><wps:spPr>`)
	xfrm(x, cx, cy)
	x.raw(`<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="`)
	x.int(cx)
	x.raw(`" h="`)
	x.int(cy)
	if !filled {
		x.raw(`" fill="none`)
	}
	x.raw(`">`)
	for i, p := range pts {
		if i == 0 {
			x.raw(`<a:moveTo>`)
		} else {
			x.raw(`<a:lnTo>`)
		}
		x.raw(`<a:pt x="`)
		x.int(emu(p.X - x0))
		x.raw(`" y="`)
		x.int(emu(p.Y - y0))
		x.raw(`"/>`)
		if i == 0 {
			x.raw(`</a:moveTo>`)
		} else {
			x.raw(`</a:lnTo>`)
		}
	}
	if closed {
		x.raw(`<a:close/>`)
	}
	x.raw(`</a:path></a:pathLst></a:custGeom>`)
	if filled {
		x.raw(`<a:solidFill><a:srgbClr val="000000"/></a:solidFill>`)
	} else {
		x.raw(`<a:noFill/>`)
	}
	line(x, s)
	x.raw(`</wps:spPr><wps:bodyPr/>`)
	anchorClose(x)
}
