package docx_test

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// anchorOf returns the only wp:anchor of a document and its offsets in
// points.
func anchorOf(t testing.TB, doc *node) (a *node, x, y float64) {
	t.Helper()
	as := doc.all("wp:anchor")
	if len(as) != 1 {
		t.Fatalf("%d anchors, want 1", len(as))
	}
	a = as[0]
	px, err1 := strconv.ParseInt(a.path("wp:positionH", "wp:posOffset").text, 10, 64)
	py, err2 := strconv.ParseInt(a.path("wp:positionV", "wp:posOffset").text, 10, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("offsets: %v %v", err1, err2)
	}
	return a, float64(px) / 12700, float64(py) / 12700
}

// TestSealDrawing checks the seal's drawing: an anchored PNG that takes no
// room, 42 mm wide, stored once with its content type and relationship.
func TestSealDrawing(t *testing.T) {
	p := unzip(t, renderExample(t, forms.TaskListID, docgen.WithSeal(testSeal)))
	doc := p.doc(t)
	a, _, _ := anchorOf(t, doc)
	if a.child("wp:wrapNone") == nil || a.attrs["allowOverlap"] != "1" {
		t.Error("the seal is not wrapNone with allowOverlap")
	}
	// Multiply (ink): behind the text, which stays readable.
	if a.attrs["behindDoc"] != "1" {
		t.Errorf("behindDoc %q for an ink image", a.attrs["behindDoc"])
	}
	want := layout.MM(42).EMU()
	if ext := a.child("wp:extent"); ext.attrs["cx"] != strconv.FormatInt(want, 10) || ext.attrs["cy"] != ext.attrs["cx"] {
		t.Errorf("extent %v, want %d square", ext.attrs, want)
	}
	blip := a.all("a:blip")[0].attrs["r:embed"]
	target := relTargets(t, p)[blip]
	if got := p.files["word/"+target]; !bytes.Equal(got, testSeal) {
		t.Errorf("relationship %s → %s does not hold the seal", blip, target)
	}
	png := false
	for _, d := range p.trees["[Content_Types].xml"].kids("ct:Default") {
		png = png || (d.attrs["Extension"] == "png" && d.attrs["ContentType"] == "image/png")
	}
	if !png {
		t.Error("no content type for png")
	}
	// The drawing is in the meta line's paragraph, before the unit name.
	r := a.parent.parent // w:drawing → w:r
	par := r.parent
	idx := -1
	for i, c := range par.children {
		if c == r {
			idx = i
		}
	}
	next := par.children[idx+1]
	if next.plain() != "湘潭经开区管委会" {
		t.Errorf("the seal's run is followed by %q, want the unit", next.plain())
	}
}

// TestSealOverUnit checks the seal's centre against the estimated centre
// of the unit name on the meta line (附件2–5): the name follows
// "单位（盖章）：", all 1 em characters of 四号 14 pt; the seal moves down
// as far as needed not to touch the title above.
func TestSealOverUnit(t *testing.T) {
	for _, id := range []forms.ID{forms.TaskListID, forms.FollowupID, forms.SigningID, forms.LandingID} {
		t.Run(string(id), func(t *testing.T) {
			f := parseExample(t, id)
			lay, err := docgen.Compose(f, docgen.WithSeal(testSeal))
			if err != nil {
				t.Fatal(err)
			}
			var meta, title *layout.Paragraph
			for i, b := range lay.Sections[0].Blocks {
				if p, ok := b.(*layout.Paragraph); ok && len(p.Spans) == 2 && p.Spans[1].Anchor != "" {
					meta, title = p, lay.Sections[0].Blocks[i-1].(*layout.Paragraph)
				}
			}
			if meta == nil {
				t.Fatal("no meta line with an anchored span")
			}
			img := lay.Sections[0].Images[0]
			_, x, y := anchorOf(t, unzip(t, render(t, f, docgen.WithSeal(testSeal))).doc(t))
			unit := []rune(meta.Spans[1].Text)
			cx := 14 * (7 + float64(len(unit))/2) // "单位（盖章）：" is 7 characters
			cy := float64(meta.SpaceBefore + meta.Leading()/2)
			w, h := float64(img.Width), float64(img.Height)
			// Centred on the unit, but its top not above the title's line:
			// the title ends its SpaceAfter above the meta line's top.
			wantY := max(cy+float64(img.OffsetY), -float64(title.SpaceAfter)+h/2)
			if math.Abs(x+w/2-cx) > 0.5 || math.Abs(y+h/2-wantY) > 0.5 {
				t.Errorf("seal centre (%.1f, %.1f), want (%.1f, %.1f)", x+w/2, y+h/2, cx, wantY)
			}
			if y < -float64(title.SpaceAfter)-0.01 {
				t.Errorf("seal top %.1f pt above the meta line reaches the title (%.1f)", -y, float64(title.SpaceAfter))
			}
		})
	}
}

