package pdf

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/layout/layouttest"
	"github.com/zsdoc/zsdoc/fonts"
)

// The property tests lay out generated tables — random column widths,
// texts (CJK, Latin words longer than a column, digits, punctuation at line
// starts and ends, U+3000), row and column spans including merged cells
// taller than a page, header rows or none, on A4 and A3 in both
// orientations, starting anywhere on a page — and check on the placed
// glyphs that every cell's text is printed, in order, inside its cell.

// errRefused: the generated table was rightly refused (header too tall).
var errRefused = errors.New("refused")

func noBlanks(s string) string { return strings.ReplaceAll(s, " ", "") }

// check lays the generated section out and returns the first broken property.
func check(g *layouttest.Table, set *fonts.Set) error {
	doc := &layout.Document{Sections: []layout.Section{g.Section}}
	pages, err := Layout(context.Background(), doc, set)
	if errors.Is(err, errHeaderTooTall) {
		// Refused: check that the header really takes more than half the page.
		m, merr := (&shaper{set: set}).measure(g.Table, 0)
		if merr != nil {
			return merr
		}
		h := 0.0
		for r := range m.header {
			h += m.own[r]
		}
		if h <= float64(g.Section.Page.ContentHeight())/2 {
			return fmt.Errorf("header of %.1f pt refused on a type area %.1f pt tall", h, g.Section.Page.ContentHeight())
		}
		return errRefused
	}
	if err != nil {
		return fmt.Errorf("layout: %w", err)
	}
	t := g.Table
	colX := make([]float64, len(t.Columns)+1)
	for i, w := range t.Columns {
		colX[i+1] = colX[i] + float64(w)
	}
	left := float64(g.Section.Page.Margins.Left)
	area := Rect{X: left, Y: float64(g.Section.Page.Margins.Top), W: float64(g.Section.Page.ContentWidth()), H: float64(g.Section.Page.ContentHeight())}
	const tol = 0.01
	in := func(a, b Rect) bool {
		return a.X >= b.X-tol && a.Y >= b.Y-tol && a.Right() <= b.Right()+tol && a.Bottom() <= b.Bottom()+tol
	}
	chunks := map[string][]string{} // per cell, the text placed on each page
	for pi, pg := range pages {
		onPage := map[string]string{}
		for _, tx := range pg.Texts {
			src := tx.Source.Path
			gc, ok := g.Cells[src]
			if !ok {
				return fmt.Errorf("page %d: text %q from no cell", pi+1, tx.Text)
			}
			onPage[src] += noBlanks(tx.Text)
			b := tx.Bounds()
			if !in(b, tx.Box) {
				return fmt.Errorf("page %d: %q (cell %s) at %+v outside its box %+v", pi+1, tx.Text, src, b, tx.Box)
			}
			// The box is the content box of the cell's columns, inside the type area.
			wantX := left + colX[gc.Col] + float64(t.Padding.Left)
			wantW := colX[gc.Col+gc.Cols] - colX[gc.Col] - float64(t.Padding.Left+t.Padding.Right)
			if abs(tx.Box.X-wantX) > tol || abs(tx.Box.W-wantW) > tol {
				return fmt.Errorf("page %d: %q (cell %s) in box %+v, not its column's (x %.2f, w %.2f)", pi+1, tx.Text, src, tx.Box, wantX, wantW)
			}
			if !in(tx.Box, area) {
				return fmt.Errorf("page %d: box %+v of %q outside the type area %+v", pi+1, tx.Box, tx.Text, area)
			}
		}
		for src, s := range onPage {
			chunks[src] = append(chunks[src], s)
		}
		headers, body := 0, 0
		for i, c := range pg.Cells {
			if !in(c.Box, area) {
				return fmt.Errorf("page %d: cell %+v outside the type area", pi+1, c.Box)
			}
			if c.Header {
				headers++
			} else {
				body++
			}
			for _, d := range pg.Cells[i+1:] {
				w := min(c.Box.Right(), d.Box.Right()) - max(c.Box.X, d.Box.X)
				h := min(c.Box.Bottom(), d.Box.Bottom()) - max(c.Box.Y, d.Box.Y)
				if w > tol && h > tol {
					return fmt.Errorf("page %d: cells %+v and %+v overlap", pi+1, c.Box, d.Box)
				}
			}
		}
		if want := headerCells(g); body > 0 && headers != want {
			return fmt.Errorf("page %d: %d header cells, want %d", pi+1, headers, want)
		}
		if body == 0 && headers > 0 {
			return fmt.Errorf("page %d: header rows alone", pi+1)
		}
	}
	for src, gc := range g.Cells {
		got := chunks[src]
		switch {
		case gc.Header:
			for i, c := range got {
				if c != noBlanks(gc.Text) {
					return fmt.Errorf("header cell %s prints %q on its page %d, want %q", src, c, i+1, noBlanks(gc.Text))
				}
			}
		case gc.Rows > 1:
			if err := checkSpanChunks(got, noBlanks(gc.Text)); err != nil {
				return fmt.Errorf("merged cell %s (%d rows): %w", src, gc.Rows, err)
			}
		default:
			if s := strings.Join(got, ""); s != noBlanks(gc.Text) {
				return fmt.Errorf("cell %s prints %q, want %q", src, s, noBlanks(gc.Text))
			}
		}
	}
	return nil
}

// checkSpanChunks checks the text a merged cell printed on each page it
// crosses: pieces that continue one another, or the whole text again.
// Pieces before the first whole copy must be its beginning; without a
// whole copy the pieces must make up the text.
func checkSpanChunks(chunks []string, text string) error {
	var pieces strings.Builder
	whole := false
	for _, c := range chunks {
		if c == text {
			whole = true
			continue
		}
		if !whole {
			pieces.WriteString(c)
		} else if c != "" {
			return fmt.Errorf("prints %q after its whole text", c)
		}
	}
	p := pieces.String()
	if whole && !strings.HasPrefix(text, p) || !whole && p != text {
		return fmt.Errorf("prints %q (pages %q), want %q", p, chunks, text)
	}
	return nil
}

func headerCells(g *layouttest.Table) int {
	n := 0
	for _, c := range g.Cells {
		if c.Header {
			n++
		}
	}
	return n
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestTablesRandom checks the properties on 2,000 generated tables.
func TestTablesRandom(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	n := 2000
	if testing.Short() {
		n = 300
	}
	refused := 0
	for i := range n {
		g := layouttest.Generate(rand.New(rand.NewPCG(uint64(i), 0x5eed)))
		switch err := check(g, set); {
		case errors.Is(err, errRefused):
			refused++
		case err != nil:
			t.Fatalf("table %d: %v", i, err)
		}
	}
	if refused > n/50 {
		t.Errorf("%d of %d generated tables refused: the generator tests too little", refused, n)
	}
}

// FuzzTables checks the properties on tables generated from fuzzed seeds.
func FuzzTables(f *testing.F) {
	set, err := fonts.Default()
	if err != nil {
		f.Fatal(err)
	}
	for i := range uint64(8) {
		f.Add(i, i*7919)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		g := layouttest.Generate(rand.New(rand.NewPCG(a, b)))
		if err := check(g, set); err != nil && !errors.Is(err, errRefused) {
			t.Fatal(err)
		}
	})
}
