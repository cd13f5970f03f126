package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// writer writes sections into one workbook, sharing its cell styles.
type writer struct {
	f      *excelize.File
	opts   *Options
	m      measurer
	styles map[styleKey]int
}

// styleKey is what tells two cell styles apart.
type styleKey struct {
	role   layout.Role
	size   layout.Length
	align  layout.Align
	valign layout.VAlign
	border bool
	shrink bool
	numFmt string // "" for text
}

// section writes section s to sheet.
func (w *writer) section(sheet string, s *layout.Section) error {
	g, err := place(s, w.m)
	if err != nil {
		return err
	}
	for i, c := range g.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, name, name, colWidth(c)); err != nil {
			return err
		}
	}
	for r, h := range g.heights {
		if err := w.f.SetRowHeight(sheet, r+1, rowHeight(h)); err != nil {
			return err
		}
	}
	for i := range g.cells {
		if err := w.cell(sheet, &g.cells[i]); err != nil {
			return err
		}
	}
	if err := w.printSetup(sheet, s, g); err != nil {
		return err
	}
	for i := range s.Images {
		if err := w.image(sheet, g, &s.Images[i]); err != nil {
			return err
		}
	}
	return nil
}

// cell writes a placed cell: its value, its style over its whole range,
// and the merge.
func (w *writer) cell(sheet string, c *gcell) error {
	from, _ := excelize.CoordinatesToCellName(c.col+1, c.row+1)
	to, _ := excelize.CoordinatesToCellName(c.col+c.cols, c.row+c.rows)
	text := strings.Join(c.lines, "\n")
	if i := strings.IndexFunc(text, notXML); i >= 0 {
		return fmt.Errorf("%s中有 XML 不能保存的字符 U+%04X", describe(c), []rune(text[i:])[0])
	}
	if n := utf16Len(text); n > maxCellText {
		return fmt.Errorf("%s的内容有 %d 个字符，超过 Excel 单元格的上限 %d 个字符", describe(c), n, maxCellText)
	}
	key := styleKey{role: c.font.Role, size: c.font.Size, align: c.align, valign: c.valign, border: c.border, shrink: c.shrink}
	number := ""
	if c.number != "" {
		if fmtCode, ok := numberFormat(text, c.number); ok {
			key.numFmt, number = fmtCode, c.number
		}
	}
	style, err := w.style(key)
	if err != nil {
		return err
	}
	if err := w.f.SetCellStyle(sheet, from, to, style); err != nil {
		return err
	}
	switch {
	case number != "":
		err = w.f.SetCellDefault(sheet, from, number)
	case text != "":
		err = w.f.SetCellStr(sheet, from, text)
	}
	if err != nil {
		return err
	}
	if c.rows > 1 || c.cols > 1 {
		return w.f.MergeCell(sheet, from, to)
	}
	return nil
}

// maxCellText is the most characters (UTF-16 code units) a spreadsheet
// cell holds; a longer text would be cut.
const maxCellText = 32767

// notXML reports a character XML 1.0 cannot hold (control characters but
// tab and line feed, surrogates, U+FFFE and U+FFFF).
func notXML(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r >= 0xD800 && r < 0xE000, r == 0xFFFE || r == 0xFFFF:
		return true
	}
	return false
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// describe names a cell by the field its text came from, else by place.
func describe(c *gcell) string {
	for _, p := range c.paras {
		for _, s := range p.Spans {
			if !s.Source.IsZero() {
				return s.Source.String()
			}
		}
	}
	ref, _ := excelize.CoordinatesToCellName(c.col+1, c.row+1)
	return "单元格 " + ref
}

