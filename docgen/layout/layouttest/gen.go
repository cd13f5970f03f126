// Package layouttest generates random layout documents for the backends'
// property tests: tables with random widths, texts, spans and page
// positions, and what each cell must print. It is for tests only.
package layouttest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Table is a generated section holding one table, and what its cells must print.
type Table struct {
	Section layout.Section
	Table   *layout.Table
	// Cells are the table's cells by the Source.Path of their spans ("r3c1":
	// the cell whose origin is grid row 3, column 1).
	Cells map[string]Cell
}

// Cell is a generated cell: its text (its paragraphs' texts joined), its
// grid position and span, and whether it is in a header row.
type Cell struct {
	Text       string
	Row, Col   int
	Rows, Cols int
	Header     bool
}

var (
	genCJK   = []rune("项目签约投资建设产业园区一期二期湘潭经开区管委会新能源汽车零部件智能制造基地研发中心落户协调跟进督办")
	genPunct = []rune("，。、；：？！）》」”’（《「“‘—…·%")
	genLatin = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzWWMMiil")
	genDigit = []rune("0123456789.-/")
)

// genText returns a random text of up to n pieces: CJK runs, Latin words
// (some longer than any column), numbers, punctuation, blanks, U+3000.
func genText(rng *rand.Rand, n int) string {
	var b strings.Builder
	pieces := rng.IntN(n + 1)
	for range pieces {
		switch k := rng.IntN(10); {
		case k < 4:
			for range 1 + rng.IntN(8) {
				b.WriteRune(genCJK[rng.IntN(len(genCJK))])
			}
		case k < 6:
			l := 1 + rng.IntN(8)
			if rng.IntN(8) == 0 {
				l = 20 + rng.IntN(40) // wider than the column
			}
			for range l {
				b.WriteRune(genLatin[rng.IntN(len(genLatin))])
			}
		case k < 7:
			for range 1 + rng.IntN(12) {
				b.WriteRune(genDigit[rng.IntN(len(genDigit))])
			}
		case k < 9:
			b.WriteRune(genPunct[rng.IntN(len(genPunct))])
		default:
			if rng.IntN(2) == 0 {
				b.WriteString(" ")
			} else {
				b.WriteString("\u3000")
			}
		}
	}
	return b.String()
}

// genParas returns a cell's paragraphs, sometimes very many short ones
// (a cell taller than a page).
func genParas(rng *rand.Rand, font layout.Font, src string, tall bool) []layout.Paragraph {
	n := rng.IntN(4)
	maxPieces := 12
	if tall {
		n, maxPieces = 40+rng.IntN(120), 2
	}
	ps := make([]layout.Paragraph, n)
	for i := range ps {
		ps[i] = layout.Paragraph{Spans: []layout.Span{{Text: genText(rng, maxPieces), Source: layout.Field{Path: src}}},
			Font: font, Align: layout.Align(rng.IntN(4))}
		if rng.IntN(6) == 0 {
			ps[i].LineHeight = font.Size * layout.Length(1+f64(rng))
		}
		if rng.IntN(8) == 0 {
			ps[i].SpaceBefore, ps[i].SpaceAfter = layout.Length(rng.IntN(6)), layout.Length(rng.IntN(6))
		}
	}
	return ps
}

