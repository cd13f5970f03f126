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
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// Format is an output format.
type Format string

// Output formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
)

// ParseFormat accepts "pdf" or "docx".
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case PDF, DOCX:
		return Format(s), nil
	}
	return "", fmt.Errorf("不支持的格式“%s”，应为 pdf 或 docx", s)
}

// ContentType returns the MIME type of the format.
func (f Format) ContentType() string {
	if f == DOCX {
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/pdf"
}

// OptionError is an unusable rendering option (a paper the form cannot
// take, a seal image that is not a PNG): the caller's mistake, not the input's.
type OptionError struct{ msg string }

func (e *OptionError) Error() string { return e.msg }

func optionErr(format string, args ...any) error { return &OptionError{fmt.Sprintf(format, args...)} }

// config is what the options set.
type config struct {
	paper    layout.PageSize // zero: the form's default
	seal     []byte          // PNG
	sealSize layout.Length
	fonts    *fonts.Set
	docx     docx.Options
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
// (附件6), 42 mm wide unless WithSealSize says otherwise.
func WithSeal(pngData []byte) Option {
	return func(c *config) error {
		if len(pngData) == 0 {
			return nil
		}
		if _, err := png.DecodeConfig(bytes.NewReader(pngData)); err != nil {
			return optionErr("印章图片不是有效的 PNG 文件：%v", err)
		}
		c.seal = pngData
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
func Render(ctx context.Context, w io.Writer, f forms.Form, format Format, opts ...Option) error {
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
	return c.write(ctx, w, doc, format)
}

// RenderBlank writes the blank form id — the official page with empty rows
// for filling in by hand.
func RenderBlank(ctx context.Context, w io.Writer, id forms.ID, format Format, opts ...Option) error {
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	doc, err := composeBlank(id, c)
	if err != nil {
		return err
	}
	return c.write(ctx, w, doc, format)
}

// Compose returns the layout of a valid form, for callers that drive a
// backend themselves.
func Compose(f forms.Form, opts ...Option) (*layout.Document, error) {
	if err := forms.Validate(f); err != nil {
		return nil, err
	}
	c, err := newConfig(opts)
	if err != nil {
		return nil, err
	}
	return compose(f, c)
}

func (c *config) write(ctx context.Context, w io.Writer, doc *layout.Document, format Format) error {
	switch format {
	case PDF:
		set := c.fonts
		if set == nil {
			var err error
			if set, err = fonts.Default(); err != nil {
				return err
			}
		}
		return asFormErrors(pdf.Render(ctx, w, doc, set))
	case DOCX:
		return docx.Render(ctx, w, doc, c.docx)
	}
	_, err := ParseFormat(string(format))
	return &OptionError{err.Error()}
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
		return supervisionDocument(c, f)
	case *forms.SupervisionBatch:
		orders := make([]*forms.Supervision, len(*f))
		for i := range *f {
			orders[i] = &(*f)[i]
		}
		return supervisionDocument(c, orders...)
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
		return supervisionDocument(c, nil)
	}
	_, err := forms.New(id)
	return nil, &OptionError{err.Error()}
}

// supervisionDocument puts one or more 督办单 in a document, one section
// each (nil: the blank form).
func supervisionDocument(c *config, orders ...*forms.Supervision) (*layout.Document, error) {
	if c.paper == layout.A3 {
		return nil, optionErr("督办单（附件6）只能用 A4 纸打印")
	}
	info, _ := forms.Lookup(forms.SupervisionID)
	doc := &layout.Document{Title: info.Title, Creator: "zsdoc"}
	for _, o := range orders {
		doc.Sections = append(doc.Sections, composeSupervision(o, c))
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
	w, h := c.sealSize, c.sealSize
	if cfg, err := png.DecodeConfig(bytes.NewReader(c.seal)); err == nil && cfg.Width > 0 {
		h = w * layout.Length(cfg.Height) / layout.Length(cfg.Width)
	}
	return []layout.Image{{PNG: c.seal, Width: w, Height: h, Anchor: anchorSeal, OffsetY: -h / 10,
		Multiply: true, Name: "印章"}}
}

// asFormErrors reports characters no font has as forms.Errors (rule
// "glyph"), so callers treat them like any other problem of the input.
func asFormErrors(err error) error {
	var ge pdf.GlyphErrors
	if !errors.As(err, &ge) {
		return err
	}
	out := make(forms.Errors, len(ge))
	for i, e := range ge {
		row, label := splitSource(e.Source)
		out[i] = &forms.FieldError{Label: label, Row: row, Rule: "glyph", Message: e.Error()}
	}
	return out
}

// splitSource splits a span's source "第3行第1个项目【项目基本情况】" into row and label.
func splitSource(s string) (row, label string) {
	row, rest, ok := strings.Cut(s, "【")
	if !ok {
		return "", s
	}
	return row, strings.TrimSuffix(rest, "】")
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
