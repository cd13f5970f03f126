package docgen

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// The notice's diagram, in every variant, keeps every promise, and shows
// the hand-over and the dashed 督办 loop.
func TestWorkflowPlaced(t *testing.T) {
	m := testMeasure(t)
	wf := workflow.Default()
	page := supervisionPage()
	for _, o := range []wfOptions{{stage: -1}, {annotate: true, stage: -1}, {stage: 4}, {annotate: true, stage: 7}} {
		p, err := placeWorkflow(wf, o, page.ContentWidth(), page.ContentHeight(), m)
		if err != nil {
			t.Fatal(err)
		}
		checkPlaced(t, wf, p, m)
		var handover, loop bool
		for k, e := range wf.Edges {
			c := p.d.Connectors[p.edges[k]]
			handover = handover || e.Kind == workflow.Handover && e.From == "项目签约" && e.To == "协调跟进" && !c.Stroke.Dash
			loop = loop || e.Kind == workflow.Supervise && c.Stroke.Dash
		}
		if !handover || !loop {
			t.Errorf("%+v: hand-over %v, dashed loop %v", o, handover, loop)
		}
	}
}

// genWorkflow makes a random workflow the layout must draw: 1–3 offices of
// 1–6 stages with random names and steps (characters of the seed), some
// forms, hand-overs between neighbouring lanes and random dashed loops.
func genWorkflow(r *rand.Rand) *workflow.Workflow {
	pool := []rune("市委人民政府安排落地办开放项目签约协调跟进服务会谈交办来潭考察开工建设商务谈判客商，。《》（）ABC123")
	used := map[string]bool{}
	name := func(lo, hi int) string {
		for {
			n := lo + r.IntN(hi-lo+1)
			var b strings.Builder
			for range n {
				b.WriteRune(pool[r.IntN(len(pool))])
			}
			if s := b.String(); !used[s] {
				used[s] = true
				return s
			}
		}
	}
	wf := &workflow.Workflow{Arrangement: name(4, 24), LoopLabels: []string{name(2, 4), name(2, 6)}, LoopForm: forms.SupervisionID}
	all := forms.All()
	for range 1 + r.IntN(3) {
		wf.Offices = append(wf.Offices, workflow.Office{Name: name(3, 8)})
	}
	for i, o := range wf.Offices {
		wf.Edges = append(wf.Edges, workflow.Edge{From: wf.Arrangement, To: o.Name, Kind: workflow.Assign})
		var lane []string
		for range 1 + r.IntN(6) {
			st := workflow.Stage{Name: name(2, 10), Office: o.Name}
			for range r.IntN(5) {
				st.Steps = append(st.Steps, name(1, 26))
			}
			if r.IntN(2) == 0 {
				st.Forms = []forms.ID{all[r.IntN(len(all))].ID}
			}
			wf.Stages = append(wf.Stages, st)
			lane = append(lane, st.Name)
		}
		for k := 1; k < len(lane); k++ {
			wf.Edges = append(wf.Edges, workflow.Edge{From: lane[k-1], To: lane[k], Kind: workflow.Flow})
		}
		if i > 0 {
			prev := wf.Lane(wf.Offices[i-1].Name)
			wf.Edges = append(wf.Edges, workflow.Edge{From: wf.Stages[prev[len(prev)-1]].Name, To: lane[0], Kind: workflow.Handover})
		}
		seen := map[[2]int]bool{}
		for range r.IntN(4) {
			a := r.IntN(len(lane))
			b := r.IntN(a + 1)
			if !seen[[2]int{a, b}] {
				seen[[2]int{a, b}] = true
				wf.Edges = append(wf.Edges, workflow.Edge{From: lane[a], To: lane[b], Kind: workflow.Supervise})
			}
		}
	}
	return wf
}

// The promises hold for generated workflows, annotated or not, with any
// stage highlighted.
func TestWorkflowPlacedGenerated(t *testing.T) {
	m := testMeasure(t)
	width := supervisionPage().ContentWidth()
	r := rand.New(rand.NewPCG(14, 1))
	drawn := 0
	for i := range 300 {
		wf := genWorkflow(r)
		if err := wf.Check(); err != nil {
			t.Fatalf("generated workflow %d: %v", i, err)
		}
		o := wfOptions{annotate: r.IntN(2) == 0, stage: r.IntN(len(wf.Stages)+1) - 1}
		p, err := placeWorkflow(wf, o, width, 1e6, m)
		if err != nil {
			if !strings.Contains(err.Error(), "泳道太窄") {
				t.Fatalf("workflow %d: %v", i, err)
			}
			continue
		}
		drawn++
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkPlaced(t, wf, p, m) })
	}
	if drawn < 200 {
		t.Errorf("only %d of 300 generated workflows drawn", drawn)
	}
}

