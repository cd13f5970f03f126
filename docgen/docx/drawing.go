package docx

import (
	"strconv"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// drawingsAt writes the drawings placed before span i.
func (b *builder) drawingsAt(x *xmlw, at []drawing, i int) {
	for k := range at {
		if at[k].span == i {
			b.drawing(x, &at[k])
		}
	}
}

// drawing writes a run holding an anchored picture that takes no room
// (wrapNone) at the placed offsets: horizontally from the text column,
// vertically from the paragraph. An image that multiplies with what is
// under it (ink) goes behind the text — for black text on white paper that
// is what multiplying gives, and the text stays readable; any other image
// goes in front.
func (b *builder) drawing(x *xmlw, d *drawing) {
	img := d.img
	rID := b.imageRel(img.PNG)
	b.objects++
	id := strconv.Itoa(b.objects)
	name := img.Name
	if name == "" {
		name = "图片" + id
	}
	cx, cy := strconv.FormatInt(img.Width.EMU(), 10), strconv.FormatInt(img.Height.EMU(), 10)
	behind := "0"
	if img.Multiply {
		behind = "1"
	}
	x.raw(`<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="`)
	x.int(int64(251658240 + b.objects))
	x.raw(`" behindDoc="` + behind + `" locked="0" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>`)
	x.int(emu(d.x))
	x.raw(`</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>`)
	x.int(emu(d.y))
	x.raw(`</wp:posOffset></wp:positionV><wp:extent cx="` + cx + `" cy="` + cy + `"/>` +
		`<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="` + id + `"`)
	x.attr("name", name)
	x.attr("descr", img.Name)
	x.raw(`/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic><a:graphicData uri="` + nsPic + `"><pic:pic><pic:nvPicPr><pic:cNvPr id="` + id + `"`)
	x.attr("name", name)
	x.raw(`/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="` + rID + `"/>` +
		`<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>` +
		`<a:ext cx="` + cx + `" cy="` + cy + `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` +
		`</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`)
}

// emu converts a signed length to EMUs, rounding to the nearest.
func emu(l layout.Length) int64 {
	if l < 0 {
		return -(-l).EMU()
	}
	return l.EMU()
}
