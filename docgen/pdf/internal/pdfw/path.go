package pdfw

import (
	"errors"
	"fmt"
)

// PathStyle is how Path draws: a stroke LineWidth wide (0: none), dashed
// with Dash (on and off lengths in points; empty: solid), and a fill of
// grey Fill (0 black … 1 white) when Filled.
type PathStyle struct {
	LineWidth float64
	Dash      []float64
	Filled    bool
	Fill      float64
}

// Path draws a polyline through pts (x0, y0, x1, y1, … in points from the
// page's top-left), closed into a polygon when closed. The style is set
// inside q … Q, so the page's line state is unchanged after it.
func (p *Page) Path(pts []float64, closed bool, st PathStyle) error {
	if err := p.usable(); err != nil {
		return err
	}
	w, s := p.w, &p.w.pg
	if len(pts) < 4 || len(pts)%2 != 0 || !finite(pts...) || !finite(st.LineWidth, st.Fill) || !finite(st.Dash...) ||
		st.LineWidth < 0 || st.Fill < 0 || st.Fill > 1 {
		return w.fail(fmt.Errorf("pdfw: bad path %v %+v", pts, st))
	}
	for _, d := range st.Dash {
		if d < 0 {
			return w.fail(errors.New("pdfw: negative dash length"))
		}
	}
	stroke := st.LineWidth > 0
	if !stroke && !st.Filled {
		return nil
	}
	b := append(s.closePath(s.content), "q "...)
	if st.Filled {
		b = appendNum(b, st.Fill)
		b = append(b, " g "...)
	}
	if stroke {
		b = appendNum(b, st.LineWidth)
		b = append(b, " w "...)
		if len(st.Dash) > 0 {
			b = append(b, '[')
			for i, d := range st.Dash {
				if i > 0 {
					b = append(b, ' ')
				}
				b = appendNum(b, d)
			}
			b = append(b, "] 0 d "...)
		}
	}
	for i := 0; i < len(pts); i += 2 {
		b = appendNum(b, pts[i])
		b = append(b, ' ')
		b = appendNum(b, s.height-pts[i+1])
		if i == 0 {
			b = append(b, " m "...)
		} else {
			b = append(b, " l "...)
		}
	}
	if closed {
		b = append(b, "h "...)
	}
	switch {
	case stroke && st.Filled:
		b = append(b, "B"...)
	case stroke:
		b = append(b, "S"...)
	default:
		b = append(b, "f"...)
	}
	s.content = append(b, " Q\n"...)
	return nil
}
