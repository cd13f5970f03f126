// Package layout is the neutral document model that zsdoc's backends read:
// sections with their page setup, paragraphs set in a font role, tables with
// column widths, header rows and cells spanning rows and columns, and images
// anchored to text (the seal). It knows nothing of any form; the composers
// of package docgen build it and the backends (docgen/pdf, docgen/docx)
// render it.
//
// The model is what Word needs to lay a document out itself and what the
// PDF backend needs to do the same: text is not broken into lines and pages
// are not cut here. Lengths are in points (1/72 inch).
package layout

import (
	"time"

	"github.com/zsdoc/zsdoc/fonts"
)

// Length is a distance in points (1/72 inch).
type Length float64

// MM returns a length given in millimetres.
func MM(mm float64) Length { return Length(mm * 72 / 25.4) }

// Points returns the length as float64 points.
func (l Length) Points() float64 { return float64(l) }

// MMs returns the length in millimetres.
func (l Length) MMs() float64 { return float64(l) * 25.4 / 72 }

// Twips returns the length in twentieths of a point (Word's unit), rounded.
func (l Length) Twips() int { return int(float64(float64(l)*20) + 0.5) }

// EMU returns the length in English Metric Units (DrawingML's unit), rounded.
func (l Length) EMU() int64 { return int64(float64(float64(l)*12700) + 0.5) }

// Role is the purpose of a font: the backend maps it to a font file (PDF) or
// a font name (DOCX). It is fonts.Role, the one definition of the roles.
type Role = fonts.Role

// Font roles of the official forms.
const (
	RoleBody   = fonts.Body   // filled-in text: 仿宋_GB2312 (the zero Role)
	RoleTitle  = fonts.Title  // the form title: 方正小标宋简体
	RoleLabel  = fonts.Label  // "附件N", table headers, labels: 黑体
	RoleNumber = fonts.Number // page numbers: 宋体
)

// Font is a role at a size.
type Font struct {
	Role Role
	Size Length // e.g. 10.5 for 五号
}

// Align is the horizontal alignment of a paragraph.
type Align int

// Horizontal alignments.
const (
	AlignLeft Align = iota
	AlignCenter
	AlignRight
	AlignJustify
)

// VAlign is the vertical alignment of a cell's content.
type VAlign int

// Vertical alignments.
const (
	VAlignMiddle VAlign = iota
	VAlignTop
	VAlignBottom
)

// Insets are distances on the four sides of a box.
type Insets struct{ Top, Right, Bottom, Left Length }

// Span is a piece of text in one paragraph. Text never holds a line break:
// a composer makes one paragraph per line of input.
type Span struct {
	Text string
	// Anchor names the span so that an image can be placed over it (the
	// seal over the unit name). Empty for most spans.
	Anchor string
	// Source names the input field the text came from, for error messages
	// about it; backends do not print it. Zero for the form's own text.
	Source Field
	// NoBreak keeps the span on one line when it fits on one (a date with
	// its weekday); backends that cannot honour it may ignore it.
	NoBreak bool
}

// Field names an input field: where a span's text came from. It lets a
// backend's complaint about the text (a character no font has) name the
// field as validation does, without the backend knowing any form.
type Field struct {
	// Path locates the field in the input, e.g. "rows[2].projects[0].overview".
	Path string
	// Row is the row as printed, e.g. "第3行第1个项目"; empty outside tables.
	Row string
	// Label is the field's label without line breaks, e.g. "项目基本情况".
	Label string
}

// IsZero reports whether the field is unnamed (text of the form itself).
func (f Field) IsZero() bool { return f == Field{} }

// String returns the field as messages name it: "第3行【项目基本情况】".
func (f Field) String() string {
	if f.Label == "" {
		return f.Row
	}
	return f.Row + "【" + f.Label + "】"
}

// Paragraph is one or more lines of text in one font. A paragraph without
// spans is an empty line of its line height.
type Paragraph struct {
	Spans []Span
	Font  Font
	Align Align
	// Right is text set flush right on the paragraph's last line, on the
	// same line as the end of Spans when both fit (Word: a right tab stop at
	// the right edge), else on a line of its own.
	Right []Span
	// LineHeight is the exact distance between baselines of consecutive
	// lines; 0 means 1.3 × Font.Size.
	LineHeight  Length
	SpaceBefore Length
	SpaceAfter  Length
}

// Leading returns the line height, applying the default.
func (p *Paragraph) Leading() Length {
	if p.LineHeight > 0 {
		return p.LineHeight
	}
	return p.Font.Size * 1.3
}

// Text returns the paragraph's text (Spans, then Right after a tab).
func (p *Paragraph) Text() string {
	s := joinSpans(p.Spans)
	if len(p.Right) > 0 {
		s += "\t" + joinSpans(p.Right)
	}
	return s
}

func joinSpans(spans []Span) string {
	var s string
	for _, sp := range spans {
		s += sp.Text
	}
	return s
}

// Cell is a table cell. Its content is a list of paragraphs.
type Cell struct {
	Paragraphs []Paragraph
	// ColSpan and RowSpan are the number of grid columns and rows the cell
	// covers (0 counts as 1). As in HTML, the grid positions covered by a
	// cell from a row above are omitted from the rows below.
	ColSpan, RowSpan int
	VAlign           VAlign
	// Number, when set, is the cell's value as an exact decimal ("12.5",
	// "-3", "0.0001"): a backend that keeps typed values (a spreadsheet)
	// stores the cell as that number; the others print the paragraphs,
	// which hold the same value as text.
	Number string
}

