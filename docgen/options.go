package docgen

import (
	"strings"
	"sync"
	"time"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// config is what the options set.
type config struct {
	paper    Paper      // "": the form's default
	seal     *fixedSeal // WithSeal: this seal on every form
	seals    Seals
	sealSize layout.Length
	fonts    *fonts.Set
	docx     docx.Options
	pdf      pdf.Options
	created  *time.Time
	// wf holds WithAnnotate and WithStage: the workflow diagram (附件1).
	wf wfConfig
	// fixedWidths keeps the template column widths (WithFixedWidths).
	fixedWidths bool
	// extra are sections written after the form's (WithSummary).
	extra []layout.Section
}

// Option configures rendering.
type Option func(*config) error

// Paper is a paper size a form can be printed on.
type Paper string

// The papers.
const (
	A4 Paper = "A4"
	A3 Paper = "A3"
)

// ParsePaper accepts "a4" or "a3" (any case).
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToUpper(strings.TrimSpace(s))); p {
	case A4, A3:
		return p, nil
	}
	return "", optionErr("不支持的纸张“%s”，应为 A4 或 A3", s)
}

// size returns the page size of the paper.
func (p Paper) size() layout.PageSize {
	if p == A3 {
		return layout.A3()
	}
	return layout.A4()
}

// WithPaper sets the paper of 附件4: A3 (the default) or A4. The other
// forms are printed on A4 as the official layouts require; asking for A3
// gives them A3 landscape (附件2, 3, 5) and is an error for 附件6.
func WithPaper(p Paper) Option {
	return func(c *config) error {
		if p != A3 && p != A4 {
			return optionErr("不支持的纸张“%s”，应为 A4 或 A3", p)
		}
		c.paper = p
		return nil
	}
}

// WithSeal stamps the seal image (a PNG, ideally round with a transparent
// background) on every form and every order, over the unit name (附件2–5)
// or the issuer and issue date (附件6), whatever seal ids the input names
// (see WithSeals). The file is checked by seal.Decode (size and shape
// bounded before decoding, every PNG colour type accepted) and embedded at
// print resolution (seal.PrintDPI at its printed size, see WithSealSize);
// one it refuses gives an *OptionError with the seal package's Chinese
// message.
//
// The option keeps what it decoded and resampled: one WithSeal value given
// to many renders (the orders of a batch checked one by one) decodes the
// file once.
func WithSeal(pngData []byte) Option {
	fixed := sync.OnceValues(func() (*fixedSeal, error) {
		img, err := seal.Decode(pngData)
		if err != nil {
			return nil, &OptionError{err.Error()}
		}
		return newFixedSeal(img)
	})
	return func(c *config) error {
		f, err := fixed()
		if err != nil {
			return err
		}
		c.seal = f
		return nil
	}
}

// WithSealImage is WithSeal for a seal already checked by seal.Decode.
func WithSealImage(img seal.Image) Option {
	f, err := newFixedSeal(img)
	return func(c *config) error {
		if err != nil {
			return err
		}
		c.seal = f
		return nil
	}
}

// fixedSeal is the image of WithSeal, resampled to print resolution once
// per printed size (a store of one seal).
type fixedSeal struct{ store *seal.Store }

// fixedID is the id of the one seal of a fixedSeal.
const fixedID = "seal"

func newFixedSeal(img seal.Image) (*fixedSeal, error) {
	s := &seal.Store{}
	if len(img.PNG) == 0 || img.Width <= 0 || img.Height <= 0 {
		return nil, optionErr("印章图片为空")
	}
	if err := s.Put(fixedID, img); err != nil {
		return nil, &OptionError{err.Error()}
	}
	return &fixedSeal{store: s}, nil
}

// image returns the seal at most widthPx pixels wide.
func (f *fixedSeal) image(widthPx int) (*seal.Image, error) {
	img, err := f.store.Seal(fixedID, widthPx)
	if err != nil {
		return nil, &OptionError{err.Error()}
	}
	return &img, nil
}

// WithSeals resolves the seal ids that forms name (the "seal" key of
// 附件2–5 and of each 督办单) through s: the seal is stamped, an id s does
// not know is an error of that field (rule "seal"), never an unstamped
// document. By default ids resolve through a seal.Store holding only the
// built-in specimen seal (seal.SpecimenID); a *seal.Store from
// seal.LoadDir adds a folder of seals. WithSeal overrides every id.
func WithSeals(s Seals) Option {
	return func(c *config) error {
		if s == nil {
			return optionErr("印章库为空")
		}
		c.seals = s
		return nil
	}
}

// WithSealSize sets the seal's diameter in millimetres (default 42).
func WithSealSize(mm float64) Option {
	return func(c *config) error {
		if mm < 10 || mm > 80 {
			return optionErr("印章直径 %.0f 毫米不合理，应在 10 到 80 毫米之间", mm)
		}
		c.sealSize = layout.MM(mm)
		return nil
	}
}

// WithCreationDate sets the creation date written in the document's
// metadata. By default it is the form's date (填报日期, or the 督办单's
// 日期) at midnight China time, and none for a blank form, so that the same
// input gives byte-identical output; the CLI passes SOURCE_DATE_EPOCH here.
func WithCreationDate(t time.Time) Option {
	return func(c *config) error {
		c.created = &t
		return nil
	}
}

// WithDuplex asks printers to print the PDF on both sides of the paper
// (/Duplex /DuplexFlipLongEdge in its viewer preferences), for batches of
// 督办单; in a batch, a blank page is put before an order that would start
// on the back of a sheet, so every order starts on a front side (a DOCX
// batch breaks to the next odd page).
func WithDuplex() Option {
	return func(c *config) error {
		c.pdf.Duplex = true
		return nil
	}
}

// WithPageRanges calls fn with the pages of each order of a batch (or of
// the one form) as the PDF is written: the order's index (from 0) and its
// first and last page in the file (from 1), for a manifest of a printed
// batch. A DOCX has no fixed pages: fn is not called.
func WithPageRanges(fn func(order, first, last int)) Option {
	return func(c *config) error {
		c.pdf.SectionPages = fn
		return nil
	}
}

// WithFonts sets the fonts of the PDF (default: the embedded fonts, see
// fonts.Default; fonts.FromEnv applies the ZSDOC_FONT_* variables, and
// fonts.Configure font files by role).
func WithFonts(s *fonts.Set) Option {
	return func(c *config) error {
		c.fonts = s
		c.docx.Fonts = s // the DOCX predicts Word's lines with the same fonts
		return nil
	}
}

// WithFontNames sets the font names a DOCX asks Word for, by role, as
// fonts.Configure takes font files (default 方正小标宋简体 for fonts.Title,
// 黑体 for fonts.Label, 仿宋_GB2312 for fonts.Body and 宋体 for the page
// numbers, fonts.Number). An empty name keeps the default.
func WithFontNames(names map[fonts.Role]string) Option {
	return func(c *config) error {
		for role, name := range names {
			if name == "" {
				continue
			}
			if c.docx.FontNames == nil {
				c.docx.FontNames = map[layout.Role]string{}
			}
			c.docx.FontNames[role] = name
		}
		return nil
	}
}

func newConfig(opts []Option) (*config, error) {
	c := &config{sealSize: layout.MM(sealDefault)}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// chinaTime is UTC+8, where the forms are dated.
var chinaTime = time.FixedZone("CST", 8*3600)

// creationDate is the option's date, else the form's date (see WithCreationDate).
func (c *config) creationDate(f forms.Form) time.Time {
	if c.created != nil {
		return *c.created
	}
	t, err := f.FormDate().Time()
	if err != nil {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, chinaTime)
}