// Generate builds a random section holding one table after a random
// amount of space: 1–8 columns of random widths (each at least one glyph
// plus padding wide), 0–2 header rows, 1–25 body rows with random row and
// column spans, sometimes cells taller than a page, random font size,
// alignment, padding, borders, KeepRows and MinHeight, on A4 or A3 in
// either orientation. The same rng state gives the same table.
func Generate(rng *rand.Rand) *Table {
	sizes := []layout.Length{7.5, 9, 10.5, 16}
	size := sizes[rng.IntN(len(sizes))]
	font := layout.Font{Role: layout.RoleBody, Size: size}
	page := layout.Page{Size: layout.A4(), Landscape: rng.IntN(2) == 0}
	if rng.IntN(3) == 0 {
		page.Size = layout.A3()
	}
	m := layout.MM(10 + float64(f64(rng)*30))
	page.Margins = layout.Insets{Top: m, Bottom: m * layout.Length(0.5+f64(rng)), Left: m, Right: m}

	pad := layout.Insets{Top: layout.Length(rng.IntN(5)), Bottom: layout.Length(rng.IntN(5)),
		Left: layout.Length(1 + rng.IntN(5)), Right: layout.Length(1 + rng.IntN(5))}
	ncols := 1 + rng.IntN(8)
	minW := float64(float64(size)*1.1) + float64(pad.Left+pad.Right) // the widest glyph (W, 1.05 em) fits every column
	avail := float64(float64(page.ContentWidth()) * (0.4 + float64(0.6*f64(rng))))
	for float64(ncols)*minW > avail && ncols > 1 {
		ncols--
	}
	weights := make([]float64, ncols)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.2 + f64(rng)
		sum += weights[i]
	}
	cols := make([]layout.Length, ncols)
	spare := avail - float64(float64(ncols)*minW)
	for i := range cols {
		cols[i] = layout.Length(minW + spare*weights[i]/sum)
	}
	t := &layout.Table{Columns: cols, Padding: pad, Border: layout.Length(rng.IntN(2)) * 0.5, KeepRows: rng.IntN(2) == 0}
	g := &Table{Table: t, Cells: map[string]Cell{}}

	nHeader := rng.IntN(3)
	nBody := 1 + rng.IntN(25)
	covered := make([][]bool, nHeader+nBody)
	for r := range covered {
		covered[r] = make([]bool, ncols)
	}
	for r := range nHeader + nBody {
		header := r < nHeader
		row := layout.Row{Header: header}
		if !header && rng.IntN(10) == 0 {
			row.MinHeight = layout.Length(rng.Float64() * 200)
		}
		for c := 0; c < ncols; c++ {
			if covered[r][c] {
				continue
			}
			cs := 1
			for cs < 3 && c+cs < ncols && !covered[r][c+cs] && rng.IntN(4) == 0 {
				cs++
			}
			rs := 1
			if !header && rng.IntN(4) == 0 {
				rs = 1 + rng.IntN(min(5, nHeader+nBody-r))
			}
			for y := r; y < r+rs; y++ {
				for x := c; x < c+cs; x++ {
					covered[y][x] = true
				}
			}
			src := fmt.Sprintf("r%dc%d", r, c)
			tall := !header && rng.IntN(25) == 0 || rs > 1 && rng.IntN(4) == 0
			cell := layout.Cell{Paragraphs: genParas(rng, font, src, tall), ColSpan: cs, RowSpan: rs,
				VAlign: layout.VAlign(rng.IntN(3))}
			if header {
				// Headers as forms have them: a line or two of a short label.
				cell.Paragraphs = genParas(rng, layout.Font{Role: layout.RoleLabel, Size: size}, src, false)[:0]
				for range 1 + rng.IntN(2) {
					cell.Paragraphs = append(cell.Paragraphs, layout.Paragraph{Font: layout.Font{Role: layout.RoleLabel, Size: size},
						Align: layout.AlignCenter, Spans: []layout.Span{{Source: layout.Field{Path: src}}}})
				}
				for i := range cell.Paragraphs {
					cell.Paragraphs[i].Spans[0].Text = []string{"序号", "项目名称", "投资方类别", "是否|开工"}[rng.IntN(4)]
				}
			}
			var text strings.Builder
			for _, p := range cell.Paragraphs {
				text.WriteString(p.Spans[0].Text)
			}
			g.Cells[src] = Cell{Text: text.String(), Row: r, Col: c, Rows: rs, Cols: cs, Header: header}
			row.Cells = append(row.Cells, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	// Some space before the table puts its start anywhere on the page.
	var blocks []layout.Block
	if rng.IntN(4) != 0 {
		lead := layout.Length(rng.Float64() * float64(page.ContentHeight()) * 0.98)
		blocks = append(blocks, &layout.Paragraph{Font: font, LineHeight: max(lead, 1)})
	}
	g.Section = layout.Section{Page: page, Blocks: append(blocks, t)}
	return g
}

// f64 is rng.Float64 rounded on its own, so that no platform fuses its
// multiplication into the caller's addition: the same seed generates the
// same table on amd64, arm64 and loong64.
func f64(rng *rand.Rand) float64 { return float64(rng.Float64()) }