// TestSealInTable checks a seal anchored in a table cell: it goes in the
// paragraph after the table (a cell keeps its drawings inside), moved up by
// the table's estimated height onto the anchored spans.
func TestSealInTable(t *testing.T) {
	png := testSeal
	cellPara := func(text, anchor string) layout.Paragraph {
		return layout.Paragraph{Spans: []layout.Span{{Text: text, Anchor: anchor}}, Font: body, LineHeight: 20}
	}
	tbl := &layout.Table{Columns: []layout.Length{100, 300}, Padding: layout.Insets{Top: 4, Bottom: 4, Left: 6, Right: 6},
		Rows: []layout.Row{
			{Cells: []layout.Cell{{Paragraphs: []layout.Paragraph{cellPara("甲", "")}}, {}}, MinHeight: 100},
			{Cells: []layout.Cell{{Paragraphs: []layout.Paragraph{cellPara("乙", "")}},
				{Paragraphs: []layout.Paragraph{cellPara("一二三四", "seal")}, VAlign: layout.VAlignTop}}, MinHeight: 60},
		}}
	doc := oneSection(&layout.Paragraph{Spans: []layout.Span{{Text: "前"}}, Font: body}, tbl)
	doc.Sections[0].Images = []layout.Image{{PNG: png, Width: 50, Height: 40, Anchor: "seal", OffsetY: -5, Multiply: true}}
	data, err := renderLayout(t, doc, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := unzip(t, data).doc(t)
	a, x, y := anchorOf(t, d)
	// The paragraph after the table holds it.
	host := a.parent.parent.parent
	if host.name != "w:p" || host.parent.name != "w:body" || prevSibling(host).name != "w:tbl" {
		t.Fatalf("the seal is not in the paragraph after the table")
	}
	// Anchor box: x 100+6 .. +4×10.5, y 100+4 .. +20 from the table's top;
	// the table is 160 high, so its bottom is the origin.
	cx, cy := 106+2*10.5, 104+10-160.0
	if math.Abs(x+25-cx) > 0.5 || math.Abs(y+20-(cy-5)) > 0.5 {
		t.Errorf("centre (%.1f, %.1f), want (%.1f, %.1f)", x+25, y+20, cx, cy-5)
	}
	// A missing anchor is an error, never an unstamped document.
	doc.Sections[0].Images[0].Anchor = "nowhere"
	if _, err := renderLayout(t, doc, docx.Options{}); err == nil {
		t.Error("missing anchor: no error")
	}
}

func prevSibling(n *node) *node {
	for i, c := range n.parent.children {
		if c == n && i > 0 {
			return n.parent.children[i-1]
		}
	}
	return &node{}
}

// TestSupervisionSeal checks 附件6: the seal over the issuer and issue
// date, in the paragraph that closes the section after the table.
func TestSupervisionSeal(t *testing.T) {
	p := unzip(t, renderExample(t, forms.SupervisionID, docgen.WithSeal(testSeal)))
	a, x, y := anchorOf(t, p.doc(t))
	host := a.parent.parent.parent
	if prevSibling(host).name != "w:tbl" {
		t.Fatal("the seal is not after the table")
	}
	// Centred in the content column (28 + 36 mm from the page's left edge
	// to the column, 156 − 36 mm wide), its bottom above the table's end.
	w := float64(layout.MM(42))
	col := float64(layout.MM(36))
	if c := x + w/2; c < col || c > float64(layout.MM(156)) {
		t.Errorf("seal centre x %.1f pt outside the content column", c)
	}
	// Its centre in the last row (at least 36 mm high), above the end.
	if c := y + w/2; c > 0 || c < -float64(layout.MM(40)) {
		t.Errorf("seal centre y %.1f pt from the table's end: not over the last row", c)
	}
}

// TestDeterministic renders every variant twice (and with FontNames in a
// map) and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, v := range variants() {
		if a, b := v.data(t), v.data(t); !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", v.name)
		}
	}
	f := parseExample(t, forms.SigningID)
	lay, err := docgen.Compose(f, docgen.WithSeal(testSeal))
	if err != nil {
		t.Fatal(err)
	}
	names := map[layout.Role]string{layout.RoleTitle: "甲", layout.RoleLabel: "乙", layout.RoleBody: "丙", layout.RoleNumber: "丁"}
	var first []byte
	for i := range 5 {
		var buf bytes.Buffer
		if err := docx.Render(context.Background(), &buf, lay, docx.Options{FontNames: names}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(first, buf.Bytes()) {
			t.Fatal("renderings with FontNames differ")
		}
	}
}

