package layout

import (
	"strings"
	"testing"
)

func row(cells ...Cell) Row { return Row{Cells: cells} }

func TestGridSpans(t *testing.T) {
	// An investor cell over three project rows, then a legend row of two cells.
	tb := &Table{Columns: []Length{10, 10, 10}, Rows: []Row{
		row(Cell{RowSpan: 3}, Cell{}, Cell{}),
		row(Cell{}, Cell{}),
		row(Cell{}, Cell{}),
		row(Cell{ColSpan: 2}, Cell{}),
	}}
	g, err := tb.Grid()
	if err != nil {
		t.Fatal(err)
	}
	if g[2][0] != (Slot{Row: 0, Cell: 0}) || !g[0][0].Origin || g[1][1] != (Slot{Row: 1, Cell: 0, Origin: true}) {
		t.Errorf("grid %v", g)
	}
	if g[3][1] != (Slot{Row: 3, Cell: 0}) || g[3][2] != (Slot{Row: 3, Cell: 1, Origin: true}) {
		t.Errorf("legend row %v", g[3])
	}
}

func TestGridErrors(t *testing.T) {
	for _, tc := range []struct {
		rows []Row
		want string
	}{
		{[]Row{row(Cell{}, Cell{})}, "has no cell"},
		{[]Row{row(Cell{}, Cell{}, Cell{}, Cell{})}, "does not fit"},
		{[]Row{row(Cell{RowSpan: 2}, Cell{}, Cell{})}, "past the last row"},
		{[]Row{row(Cell{}, Cell{RowSpan: 2}, Cell{}), row(Cell{ColSpan: 2}, Cell{})}, "overlaps"},
	} {
		_, err := (&Table{Columns: []Length{1, 1, 1}, Rows: tc.rows}).Grid()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.rows, err, tc.want)
		}
	}
}

func TestUnits(t *testing.T) {
	if MM(25.4) != 72 || Length(72).MMs() != 25.4 || Length(10.5).Twips() != 210 || Length(1).EMU() != 12700 {
		t.Error("unit conversions")
	}
	p := Page{Size: A3(), Landscape: true, Margins: Insets{MM(25), MM(25), MM(25), MM(25)}}
	if d := p.ContentWidth().MMs() - 370; d > 1e-9 || d < -1e-9 {
		t.Errorf("A3 landscape type area %v mm wide", p.ContentWidth().MMs())
	}
}
