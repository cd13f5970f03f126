package docx_test

import (
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// runFont returns the font names and half-point size of the run holding
// text (the first match).
func runFont(t testing.TB, doc *node, text string) (rFonts map[string]string, sz, szCs, lang string) {
	t.Helper()
	for _, r := range doc.all("w:r") {
		if tn := r.child("w:t"); tn != nil && tn.text == text {
			rPr := r.child("w:rPr")
			return rPr.child("w:rFonts").attrs, rPr.child("w:sz").attrs["w:val"], rPr.child("w:szCs").attrs["w:val"],
				rPr.child("w:lang").attrs["w:eastAsia"]
		}
	}
	t.Fatalf("no run with text %q", text)
	return nil, "", "", ""
}

// TestFontsAndSizes checks fonts by role in every slot and sizes in
// half-points.
func TestFontsAndSizes(t *testing.T) {
	for _, c := range []struct {
		name, text, font, size string
		data                   func(testing.TB) []byte
	}{
		{"title", "市级重点招商项目对接跟进任务清单", "方正小标宋简体", "44", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }},
		{"附件N", "附件2", "黑体", "32", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }},
		{"meta", "湘潭经开区管委会", "仿宋_GB2312", "28", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }},
		{"header 五号", "项目基本情况", "黑体", "21", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }},
		{"body 五号", "市商务局", "仿宋_GB2312", "21", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }},
		{"A3 小五", "动力电池结构件项目", "仿宋_GB2312", "18", func(t testing.TB) []byte { return renderExample(t, forms.SigningID) }},
		{"A4 六号", "动力电池结构件项目", "仿宋_GB2312", "15", func(t testing.TB) []byte {
			return renderExample(t, forms.SigningID, docgen.WithPaper(docgen.A4))
		}},
		{"督办单 三号", "湘潭经开区管委会", "仿宋_GB2312", "32", func(t testing.TB) []byte { return renderExample(t, forms.SupervisionID) }},
		{"override", "附件2", "方正黑体_GBK", "32", func(t testing.TB) []byte {
			return renderExample(t, forms.TaskListID, docgen.WithFontNames(map[fonts.Role]string{fonts.Label: "方正黑体_GBK"}))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := unzip(t, c.data(t))
			fonts, sz, szCs, lang := runFont(t, p.doc(t), c.text)
			for _, slot := range []string{"w:ascii", "w:eastAsia", "w:hAnsi", "w:cs"} {
				if fonts[slot] != c.font {
					t.Errorf("%s = %q, want %q", slot, fonts[slot], c.font)
				}
			}
			if sz != c.size || szCs != c.size {
				t.Errorf("sz %s szCs %s, want %s", sz, szCs, c.size)
			}
			if lang != "zh-CN" {
				t.Errorf("eastAsia language %q", lang)
			}
			ft := p.trees["word/fontTable.xml"]
			found := false
			for _, f := range ft.kids("w:font") {
				found = found || f.attrs["w:name"] == c.font
			}
			if !found {
				t.Errorf("%s not in fontTable.xml", c.font)
			}
		})
	}
}

