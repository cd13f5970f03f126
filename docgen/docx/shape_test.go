package docx_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/workflow"
)

const wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"

// A drawing is an empty paragraph as tall as the drawing, holding one
// floating Word shape per box (a text box with its lines), connector and
// arrow head, placed from the paragraph and the column as the PDF places
// them: vector shapes, no picture.
func TestDrawingShapes(t *testing.T) {
	body := layout.Font{Role: layout.RoleBody, Size: 10.5}
	page := layout.Page{Size: layout.A4(), Margins: layout.Insets{Top: 72, Bottom: 72, Left: 72, Right: 72}}
	d := &layout.Drawing{Width: 300, Height: 200, SpaceBefore: 12,
		Boxes: []layout.Box{{X: 10, Y: 20, W: 100, H: 40, Stroke: layout.Stroke{Width: 1}, Shade: 20, Name: "甲",
			Padding:    layout.Insets{Top: 3, Bottom: 3, Left: 4, Right: 4},
			Paragraphs: []layout.Paragraph{{Spans: []layout.Span{{Text: "甲方框"}}, Font: body, Align: layout.AlignCenter}}}},
		Connectors: []layout.Connector{{Points: []layout.Point{{X: 60, Y: 60}, {X: 60, Y: 100}, {X: 200, Y: 100}},
			Stroke: layout.Stroke{Width: 0.75, Dash: true}, Arrow: true, ArrowSize: 5}}}
	doc := &layout.Document{Sections: []layout.Section{{Page: page, Blocks: []layout.Block{d}}}}
	var buf bytes.Buffer
	if err := docx.Render(t.Context(), &buf, doc, docx.Options{}); err != nil {
		t.Fatal(err)
	}
	p := unzip(t, buf.Bytes())
	for name := range p.files {
		if strings.HasPrefix(name, "word/media/") {
			t.Errorf("a picture in the package: %s", name)
		}
	}
	root := p.doc(t)
	shapes := root.all(wps + "wsp")
	if len(shapes) != 3 {
		t.Fatalf("%d shapes, want 3 (box, line, head)", len(shapes))
	}
	if got := shapes[0].plain(); !strings.Contains(got, "甲方框") {
		t.Errorf("text box holds %q", got)
	}
	holder := root.path("w:body", "w:p")
	if sp := holder.path("w:pPr", "w:spacing"); sp == nil || sp.attrs["w:line"] != strconv.Itoa((212*20)) || sp.attrs["w:lineRule"] != "exact" {
		t.Errorf("holder paragraph spacing %+v", sp)
	}
	anchors := root.all("wp:anchor")
	off := func(a *node, dir string) string { return a.path("wp:position"+dir, "wp:posOffset").text }
	cx := (float64(page.ContentWidth()) - 300) / 2
	if got, want := off(anchors[0], "H"), strconv.FormatInt(layout.Length(cx+10).EMU(), 10); got != want {
		t.Errorf("box at x %s EMU, want %s", got, want)
	}
	if got, want := off(anchors[0], "V"), strconv.FormatInt(layout.Length(12+20).EMU(), 10); got != want {
		t.Errorf("box at y %s EMU, want %s", got, want)
	}
	if fill := shapes[0].all("a:srgbClr"); len(fill) == 0 || fill[0].attrs["val"] != "CCCCCC" {
		t.Errorf("box fill %+v", fill)
	}
	if shapes[1].all("a:prstDash") == nil || shapes[1].all("a:moveTo") == nil || len(shapes[1].all("a:lnTo")) != 2 {
		t.Error("the connector is not a dashed path of three points")
	}
	if shapes[2].all("a:close") == nil {
		t.Error("the arrow head is not a closed shape")
	}
}

// The workflow diagram's DOCX holds every seed box text in text boxes.
func TestWorkflowDOCXTexts(t *testing.T) {
	var buf bytes.Buffer
	if err := docgen.RenderBlank(t.Context(), &buf, workflow.ID, docgen.DOCX, docgen.WithAnnotate()); err != nil {
		t.Fatal(err)
	}
	root := unzip(t, buf.Bytes()).doc(t)
	var all strings.Builder
	for _, s := range root.all(wps + "txbx") {
		all.WriteString(strings.ReplaceAll(s.plain(), "\n", ""))
	}
	wf := workflow.Default()
	for _, s := range append(append(wf.StageNames(), wf.Arrangement, workflow.OpenOffice, workflow.LandOffice), wf.LoopLabels...) {
		if !strings.Contains(all.String(), s) {
			t.Errorf("no text box holds %q", s)
		}
	}
	for _, st := range wf.Stages {
		for _, s := range st.Steps {
			if !strings.Contains(all.String(), s) {
				t.Errorf("no text box holds %q", s)
			}
		}
	}
}
