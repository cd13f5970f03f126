package layout_test

import (
	"math"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

func measurer(t *testing.T) *layout.Measurer {
	t.Helper()
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	return layout.NewMeasurer(set)
}

func para(text string, noBreak bool) *layout.Paragraph {
	return &layout.Paragraph{Spans: []layout.Span{{Text: text, NoBreak: noBreak}}, Font: layout.Font{Size: 10}}
}

// The widest piece no break may cut: a credit code after its label, a
// telephone number (its hyphen before a digit is no break), a NoBreak
// span; a CJK text breaks anywhere.
func TestMinContent(t *testing.T) {
	m := measurer(t)
	width := func(s string) float64 { return m.Shape(para(s, false)).MaxContent() }
	for _, tt := range []struct {
		text    string
		noBreak bool
		want    string
	}{
		{"统一社会信用代码：91430300MA4L12345L", false, "91430300MA4L12345L"},
		{"刘某某 0731-57619998", false, "0731-57619998"},
		{"湘潭经开区管委会", false, "湘"},
		{"12月1日（星期二）", true, "12月1日（星期二）"},
	} {
		got := m.Shape(para(tt.text, tt.noBreak)).MinContent()
		if want := width(tt.want); math.Abs(got-want) > 1e-9 {
			t.Errorf("MinContent(%q) = %.2f, want %.2f (the width of %q)", tt.text, got, want, tt.want)
		}
	}
}

// table is a one-row table under a header, each column's cell holding text.
func table(texts []string, width layout.Length) *layout.Table {
	t := &layout.Table{Padding: layout.Insets{Top: 2, Bottom: 2, Left: 4, Right: 4}, Border: 0.5}
	header := layout.Row{Header: true}
	body := layout.Row{}
	for i, s := range texts {
		t.Columns = append(t.Columns, width/layout.Length(len(texts)))
		header.Cells = append(header.Cells, layout.Cell{Paragraphs: []layout.Paragraph{*para("栏目"+string(rune('甲'+i)), false)}})
		body.Cells = append(body.Cells, layout.Cell{Paragraphs: []layout.Paragraph{*para(s, false)}})
	}
	t.Rows = []layout.Row{header, body}
	return t
}

// A row of short texts keeps the template; a long text in one column
// gets the width, the table's width stays, the row at least a third
// shorter; the same table gives the same widths.
func TestAutoColumns(t *testing.T) {
	m := measurer(t)
	short := table([]string{"一期", "二期", "三期", "四期"}, 400)
	got, err := m.AutoColumns(short, short.Columns, 500)
	if err != nil {
		t.Fatal(err)
	}
	for j := range got {
		if got[j] != short.Columns[j] {
			t.Errorf("short texts: column %d is %.2f, the template %.2f", j, got[j], short.Columns[j])
		}
	}
	long := table([]string{"一期", strings.Repeat("建设智能制造基地，", 60), "三期", "四期"}, 400)
	got, err = m.AutoColumns(long, long.Columns, 500)
	if err != nil {
		t.Fatal(err)
	}
	var sum layout.Length
	for _, c := range got {
		sum += c
	}
	if math.Abs(float64(sum-400)) > 1e-9 {
		t.Errorf("the columns add up to %.3f, want 400", sum)
	}
	if got[1] <= long.Columns[1] {
		t.Errorf("the long text's column is %.1f, the template %.1f", got[1], long.Columns[1])
	}
	_, before, _ := m.TableHeights(long)
	auto := *long
	auto.Columns = got
	_, after, _ := m.TableHeights(&auto)
	if after[0] > before[0]*2/3 {
		t.Errorf("the long row is %.0f pt, with the template %.0f: not a third shorter", after[0], before[0])
	}
	again, _ := m.AutoColumns(long, long.Columns, 500)
	for j := range got {
		if again[j] != got[j] {
			t.Fatalf("two runs differ: %v, %v", got, again)
		}
	}
}