// TestPageSetup checks paper, orientation, margins, page numbers
// restarting at 1, and the footers.
func TestPageSetup(t *testing.T) {
	a4 := layout.Page{Size: layout.A4()}
	for _, c := range []struct {
		name                     string
		data                     func(testing.TB) []byte
		w, h                     layout.Length
		landscape                bool
		top, right, bottom, left float64 // mm
	}{
		{"tasklist", func(t testing.TB) []byte { return renderExample(t, forms.TaskListID) }, a4.Size.Height, a4.Size.Width, true, 28, 37, 26, 35},
		{"signing A3", func(t testing.TB) []byte { return renderExample(t, forms.SigningID) }, layout.A3().Height, layout.A3().Width, true, 25, 25, 25, 25},
		{"signing A4", func(t testing.TB) []byte { return renderBlank(t, forms.SigningID, docgen.WithPaper(docgen.A4)) }, a4.Size.Height, a4.Size.Width, true, 28, 37, 26, 35},
		{"supervision", func(t testing.TB) []byte { return renderExample(t, forms.SupervisionID) }, a4.Size.Width, a4.Size.Height, false, 37, 26, 35, 28},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := unzip(t, c.data(t))
			doc := p.doc(t)
			sects := doc.all("w:sectPr")
			if len(sects) != 1 || doc.path("w:body", "w:sectPr") == nil {
				t.Fatalf("%d sections, want one as the body's last child", len(sects))
			}
			s := sects[0]
			sz := s.child("w:pgSz")
			if atoi(t, sz, "w:w") != c.w.Twips() || atoi(t, sz, "w:h") != c.h.Twips() {
				t.Errorf("pgSz %v, want %d×%d", sz.attrs, c.w.Twips(), c.h.Twips())
			}
			if (sz.attrs["w:orient"] == "landscape") != c.landscape {
				t.Errorf("orient %q", sz.attrs["w:orient"])
			}
			mar := s.child("w:pgMar")
			for attr, mm := range map[string]float64{"w:top": c.top, "w:right": c.right, "w:bottom": c.bottom, "w:left": c.left} {
				if got := atoi(t, mar, attr); got != layout.MM(mm).Twips() {
					t.Errorf("%s = %d, want %d", attr, got, layout.MM(mm).Twips())
				}
			}
			// The page number's dashes 7 mm below the type area (its
			// baseline 0.3 em lower): the footer's bottom a descent lower.
			want := layout.MM(c.bottom) - (layout.MM(7) + 14*0.3) - 14*0.14
			if got := atoi(t, mar, "w:footer"); got != want.Twips() {
				t.Errorf("footer distance %d, want %d", got, want.Twips())
			}
			if s.path("w:pgNumType").attrs["w:start"] != "1" {
				t.Error("page numbers do not start at 1")
			}
			refs := map[string]string{}
			for _, fr := range s.kids("w:footerReference") {
				refs[fr.attrs["w:type"]] = fr.attrs["r:id"]
			}
			if refs["default"] == "" || refs["even"] == "" || refs["default"] == refs["even"] {
				t.Fatalf("footer references %v", refs)
			}
			if p.trees["word/settings.xml"].child("w:evenAndOddHeaders") == nil {
				t.Error("settings.xml lacks evenAndOddHeaders")
			}
			targets := relTargets(t, p)
			odd := p.trees["word/"+targets[refs["default"]]]
			even := p.trees["word/"+targets[refs["even"]]]
			checkFooter(t, odd, "right", "w:right")
			checkFooter(t, even, "left", "w:left")
		})
	}
}

// relTargets maps document relationship ids to targets.
func relTargets(t testing.TB, p *pkg) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range p.trees["word/_rels/document.xml.rels"].kids("rel:Relationship") {
		out[r.attrs["Id"]] = r.attrs["Target"]
	}
	return out
}

// checkFooter checks a page number footer: "— PAGE —" in 宋体 四号,
// aligned to side with a one-character (14 pt) indent.
func checkFooter(t *testing.T, ftr *node, side, indent string) {
	t.Helper()
	if ftr == nil {
		t.Fatal("footer part missing")
	}
	p := ftr.child("w:p")
	if jc := p.path("w:pPr", "w:jc"); jc == nil || jc.attrs["w:val"] != side {
		t.Errorf("footer not aligned %s", side)
	}
	if ind := p.path("w:pPr", "w:ind"); ind == nil || ind.attrs[indent] != "280" {
		t.Errorf("footer indent: want %s=280", indent)
	}
	var text, instr strings.Builder
	for _, r := range p.kids("w:r") {
		if tn := r.child("w:t"); tn != nil {
			text.WriteString(tn.text)
		}
		if in := r.child("w:instrText"); in != nil {
			instr.WriteString(in.text)
		}
		fonts := r.path("w:rPr", "w:rFonts")
		if fonts == nil || fonts.attrs["w:eastAsia"] != "宋体" || fonts.attrs["w:ascii"] != "宋体" {
			t.Errorf("footer run font %v", fonts)
		}
		if sz := r.path("w:rPr", "w:sz"); sz == nil || sz.attrs["w:val"] != "28" {
			t.Error("footer run not 四号")
		}
	}
	if text.String() != "— 1 —" || strings.TrimSpace(instr.String()) != "PAGE" {
		t.Errorf("footer text %q field %q", text.String(), instr.String())
	}
}

