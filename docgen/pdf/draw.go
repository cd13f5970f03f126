package pdf

import (
	"context"
	"fmt"
	"io"

	"github.com/signintech/gopdf"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Render lays the document out and writes it to w as PDF, its fonts
// subset and embedded, its text extractable (each font carries a ToUnicode
// map), its title and creator in the document information.
func Render(ctx context.Context, w io.Writer, doc *layout.Document, set *fonts.Set) (err error) {
	defer recoverPanic(&err)
	pages, err := Layout(ctx, doc, set)
	if err != nil {
		return err
	}
	return draw(ctx, w, doc, pages)
}

// containerKey keys the parsed gopdf font of a face in Face.Memo.
type containerKey struct{}

// pdfFont is a face parsed by gopdf once per process.
type pdfFont struct {
	family    string
	container *gopdf.FontContainer
}

// pdfFontOf returns the gopdf font of a face, parsing it on first use.
func pdfFontOf(face *fonts.Face) (*pdfFont, error) {
	v, err := face.Memo(containerKey{}, func() (any, error) {
		// The size tells apart faces of one PostScript name (a subset and
		// the full font) that one document may use together.
		family := fmt.Sprintf("%s-%d", face.PostScriptName(), len(face.Data()))
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(family, face.Data()); err != nil {
			return nil, fmt.Errorf("字体“%s”无法嵌入 PDF：%w", face.Name(), err)
		}
		return &pdfFont{family: family, container: fc}, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*pdfFont), nil
}

// drawer writes laid-out pages with gopdf.
type drawer struct {
	gp        *gopdf.GoPdf
	added     map[*fonts.Face]string
	images    map[*byte]gopdf.ImageHolder
	font      *fonts.Face
	size      float64
	cs        float64
	lineWidth float64
}

// draw writes the pages, checking ctx before each.
func draw(ctx context.Context, w io.Writer, doc *layout.Document, pages []*Page) error {
	gp := &gopdf.GoPdf{}
	first := gopdf.Rect{W: 595.28, H: 841.89}
	if len(pages) > 0 {
		first = gopdf.Rect{W: pages[0].Width, H: pages[0].Height}
	}
	gp.Start(gopdf.Config{PageSize: first, Unit: gopdf.UnitPT})
	creator := doc.Creator
	if creator == "" {
		creator = "zsdoc"
	}
	gp.SetInfo(gopdf.PdfInfo{Title: doc.Title, Subject: doc.Subject, Creator: creator,
		Producer: "zsdoc (signintech/gopdf)", CreationDate: doc.Created})
	d := &drawer{gp: gp, added: map[*fonts.Face]string{}, images: map[*byte]gopdf.ImageHolder{}, size: -1, cs: -1, lineWidth: -1}
	for _, pg := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: pg.Width, H: pg.Height}})
		if err := d.page(pg); err != nil {
			return err
		}
	}
	_, err := gp.WriteTo(w)
	return err
}

func (d *drawer) page(pg *Page) error {
	gp := d.gp
	d.font, d.size, d.cs, d.lineWidth = nil, -1, -1, -1 // state is per page in gopdf's content streams
	for _, l := range pg.Lines {
		if l.Width != d.lineWidth {
			gp.SetLineWidth(l.Width)
			d.lineWidth = l.Width
		}
		gp.Line(l.X1, l.Y1, l.X2, l.Y2)
	}
	for i := range pg.Texts {
		if err := d.text(&pg.Texts[i]); err != nil {
			return err
		}
	}
	for _, img := range pg.Images {
		if err := d.image(img); err != nil {
			return err
		}
	}
	return nil
}

func (d *drawer) text(t *Text) error {
	gp := d.gp
	if t.Face != d.font || t.Size != d.size {
		family, ok := d.added[t.Face]
		if !ok {
			pf, err := pdfFontOf(t.Face)
			if err != nil {
				return err
			}
			if err := gp.AddTTFFontFromFontContainer(pf.family, pf.container); err != nil {
				return fmt.Errorf("pdf: adding font %s: %w", pf.family, err)
			}
			family = pf.family
			d.added[t.Face] = family
		}
		if err := gp.SetFont(family, "", t.Size); err != nil {
			return err
		}
		d.font, d.size = t.Face, t.Size
	}
	if t.CharSpacing != d.cs {
		if err := gp.SetCharSpacing(t.CharSpacing); err != nil {
			return err
		}
		d.cs = t.CharSpacing
	}
	gp.SetXY(t.X, t.Baseline)
	return gp.Text(t.Text)
}

func (d *drawer) image(img Image) error {
	if len(img.PNG) == 0 {
		return nil
	}
	holder, ok := d.images[&img.PNG[0]]
	if !ok {
		var err error
		if holder, err = gopdf.ImageHolderByBytes(img.PNG); err != nil {
			return fmt.Errorf("印章图片无法使用：%w", err)
		}
		d.images[&img.PNG[0]] = holder
	}
	opts := gopdf.ImageOptions{X: img.Box.X, Y: img.Box.Y, Rect: &gopdf.Rect{W: img.Box.W, H: img.Box.H}}
	if img.Multiply {
		tr, err := gopdf.NewTransparency(1, string(gopdf.Multiply))
		if err != nil {
			return err
		}
		opts.Transparency = &tr
	}
	return d.gp.ImageByHolderWithOptions(holder, opts)
}
