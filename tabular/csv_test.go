package tabular

import (
	"reflect"
	"strings"
	"testing"
)

func TestCSVRowsAndLines(t *testing.T) {
	in := "标题,,\n" + // line 1
		"\n" + // line 2: empty line, skipped
		"编号,督办内容,备注\n" + // line 3
		"1,\"第一行\n第二行\",\n" + // lines 4–5: a quoted cell spanning lines
		",,\n" + // line 6: blank record, skipped
		"2,\"说\"\"明\"\"\",x\r\n" + // line 7, CRLF
		"3,末行" // line 8, no final newline
	rows := mustRead(t, []byte(in), Options{})
	want := [][]string{{"标题"}, {"编号", "督办内容", "备注"}, {"1", "第一行\n第二行"}, {"2", `说"明"`, "x"}, {"3", "末行"}}
	if got := texts(rows); !reflect.DeepEqual(got, want) {
		t.Fatalf("cells = %q, want %q", got, want)
	}
	lines := []int{rows[0].Line, rows[1].Line, rows[2].Line, rows[3].Line, rows[4].Line}
	if !reflect.DeepEqual(lines, []int{1, 3, 4, 7, 8}) {
		t.Errorf("lines = %v, want [1 3 4 7 8]", lines)
	}
	if got := rows[3].Where(); got != "第7行" {
		t.Errorf("Where = %q, want 第7行", got)
	}
	if got := rows[3].WhereCell(10); got != "第7行 K列" {
		t.Errorf("WhereCell = %q", got)
	}
	if rows[2].Cell(2).Kind != Empty || rows[2].Cell(99).Kind != Empty || rows[2].Cell(0).Kind != Text {
		t.Errorf("kinds: %v %v %v", rows[2].Cell(2).Kind, rows[2].Cell(99).Kind, rows[2].Cell(0).Kind)
	}
	if rows[0].Sheet != "" {
		t.Errorf("CSV row has sheet %q", rows[0].Sheet)
	}
}

func TestCSVQuoteErrors(t *testing.T) {
	cases := []struct {
		name, in string
		opts     Options
		want     []string
	}{
		{"bare quote", "a,b\nc,5\"x\n", Options{}, []string{"第2行", "不带引号的单元格里有英文双引号"}},
		{"stray quote in quoted", "a\n\"x\"y\",z\n", Options{}, []string{"第2行", "多余或缺少的英文双引号"}},
		{"unclosed quote", "a\nb\n\"c,d\ne\n", Options{}, []string{"第3行", "从第3行开始"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := readAll(t, []byte(c.in), c.opts)
			wantErr(t, err, ErrFormat, c.want...)
		})
	}
	rows := mustRead(t, []byte("a,5\"x\n"), Options{LazyQuotes: true})
	if got := rows[0].Cell(1).Text; got != `5"x` {
		t.Errorf("LazyQuotes cell = %q", got)
	}
}

func TestCSVComma(t *testing.T) {
	rows := mustRead(t, []byte("a;b,c\n"), Options{Comma: ';'})
	if got := texts(rows); !reflect.DeepEqual(got, [][]string{{"a", "b,c"}}) {
		t.Errorf("cells = %q", got)
	}
}

func TestCSVReaderState(t *testing.T) {
	r, err := Open(strings.NewReader("a\nb\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Format() != FormatCSV || r.Sheet() != "" || r.Sheets() != nil || r.Merges() != nil {
		t.Errorf("CSV reader: format %v sheet %q sheets %v merges %v", r.Format(), r.Sheet(), r.Sheets(), r.Merges())
	}
	if _, ok := r.MergeAt(1, 0); ok {
		t.Error("MergeAt on CSV")
	}
	p, _ := r.Peek()
	n, _ := r.Next()
	if p.Cell(0).Text != "a" || n.Cell(0).Text != "a" {
		t.Errorf("Peek %q, Next %q", p.Cell(0).Text, n.Cell(0).Text)
	}
	var got []string
	for row, err := range r.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, row.Cell(0).Text)
	}
	if !reflect.DeepEqual(got, []string{"b"}) {
		t.Errorf("Rows = %q", got)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil {
		t.Error("Next after the end and Close: no error")
	}
}
