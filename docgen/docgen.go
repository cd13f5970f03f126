// Package docgen renders the forms of package forms as the official
// documents: PDF (package docgen/pdf) and Word .docx (package docgen/docx),
// both from one layout (package docgen/layout) that the composers of this
// package build — one composer per form, the only place that knows the
// form's title, columns, widths, legend and where its seal goes.
//
//	f, err := forms.Parse(forms.SigningID, input)
//	if err != nil { … }                      // forms.Errors, in Chinese
//	err = docgen.Render(ctx, w, f, docgen.PDF, docgen.WithSeal(png))
package docgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// Format is an output format.
type Format string

// Output formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
)

// ParseFormat accepts the name of a registered format ("pdf", "docx").
func ParseFormat(s string) (Format, error) {
	if _, ok := backends[Format(s)]; ok {
		return Format(s), nil
	}
	return "", fmt.Errorf("不支持的格式“%s”，应为 %s 之一", s, strings.Join(formatNames(), "、"))
}

// ContentType returns the MIME type of the format ("" for an unknown one).
func (f Format) ContentType() string { return backends[f].contentType }

// OptionError is an unusable rendering option (a paper the form cannot
// take, a seal image that is not a PNG): the caller's mistake, not the input's.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

func optionErr(format string, args ...any) error { return &OptionError{fmt.Sprintf(format, args...)} }

// config is what the options set.
type config struct {
	paper    layout.PageSize // zero: the form's default
	seal     *seal.Image
	sealSize layout.Length
	fonts    *fonts.Set
	docx     docx.Options
	pdf      pdf.Options
	created  *time.Time
}

// Option configures rendering.
type Option func(*config) error

// WithPaper sets the paper of 附件4: layout.A3 (the default) or layout.A4.
// The other forms are printed on A4 as the official layouts require; asking
// for A3 gives them A3 landscape (附件2, 3, 5) and is an error for 附件6.
func WithPaper(size layout.PageSize) Option {
	return func(c *config) error {
		if size != layout.A3 && size != layout.A4 {
			return optionErr("不支持的纸张“%s”，应为 A4 或 A3", size.Name)
		}
		c.paper = size
		return nil
	}
}

// WithSeal stamps the seal image (a PNG, ideally round with a transparent
// background) over the unit name (附件2–5) or the issuer and issue date
// (附件6), 42 mm wide unless WithSealSize says otherwise. The file is
// checked and normalised by seal.Decode (size and shape bounded before
// decoding, every PNG colour type accepted); one it refuses gives an
// *OptionError with the seal package's Chinese message.
func WithSeal(pngData []byte) Option {
	return func(c *config) error {
		img, err := seal.Decode(pngData)
		if err != nil {
			return &OptionError{err.Error()}
		}
		return WithSealImage(img)(c)
	}
}

