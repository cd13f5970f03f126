package pdfw

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// A path is drawn in its own graphics state (q … Q), after the pending
// lines are stroked, in page coordinates turned to PDF's (y up); bad input
// is an error, and a path with neither stroke nor fill draws nothing.
func TestPath(t *testing.T) {
	var buf bytes.Buffer
	w, err := New(&buf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := w.BeginPage(100, 200)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Line(0, 0, 10, 10, 1); err != nil {
		t.Fatal(err)
	}
	if err := p.Path([]float64{10, 20, 30, 20, 30, 40}, true, PathStyle{LineWidth: 0.75, Dash: []float64{3, 2}, Filled: true, Fill: 0.9}); err != nil {
		t.Fatal(err)
	}
	if err := p.Path([]float64{1, 2, 3, 4}, false, PathStyle{LineWidth: 2}); err != nil {
		t.Fatal(err)
	}
	if err := p.Path([]float64{1, 2, 3, 4, 5, 6}, true, PathStyle{Filled: true}); err != nil {
		t.Fatal(err)
	}
	before := len(w.pg.content)
	if err := p.Path([]float64{1, 2, 3, 4}, false, PathStyle{}); err != nil || len(w.pg.content) != before {
		t.Errorf("an invisible path wrote %q, %v", w.pg.content[before:], err)
	}
	if err := p.Line(0, 0, 5, 5, 1); err != nil { // the line width is still 1: no "w"
		t.Fatal(err)
	}
	got := string(w.pg.content)
	for _, want := range []string{
		"0 200 m 10 190 l\nS\nq 0.9 g 0.75 w [3 2] 0 d 10 180 m 30 180 l 30 160 l h B Q\n",
		"q 2 w 1 198 m 3 196 l S Q\n",
		"q 0 g 1 198 m 3 196 l 5 194 l h f Q\n0 200 m 5 195 l\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("content %q lacks %q", got, want)
		}
	}
	if err := w.EndPage(p); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		pts []float64
		st  PathStyle
	}{
		"one point":     {[]float64{1, 2}, PathStyle{LineWidth: 1}},
		"odd":           {[]float64{1, 2, 3}, PathStyle{LineWidth: 1}},
		"NaN":           {[]float64{1, 2, math.NaN(), 4}, PathStyle{LineWidth: 1}},
		"fill > 1":      {[]float64{1, 2, 3, 4}, PathStyle{Filled: true, Fill: 2}},
		"negative dash": {[]float64{1, 2, 3, 4}, PathStyle{LineWidth: 1, Dash: []float64{-1}}},
		"negative line": {[]float64{1, 2, 3, 4}, PathStyle{LineWidth: -1}},
	} {
		w, _ := New(&bytes.Buffer{}, Options{})
		p, _ := w.BeginPage(100, 100)
		if err := p.Path(c.pts, false, c.st); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