// Cols returns the number of grid columns the cell covers.
func (c *Cell) Cols() int { return max(c.ColSpan, 1) }

// Rows returns the number of grid rows the cell covers.
func (c *Cell) Rows() int { return max(c.RowSpan, 1) }

// Row is a table row.
type Row struct {
	Cells []Cell
	// MinHeight is the least height of the row (a blank form's empty rows,
	// 督办单 fields where a clerk writes by hand).
	MinHeight Length
	// Header marks the table's header rows; they must come first and are
	// repeated at the top of every page the table runs onto.
	Header bool
}

// Table is a grid of cells with fixed column widths.
type Table struct {
	// Columns are the widths of the grid columns; their sum is the table width.
	Columns []Length
	Rows    []Row
	// Padding is the space between a cell's border and its content.
	Padding Insets
	// Border is the width of every cell border (single black lines).
	Border Length
	// KeepRows asks that a row that fits on a page is not split: it moves
	// whole to the next page (Word: cantSplit). A row taller than a page is
	// split between lines anyway.
	KeepRows bool
}

// Width returns the sum of the column widths.
func (t *Table) Width() Length {
	var w Length
	for _, c := range t.Columns {
		w += c
	}
	return w
}

// HeaderRows returns how many leading rows are header rows.
func (t *Table) HeaderRows() int {
	n := 0
	for n < len(t.Rows) && t.Rows[n].Header {
		n++
	}
	return n
}

// Block is a paragraph, a table or a drawing (shape.go) in a section's flow.
type Block interface{ isBlock() }

func (*Paragraph) isBlock() {}
func (*Table) isBlock()     {}

// Image is a picture placed over the text like ink: anchored to spans, it
// takes no room and pushes nothing aside (the seal).
type Image struct {
	PNG []byte
	// Memo, when set, keeps what a backend derives from PNG (the PDF's
	// compressed image streams) for the next document that draws the same
	// image; a seal store gives one with each seal (seal.Memo).
	Memo          Memo
	Width, Height Length
	// Anchor is the Anchor of the span(s) the image sits on; the image is
	// centred on the box around all of them (all must be in one block).
	Anchor string
	// Offset moves the image's centre from the centre of the anchor box;
	// positive Y is downwards.
	OffsetX, OffsetY Length
	// Multiply blends the image with what is under it, as ink does, so the
	// text under a seal stays readable.
	Multiply bool
	// Below, when set, names the Anchor of text the image must not touch
	// (a form's title, for a seal: GB/T 9704's 上不压正文): the image is
	// moved down, as little as needed, so that its top is at or below the
	// bottom of that text's line when they are on the same page.
	Below string
	// Name describes the image (alternative text).
	Name string
}

// PageSize is a paper size, portrait.
type PageSize struct {
	Name          string // "A4"
	Width, Height Length
}

// A4 returns the A4 paper size (210 × 297 mm). The sizes are functions, not
// variables, so that no package can change them.
func A4() PageSize { return PageSize{"A4", MM(210), MM(297)} }

// A3 returns the A3 paper size (297 × 420 mm).
func A3() PageSize { return PageSize{"A3", MM(297), MM(420)} }

// Page is a section's page setup.
type Page struct {
	Size      PageSize
	Landscape bool
	Margins   Insets
}

// Width returns the page width as printed (landscape swaps the sides).
func (p Page) Width() Length {
	if p.Landscape {
		return p.Size.Height
	}
	return p.Size.Width
}

// Height returns the page height as printed.
func (p Page) Height() Length {
	if p.Landscape {
		return p.Size.Width
	}
	return p.Size.Height
}

// ContentWidth returns the width of the type area.
func (p Page) ContentWidth() Length { return p.Width() - p.Margins.Left - p.Margins.Right }

// ContentHeight returns the height of the type area.
func (p Page) ContentHeight() Length { return p.Height() - p.Margins.Top - p.Margins.Bottom }

// PageNumbers describes the page numbers of a section (GB/T 9704 style):
// Format with the number, Distance below the type area, odd pages at the
// right and even pages at the left, Indent from that edge.
type PageNumbers struct {
	Font     Font
	Format   string // "— %d —"
	Distance Length // from the bottom of the type area to the number's baseline
	Indent   Length // from the type area's right (odd) or left (even) edge
}

// Section is a run of pages with one page setup. Every section starts on a
// new page, and its page numbers start at 1.
type Section struct {
	// Name names the section where a backend shows names (a spreadsheet's
	// sheet: "附件4", "汇总统计"); empty lets the backend choose.
	Name        string
	Page        Page
	Blocks      []Block
	Images      []Image
	PageNumbers *PageNumbers
	// OddPage starts the section on an odd (front, recto) page of the
	// document when it is printed on both sides: a blank page is put
	// before it when the sections before end on an odd page (DOCX: a
	// section break to the next odd page).
	OddPage bool
}

// Memo holds values derived from an image, each built once by key, safe
// for concurrent use.
type Memo interface {
	Get(key string, build func() (any, error)) (any, error)
}

// Document is what a composer produces and a backend renders.
type Document struct {
	Title   string // document title (metadata)
	Subject string
	Creator string // "zsdoc"
	// Created is when the document was made, for its metadata; zero writes
	// none. Composers set the form's own date, so that the same input
	// always gives the same bytes.
	Created  time.Time
	Sections []Section
}