// TestCancelled checks that a cancelled context stops rendering.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := docx.Render(ctx, &buf, oneSection(), docx.Options{}); err == nil || buf.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes", err, buf.Len())
	}
}

// TestSealNearerSide checks the other placements of a seal anchored in a
// table: in the paragraph before the table when the anchor is nearer the
// table's top, and in the anchored paragraph itself when the table has no
// paragraph beside it.
func TestSealNearerSide(t *testing.T) {
	row := func(text, anchor string, h layout.Length) layout.Row {
		return layout.Row{MinHeight: h, Cells: []layout.Cell{{VAlign: layout.VAlignTop, Paragraphs: []layout.Paragraph{
			{Spans: []layout.Span{{Text: text, Anchor: anchor}}, Font: body, LineHeight: 20}}}}}
	}
	tbl := &layout.Table{Columns: []layout.Length{200}, Rows: []layout.Row{row("印", "seal", 50), row("乙", "", 300)}}
	before := &layout.Paragraph{Spans: []layout.Span{{Text: "前"}}, Font: body, LineHeight: 30}
	after := &layout.Paragraph{Spans: []layout.Span{{Text: "后"}}, Font: body}
	img := layout.Image{PNG: testSeal, Width: 40, Height: 40, Anchor: "seal"}

	doc := oneSection(before, tbl, after)
	doc.Sections[0].Images = []layout.Image{img}
	data, err := renderLayout(t, doc, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, x, y := anchorOf(t, unzip(t, data).doc(t))
	if host := a.parent.parent.parent; host.plain() != "前\n" {
		t.Errorf("the seal is in %q, want the paragraph before the table", host.plain())
	}
	// "印" is 10.5 wide at the cell's left, its line 20 high, below the
	// 30 pt paragraph.
	if math.Abs(x+20-5.25) > 0.5 || math.Abs(y+20-(30+10)) > 0.5 {
		t.Errorf("centre (%.1f, %.1f), want (5.2, 40)", x+20, y+20)
	}

	doc = oneSection(tbl, &layout.Table{Columns: []layout.Length{200}, Rows: []layout.Row{row("丙", "", 10)}})
	doc.Sections[0].Images = []layout.Image{img}
	if data, err = renderLayout(t, doc, docx.Options{}); err != nil {
		t.Fatal(err)
	}
	a, x, y = anchorOf(t, unzip(t, data).doc(t))
	if host := a.parent.parent.parent; host.plain() != "印\n" || host.parent.name != "w:tc" {
		t.Errorf("the seal is in %q in %s, want the anchored paragraph in its cell", host.plain(), host.parent.name)
	}
	if math.Abs(x+20-5.25) > 0.5 || math.Abs(y+20-10) > 0.5 {
		t.Errorf("centre (%.1f, %.1f), want (5.2, 10)", x+20, y+20)
	}
}
