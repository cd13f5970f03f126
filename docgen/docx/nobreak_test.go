package docx_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// A NoBreak span that fits its line (the 督办单's dates with their
// weekdays) is written with a word joiner between its characters, so
// Word and LibreOffice keep it whole as the PDF does; one wider than the
// line, and every other span, is written as it is.
func TestNoBreakSpans(t *testing.T) {
	page := layout.Page{Size: layout.A4(), Margins: layout.Insets{Top: 72, Bottom: 72, Left: 72, Right: 72}}
	font := layout.Font{Role: layout.RoleBody, Size: 16}
	long := strings.Repeat("十二月一日星期二", 10) // wider than the type area
	doc := &layout.Document{Sections: []layout.Section{{Page: page, Blocks: []layout.Block{
		&layout.Paragraph{Font: font, Spans: []layout.Span{
			{Text: "完成时限："}, {Text: "12月1日（星期二）", NoBreak: true}, {Text: long, NoBreak: true}}},
	}}}}
	var buf bytes.Buffer
	if err := docx.Render(context.Background(), &buf, doc, docx.Options{}); err != nil {
		t.Fatal(err)
	}
	xml := string(unzip(t, buf.Bytes()).files["word/document.xml"])
	if want := strings.Join(strings.Split("12月1日（星期二）", ""), "\u2060"); !strings.Contains(xml, want) {
		t.Errorf("the kept date is not joined: %q not in document.xml", want)
	}
	if !strings.Contains(xml, "完成时限：") || !strings.Contains(xml, long) {
		t.Error("a span without NoBreak, or one wider than the line, is not written as it is")
	}
	// The 督办单 example: its deadline's two dates are kept.
	f := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	xml = string(unzip(t, render(t, f)).files["word/document.xml"])
	if !strings.Contains(xml, "日\u2060（\u2060星\u2060期") {
		t.Error("the 督办单's 完成时限 dates are not kept whole")
	}
}
