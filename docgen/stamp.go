package docgen

import (
	"errors"
	"fmt"
	"sync"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// Seals resolves the seal ids forms name. *seal.Store implements it.
type Seals interface {
	// Seal returns the image of seal id at most widthPx pixels wide (the
	// seal's printed width at seal.PrintDPI), or an error wrapping
	// seal.ErrUnknown when there is no such seal.
	Seal(id string, widthPx int) (seal.Image, error)
}

// builtinSeals is the default resolver: the specimen seal only. A store
// caches its resampled images; this one is shared so the cache serves
// every render.
var builtinSeals = sync.OnceValue(seal.NewStore)

func (c *config) sealSource() Seals {
	if c.seals != nil {
		return c.seals
	}
	return builtinSeals()
}

// stamp returns the seal images of a form or order naming seal id (the
// field at src): WithSeal's image whatever the id, else the id's seal,
// else none. An unknown id is a forms.Errors of rule "seal" on src.
func (c *config) stamp(id string, src layout.Field) ([]layout.Image, error) {
	if c.seal != nil {
		return c.fixedImages()
	}
	var img *seal.Image
	if id != "" {
		s, err := c.sealSource().Seal(id, seal.PixelsFor(c.sealSize.MMs()))
		if errors.Is(err, seal.ErrUnknown) {
			return nil, forms.Errors{{Path: src.Path, Label: src.Label, Row: src.Row, Rule: "seal",
				Message: fmt.Sprintf("%s【%s】“%s”不存在：没有这个编号的印章，请核对印章编号", src.Row, src.Label, id)}}
		}
		if err != nil {
			return nil, fmt.Errorf("印章“%s”无法使用：%w", id, err)
		}
		img = &s
	}
	return c.sealImages(img), nil
}

// checkSeals reports the seal ids of f that Render could not stamp, as
// compose does, without laying the form out. A batch of 督办单, whose
// orders' seals are named by their places, is composed.
func (c *config) checkSeals(f forms.Form) error {
	if _, batch := f.(*forms.SupervisionBatch); batch {
		_, err := compose(f, c)
		return err
	}
	src := headerField(forms.Header{}, "seal") // a 督办单's "seal" is named alike
	for _, id := range f.SealIDs() {
		if _, err := c.stamp(id, src); err != nil {
			return err
		}
	}
	return nil
}

// fixedImages returns WithSeal's seal at print resolution, or nothing
// without one (a blank form is stamped only with it).
func (c *config) fixedImages() ([]layout.Image, error) {
	if c.seal == nil {
		return nil, nil
	}
	img, err := c.seal.image(seal.PixelsFor(c.sealSize.MMs()))
	if err != nil {
		return nil, err
	}
	return c.sealImages(img), nil
}

// sealImages returns img stamped over the spans anchored "seal", its
// centre a little above their middle so the name and date sit below the
// seal's centre (GB/T 9704 §7.3.5.1) — but never touching the title, so
// on 附件2–5, whose unit line sits under the title, it moves down over the
// table header as far as needed — or nothing without a seal.
func (c *config) sealImages(img *seal.Image) []layout.Image {
	if img == nil {
		return nil
	}
	w := c.sealSize
	h := w * layout.Length(img.Height) / layout.Length(img.Width)
	li := layout.Image{PNG: img.PNG, Width: w, Height: h, Anchor: anchorSeal, OffsetY: -h / 10,
		Multiply: true, Below: anchorTitle, Name: "印章"}
	if img.Memo != nil {
		li.Memo = img.Memo
	}
	return []layout.Image{li}
}