// A workflow too tall for the page is refused with a Chinese message, not
// drawn off the page.
func TestWorkflowTooTall(t *testing.T) {
	wf := workflow.Default()
	for i := range wf.Stages {
		for range 12 {
			wf.Stages[i].Steps = append(wf.Stages[i].Steps, "每周或适时上报《市级重点招商项目协调跟进情况表》")
		}
	}
	page := supervisionPage()
	_, err := placeWorkflow(wf, wfOptions{stage: -1}, page.ContentWidth(), page.ContentHeight(), testMeasure(t))
	if err == nil || !strings.Contains(err.Error(), "超出一页") {
		t.Fatalf("err = %v", err)
	}
}

// A workflow whose arrows the layout cannot draw is refused.
func TestWorkflowCheck(t *testing.T) {
	for name, edit := range map[string]func(*workflow.Workflow){
		"flow skipping a stage": func(w *workflow.Workflow) { w.Edges[2].To = "会谈交办" },
		"loop going down":       func(w *workflow.Workflow) { w.Edges[9].From, w.Edges[9].To = "协调跟进", "开工建设" },
		"duplicate stage":       func(w *workflow.Workflow) { w.Stages[1].Name = "客商考察" },
		"unknown office":        func(w *workflow.Workflow) { w.Stages[0].Office = "市某办" },
		"hand-over not last":    func(w *workflow.Workflow) { w.Edges[6].From = "商务谈判" },
	} {
		wf := workflow.Default()
		edit(wf)
		if _, err := placeWorkflow(wf, wfOptions{stage: -1}, 400, 1e6, testMeasure(t)); err == nil {
			t.Errorf("%s: drawn", name)
		}
	}
}

// seedTexts are the diagram's texts in the seed (testdata/workflow-seed.txt).
func seedTexts(t *testing.T) []string {
	data, err := os.ReadFile("testdata/workflow-seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// The copy in testdata is the seed's (when the seed is at hand).
func TestWorkflowSeedCopy(t *testing.T) {
	data, err := os.ReadFile("/work/shared/seed/000_ec5d01dc7617be0d.txt")
	if err != nil {
		t.Skip("seed not at hand")
	}
	lines := strings.Split(string(data), "\n")
	want := strings.Fields(lines[0])
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == workflow.Arrangement {
			start = i
			break
		}
	}
	for _, l := range lines[max(start, 0):] {
		if l = strings.TrimSpace(l); l != "" {
			want = append(want, l)
		}
	}
	if got := seedTexts(t); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("testdata/workflow-seed.txt is not the seed's diagram:\n%q\n%q", got, want)
	}
}