// numberFormat returns the number format that shows number with its
// decimals and text's words around it ("12.5亿元": 0.0"亿元"), or false
// when text does not show number (or holds a quote).
func numberFormat(text, number string) (string, bool) {
	i := strings.Index(text, number)
	if i < 0 || strings.ContainsAny(text, "\"\\\n") {
		return "", false
	}
	code := "0"
	if _, dec, ok := strings.Cut(number, "."); ok {
		code += "." + strings.Repeat("0", len(dec))
	}
	if pre := text[:i]; pre != "" {
		code = `"` + pre + `"` + code
	}
	if post := text[i+len(number):]; post != "" {
		code += `"` + post + `"`
	}
	return code, true
}

// style returns the id of the cell style key, made once per workbook.
func (w *writer) style(k styleKey) (int, error) {
	if id, ok := w.styles[k]; ok {
		return id, nil
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: w.opts.fontName(k.role), Size: float64(k.size), Color: "000000"},
		Alignment: &excelize.Alignment{Horizontal: hAlign(k.align), Vertical: vAlign(k.valign), WrapText: !k.shrink, ShrinkToFit: k.shrink},
	}
	if k.border {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	if k.numFmt != "" {
		code := k.numFmt
		st.CustomNumFmt = &code
	}
	id, err := w.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	w.styles[k] = id
	return id, nil
}

func hAlign(a layout.Align) string {
	switch a {
	case layout.AlignCenter:
		return "center"
	case layout.AlignRight:
		return "right"
	case layout.AlignJustify:
		return "justify"
	}
	return "left"
}

func vAlign(a layout.VAlign) string {
	switch a {
	case layout.VAlignTop:
		return "top"
	case layout.VAlignBottom:
		return "bottom"
	}
	return "center"
}

// colWidth converts a width in points to Excel's column width: characters
// of the default font's widest digit (7 pixels at 96 dpi, plus 5 pixels of
// margin), to 1/256 of a character as Excel stores it.
func colWidth(w layout.Length) float64 {
	px := float64(w) * 96 / 72
	return math.Max(math.Round((px-5)/7*256)/256, 0.5)
}

// rowHeight is a row's height in points as a spreadsheet takes it: at most
// MaxRowHeight, in quarter points.
func rowHeight(h layout.Length) float64 {
	return math.Min(math.Ceil(float64(h)*4)/4, MaxRowHeight)
}

// printSetup sets the sheet's paper, margins, print titles, fit to one
// page wide and page numbers.
func (w *writer) printSetup(sheet string, s *layout.Section, g *sheetGrid) error {
	size := 9 // A4
	if s.Page.Size.Name == "A3" {
		size = 8
	}
	orient := "portrait"
	if s.Page.Landscape {
		orient = "landscape"
	}
	one, zero := 1, 0
	if err := w.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	fit := true
	if err := w.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	in := func(l layout.Length) *float64 { v := math.Round(float64(l)/72*1000) / 1000; return &v }
	mg := s.Page.Margins
	footer := mg.Bottom / 2
	if pn := s.PageNumbers; pn != nil {
		footer = max(mg.Bottom-pn.Distance-layout.Length(float64(pn.Font.Size*0.2)), 0)
	}
	header := min(mg.Top/2, 22)
	if err := w.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Top: in(mg.Top), Bottom: in(mg.Bottom),
		Left: in(mg.Left), Right: in(mg.Right), Header: in(header), Footer: in(footer)}); err != nil {
		return err
	}
	if pn := s.PageNumbers; pn != nil {
		font := fmt.Sprintf("&\"%s\"&%d", w.opts.fontName(pn.Font.Role), int(math.Round(float64(pn.Font.Size))))
		text := strings.ReplaceAll(strings.ReplaceAll(pn.Format, "&", "&&"), "%d", "&P")
		// GB/T 9704: odd pages' numbers at the right, even pages' at the left.
		if err := w.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{DifferentOddEven: true,
			OddFooter: "&R" + font + text, EvenFooter: "&L" + font + text}); err != nil {
			return err
		}
	}
	if g.headerFirst >= 0 {
		if err := w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, g.headerFirst+1, g.headerLast+1)}); err != nil {
			return err
		}
	}
	off := false
	return w.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &off})
}
