package docx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

var isoDate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// inputTexts returns the texts of a JSON input as they must be printed:
// strings line by line, dates as "M月D日", amounts without trailing
// zeros. Seal ids and yes/no values are not printed as such.
func inputTexts(t testing.TB, data []byte) []string {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(key, x)
			}
		case json.Number:
			out = append(out, trimZeros(v.String()))
		case string:
			if key == "seal" {
				return
			}
			if m := isoDate.FindStringSubmatch(v); m != nil {
				out = append(out, fmt.Sprintf("%s月%s日", strings.TrimLeft(m[2], "0"), strings.TrimLeft(m[3], "0")))
				return
			}
			if regexp.MustCompile(`^\d+\.\d+$`).MatchString(v) {
				v = trimZeros(v)
			}
			for _, line := range strings.Split(v, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					out = append(out, line)
				}
			}
		}
	}
	walk("", v)
	return out
}

// trimZeros prints a decimal as the forms do: "6.80" → "6.8", "28" → "28".
func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// TestInputTextsPresent checks that every input string of every example
// is in document.xml, and every span of the layout too.
func TestInputTextsPresent(t *testing.T) {
	for _, info := range forms.All() {
		t.Run(string(info.ID), func(t *testing.T) {
			f := parseExample(t, info.ID)
			p := unzip(t, render(t, f))
			text := p.doc(t).plain()
			texts := inputTexts(t, []byte(exampleJSON(t, info.ID)))
			if len(texts) < 5 {
				t.Fatalf("only %d input texts", len(texts))
			}
			for _, s := range texts {
				if !strings.Contains(text, s) {
					t.Errorf("input %q not in document.xml", s)
				}
			}
			lay, err := docgen.Compose(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, sec := range lay.Sections {
				for _, s := range spans(sec.Blocks) {
					if !strings.Contains(text, s) {
						t.Errorf("layout text %q not in document.xml", s)
					}
				}
			}
		})
	}
}

// spans returns the text of every span in the blocks.
func spans(blocks []layout.Block) []string {
	var out []string
	para := func(p *layout.Paragraph) {
		for _, sp := range append(append([]layout.Span(nil), p.Spans...), p.Right...) {
			if sp.Text != "" {
				out = append(out, sp.Text)
			}
		}
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *layout.Paragraph:
			para(b)
		case *layout.Table:
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					for i := range c.Paragraphs {
						para(&c.Paragraphs[i])
					}
				}
			}
		}
	}
	return out
}

// renderLayout renders a hand-made document.
func renderLayout(t testing.TB, doc *layout.Document, opts docx.Options) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	err := docx.Render(context.Background(), &buf, doc, opts)
	return buf.Bytes(), err
}

// oneSection is a document of one A4 section holding blocks.
func oneSection(blocks ...layout.Block) *layout.Document {
	page := layout.Page{Size: layout.A4(), Margins: layout.Insets{Top: 72, Right: 72, Bottom: 72, Left: 72}}
	return &layout.Document{Title: "测试", Creator: "zsdoc", Sections: []layout.Section{{Page: page, Blocks: blocks}}}
}

var body = layout.Font{Role: layout.RoleBody, Size: 10.5}

