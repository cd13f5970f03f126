package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// CheckGlyphs reports the characters of doc that the PDF cannot print — no
// font of set has them, or they belong to a right-to-left script — as
// GlyphErrors naming their fields, as Render would; it lays nothing out,
// so it costs a font lookup per character. Render also refuses a section
// of more than MaxPages pages, which only a layout finds (Measure).
func CheckGlyphs(doc *layout.Document, set *fonts.Set) (err error) {
	defer recoverPanic(&err)
	sh := &shaper{set: set}
	check := func(spans []layout.Span, role layout.Role) {
		for _, sp := range spans {
			for _, r := range sp.Text {
				if r == '\t' {
					r = ' ' // as shape
				}
				if _, err := set.Pick(role, r); sh.unprintable(r, sp.Source, err) && sh.err != nil {
					return
				}
			}
		}
	}
	para := func(p *layout.Paragraph) {
		check(p.Spans, p.Font.Role)
		check(p.Right, p.Font.Role)
	}
	for i := range doc.Sections {
		for _, blk := range doc.Sections[i].Blocks {
			switch b := blk.(type) {
			case *layout.Paragraph:
				para(b)
			case *layout.Drawing:
				for k := range b.Boxes {
					for j := range b.Boxes[k].Paragraphs {
						para(&b.Boxes[k].Paragraphs[j])
					}
				}
			case *layout.Table:
				for r := range b.Rows {
					for c := range b.Rows[r].Cells {
						for k := range b.Rows[r].Cells[c].Paragraphs {
							para(&b.Rows[r].Cells[c].Paragraphs[k])
						}
					}
				}
			}
			if sh.err != nil {
				return sh.err
			}
		}
	}
	if len(sh.missing) > 0 {
		return sh.missing
	}
	return nil
}
