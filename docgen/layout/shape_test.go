package layout

import (
	"math"
	"math/rand/v2"
	"testing"
)

// An arrow head has its tip at the last point, its base ArrowSize back
// along the last segment and 0.8 × ArrowSize wide, and the line stops at
// the base; a connector without an arrow, or whose last segment has no
// length, has none.
func TestConnectorHead(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		c := Connector{Arrow: true, ArrowSize: Length(1 + r.Float64()*9)}
		for range 2 + r.IntN(4) {
			c.Points = append(c.Points, Point{Length(r.Float64() * 500), Length(r.Float64() * 500)})
		}
		tip, left, right, shaft, ok := c.Head()
		n := len(c.Points)
		if !ok || tip != c.Points[n-1] || len(shaft) != n {
			t.Fatalf("%+v: ok %v, tip %v, %d shaft points", c, ok, tip, len(shaft))
		}
		dist := func(a, b Point) float64 { return math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)) }
		base := Point{(left.X + right.X) / 2, (left.Y + right.Y) / 2}
		size := float64(c.ArrowSize)
		if math.Abs(dist(base, tip)-size) > 1e-9 || math.Abs(dist(left, right)-0.8*size) > 1e-9 {
			t.Errorf("head %v %v %v of size %v", tip, left, right, size)
		}
		if dist(shaft[n-1], base) > 1e-9 {
			t.Errorf("line ends at %v, base at %v", shaft[n-1], base)
		}
		// The base lies on the last segment (collinear with it).
		a, b := c.Points[n-2], c.Points[n-1]
		cross := float64(b.X-a.X)*float64(base.Y-a.Y) - float64(b.Y-a.Y)*float64(base.X-a.X)
		if math.Abs(cross)/dist(a, b) > 1e-6 {
			t.Errorf("base %v off the segment %v–%v", base, a, b)
		}
	}
	for _, c := range []Connector{
		{Points: []Point{{0, 0}, {10, 0}}},
		{Points: []Point{{0, 0}, {0, 0}}, Arrow: true, ArrowSize: 5},
		{Points: []Point{{0, 0}}, Arrow: true, ArrowSize: 5},
	} {
		if _, _, _, shaft, ok := c.Head(); ok || len(shaft) != len(c.Points) {
			t.Errorf("%+v has a head", c)
		}
	}
}

// A box's inner area is the box less its padding; its text height is the
// sum of its lines' leading and spacing.
func TestBoxInner(t *testing.T) {
	b := Box{X: 10, Y: 20, W: 100, H: 50, Padding: Insets{Top: 1, Right: 2, Bottom: 3, Left: 4},
		Paragraphs: []Paragraph{{Font: Font{Size: 10}}, {Font: Font{Size: 10}, LineHeight: 20, SpaceBefore: 2}}}
	if x, y, w, h := b.Inner(); x != 14 || y != 21 || w != 94 || h != 46 {
		t.Errorf("inner %v %v %v %v", x, y, w, h)
	}
	if got := b.TextHeight(); got != 13+22 {
		t.Errorf("text height %v", got)
	}
}
