package docgen

import (
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// The diagram's measures, in points. Positions follow from these, the
// lanes, the order of the stages and the sizes of their texts: no box has
// coordinates of its own.
const (
	wfTopSize    layout.Length = 14   // 四号: the arrangement on top, the lane headings
	wfLine       layout.Length = 0.75 // boxes and arrows
	wfFrameLine  layout.Length = 0.5  // the lanes' frames
	wfBoldLine   layout.Length = 2    // the frame of the highlighted stage
	wfShade                    = 12   // per cent of black under the highlighted stage
	wfAssignGap  layout.Length = 24   // between the arrangement and the lanes
	wfRowGap     layout.Length = 18   // between stages: room for an arrow
	wfGutter     layout.Length = 28   // between lanes: room for the hand-over
	wfLanePad    layout.Length = 8    // inside a lane's frame
	wfAnnGap     layout.Length = 5    // between an annotation and its stage
	wfLoopStep   layout.Length = 9    // between the dashed loops' vertical lines
	wfLabelGap   layout.Length = 3    // between the outer loop and its label
	wfArrow      layout.Length = 5    // arrow head length
	wfPadX       layout.Length = 4    // text padding in a box, at the sides
	wfPadY       layout.Length = 3    // text padding in a box, top and bottom
	wfWrapSlack  layout.Length = 0.5  // lines are broken this much short of the box, so no backend breaks them again
	wfLeadFactor               = 1.3
)

// wfSizes are the type sizes tried in turn until the diagram fits the
// page: stage names, their steps, the annotations. It is never changed.
var wfSizes = [...]struct{ name, step, note layout.Length }{
	{sizeSi - 2, sizeXiaoWu, sizeXiaoWu}, // 小四 12, 小五 9
	{sizeWu, sizeLiuHao, sizeLiuHao},     // 五号 10.5, 六号 7.5
}

// measureFunc returns the advance width of a text in a font.
type measureFunc func(text string, f layout.Font) layout.Length

// placedWorkflow is the diagram as placed, with the role of each box and
// connector, for the composer and its tests.
type placedWorkflow struct {
	d         *layout.Drawing
	top       int   // the arrangement's box
	frames    []int // per office: its lane's frame
	heads     []int // per office: its heading
	stages    []int // per stage of the workflow: its box
	notes     []int // per stage: its annotation's box, -1 for none
	loopLabel int   // the loop's label box, -1 for none
	edges     []int // per edge of the workflow: its connector
}

// nodeBoxes returns the boxes arrows go between (not the frames, notes and
// labels).
func (p *placedWorkflow) nodeBoxes() []int {
	out := append([]int{p.top}, p.heads...)
	return append(out, p.stages...)
}

// wfOptions are the diagram's options: the form names beside their stages,
// and the stage to highlight (-1: none).
type wfOptions struct {
	annotate bool
	stage    int
}

// placeWorkflow lays the diagram out in width, at the first type sizes that
// make it at most maxHeight tall.
func placeWorkflow(wf *workflow.Workflow, o wfOptions, width, maxHeight layout.Length, m measureFunc) (*placedWorkflow, error) {
	if err := wf.Check(); err != nil {
		return nil, err
	}
	var p *placedWorkflow
	for _, sz := range wfSizes {
		var err error
		p, err = placeAt(wf, o, width, m, sz.name, sz.step, sz.note)
		if err != nil {
			return nil, err
		}
		if p.d.Height <= maxHeight {
			return p, nil
		}
	}
	return nil, fmt.Errorf("流程图高 %.0f 毫米，超出一页（%.0f 毫米）：阶段或说明文字过多", p.d.Height.MMs(), maxHeight.MMs())
}

// wfBox is a box to be placed: its text and fonts.
type wfText struct {
	text string
	font layout.Font
}

// boxParagraphs breaks texts into the lines of a box inner wide, centred.
func boxParagraphs(texts []wfText, inner layout.Length, m measureFunc) []layout.Paragraph {
	var out []layout.Paragraph
	for _, t := range texts {
		for _, l := range wrapLine(t.text, inner-wfWrapSlack, t.font, m) {
			out = append(out, layout.Paragraph{Spans: []layout.Span{{Text: l}}, Font: t.font, Align: layout.AlignCenter,
				LineHeight: layout.Length(float64(t.font.Size) * wfLeadFactor)})
		}
	}
	return out
}

// textBox is a box at x, y, w wide, as tall as its text (at least minH).
func textBox(name string, x, y, w, minH layout.Length, texts []wfText, stroke layout.Stroke, m measureFunc) layout.Box {
	pad := layout.Insets{Top: wfPadY, Bottom: wfPadY, Left: wfPadX, Right: wfPadX}
	b := layout.Box{X: x, Y: y, W: w, Stroke: stroke, Padding: pad, Name: name,
		Paragraphs: boxParagraphs(texts, w-pad.Left-pad.Right, m)}
	b.H = max(b.TextHeight()+pad.Top+pad.Bottom, minH)
	return b
}

// textWidth returns the width of the widest text.
func textWidth(texts []wfText, m measureFunc) layout.Length {
	var w layout.Length
	for _, t := range texts {
		w = max(w, m(t.text, t.font))
	}
	return w
}

// noteTexts are the annotation lines of forms: "附件3", "协调跟进情况表".
func noteTexts(ids []forms.ID, f layout.Font) []wfText {
	var out []wfText
	for _, id := range ids {
		in, ok := forms.Lookup(id)
		if !ok {
			continue
		}
		out = append(out, wfText{in.Attachment, f}, wfText{strings.TrimPrefix(in.Title, "市级重点招商项目"), f})
	}
	return out
}

// placeAt places the diagram with stage names at nameSize, their steps at
// stepSize and annotations at noteSize.
func placeAt(wf *workflow.Workflow, o wfOptions, width layout.Length, m measureFunc, nameSize, stepSize, noteSize layout.Length) (*placedWorkflow, error) {
	d := &layout.Drawing{Width: width, Name: workflow.Info().Title}
	p := &placedWorkflow{d: d, loopLabel: -1}
	body := func(s layout.Length) layout.Font { return layout.Font{Role: layout.RoleBody, Size: s} }
	label := func(s layout.Length) layout.Font { return layout.Font{Role: layout.RoleLabel, Size: s} }
	solid := layout.Stroke{Width: wfLine}
	add := func(b layout.Box) int { d.Boxes = append(d.Boxes, b); return len(d.Boxes) - 1 }

	n := len(wf.Offices)
	laneW := layout.Length(float64(width-layout.Length(float64(n-1)*float64(wfGutter))) / float64(n))
	laneX := func(i int) layout.Length { return layout.Length(float64(i) * float64(laneW+wfGutter)) }

	// The dashed loops of each lane, inner (shorter) first, and the lane
	// whose channel carries the loop's label.
	loops := make([][]int, n)
	labelLane := -1
	for k, e := range wf.Edges {
		if e.Kind != workflow.Supervise {
			continue
		}
		lane := laneOf(wf, e.From)
		loops[lane] = append(loops[lane], k)
		if labelLane < 0 {
			labelLane = lane
		}
	}
	for _, l := range loops {
		sortLoops(wf, l)
	}
	var labelTexts []wfText
	for _, t := range wf.LoopLabels {
		labelTexts = append(labelTexts, wfText{t, body(stepSize)})
	}
	if o.annotate && wf.LoopForm != "" {
		labelTexts = append(labelTexts, noteTexts([]forms.ID{wf.LoopForm}, label(noteSize))...)
	}
	labelW := textWidth(labelTexts, m) + 2*wfPadX + 2*wfWrapSlack
	channel := func(lane int) layout.Length {
		if len(loops[lane]) == 0 {
			return 0
		}
		c := layout.Length(float64(len(loops[lane])) * float64(wfLoopStep))
		if lane == labelLane && len(labelTexts) > 0 {
			c += wfLabelGap + labelW
		}
		return c
	}
	annW := layout.Length(0)
	if o.annotate {
		annW = layout.Length(float64(noteSize)*4) + 2*wfPadX + 2*wfWrapSlack
	}

	// The arrangement on top, spanning the lanes' centres.
	topTexts := []wfText{{wf.Arrangement, body(wfTopSize)}}
	c0, c1 := laneX(0)+half(laneW), laneX(n-1)+half(laneW)
	topW := min(max(c1-c0+half(laneW), textWidth(topTexts, m)+2*wfPadX+2), width)
	p.top = add(textBox(wf.Arrangement, half(width-topW), 0, topW, 0, topTexts, solid, m))
	laneY := d.Boxes[p.top].H + wfAssignGap

	// Lanes: frame, heading, then the stages top to bottom.
	p.stages = make([]int, len(wf.Stages))
	p.notes = make([]int, len(wf.Stages))
	var laneEnd []layout.Length // per lane: the bottom of its stages (and loop label)
	for i, off := range wf.Offices {
		x := laneX(i)
		p.frames = append(p.frames, add(layout.Box{X: x, Y: laneY, W: laneW, Stroke: layout.Stroke{Width: wfFrameLine},
			Name: off.Name + "（泳道）"}))
		head := textBox(off.Name, x, laneY, laneW, 0, []wfText{{off.Name, label(wfTopSize)}}, solid, m)
		p.heads = append(p.heads, add(head))
		ann := layout.Length(0)
		if o.annotate {
			ann = annW + wfAnnGap
		}
		bx := x + wfLanePad + ann
		bw := laneW - 2*wfLanePad - ann - channel(i)
		if bw < layout.Length(float64(nameSize)*4)+2*wfPadX {
			return nil, fmt.Errorf("流程图的泳道太窄，放不下“%s”的阶段", off.Name)
		}
		y := laneY + head.H + wfRowGap
		for r, k := range wf.Lane(off.Name) {
			if r > 0 {
				y += wfRowGap
			}
			st := &wf.Stages[k]
			texts := []wfText{{st.Name, body(nameSize)}}
			for _, s := range st.Steps {
				texts = append(texts, wfText{s, body(stepSize)})
			}
			stroke := solid
			if k == o.stage {
				stroke.Width = wfBoldLine
			}
			box := textBox(st.Name, bx, y, bw, 0, texts, stroke, m)
			if k == o.stage {
				box.Shade = wfShade
			}
			p.notes[k] = -1
			if o.annotate && len(st.Forms) > 0 {
				note := textBox(st.Name+"（表单）", x+wfLanePad, y, annW, 0, noteTexts(st.Forms, label(noteSize)),
					layout.Stroke{Width: wfFrameLine}, m)
				box.H = max(box.H, note.H)
				note.Y = y + half(box.H-note.H)
				p.notes[k] = add(note)
			}
			p.stages[k] = add(box)
			y += box.H
		}
		laneEnd = append(laneEnd, y)
	}

	// The loops' ends on the boxes, and the label beside the outermost
	// loop of its lane, within the lane's stages when it fits there.
	ports := loopPorts(wf, loops, p)
	if labelLane >= 0 && len(labelTexts) > 0 {
		outer := loops[labelLane][len(loops[labelLane])-1]
		a := d.Boxes[p.stages[stageOf(wf, wf.Edges[outer].From)]]
		lx := a.X + a.W + layout.Length(float64(len(loops[labelLane]))*float64(wfLoopStep))
		lb := textBox(strings.Join(wf.LoopLabels, "、"), lx+wfLabelGap, 0, labelW, 0, labelTexts, layout.Stroke{}, m)
		rows := wf.Lane(wf.Offices[labelLane].Name)
		first := d.Boxes[p.stages[rows[0]]]
		lb.Y = half(ports[outer][0]+ports[outer][1]) - half(lb.H)
		lb.Y = max(min(lb.Y, laneEnd[labelLane]-lb.H), first.Y)
		laneEnd[labelLane] = max(laneEnd[labelLane], lb.Y+lb.H)
		p.loopLabel = add(lb)
	}
	bottom := laneY
	for _, y := range laneEnd {
		bottom = max(bottom, y+wfLanePad)
	}
	for _, f := range p.frames {
		d.Boxes[f].H = bottom - laneY
	}
	d.Height = bottom

	// The arrows.
	p.edges = make([]int, len(wf.Edges))
	for k, e := range wf.Edges {
		c := layout.Connector{Stroke: solid, Arrow: true, ArrowSize: wfArrow, Name: e.From + " → " + e.To}
		switch e.Kind {
		case workflow.Assign:
			top, lane := d.Boxes[p.top], wfOffice(wf, e.To)
			h := d.Boxes[p.heads[lane]]
			cx := h.X + half(h.W)
			c.Points = []layout.Point{{X: cx, Y: top.Y + top.H}, {X: cx, Y: h.Y}}
		case workflow.Flow:
			a, b := d.Boxes[p.stages[stageOf(wf, e.From)]], d.Boxes[p.stages[stageOf(wf, e.To)]]
			c.Points = []layout.Point{{X: a.X + half(a.W), Y: a.Y + a.H}, {X: a.X + half(a.W), Y: b.Y}}
		case workflow.Handover:
			a, b := d.Boxes[p.stages[stageOf(wf, e.From)]], d.Boxes[p.stages[stageOf(wf, e.To)]]
			lane := laneOf(wf, e.From)
			gx := laneX(lane) + laneW + wfGutter/2
			turn, bx := b.Y-wfRowGap/2, b.X+half(b.W)
			if channel(lane) == 0 {
				// Out of the right edge, straight to the gutter.
				ay := a.Y + half(a.H)
				c.Points = []layout.Point{{X: a.X + a.W, Y: ay}, {X: gx, Y: ay}, {X: gx, Y: turn}, {X: bx, Y: turn}, {X: bx, Y: b.Y}}
			} else {
				// The loops' channel is on the right: out of the bottom, under it.
				ax, ay := a.X+half(a.W), laneEnd[lane]+wfLanePad/2
				c.Points = []layout.Point{{X: ax, Y: a.Y + a.H}, {X: ax, Y: ay}, {X: gx, Y: ay}, {X: gx, Y: turn}, {X: bx, Y: turn}, {X: bx, Y: b.Y}}
			}
		case workflow.Supervise:
			a, b := d.Boxes[p.stages[stageOf(wf, e.From)]], d.Boxes[p.stages[stageOf(wf, e.To)]]
			lane := laneOf(wf, e.From)
			nth := indexOf(loops[lane], k)
			lx := a.X + a.W + layout.Length(float64(nth+1)*float64(wfLoopStep))
			ay, by := ports[k][0], ports[k][1]
			c.Stroke.Dash = true
			c.Points = []layout.Point{{X: a.X + a.W, Y: ay}, {X: lx, Y: ay}, {X: lx, Y: by}, {X: b.X + b.W, Y: by}}
		}
		d.Connectors = append(d.Connectors, c)
		p.edges[k] = len(d.Connectors) - 1
	}
	return p, nil
}

// loopPorts returns, per edge index of a dashed loop, the heights where it
// leaves its source and reaches its target, both on the boxes' right edges.
// Each box's ends are spread evenly down its edge, in the order that keeps
// nested loops from crossing: ends of loops from boxes above at the top
// (the outer loop highest), self loops in the middle (out above in), ends
// of loops from boxes below at the bottom (the outer loop lowest).
func loopPorts(wf *workflow.Workflow, loops [][]int, p *placedWorkflow) map[int][2]layout.Length {
	type end struct {
		edge int
		out  bool
		key  int
	}
	ends := map[int][]end{} // by stage
	for _, lane := range loops {
		for nth, k := range lane {
			e := wf.Edges[k]
			from, to := stageOf(wf, e.From), stageOf(wf, e.To)
			switch {
			case from == to:
				ends[from] = append(ends[from], end{k, true, -(nth + 1)}, end{k, false, nth + 1})
			default: // from is below to
				ends[from] = append(ends[from], end{k, true, -1000 - nth})
				ends[to] = append(ends[to], end{k, false, 1000 + nth})
			}
		}
	}
	out := map[int][2]layout.Length{}
	for st, list := range ends {
		sortEnds(list, func(a, b end) bool { return a.key < b.key })
		box := p.d.Boxes[p.stages[st]]
		for j, e := range list {
			y := box.Y + layout.Length(float64(box.H)*float64(j+1)/float64(len(list)+1))
			v := out[e.edge]
			if e.out {
				v[0] = y
			} else {
				v[1] = y
			}
			out[e.edge] = v
		}
	}
	return out
}

// sortEnds sorts a short list by less (insertion sort: stable, no reflection).
func sortEnds[T any](l []T, less func(a, b T) bool) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && less(l[j], l[j-1]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// sortLoops orders a lane's loops inner first: by how many rows they span.
func sortLoops(wf *workflow.Workflow, l []int) {
	span := func(k int) int {
		e := wf.Edges[k]
		return stageOf(wf, e.From) - stageOf(wf, e.To)
	}
	sortEnds(l, func(a, b int) bool { return span(a) < span(b) })
}

func stageOf(wf *workflow.Workflow, name string) int {
	k, _ := wf.StageIndex(name)
	return k
}

func wfOffice(wf *workflow.Workflow, name string) int {
	for i, o := range wf.Offices {
		if o.Name == name {
			return i
		}
	}
	return -1
}

func laneOf(wf *workflow.Workflow, stage string) int {
	return wfOffice(wf, wf.Stages[stageOf(wf, stage)].Office)
}

func indexOf(l []int, v int) int {
	for i, x := range l {
		if x == v {
			return i
		}
	}
	return -1
}

// half returns l/2, rounded on its own so that no platform fuses it into a
// multiply-add with what it is added to (the cross-architecture byte check).
func half(l layout.Length) layout.Length { return layout.Length(float64(l / 2)) }