// WithSealImage is WithSeal for a seal already checked by seal.Decode (a
// server decodes each seal once, not once per document).
func WithSealImage(img seal.Image) Option {
	return func(c *config) error {
		if len(img.PNG) == 0 || img.Width <= 0 || img.Height <= 0 {
			return optionErr("印章图片为空")
		}
		c.seal = &img
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
// 督办单.
func WithDuplex() Option {
	return func(c *config) error {
		c.pdf.Duplex = true
		return nil
	}
}

// WithFonts sets the fonts of the PDF (default: the embedded fonts, see
// fonts.Default; fonts.FromEnv applies the ZSDOC_FONT_* variables).
func WithFonts(s *fonts.Set) Option {
	return func(c *config) error {
		c.fonts = s
		return nil
	}
}

// WithFontNames sets the font names a DOCX asks Word for, by role
// (default 方正小标宋简体, 黑体, 仿宋_GB2312 and 宋体 for page numbers).
func WithFontNames(title, label, body string) Option {
	return func(c *config) error {
		for role, name := range map[layout.Role]string{layout.RoleTitle: title, layout.RoleLabel: label, layout.RoleBody: body} {
			if name != "" {
				if c.docx.FontNames == nil {
					c.docx.FontNames = map[layout.Role]string{}
				}
				c.docx.FontNames[role] = name
			}
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

// Render validates the form and writes it in the format to w. Invalid input
// gives forms.Errors (every problem, in Chinese) and writes nothing.
func Render(ctx context.Context, w io.Writer, f forms.Form, format Format, opts ...Option) (err error) {
	defer recoverInternal(&err)
	if err := forms.Validate(f); err != nil {
		return err
	}
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	doc, err := compose(f, c)
	if err != nil {
		return err
	}
	doc.Created = c.creationDate(f)
	return c.write(ctx, w, doc, format)
}

// chinaTime is UTC+8, where the forms are dated.
var chinaTime = time.FixedZone("CST", 8*3600)

// creationDate is the option's date, else the form's date (see WithCreationDate).
func (c *config) creationDate(f forms.Form) time.Time {
	if c.created != nil {
		return *c.created
	}
	var d forms.Date
	switch f := f.(type) {
	case interface{ FormHeader() *forms.Header }:
		d = f.FormHeader().Date
	case *forms.Supervision:
		d = f.Date
	case *forms.SupervisionBatch:
		if len(*f) > 0 {
			d = (*f)[0].Date
		}
	}
	t, err := d.Time()
	if err != nil {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, chinaTime)
}

// RenderBlank writes the blank form id — the official page with empty rows
// for filling in by hand.
func RenderBlank(ctx context.Context, w io.Writer, id forms.ID, format Format, opts ...Option) (err error) {
	defer recoverInternal(&err)
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	doc, err := composeBlank(id, c)
	if err != nil {
		return err
	}
	if c.created != nil {
		doc.Created = *c.created
	}
	return c.write(ctx, w, doc, format)
}

// Compose returns the layout of a valid form, for callers that drive a
// backend themselves.
func Compose(f forms.Form, opts ...Option) (doc *layout.Document, err error) {
	defer recoverInternal(&err)
	if err := forms.Validate(f); err != nil {
		return nil, err
	}
	c, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	doc, err = compose(f, c)
	if err != nil {
		return nil, err
	}
	doc.Created = c.creationDate(f)
	return doc, nil
}

func (c *config) write(ctx context.Context, w io.Writer, doc *layout.Document, format Format) error {
	b, ok := backends[format]
	if !ok {
		_, err := ParseFormat(string(format))
		return &OptionError{err.Error()}
	}
	return b.render(ctx, w, doc, c)
}

// recoverInternal turns a panic — a defect, never the input's fault — into
// an error, so that no input crashes the process or a server.
func recoverInternal(err *error) {
	if v := recover(); v != nil {
		*err = fmt.Errorf("zsdoc 内部错误：%v", v)
	}
}

// fontSet returns the PDF fonts: the option's, else the embedded defaults.
func (c *config) fontSet() (*fonts.Set, error) {
	if c.fonts != nil {
		return c.fonts, nil
	}
	return fonts.Default()
}

// Check validates the form (forms.Validate) and reports what would stop it
// from rendering in format: for PDF, every character that no configured
// font can draw (rule "glyph", naming the field by path, row and label),
// text in a right-to-left script (rule "script") and a form longer than
// pdf.MaxPages pages (rule "pages"); for this it lays the pages out.
// Render refuses exactly what Check reports, with the same errors; DOCX
// leaves missing characters to Word's font substitution. Options are those
// of Render (the fonts matter, the seal and paper do not change the result).
func Check(ctx context.Context, f forms.Form, format Format, opts ...Option) (err error) {
	defer recoverInternal(&err)
	if err := forms.Validate(f); err != nil {
		return err
	}
	if _, err := ParseFormat(string(format)); err != nil {
		return &OptionError{err.Error()}
	}
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	if format != PDF {
		return nil
	}
	doc, err := compose(f, c)
	if err != nil {
		return err
	}
	set, err := c.fontSet()
	if err != nil {
		return err
	}
	// Lay the pages out as Render does (keeping none): the same code finds
	// the same problems, in the same order, with the same words.
	_, err = pdf.Measure(ctx, doc, set)
	return asFormErrors(err)
}

func compose(f forms.Form, c *config) (*layout.Document, error) {
	switch f := f.(type) {
	case *forms.TaskList:
		return composeTaskList(f, c), nil
	case *forms.Followup:
		return composeFollowup(f, c), nil
	case *forms.Signing:
		return composeSigning(f, c), nil
	case *forms.Landing:
		return composeLanding(f, c), nil
	case *forms.Supervision:
		return supervisionDocument(c, false, f)
	case *forms.SupervisionBatch:
		orders := make([]*forms.Supervision, len(*f))
		for i := range *f {
			orders[i] = &(*f)[i]
		}
		return supervisionDocument(c, true, orders...)
	}
	return nil, fmt.Errorf("docgen: cannot render %T", f)
}

func composeBlank(id forms.ID, c *config) (*layout.Document, error) {
	switch id {
	case forms.TaskListID:
		return composeTaskList(nil, c), nil
	case forms.FollowupID:
		return composeFollowup(nil, c), nil
	case forms.SigningID:
		return composeSigning(nil, c), nil
	case forms.LandingID:
		return composeLanding(nil, c), nil
	case forms.SupervisionID:
		return supervisionDocument(c, false, nil)
	}
	_, err := forms.New(id)
	return nil, &OptionError{err.Error()}
}

// supervisionDocument puts one or more 督办单 in a document, one section
// each (nil: the blank form); in a batch, each names its fields by its
// place ("[2].target", "第3份督办单").
func supervisionDocument(c *config, batch bool, orders ...*forms.Supervision) (*layout.Document, error) {
	if c.paper == layout.A3 {
		return nil, optionErr("督办单（附件6）只能用 A4 纸打印")
	}
	info, _ := forms.Lookup(forms.SupervisionID)
	doc := &layout.Document{Title: info.Title, Creator: "zsdoc"}
	for i, o := range orders {
		prefix, row := "", ""
		if batch {
			prefix, row = fmt.Sprintf("[%d]", i), fmt.Sprintf("第%d份督办单", i+1)
		}
		doc.Sections = append(doc.Sections, composeOrder(o, c, prefix, row))
	}
	return doc, nil
}

// tableDocument assembles a one-level table form (附件2, 3, 5).
func tableDocument[R any](id forms.ID, h *forms.Header, table func([]R, []int, layout.Length, bool) *layout.Table,
	rows []R, nums []int, c *config) *layout.Document {
	paper := c.paper
	if paper.Name == "" {
		paper = layout.A4
	}
	page := landscapeTable(paper)
	return tableDocumentWith(id, page, h, table(rows, nums, page.ContentWidth(), h == nil), c)
}

// tableDocumentWith assembles a table form around its table: heading, meta
// line, table, seal, page numbers. h is nil for the blank form.
func tableDocumentWith(id forms.ID, page layout.Page, h *forms.Header, t *layout.Table, c *config) *layout.Document {
	info, _ := forms.Lookup(id)
	blocks := append(heading(info), metaLine(h, h == nil), t)
	sec := layout.Section{Page: page, Blocks: blocks, PageNumbers: pageNumbers(), Images: c.sealImages()}
	return &layout.Document{Title: info.Title, Creator: "zsdoc", Sections: []layout.Section{sec}}
}

// sealImages returns the seal stamped over the spans anchored "seal", its
// centre a little above their middle so the name and date sit below the
// seal's centre (GB/T 9704 §7.3.5.1), or nothing without a seal.
func (c *config) sealImages() []layout.Image {
	if c.seal == nil {
		return nil
	}
	w := c.sealSize
	h := w * layout.Length(c.seal.Height) / layout.Length(c.seal.Width)
	return []layout.Image{{PNG: c.seal.PNG, Width: w, Height: h, Anchor: anchorSeal, OffsetY: -h / 10,
		Multiply: true, Name: "印章"}}
}

// asFormErrors reports characters the PDF cannot print as forms.Errors
// (rule "glyph": no font has it; "script": a right-to-left script), so
// callers treat them like any other problem of the input.
func asFormErrors(err error) error {
	var pe *pdf.PagesError
	if errors.As(err, &pe) {
		return forms.Errors{{Rule: "pages", Label: "文档", Message: pe.Error()}}
	}
	var ge pdf.GlyphErrors
	if !errors.As(err, &ge) {
		return err
	}
	out := make(forms.Errors, len(ge))
	for i, e := range ge {
		rule := "glyph"
		if e.RightToLeft {
			rule = "script"
		}
		out[i] = &forms.FieldError{Path: e.Source.Path, Label: e.Source.Label, Row: e.Source.Row, Rule: rule, Message: e.Error()}
	}
	return out
}

// FileName returns the conventional file name of a rendered form:
// "附件4-市级重点招商项目签约情况表-2026-11-26.pdf" (without the date when
// there is none; "…-空白表.pdf" for a blank form).
func FileName(id forms.ID, date forms.Date, format Format, blank bool) string {
	info, _ := forms.Lookup(id)
	name := info.Attachment + "-" + info.Title
	switch {
	case blank:
		name += "-空白表"
	case date != "":
		name += "-" + string(date)
	}
	return name + "." + string(format)
}
