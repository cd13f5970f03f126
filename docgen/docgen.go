// Package docgen renders the forms of package forms as the official
// documents: PDF (package docgen/pdf), Word .docx (package docgen/docx) and
// Excel .xlsx (package docgen/xlsx), all from one layout (package
// docgen/layout) that the composers of this package build — one composer
// per form, the only place that knows the form's title, columns, widths,
// legend and where its seal goes.
//
//	f, err := forms.Parse(forms.SigningID, input)
//	if err != nil { … }                          // forms.Errors, in Chinese
//	err = docgen.Render(ctx, w, f, docgen.PDF)   // stamped with the seal f names
//
// Render validates the form first and writes nothing for an invalid one;
// Check reports what Render would refuse, without rendering. RenderBlank
// writes the blank form for filling in by hand, RenderBatch a batch of
// 督办单 as one PDF, streamed. FileName gives the conventional file name.
//
// Options: WithPaper (附件4 on A3, the default, or A4), WithSeals (the store
// that resolves the seal ids forms name; by default the built-in specimen
// only), WithSeal (one image for every form, whatever the ids), WithSealSize,
// WithFonts and WithFontNames (the PDF's font files and the DOCX's and
// XLSX's font names, by fonts.Role), WithCreationDate, WithDuplex,
// WithFixedWidths (the template's column widths rather than widths shared
// out by content) and WithSummary (the 汇总统计 of package merge after the
// form: a second sheet of an XLSX, more pages of a PDF). RenderBlank of
// workflow.ID draws 附件1, the workflow diagram, as vectors (WithAnnotate
// names the forms beside their stages, WithStage highlights one). Output is
// byte-identical for the same input and options, and every function is safe
// for concurrent use.
package docgen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// Format is an output format.
type Format string

// Output formats.
const (
	PDF  Format = "pdf"
	DOCX Format = "docx"
	XLSX Format = "xlsx"
)

// ParseFormat accepts the name of a registered format ("pdf", "docx", "xlsx").
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
	doc.Sections = append(doc.Sections, c.extra...) // WithSummary
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
// from rendering in format: a seal id the seals do not know (rule "seal",
// see WithSeals); for PDF, every character that no configured
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
		return c.checkSeals(f)
	}
	doc, err := compose(f, c) // resolves the seal ids, as Render does
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

// CheckPrintable is Check for PDF without the layout: validation, the
// seals, and every character no configured font can draw (rule "glyph")
// or in a right-to-left script (rule "script") — what stops a render —
// but not the page limit, which only laying the pages out finds (a 督办单
// cannot reach it). It costs a fraction of Check: batch.Check uses it on
// every order before a batch is printed.
func CheckPrintable(ctx context.Context, f forms.Form, opts ...Option) (err error) {
	defer recoverInternal(&err)
	if err := forms.Validate(f); err != nil {
		return err
	}
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	doc, err := compose(f, c)
	if err != nil {
		return err
	}
	set, err := c.fontSet()
	if err != nil {
		return err
	}
	return asFormErrors(pdf.CheckGlyphs(doc, set))
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
// the form has none).
func FileName(f forms.Form, format Format) string {
	return fileName(f.FormID(), "-"+string(f.FormDate()), format)
}

// BlankFileName returns the file name of a blank form:
// "附件4-市级重点招商项目签约情况表-空白表.pdf".
func BlankFileName(id forms.ID, format Format) string {
	return fileName(id, "-空白表", format)
}

func fileName(id forms.ID, suffix string, format Format) string {
	info, _ := forms.Lookup(id)
	if id == workflow.ID { // a diagram, not a form: no 空白表
		info, suffix = workflow.Info(), "-"
	}
	name := info.Attachment + "-" + info.Title
	if suffix != "-" {
		name += suffix
	}
	return name + "." + string(format)
}
