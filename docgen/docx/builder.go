package docx

import (
	"context"
	"strconv"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Relationship types and content types of the parts the writer makes.
const (
	relStyles    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relSettings  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
	relFontTable = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
	relFooter    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relImage     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

	ctFooter = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
)

// rel is one relationship of word/document.xml.
type rel struct{ id, typ, target string }

// builder turns one layout.Document into the parts of a .docx package.
type builder struct {
	doc  *layout.Document
	opts *Options

	rels    []rel  // after the fixed styles, settings and fontTable
	footers []part // word/footerN.xml, in order of first use
	media   []part // word/media/imageN.png, in order of first use
	// footerIDs and mediaIDs find the relationship of a footer or image
	// already made (looked up, never iterated).
	footerIDs map[string]string
	mediaIDs  map[string]string

	runProps map[layout.Font]string // <w:rPr> of each font, cached
	used     [4]bool                // roles whose font names appear
	objects  int                    // drawing ids (wp:docPr)
	err      error                  // the first error of a part made on the way
	measure  *layout.Measurer       // predicts lines (Options.Fonts)
	// keepNext keeps the paragraphs written with the next ones on a page
	// (the rows of a table that a merged cell joins).
	keepNext bool
}

func newBuilder(doc *layout.Document, opts *Options) *builder {
	return &builder{
		doc: doc, opts: opts,
		rels: []rel{
			{"rId1", relStyles, "styles.xml"},
			{"rId2", relSettings, "settings.xml"},
			{"rId3", relFontTable, "fontTable.xml"},
		},
		footerIDs: map[string]string{},
		mediaIDs:  map[string]string{},
		runProps:  map[layout.Font]string{},
	}
}

// addRel adds a relationship and returns its id.
func (b *builder) addRel(typ, target string) string {
	id := "rId" + strconv.Itoa(len(b.rels)+1)
	b.rels = append(b.rels, rel{id, typ, target})
	return id
}

// footerRel returns the relationship of a footer with this content,
// making the part on first use.
func (b *builder) footerRel(xml []byte) string {
	if id, ok := b.footerIDs[string(xml)]; ok {
		return id
	}
	name := "footer" + strconv.Itoa(len(b.footers)+1) + ".xml"
	id := b.addRel(relFooter, name)
	b.footers = append(b.footers, part{"word/" + name, xml})
	b.footerIDs[string(xml)] = id
	return id
}

// imageRel returns the relationship of a PNG, storing it once however
// often it is placed.
func (b *builder) imageRel(png []byte) string {
	if id, ok := b.mediaIDs[string(png)]; ok {
		return id
	}
	name := "media/image" + strconv.Itoa(len(b.media)+1) + ".png"
	id := b.addRel(relImage, name)
	b.media = append(b.media, part{"word/" + name, png})
	b.mediaIDs[string(png)] = id
	return id
}

// build makes every part, in the order they are stored.
func (b *builder) build(ctx context.Context) ([]part, error) {
	document, err := b.document(ctx)
	if err != nil {
		return nil, err
	}
	styles, err := b.styles()
	if err != nil {
		return nil, err
	}
	core, err := b.core()
	if err != nil {
		return nil, err
	}
	fonts, err := b.fontTable()
	if err != nil {
		return nil, err
	}
	parts := []part{
		{"[Content_Types].xml", b.contentTypes()},
		{"_rels/.rels", packageRels()},
		{"docProps/core.xml", core},
		{"word/document.xml", document},
		{"word/styles.xml", styles},
		{"word/settings.xml", b.settings()},
		{"word/fontTable.xml", fonts},
	}
	parts = append(parts, b.footers...)
	parts = append(parts, b.media...)
	return append(parts, part{"word/_rels/document.xml.rels", b.documentRels()}), nil
}

// rPr returns the run properties of a font: the role's font name in every
// script slot, the size in half-points, Chinese as the East Asian language.
func (b *builder) rPr(f layout.Font) string {
	if s, ok := b.runProps[f]; ok {
		return s
	}
	if f.Role >= 0 && int(f.Role) < len(b.used) {
		b.used[f.Role] = true
	}
	var x xmlw
	x.raw("<w:rPr>")
	b.fonts(&x, b.opts.fontName(f.Role))
	hp := halfPoints(f.Size)
	x.elemInt("w:sz", "w:val", hp)
	x.elemInt("w:szCs", "w:val", hp)
	x.raw(`<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>`)
	s := x.buf.String()
	if x.err == nil {
		b.runProps[f] = s
	}
	return s
}

// fonts writes <w:rFonts> naming one font for every script.
func (b *builder) fonts(x *xmlw, name string) {
	x.raw("<w:rFonts")
	x.attr("w:ascii", name)
	x.attr("w:eastAsia", name)
	x.attr("w:hAnsi", name)
	x.attr("w:cs", name)
	x.raw("/>")
}

// halfPoints converts a font size to Word's half-points (五号 10.5 → 21).
func halfPoints(size layout.Length) int { return max(int(float64(size)*2+0.5), 2) }

// twips converts a length to twentieths of a point, never negative.
func twips(l layout.Length) int { return max(l.Twips(), 0) }
