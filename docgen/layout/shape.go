package layout

import "math"

// Drawing is a figure of boxes and connectors at fixed places (a workflow
// diagram), set in a section's flow like a paragraph: it takes Width ×
// Height, horizontally centred in the type area, and moves whole to the
// next page when it does not fit on this one. The composer places every
// shape; backends draw them where they are, as vectors (PDF paths, DOCX
// DrawingML shapes), never as a picture.
//
// Coordinates are points from the drawing's top-left corner, y growing
// downwards. Boxes are drawn in order, then the connectors, so a later
// box covers an earlier one (a lane's frame first, the boxes in it after).
type Drawing struct {
	Width, Height Length
	Boxes         []Box
	Connectors    []Connector
	// SpaceBefore is the room above the drawing (none at a page's top).
	SpaceBefore Length
	// Name describes the drawing (alternative text).
	Name string
}

func (*Drawing) isBlock() {}

// Point is a place in a drawing.
type Point struct{ X, Y Length }

// Stroke is how a line is drawn: its width (0: no line) and whether it is
// dashed.
type Stroke struct {
	Width Length
	Dash  bool
}

// Box is a rectangle with text centred in it. The text is broken into
// lines by the composer (one Paragraph per line, each fitting the box's
// width less Padding), so that every backend prints the same lines; the
// lines are centred vertically in the box less Padding.
type Box struct {
	X, Y, W, H Length
	Stroke     Stroke
	// Shade fills the box with a grey, in per cent of black (0: no fill,
	// the paper shows through).
	Shade      int
	Paragraphs []Paragraph
	Padding    Insets
	// VAlign places the lines: VAlignMiddle (the default) or VAlignTop (a
	// lane's frame, its heading at the top).
	VAlign VAlign
	// Name describes the box (its text, or the lane it frames).
	Name string
}

// Inner returns the box less its padding, where its text goes.
func (b *Box) Inner() (x, y, w, h Length) {
	return b.X + b.Padding.Left, b.Y + b.Padding.Top, b.W - b.Padding.Left - b.Padding.Right, b.H - b.Padding.Top - b.Padding.Bottom
}

// TextHeight returns the height of the box's lines.
func (b *Box) TextHeight() Length {
	var h Length
	for i := range b.Paragraphs {
		p := &b.Paragraphs[i]
		h += p.SpaceBefore + p.Leading() + p.SpaceAfter
	}
	return h
}

// Connector is a line through Points (two for a straight line, more for an
// elbow), with a filled arrow head at its last point when Arrow is set: the
// head's tip is the last point and its length is ArrowSize along the last
// segment.
type Connector struct {
	Points    []Point
	Stroke    Stroke
	Arrow     bool
	ArrowSize Length
	// Name describes the connector ("项目签约 → 协调跟进").
	Name string
}

// Head returns the arrow head of a connector with Arrow set: the tip (the
// last point) and the two corners of its base, ArrowSize back along the
// last segment and 0.8 × ArrowSize apart; and the points of the line that
// leads to it, its last point moved back to the base so that the line's
// end does not blunt the tip. ok is false for a connector with no arrow
// or no last segment.
func (c *Connector) Head() (tip, left, right Point, shaft []Point, ok bool) {
	n := len(c.Points)
	if !c.Arrow || n < 2 || c.ArrowSize <= 0 {
		return Point{}, Point{}, Point{}, c.Points, false
	}
	tip, from := c.Points[n-1], c.Points[n-2]
	dx, dy := float64(tip.X-from.X), float64(tip.Y-from.Y)
	l := math.Sqrt(float64(dx*dx) + float64(dy*dy))
	if l == 0 {
		return Point{}, Point{}, Point{}, c.Points, false
	}
	ux, uy := dx/l, dy/l
	size := float64(c.ArrowSize)
	bx, by := float64(tip.X)-float64(ux*size), float64(tip.Y)-float64(uy*size)
	hw := float64(size * 0.4)
	left = Point{Length(bx - float64(uy*hw)), Length(by + float64(ux*hw))}
	right = Point{Length(bx + float64(uy*hw)), Length(by - float64(ux*hw))}
	shaft = append(append([]Point(nil), c.Points[:n-1]...), Point{Length(bx), Length(by)})
	return tip, left, right, shaft, true
}
