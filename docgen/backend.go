package docgen

import (
	"context"
	"errors"
	"io"
	"iter"
	"slices"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/docgen/xlsx"
)

// backend is an output format: one package renders it, one entry in
// backends registers it. Adding a format is that package and that entry
// (as XLSX was); ParseFormat, ContentType, Render, RenderBlank and
// RenderBatch read the registry.
type backend struct {
	contentType string
	// render writes a whole document.
	render func(ctx context.Context, w io.Writer, doc *layout.Document, c *config) error
	// stream writes the sections as the sequence yields them, after doc's
	// metadata (doc.Sections unused); a backend that cannot stream collects them.
	stream func(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], c *config) error
}

// backends are the registered formats. The map is filled here and never
// changed.
var backends = map[Format]backend{
	PDF: {
		contentType: "application/pdf",
		render: func(ctx context.Context, w io.Writer, doc *layout.Document, c *config) error {
			set, err := c.fontSet()
			if err != nil {
				return err
			}
			if len(doc.Sections) > 1 {
				// The writer starts after the first section is laid out, so a
				// one-section form that cannot be printed writes nothing; a
				// document of several (a batch of 督办单) is laid out whole
				// first, so that a problem in a later one writes nothing either.
				if _, err := pdf.Measure(ctx, doc, set); err != nil {
					return asFormErrors(err)
				}
			}
			return asFormErrors(pdf.RenderSectionsWith(ctx, w, doc, sectionsOf(doc), set, c.pdf))
		},
		stream: func(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], c *config) error {
			set, err := c.fontSet()
			if err != nil {
				return err
			}
			return asFormErrors(pdf.RenderSectionsWith(ctx, w, doc, sections, set, c.pdf))
		},
	},
	DOCX: {
		contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		render:      renderDOCX,
		stream:      collected(renderDOCX),
	},
	XLSX: {
		contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		render:      renderXLSX,
		stream:      collected(renderXLSX),
	},
}

func renderDOCX(ctx context.Context, w io.Writer, doc *layout.Document, c *config) error {
	return docx.Render(ctx, w, doc, c.docx)
}

func renderXLSX(ctx context.Context, w io.Writer, doc *layout.Document, c *config) error {
	set, err := c.fontSet()
	if err != nil {
		return err
	}
	return xlsxErr(xlsx.Render(ctx, w, doc, xlsx.Options{FontNames: c.docx.FontNames, Fonts: set}))
}

// collected is the stream of a backend that writes whole documents only:
// it collects the sections, then renders them as one document.
func collected(render func(context.Context, io.Writer, *layout.Document, *config) error) func(
	context.Context, io.Writer, *layout.Document, iter.Seq[*layout.Section], *config) error {
	return func(ctx context.Context, w io.Writer, doc *layout.Document, sections iter.Seq[*layout.Section], c *config) error {
		all := *doc
		all.Sections = nil
		for s := range sections {
			all.Sections = append(all.Sections, *s)
		}
		return render(ctx, w, &all, c)
	}
}

// xlsxErr reports what a workbook cannot hold as the caller's choice of
// format (an OptionError), not a fault.
func xlsxErr(err error) error {
	var ue *xlsx.UnsupportedError
	if errors.As(err, &ue) {
		return &OptionError{ue.Error()}
	}
	return err
}

// Formats returns the registered output formats, sorted by name.
func Formats() []Format {
	var out []Format
	for _, n := range formatNames() {
		out = append(out, Format(n))
	}
	return out
}

// formatNames returns the registered formats' names, sorted.
func formatNames() []string {
	var names []string
	for f := range backends {
		names = append(names, string(f))
	}
	slices.Sort(names)
	return names
}

// sectionsOf yields a document's sections.
func sectionsOf(doc *layout.Document) iter.Seq[*layout.Section] {
	return func(yield func(*layout.Section) bool) {
		for i := range doc.Sections {
			if !yield(&doc.Sections[i]) {
				return
			}
		}
	}
}
