package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Check reports every character of the document that no font of set can
// draw (GlyphErrors, one per field and character, in document order), or an
// error loading a fallback font. It reads the text only: it is what Render
// would refuse, found without laying anything out, so that validation can
// ask for it.
func Check(doc *layout.Document, set *fonts.Set) error {
	sh := &shaper{set: set}
	var g glyphs
	para := func(p *layout.Paragraph) {
		g = glyphs{runes: g.runes[:0], adv: g.adv[:0], face: g.face[:0], span: g.span[:0]}
		sh.shape(p.Spans, 0, p.Font, &g)
		sh.shape(p.Right, len(p.Spans), p.Font, &g)
	}
	for i := range doc.Sections {
		sec := &doc.Sections[i]
		for _, b := range sec.Blocks {
			switch b := b.(type) {
			case *layout.Paragraph:
				para(b)
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
