package docgen

// Geometric checks of a placed workflow diagram (checkPlaced), shared by
// the tests of workflow_test.go.

import (
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/workflow"
)

const geps = 1e-6

type frect struct{ x0, y0, x1, y1 float64 }

func rectOf(b *layout.Box) frect {
	return frect{float64(b.X), float64(b.Y), float64(b.X + b.W), float64(b.Y + b.H)}
}

// overlaps reports whether the interiors of r and o meet.
func (r frect) overlaps(o frect) bool {
	return r.x0 < o.x1-geps && o.x0 < r.x1-geps && r.y0 < o.y1-geps && o.y0 < r.y1-geps
}

// holds reports whether o lies within r.
func (r frect) holds(o frect) bool {
	return o.x0 >= r.x0-geps && o.x1 <= r.x1+geps && o.y0 >= r.y0-geps && o.y1 <= r.y1+geps
}

// onEdge reports whether p lies on the border of r.
func (r frect) onEdge(p layout.Point) bool {
	x, y := float64(p.X), float64(p.Y)
	within := func(v, lo, hi float64) bool { return v >= lo-geps && v <= hi+geps }
	near := func(a, b float64) bool { return a-b < geps && b-a < geps }
	return (near(x, r.x0) || near(x, r.x1)) && within(y, r.y0, r.y1) ||
		(near(y, r.y0) || near(y, r.y1)) && within(x, r.x0, r.x1)
}

