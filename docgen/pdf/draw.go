package pdf

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf/internal/pdfw"
	"github.com/zsdoc/zsdoc/fonts"
)

// The writer takes a *fonts.Face as it is.
var _ pdfw.Font = (*fonts.Face)(nil)

// Render lays the document out and writes it to w as PDF 1.7: its fonts
// subset and embedded (CIDFontType2, with ToUnicode maps so that the text
// copies and extracts exactly), its title, creator and creation date in the
// document information, printing at actual size. Each section is laid out
// and written as it comes, so memory does not grow with the number of
// sections; a problem found while laying out the first (text no font can
// draw, a right-to-left script) returns before anything is written.
func Render(ctx context.Context, w io.Writer, doc *layout.Document, set *fonts.Set) error {
	return RenderSections(ctx, w, doc, slices.Values(sectionPointers(doc)), set)
}

// compressLevel is the flate level of the streams. Compressing the font
// subsets is most of a render's time; measured on the 附件4 example, level 1
// writes a file of 122.8 KB (level 6: 110.7 KB; gopdf wrote 142.6 KB) in about
// half the time of level 6.
const compressLevel = 1

// Options are the PDF-only settings of a rendering.
type Options struct {
	// Duplex asks printers for two-sided printing (/Duplex
	// /DuplexFlipLongEdge).
	Duplex bool
	// SectionPages, when set, is told the pages of each section as it is
	// written: its index (from 0) and its first and last page in the
	// document (from 1; a blank page put before an OddPage section is not
	// the section's).
	SectionPages func(section, first, last int)
}

// RenderSections writes the sections the sequence yields, in order, as one
// PDF: each is laid out, written and dropped before the next is asked for
// (a batch of 督办单 read from a file as it is printed). doc gives the
// document's metadata; its Sections are not used. Fonts are embedded once,
// for all sections, at the end.
func RenderSections(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], set *fonts.Set) error {
	return renderSections(ctx, w, doc, sections, set, Options{})
}

// RenderSectionsWith is RenderSections with PDF options.
func RenderSectionsWith(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], set *fonts.Set, opts Options) error {
	return renderSections(ctx, w, doc, sections, set, opts)
}

func renderSections(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], set *fonts.Set, opts Options) (err error) {
	defer recoverPanic(&err)
	creator := doc.Creator
	if creator == "" {
		creator = "zsdoc"
	}
	po := pdfw.Options{Title: doc.Title, Subject: doc.Subject, Creator: creator, Producer: "zsdoc",
		Created: doc.Created, PrintScalingNone: true, CompressLevel: compressLevel}
	if opts.Duplex {
		po.Duplex = "DuplexFlipLongEdge"
	}
	d := &drawer{fonts: map[*fonts.Face]*pdfw.FontRef{}, images: map[*byte]*pdfw.ImageRef{}}
	sh := &shaper{set: set}
	written, index := 0, 0 // pages written, sections seen
	for sec := range sections {
		laid, err := layoutSection(ctx, sh, sec)
		if err != nil {
			return err
		}
		if sh.err != nil {
			return sh.err
		}
		if len(sh.missing) > 0 {
			// Stop writing, but lay the rest out too, so that the error
			// lists every character of every section, as Check does.
			index++
			continue
		}
		if d.pw == nil {
			// The first section laid out without a problem: only now is
			// anything written, so a form that cannot be printed writes nothing.
			if d.pw, err = pdfw.New(w, po); err != nil {
				return err
			}
		}
		if sec.OddPage && written%2 == 1 && len(laid) > 0 {
			if err := d.blank(laid[0]); err != nil {
				return err
			}
			written++
		}
		first := written + 1
		for _, pg := range laid {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := d.page(pg); err != nil {
				return err
			}
			written++
		}
		if opts.SectionPages != nil {
			opts.SectionPages(index, first, written)
		}
		index++
	}
	if len(sh.missing) > 0 {
		return sh.missing
	}
	if d.pw == nil {
		return fmt.Errorf("pdf: the document has no pages")
	}
	return d.pw.Close()
}

func sectionPointers(doc *layout.Document) []*layout.Section {
	out := make([]*layout.Section, len(doc.Sections))
	for i := range doc.Sections {
		out[i] = &doc.Sections[i]
	}
	return out
}

// drawer writes laid-out pages with the PDF writer.
type drawer struct {
	pw     *pdfw.Writer
	fonts  map[*fonts.Face]*pdfw.FontRef
	images map[*byte]*pdfw.ImageRef // by the first byte of the PNG: one image however many pages stamp it
	glyphs []pdfw.Glyph
}

// encodeImage compresses an image for the PDF, once per image that has a
// Memo (a seal of a store) however many documents draw it.
func encodeImage(img *Image) (*pdfw.EncodedImage, error) {
	if img.Memo == nil {
		return pdfw.EncodePNG(img.PNG, compressLevel)
	}
	v, err := img.Memo.Get("pdf", func() (any, error) { return pdfw.EncodePNG(img.PNG, compressLevel) })
	if err != nil {
		return nil, err
	}
	return v.(*pdfw.EncodedImage), nil
}

// blank writes an empty page the size of pg.
func (d *drawer) blank(pg *Page) error {
	p, err := d.pw.BeginPage(pg.Width, pg.Height)
	if err != nil {
		return err
	}
	return d.pw.EndPage(p)
}

func (d *drawer) page(pg *Page) error {
	p, err := d.pw.BeginPage(pg.Width, pg.Height)
	if err != nil {
		return err
	}
	for i := range pg.Paths {
		if err := d.path(p, &pg.Paths[i]); err != nil {
			return err
		}
	}
	for _, l := range pg.Lines {
		if err := p.Line(l.X1, l.Y1, l.X2, l.Y2, l.Width); err != nil {
			return err
		}
	}
	for i := range pg.Texts {
		if err := d.text(p, &pg.Texts[i]); err != nil {
			return err
		}
	}
	for _, img := range pg.Images {
		if len(img.PNG) == 0 {
			continue
		}
		ref, ok := d.images[&img.PNG[0]]
		if !ok {
			enc, err := encodeImage(&img)
			if err == nil {
				ref, err = d.pw.AddImage(enc)
			}
			if err != nil {
				return fmt.Errorf("印章图片无法使用：%w", err)
			}
			d.images[&img.PNG[0]] = ref
		}
		if err := p.Image(ref, img.Box.X, img.Box.Y, img.Box.W, img.Box.H, img.Multiply); err != nil {
			return err
		}
	}
	return d.pw.EndPage(p)
}

func (d *drawer) text(p *pdfw.Page, t *Text) error {
	ref, ok := d.fonts[t.Face]
	if !ok {
		var err error
		if ref, err = d.pw.AddFont(t.Face); err != nil {
			return fmt.Errorf("字体“%s”无法嵌入 PDF：%w", t.Face.Name(), err)
		}
		d.fonts[t.Face] = ref
	}
	d.glyphs = d.glyphs[:0]
	i := 0
	for _, r := range t.Text {
		var g uint16
		if i < len(t.GIDs) {
			g = t.GIDs[i]
		} else {
			g = t.Face.GlyphIndex(r)
		}
		i++
		d.glyphs = append(d.glyphs, pdfw.Glyph{Orig: g, Rune: r, Advance: t.Face.GlyphAdvance(g)})
	}
	return p.Text(ref, t.Size, t.X, t.Baseline, t.CharSpacing, d.glyphs)
}