// TestBatchSections checks a batch of 督办单: one section each, every one
// but the last closed in a paragraph, numbers restarting at 1 in each.
func TestBatchSections(t *testing.T) {
	data := `[` + exampleJSON(t, forms.SupervisionID) + `,` + exampleJSON(t, forms.SupervisionID) + `,` +
		exampleJSON(t, forms.SupervisionID) + `]`
	f, err := forms.Parse(forms.SupervisionID, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	p := unzip(t, render(t, f, docgen.WithSeal(testSeal)))
	doc := p.doc(t)
	sects := doc.all("w:sectPr")
	if len(sects) != 3 {
		t.Fatalf("%d sections, want 3", len(sects))
	}
	for i, s := range sects {
		inParagraph := s.parent.name == "w:pPr"
		if inParagraph != (i < 2) {
			t.Errorf("section %d: sectPr in %s", i+1, s.parent.name)
		}
		if s.path("w:pgNumType").attrs["w:start"] != "1" {
			t.Errorf("section %d: numbers do not restart", i+1)
		}
	}
	// The paragraph closing a section after its table is 1 pt high.
	closing := sects[0].parent.parent
	if l := closing.path("w:pPr", "w:spacing"); l.attrs["w:line"] != "20" || l.attrs["w:lineRule"] != "exact" {
		t.Errorf("closing paragraph spacing %v", l.attrs)
	}
	// One seal image stored, drawn three times with distinct ids.
	if n := len(doc.all("wp:anchor")); n != 3 {
		t.Errorf("%d drawings, want 3", n)
	}
	ids := map[string]bool{}
	for _, d := range doc.all("wp:docPr") {
		ids[d.attrs["id"]] = true
	}
	if len(ids) != 3 {
		t.Errorf("drawing ids %v are not distinct", ids)
	}
	media := 0
	for _, name := range p.order {
		if strings.HasPrefix(name, "word/media/") {
			media++
		}
	}
	if media != 1 {
		t.Errorf("%d media parts, want 1", media)
	}
}

// TestSectionWithoutNumbers checks that a section without page numbers
// after one with them names empty footers instead of inheriting numbers.
func TestSectionWithoutNumbers(t *testing.T) {
	doc := oneSection(&layout.Paragraph{Spans: []layout.Span{{Text: "一"}}, Font: body})
	sec := doc.Sections[0]
	doc.Sections[0].PageNumbers = &layout.PageNumbers{Font: layout.Font{Role: layout.RoleNumber, Size: 14},
		Format: "— %d —", Distance: layout.MM(7), Indent: 14}
	sec.Blocks = []layout.Block{&layout.Paragraph{Spans: []layout.Span{{Text: "二"}}, Font: body}}
	doc.Sections = append(doc.Sections, sec)
	data, err := renderLayout(t, doc, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := unzip(t, data)
	sects := p.doc(t).all("w:sectPr")
	if len(sects) != 2 {
		t.Fatalf("%d sections", len(sects))
	}
	targets := relTargets(t, p)
	for i, s := range sects {
		refs := s.kids("w:footerReference")
		if len(refs) != 2 {
			t.Fatalf("section %d: %d footer references", i+1, len(refs))
		}
		for _, r := range refs {
			ftr := p.trees["word/"+targets[r.attrs["r:id"]]]
			if hasField := len(ftr.all("w:instrText")) > 0; hasField != (i == 0) {
				t.Errorf("section %d: %s footer has a page field: %v", i+1, r.attrs["w:type"], hasField)
			}
		}
		if (s.child("w:pgNumType") != nil) != (i == 0) {
			t.Errorf("section %d: pgNumType", i+1)
		}
	}
}
