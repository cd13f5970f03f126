package docx

import (
	"context"
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// document is word/document.xml: the sections' blocks, each section closed
// by its w:sectPr (in the pPr of its last paragraph, the last section's as
// the body's last child).
func (b *builder) document(ctx context.Context) ([]byte, error) {
	if err := b.checkFonts(); err != nil {
		return nil, err
	}
	sections := b.doc.Sections
	if len(sections) == 0 {
		sections = []layout.Section{{Page: layout.Page{Size: layout.A4()}}}
	}
	numbered := false
	for i := range sections {
		numbered = numbered || sections[i].PageNumbers != nil
	}
	x := &xmlw{}
	x.buf.Grow(64 << 10)
	x.header()
	x.raw(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP +
		`" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"><w:body>`)
	for i := range sections {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		sec := &sections[i]
		last := i == len(sections)-1
		draws, err := b.placeImages(sec)
		if err != nil {
			return nil, err
		}
		sectPr := b.sectPr(sec, numbered)
		blocks := sec.Blocks
		endsWithParagraph := false
		if n := len(blocks); n > 0 {
			_, endsWithParagraph = blocks[n-1].(*layout.Paragraph)
		}
		// above is the height of the paragraphs before the section's first
		// table, while that is known to be on the section's first page;
		// -1 after a table, or once they fill a page (where a later table
		// starts on its page is not predicted).
		var above layout.Length
		for j, blk := range blocks {
			closing := ""
			if !last && j == len(blocks)-1 {
				closing = sectPr
			}
			switch blk := blk.(type) {
			case *layout.Paragraph:
				if blk == nil {
					return nil, fmt.Errorf("docx: section %d: block %d is a nil paragraph", i+1, j+1)
				}
				b.paragraph(x, blk, sec.Page.ContentWidth(), draws, closing)
				if above >= 0 {
					if above += height(b.measure, blk, sec.Page.ContentWidth()); above >= sec.Page.ContentHeight() {
						above = -1
					}
				}
			case *layout.Table:
				if blk == nil {
					return nil, fmt.Errorf("docx: section %d: block %d is a nil table", i+1, j+1)
				}
				if err := b.table(ctx, x, blk, draws, sec.Page.ContentHeight(), above); err != nil {
					return nil, err
				}
				above = -1
			case *layout.Drawing: // shape.go; a section ending with one closes after it, as after a table
				if blk == nil {
					return nil, fmt.Errorf("docx: section %d: block %d is a nil drawing", i+1, j+1)
				}
				if err := b.shapeBlock(x, blk, sec.Page.ContentWidth()); err != nil {
					return nil, err
				}
			default:
				return nil, fmt.Errorf("docx: section %d: unknown block %T", i+1, blk)
			}
			if x.err != nil {
				return nil, x.err
			}
		}
		if !endsWithParagraph {
			// A section cannot end with a table: its sectPr needs a
			// paragraph, and Word adds one after a final table anyway.
			// Make it 1 pt high so it does not spill onto a new page.
			closing := ""
			if !last {
				closing = sectPr
			}
			x.raw(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>` +
				`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>` + closing + `</w:pPr>`)
			b.drawingsAt(x, draws.closing, -1)
			x.raw(`</w:p>`)
		}
		if last {
			x.raw(sectPr)
		}
	}
	x.raw(`</w:body></w:document>`)
	if b.err != nil {
		return nil, b.err
	}
	return x.buf.Bytes(), x.err
}

// checkFonts makes sure every font name can be written.
func (b *builder) checkFonts() error {
	for role := range layout.RoleNumber + 1 {
		var x xmlw
		x.escape(b.opts.fontName(role), "字体名称")
		if x.err != nil {
			return x.err
		}
	}
	return nil
}

// sectPr returns a section's w:sectPr: footers, paper, margins, page
// numbers restarting at 1. When any section has page numbers every section
// names its footers, an empty one where it has none, so that no section
// inherits the numbers of the one before.
func (b *builder) sectPr(sec *layout.Section, numbered bool) string {
	page := sec.Page
	var x xmlw
	x.raw("<w:sectPr>")
	footer := page.Margins.Bottom / 2
	if numbered {
		odd, even := emptyFooter(), emptyFooter()
		if pn := sec.PageNumbers; pn != nil {
			odd, even = b.footer(pn, true), b.footer(pn, false)
			footer = footerDistance(page, pn)
		}
		x.raw(`<w:footerReference w:type="even" r:id="` + b.footerRel(even) + `"/>`)
		x.raw(`<w:footerReference w:type="default" r:id="` + b.footerRel(odd) + `"/>`)
	}
	if sec.OddPage {
		x.raw(`<w:type w:val="oddPage"/>`)
	}
	x.raw(`<w:pgSz w:w="`)
	x.int(int64(twips(page.Width())))
	x.raw(`" w:h="`)
	x.int(int64(twips(page.Height())))
	x.raw(`"`)
	if page.Landscape {
		x.raw(` w:orient="landscape"`)
	}
	x.raw(`/><w:pgMar`)
	for _, m := range [...]struct {
		name string
		l    layout.Length
	}{{"w:top", page.Margins.Top}, {"w:right", page.Margins.Right}, {"w:bottom", page.Margins.Bottom},
		{"w:left", page.Margins.Left}, {"w:header", page.Margins.Top / 2}, {"w:footer", footer}, {"w:gutter", 0}} {
		x.raw(" " + m.name + `="`)
		x.int(int64(twips(m.l)))
		x.raw(`"`)
	}
	x.raw(`/>`)
	if sec.PageNumbers != nil {
		x.raw(`<w:pgNumType w:start="1"/>`)
	}
	x.raw(`</w:sectPr>`)
	return x.buf.String()
}

// numberDescent is the depth of a page number's glyphs below the baseline,
// in ems (宋体 0.14).
const numberDescent = 0.14

// footerDistance is the w:footer distance of pgMar: from the page's bottom
// edge to the bottom of the page number, so that its baseline lies
// pn.Distance below the type area.
func footerDistance(page layout.Page, pn *layout.PageNumbers) layout.Length {
	return max(page.Margins.Bottom-pn.Distance-layout.Length(pn.Font.Size*numberDescent), 0)
}

// footer returns a footer part holding the page number: odd pages flush
// right, even pages flush left, Indent in from that side.
func (b *builder) footer(pn *layout.PageNumbers, odd bool) []byte {
	var x xmlw
	x.header()
	x.raw(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr>`)
	// The line is no taller than the room below the type area, so the
	// footer never pushes the body up.
	line := min(pn.Font.Size*1.3, pn.Distance+layout.Length(pn.Font.Size*numberDescent))
	line = max(line, pn.Font.Size)
	x.raw(`<w:spacing w:before="0" w:after="0" w:line="`)
	x.int(int64(twips(line)))
	x.raw(`" w:lineRule="exact"/>`)
	if odd {
		x.elemInt("w:ind", "w:right", twips(pn.Indent))
		x.raw(`<w:jc w:val="right"/>`)
	} else {
		x.elemInt("w:ind", "w:left", twips(pn.Indent))
		x.raw(`<w:jc w:val="left"/>`)
	}
	rPr := b.rPr(pn.Font)
	x.raw(rPr + `</w:pPr>`)
	before, after, field := strings.Cut(pn.Format, "%d")
	b.textRun(&x, rPr, before, "页码格式")
	if field {
		for _, inner := range [...]string{`<w:fldChar w:fldCharType="begin"/>`,
			`<w:instrText xml:space="preserve"> PAGE </w:instrText>`, `<w:fldChar w:fldCharType="separate"/>`,
			`<w:t>1</w:t>`, `<w:fldChar w:fldCharType="end"/>`} {
			x.raw(`<w:r>` + rPr + inner + `</w:r>`)
		}
		b.textRun(&x, rPr, after, "页码格式")
	}
	x.raw(`</w:p></w:ftr>`)
	if x.err != nil && b.err == nil {
		b.err = x.err
	}
	return x.buf.Bytes()
}

// emptyFooter is the footer of a section without page numbers.
func emptyFooter() []byte {
	var x xmlw
	x.header()
	x.raw(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p/></w:ftr>`)
	return x.buf.Bytes()
}