// TestTextEscapingAndBlanks checks escaping, tabs, preserved blanks, empty
// paragraphs and paragraph settings.
func TestTextEscapingAndBlanks(t *testing.T) {
	doc := oneSection(
		&layout.Paragraph{Spans: []layout.Span{{Text: `<a & "b">`}, {Text: " lead"}, {Text: "x\ty"}}, Font: body,
			Align: layout.AlignJustify, LineHeight: 20, SpaceBefore: 3, SpaceAfter: 4.5},
		&layout.Paragraph{Font: layout.Font{Role: layout.RoleLabel, Size: 16}, LineHeight: 28},
	)
	data, err := renderLayout(t, doc, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := unzip(t, data)
	ps := p.doc(t).path("w:body").kids("w:p")
	if len(ps) != 2 {
		t.Fatalf("%d paragraphs", len(ps))
	}
	if got := ps[0].plain(); got != "<a & \"b\"> leadx\ty\n" {
		t.Errorf("text %q", got)
	}
	for _, tn := range ps[0].all("w:t") {
		preserve := tn.attrs["xml:space"] == "preserve"
		blank := strings.HasPrefix(tn.text, " ") || strings.HasSuffix(tn.text, " ")
		if preserve != blank {
			t.Errorf("w:t %q: xml:space preserve %v", tn.text, preserve)
		}
	}
	if len(ps[0].all("w:tab")) != 1 {
		t.Error("the tab is not a w:tab")
	}
	sp := ps[0].path("w:pPr", "w:spacing").attrs
	if sp["w:line"] != "400" || sp["w:lineRule"] != "exact" || sp["w:before"] != "60" || sp["w:after"] != "90" {
		t.Errorf("spacing %v", sp)
	}
	if ps[0].path("w:pPr", "w:jc").attrs["w:val"] != "both" {
		t.Error("justified paragraph is not jc both")
	}
	// The empty paragraph keeps its line height and its font.
	if len(ps[1].kids("w:r")) != 0 {
		t.Error("empty paragraph has runs")
	}
	if sp := ps[1].path("w:pPr", "w:spacing").attrs; sp["w:line"] != "560" || sp["w:lineRule"] != "exact" {
		t.Errorf("empty paragraph spacing %v", sp)
	}
	if sz := ps[1].path("w:pPr", "w:rPr", "w:sz"); sz == nil || sz.attrs["w:val"] != "32" {
		t.Error("empty paragraph mark has no size")
	}
	core := p.trees["docProps/core.xml"]
	if core.child("dc:title").text != "测试" || core.child("dc:creator").text != "zsdoc" {
		t.Error("core properties lack title or creator")
	}
}

// TestForbiddenCharacters checks that a character XML 1.0 cannot hold is an
// error naming the text's source, and that nothing is written.
func TestForbiddenCharacters(t *testing.T) {
	for _, bad := range []string{"a\x01b", "\x1f", "bad \xff utf-8", "\ufffe", "x\x00"} {
		doc := oneSection(&layout.Paragraph{Spans: []layout.Span{{Text: bad, Source: layout.Field{Row: "第2行", Label: "项目名称"}}}, Font: body})
		data, err := renderLayout(t, doc, docx.Options{})
		if err == nil {
			t.Errorf("%q: no error", bad)
			continue
		}
		if !strings.Contains(err.Error(), "第2行【项目名称】") {
			t.Errorf("%q: error %q does not name the source", bad, err)
		}
		if len(data) != 0 {
			t.Errorf("%q: %d bytes written", bad, len(data))
		}
	}
	// In a table cell, in the title, in a font name.
	cell := &layout.Table{Columns: []layout.Length{100}, Rows: []layout.Row{{Cells: []layout.Cell{{Paragraphs: []layout.Paragraph{
		{Spans: []layout.Span{{Text: "\x02"}}, Font: body}}}}}}}
	if _, err := renderLayout(t, oneSection(cell), docx.Options{}); err == nil {
		t.Error("control character in a cell: no error")
	}
	doc := oneSection()
	doc.Title = "标题\x03"
	if _, err := renderLayout(t, doc, docx.Options{}); err == nil {
		t.Error("control character in the title: no error")
	}
	if _, err := renderLayout(t, oneSection(), docx.Options{FontNames: map[layout.Role]string{layout.RoleBody: "仿宋\x04"}}); err == nil {
		t.Error("control character in a font name: no error")
	}
}

// TestRightText checks Right: a right tab stop at the text width (type
// area or cell content), a tab, then the right spans.
func TestRightText(t *testing.T) {
	meta := &layout.Paragraph{Spans: []layout.Span{{Text: "左"}}, Right: []layout.Span{{Text: "右"}}, Font: body}
	inCell := layout.Paragraph{Spans: []layout.Span{{Text: "甲"}}, Right: []layout.Span{{Text: "乙"}}, Font: body}
	tbl := &layout.Table{Columns: []layout.Length{100, 200}, Padding: layout.Insets{Left: 5, Right: 7},
		Rows: []layout.Row{{Cells: []layout.Cell{{}, {Paragraphs: []layout.Paragraph{inCell}}}}}}
	doc := oneSection(meta, tbl)
	data, err := renderLayout(t, doc, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := unzip(t, data).doc(t)
	tabs := d.all("w:tabs")
	if len(tabs) != 2 {
		t.Fatalf("%d tab stop lists", len(tabs))
	}
	want := []int{doc.Sections[0].Page.ContentWidth().Twips(), (200 - 12) * 20}
	for i, ts := range tabs {
		tab := ts.child("w:tab")
		if tab.attrs["w:val"] != "right" || atoi(t, tab, "w:pos") != want[i] {
			t.Errorf("tab stop %d: %v, want right at %d", i, tab.attrs, want[i])
		}
	}
	if got := d.path("w:body", "w:p").plain(); got != "左\t右\n" {
		t.Errorf("meta text %q", got)
	}
}
