package xlsx

import "github.com/zsdoc/zsdoc/docgen/layout"

// measurer measures text as the PDF sets it (layout.Measurer: the fonts'
// advance widths and the same line breaking), so that row heights leave
// room for every line of wrapped text and the seal is centred over its
// anchor text.
type measurer struct{ *layout.Measurer }

// width returns the advance of s in font f.
func (m measurer) width(s string, f layout.Font) layout.Length {
	return m.spans([]layout.Span{{Text: s}}, f)
}

// spans returns the advance of the spans' text in font f, on one line.
func (m measurer) spans(spans []layout.Span, f layout.Font) layout.Length {
	return layout.Length(m.Shape(&layout.Paragraph{Spans: spans, Font: f}).MaxContent())
}

// lines returns how many lines s takes in font f in a box w wide.
func (m measurer) lines(s string, f layout.Font, w layout.Length) int {
	return m.paraLines(&layout.Paragraph{Spans: []layout.Span{{Text: s}}, Font: f}, w)
}

// paraLines returns how many lines p takes in a box w wide (at least one).
func (m measurer) paraLines(p *layout.Paragraph, w layout.Length) int {
	return m.Shape(p).Count(float64(w))
}