// crosses reports whether the segment a–b passes through the interior of r
// (Liang–Barsky clipping against r shrunk by a hair).
func (r frect) crosses(a, b layout.Point) bool {
	const in = 0.01
	x0, y0, x1, y1 := r.x0+in, r.y0+in, r.x1-in, r.y1-in
	ax, ay := float64(a.X), float64(a.Y)
	dx, dy := float64(b.X)-ax, float64(b.Y)-ay
	t0, t1 := 0.0, 1.0
	for _, c := range [4][2]float64{{-dx, ax - x0}, {dx, x1 - ax}, {-dy, ay - y0}, {dy, y1 - ay}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	return t0 < t1
}

// edgeBoxes returns the boxes an edge of the workflow joins.
func edgeBoxes(wf *workflow.Workflow, p *placedWorkflow, e workflow.Edge) (from, to int) {
	if e.Kind == workflow.Assign {
		return p.top, p.heads[wfOffice(wf, e.To)]
	}
	return p.stages[stageOf(wf, e.From)], p.stages[stageOf(wf, e.To)]
}

// checkPlaced checks the promises of a placed diagram: every box's text
// inside it, no two boxes overlapping, every box in its lane, every arrow
// from a box's edge to a box's edge without crossing a box, the hand-over
// arrows and the dashed loops there, everything inside the drawing.
func checkPlaced(t *testing.T, wf *workflow.Workflow, p *placedWorkflow, m measureFunc) {
	t.Helper()
	d := p.d
	all := frect{0, 0, float64(d.Width), float64(d.Height)}
	frame := map[int]bool{}
	for _, f := range p.frames {
		frame[f] = true
	}
	for i := range d.Boxes {
		b := &d.Boxes[i]
		_, _, iw, ih := b.Inner()
		if b.TextHeight() > ih+geps {
			t.Errorf("box %q: text %.2f pt tall in %.2f pt", b.Name, b.TextHeight(), ih)
		}
		for _, para := range b.Paragraphs {
			if w := m(para.Text(), para.Font); w > iw+geps {
				t.Errorf("box %q: line %q is %.2f pt wide in %.2f pt", b.Name, para.Text(), w, iw)
			}
		}
		if !all.holds(rectOf(b)) {
			t.Errorf("box %q %+v outside the drawing %+v", b.Name, rectOf(b), all)
		}
		for j := range i {
			if !frame[i] && !frame[j] && rectOf(b).overlaps(rectOf(&d.Boxes[j])) {
				t.Errorf("boxes %q and %q overlap", b.Name, d.Boxes[j].Name)
			}
		}
	}
	for i, f := range p.frames {
		for j := range i {
			if rectOf(&d.Boxes[f]).overlaps(rectOf(&d.Boxes[p.frames[j]])) {
				t.Errorf("lanes %d and %d overlap", i, j)
			}
		}
		lane := rectOf(&d.Boxes[f])
		if !lane.holds(rectOf(&d.Boxes[p.heads[i]])) {
			t.Errorf("heading of lane %d outside it", i)
		}
		for _, k := range wf.Lane(wf.Offices[i].Name) {
			if !lane.holds(rectOf(&d.Boxes[p.stages[k]])) {
				t.Errorf("stage %q outside its lane", wf.Stages[k].Name)
			}
			if p.notes[k] >= 0 && !lane.holds(rectOf(&d.Boxes[p.notes[k]])) {
				t.Errorf("annotation of %q outside its lane", wf.Stages[k].Name)
			}
		}
	}
	obstacles := append(p.nodeBoxes(), p.loopLabel)
	for _, n := range p.notes {
		obstacles = append(obstacles, n)
	}
	handovers, loops := 0, 0
	for k, e := range wf.Edges {
		c := &d.Connectors[p.edges[k]]
		from, to := edgeBoxes(wf, p, e)
		if len(c.Points) < 2 || !c.Arrow {
			t.Errorf("arrow %s: %d points, head %v", c.Name, len(c.Points), c.Arrow)
			continue
		}
		if !rectOf(&d.Boxes[from]).onEdge(c.Points[0]) {
			t.Errorf("arrow %s starts at %+v, not on the edge of %q", c.Name, c.Points[0], d.Boxes[from].Name)
		}
		if !rectOf(&d.Boxes[to]).onEdge(c.Points[len(c.Points)-1]) {
			t.Errorf("arrow %s ends at %+v, not on the edge of %q", c.Name, c.Points[len(c.Points)-1], d.Boxes[to].Name)
		}
		for s := 1; s < len(c.Points); s++ {
			a, b := c.Points[s-1], c.Points[s]
			if !all.holds(frect{float64(min(a.X, b.X)), float64(min(a.Y, b.Y)), float64(max(a.X, b.X)), float64(max(a.Y, b.Y))}) {
				t.Errorf("arrow %s leaves the drawing", c.Name)
			}
			for _, o := range obstacles {
				if o >= 0 && rectOf(&d.Boxes[o]).crosses(a, b) {
					t.Errorf("arrow %s crosses box %q", c.Name, d.Boxes[o].Name)
				}
			}
		}
		switch e.Kind {
		case workflow.Handover:
			handovers++
			fl, tl := laneOf(wf, e.From), laneOf(wf, e.To)
			if c.Stroke.Dash || !rectOf(&d.Boxes[p.frames[fl]]).holds(rectOf(&d.Boxes[from])) || tl != fl+1 {
				t.Errorf("hand-over %s: dashed %v, from lane %d to %d", c.Name, c.Stroke.Dash, fl, tl)
			}
		case workflow.Supervise:
			loops++
			if !c.Stroke.Dash {
				t.Errorf("loop %s is not dashed", c.Name)
			}
		default:
			if c.Stroke.Dash {
				t.Errorf("arrow %s is dashed", c.Name)
			}
		}
	}
	if len(d.Connectors) != len(wf.Edges) {
		t.Errorf("%d connectors for %d arrows", len(d.Connectors), len(wf.Edges))
	}
	wantH, wantL := 0, 0
	for _, e := range wf.Edges {
		switch e.Kind {
		case workflow.Handover:
			wantH++
		case workflow.Supervise:
			wantL++
		}
	}
	if handovers != wantH || loops != wantL {
		t.Errorf("%d hand-overs and %d loops drawn, want %d and %d", handovers, loops, wantH, wantL)
	}
	if wantL > 0 && len(wf.LoopLabels) > 0 && p.loopLabel < 0 {
		t.Error("the dashed loop has no label")
	}
}

func testMeasure(t testing.TB) measureFunc {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return fontMeasure(set)
}