// squeeze drops blanks and line breaks, as text extraction adds them.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\u3000' || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// layoutPages lays the diagram out as the PDF does.
func layoutPages(t *testing.T, opts ...Option) (*layout.Document, []*pdf.Page) {
	t.Helper()
	c, err := newConfig(opts)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := composeBlank(workflow.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := fonts.Default()
	pages, err := pdf.Layout(t.Context(), doc, set)
	if err != nil {
		t.Fatal(err)
	}
	return doc, pages
}

// On the PDF's page: one page; every line of text inside its box and every
// shape and text inside the type area; every seed text there, in order of
// its box.
func TestWorkflowPDFPage(t *testing.T) {
	for _, opts := range [][]Option{nil, {WithAnnotate()}, {WithStage("开工建设"), WithAnnotate()}} {
		doc, pages := layoutPages(t, opts...)
		if len(pages) != 1 {
			t.Fatalf("%d pages", len(pages))
		}
		pg := pages[0]
		mg := doc.Sections[0].Page.Margins
		area := frect{float64(mg.Left), float64(mg.Top), pg.Width - float64(mg.Right), pg.Height - float64(mg.Bottom)}
		var text strings.Builder
		inBoxes := 0
		for _, tx := range pg.Texts {
			b := tx.Bounds()
			if tx.Box.Y >= area.y1 { // the page number, below the type area
				continue
			}
			text.WriteString(tx.Text)
			if !area.holds(frect{b.X, b.Y, b.Right(), b.Bottom()}) {
				t.Errorf("text %q at %+v outside the type area", tx.Text, b)
			}
			if b.X < tx.Box.X-geps || b.Right() > tx.Box.Right()+geps || b.Y < tx.Box.Y-geps || b.Bottom() > tx.Box.Bottom()+geps {
				t.Errorf("text %q at %+v outside its box %+v", tx.Text, b, tx.Box)
			}
			if tx.Box.W < float64(doc.Sections[0].Page.ContentWidth())-1 {
				inBoxes++
			}
		}
		if inBoxes < 40 {
			t.Errorf("only %d lines in boxes", inBoxes)
		}
		if len(pg.Paths) < 30 {
			t.Errorf("only %d paths", len(pg.Paths))
		}
		for _, p := range pg.Paths {
			for i := 0; i < len(p.Points); i += 2 {
				if !area.holds(frect{p.Points[i], p.Points[i+1], p.Points[i], p.Points[i+1]}) {
					t.Errorf("shape %q at (%.1f, %.1f) outside the type area", p.Shape, p.Points[i], p.Points[i+1])
				}
			}
		}
		got := text.String()
		for _, s := range seedTexts(t) {
			if !strings.Contains(got, squeeze(s)) {
				t.Errorf("seed text %q not on the page", s)
			}
		}
	}
}

// --annotate names the forms beside their stages and the loop; --stage
// shades one box and gives it a bold frame.
func TestWorkflowOptions(t *testing.T) {
	c, _ := newConfig(nil)
	plain, err := composeBlank(workflow.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	c, _ = newConfig([]Option{WithAnnotate(), WithStage(" 项目签约 ")})
	marked, err := composeBlank(workflow.ID, c)
	if err != nil {
		t.Fatal(err)
	}
	boxText := func(doc *layout.Document) (string, map[string]layout.Box) {
		d := doc.Sections[0].Blocks[len(doc.Sections[0].Blocks)-1].(*layout.Drawing)
		var s strings.Builder
		boxes := map[string]layout.Box{}
		for _, b := range d.Boxes {
			boxes[b.Name] = b
			for _, p := range b.Paragraphs {
				s.WriteString(p.Text())
			}
			s.WriteString("|")
		}
		return s.String(), boxes
	}
	pt, pb := boxText(plain)
	mt, mb := boxText(marked)
	for _, in := range forms.All() {
		if strings.Contains(pt, in.Attachment) {
			t.Errorf("plain diagram names %s", in.Attachment)
		}
		if !strings.Contains(mt, in.Attachment) {
			t.Errorf("annotated diagram does not name %s", in.Attachment)
		}
	}
	for _, want := range []string{"附件2对接跟进任务清单", "附件3协调跟进情况表", "附件4签约情况表", "附件5落地进展情况表", "附件6督办单"} {
		if !strings.Contains(mt, want) {
			t.Errorf("annotation %q missing", want)
		}
	}
	for name, b := range mb {
		lit := b.Shade > 0 || b.Stroke.Width > wfLine
		if lit != (name == "项目签约") {
			t.Errorf("box %q: shade %d, line %.2f", name, b.Shade, b.Stroke.Width)
		}
	}
	for name, b := range pb {
		if b.Shade > 0 || b.Stroke.Width > wfLine {
			t.Errorf("plain diagram: box %q highlighted", name)
		}
	}
	if _, ok := mb["项目签约（表单）"]; !ok {
		t.Error("no annotation box beside 项目签约")
	}
}

// An unknown stage is an option error listing every stage; the diagram's
// options are refused for the forms, A3 for the diagram.
func TestWorkflowOptionErrors(t *testing.T) {
	var buf bytes.Buffer
	err := RenderBlank(t.Context(), &buf, workflow.ID, PDF, WithStage("项目落地"))
	var oe *OptionError
	if !errors.As(err, &oe) || buf.Len() > 0 {
		t.Fatalf("err = %v, %d bytes", err, buf.Len())
	}
	for _, s := range workflow.Default().StageNames() {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("%q does not list %s", err, s)
		}
	}
	if !strings.Contains(err.Error(), "未知的阶段“项目落地”") {
		t.Errorf("message %q", err)
	}
	for _, opt := range []Option{WithAnnotate(), WithStage("项目签约")} {
		if err := RenderBlank(t.Context(), &buf, forms.SigningID, PDF, opt); !errors.As(err, &oe) {
			t.Errorf("附件4 with a diagram option: %v", err)
		}
		if err := Render(t.Context(), &buf, parseExample(t, forms.LandingID), DOCX, opt); !errors.As(err, &oe) {
			t.Errorf("附件5 with a diagram option: %v", err)
		}
	}
	if err := RenderBlank(t.Context(), &buf, workflow.ID, PDF, WithPaper(A3)); !errors.As(err, &oe) {
		t.Errorf("A3: %v", err)
	}
}

// Same bytes twice, in both formats; the file name is the diagram's.
func TestWorkflowDeterministic(t *testing.T) {
	for _, f := range []Format{PDF, DOCX} {
		var a, b bytes.Buffer
		if err := RenderBlank(t.Context(), &a, workflow.ID, f, WithAnnotate(), WithStage("落地服务")); err != nil {
			t.Fatal(err)
		}
		if err := RenderBlank(t.Context(), &b, workflow.ID, f, WithAnnotate(), WithStage("落地服务")); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() == 0 {
			t.Errorf("%s: two renders differ (%d, %d bytes)", f, a.Len(), b.Len())
		}
	}
	if got, want := BlankFileName(workflow.ID, PDF), "附件1-湘潭市重点招商项目闭环管理工作流程图.pdf"; got != want {
		t.Errorf("file name %q, want %q", got, want)
	}
}

// Lines are broken at any CJK character, never before closing or after
// opening punctuation, never inside a Latin word, and never wider than the
// width (unless one character is).
func TestWrapLine(t *testing.T) {
	m := testMeasure(t)
	f := layout.Font{Role: layout.RoleBody, Size: 9}
	r := rand.New(rand.NewPCG(3, 9))
	pool := []rune("招商项目签约，。、（）《》ABCxyz0123 ")
	for range 2000 {
		var b strings.Builder
		for range 1 + r.IntN(40) {
			b.WriteRune(pool[r.IntN(len(pool))])
		}
		s := b.String()
		width := layout.Length(9 * (1 + r.IntN(12)))
		lines := wrapLine(s, width, f, m)
		if strings.Join(lines, "") != s {
			t.Fatalf("%q → %q", s, lines)
		}
		for i, l := range lines {
			rs := []rune(l)
			if w := m(l, f); w > width+geps && len(rs) > 1 {
				t.Errorf("%q at %v: line %q is %.1f wide", s, width, l, w)
			}
			if i > 0 && len(rs) > 0 && strings.ContainsRune(wfNoStart, rs[0]) && len([]rune(lines[i-1])) > 1 {
				t.Errorf("%q: line %q starts with closing punctuation", s, l)
			}
		}
	}
}

// A renamed stage and an added one still draw cleanly on the page: the
// positions follow from the texts and the order, not from coordinates.
func TestWorkflowRenamedAndAdded(t *testing.T) {
	wf := workflow.Default()
	k, _ := wf.StageIndex("项目签约")
	wf.Stages[k].Name = "项目正式签约暨集中签约仪式"
	for i := range wf.Edges {
		if wf.Edges[i].From == "项目签约" {
			wf.Edges[i].From = wf.Stages[k].Name
		}
		if wf.Edges[i].To == "项目签约" {
			wf.Edges[i].To = wf.Stages[k].Name
		}
	}
	wf.Stages = append(wf.Stages, workflow.Stage{Name: "竣工投产", Office: workflow.LandOffice, Steps: []string{"达产达效评估"}})
	wf.Edges = append(wf.Edges, workflow.Edge{From: "开工建设", To: "竣工投产", Kind: workflow.Flow},
		workflow.Edge{From: "竣工投产", To: "协调跟进", Kind: workflow.Supervise})
	c, _ := newConfig([]Option{WithAnnotate()})
	c.wf.stage = "竣工投产"
	doc, err := workflowDocument(wf, c)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := fonts.Default()
	pages, err := pdf.Layout(t.Context(), doc, set)
	if err != nil || len(pages) != 1 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	m := fontMeasure(set)
	page := supervisionPage()
	p, err := placeWorkflow(wf, wfOptions{annotate: true, stage: len(wf.Stages) - 1}, page.ContentWidth(), page.ContentHeight(), m)
	if err != nil {
		t.Fatal(err)
	}
	checkPlaced(t, wf, p, m)
}
