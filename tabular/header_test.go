package tabular

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The batch columns of 督办单 (spec §4).
var orders = Schema{Labels: []Label{
	{Key: "number", Names: []string{"编号"}},
	{Key: "date", Names: []string{"日期"}, Required: true},
	{Key: "target", Names: []string{"督办单位"}, Required: true},
	{Key: "content", Names: []string{"督办内容"}, Required: true},
	{Key: "requirements", Names: []string{"工作要求"}, Required: true},
	{Key: "from", Names: []string{"开始日期"}, Required: true},
	{Key: "to", Names: []string{"结束日期"}, Required: true},
	{Key: "issuer", Names: []string{"签发单位", "督办单签发单位"}, Required: true},
	{Key: "issueDate", Names: []string{"签发日期"}},
	{Key: "seal", Names: []string{"印章"}},
}}

func TestNormalizeLabel(t *testing.T) {
	for in, want := range map[string]string{
		"牵头\n责任领导":         "牵头责任领导",
		" 牵头　责任领导 ":        "牵头责任领导",
		"总部所在地\r\n（国别/省市）": "总部所在地(国别/省市)",
		"总部所在地(国别/省市)":     "总部所在地(国别/省市)",
		"督办单位：":            "督办单位",
		"*项目名称":            "项目名称",
		"ＡＢＣ１２３":           "abc123",
		"项目\u200b名称":       "项目名称",
		"\u2F47\u2F49":     "日月", // Kangxi radicals, as copied from some PDFs
		"项目      承接方":      "项目承接方",
		"是否\n开工\n（必填）":     "是否开工(必填)",
		"":                 "",
	} {
		if got := NormalizeLabel(in); got != want {
			t.Errorf("NormalizeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadHeaderCSV(t *testing.T) {
	in := "市级重点招商项目督办单,,,,,,,,\n" +
		"单位（盖章）：市开放办,,,,,,,,\n" +
		"\"签发\n单位\",督办内容,日期 ,工作要求,结束日期,开始日期,督办单位：,印章,编号\n" +
		"市开放办,加快进度,2026-11-26,按期完成,2026-12-07,2026-12-01,湘潭经开区管委会,jingkai,督办〔2026〕12号\n"
	r, err := Open(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := orders.ReadHeader(r)
	if err != nil {
		t.Fatal(err)
	}
	if h.Line != 3 || h.Lines != 1 || h.Where() != "第3行" {
		t.Errorf("header at %q (line %d, %d lines)", h.Where(), h.Line, h.Lines)
	}
	row, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range h.Columns {
		got[c.Key] = h.Cell(row, c.Key).Text
	}
	want := map[string]string{"issuer": "市开放办", "content": "加快进度", "date": "2026-11-26", "requirements": "按期完成",
		"to": "2026-12-07", "from": "2026-12-01", "target": "湘潭经开区管委会", "seal": "jingkai", "number": "督办〔2026〕12号"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("values = %v", got)
	}
	if w := h.WhereCell(row, "target"); w != "第5行 G列【督办单位】" {
		t.Errorf("WhereCell = %q", w)
	}
	if i, ok := h.Index("issueDate"); ok {
		t.Errorf("issueDate at %d", i)
	}
	if c := h.Cell(row, "issueDate"); c.Kind != Empty {
		t.Errorf("absent column: %+v", c)
	}
	if w := h.WhereCell(row, "issueDate"); w != "第5行【签发日期】" {
		t.Errorf("WhereCell of an absent column = %q", w)
	}
	if h.Columns[0].Text != "签发 单位" || h.Columns[0].Key != "issuer" {
		t.Errorf("first column %+v", h.Columns[0])
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("after the data: %v", err)
	}
}

func TestReadHeaderXLSX(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", []any{"市级重点招商项目对接跟进任务清单"}, []any{"单位（盖章）：", nil, nil, "填报日期："},
			[]any{"序号", "企业（项目）名称", "项目基本情况", "牵头\n\n责任领导", "承接\n责任单位", "配合单位", "任务清单"},
			[]any{1, "甲项目", "概况", "张三", "经开区", "市商务局", "1.对接"})
		f.MergeCell("Sheet1", "A1", "G1")
	})
	s := Schema{Labels: []Label{
		{Key: "no", Names: []string{"序号"}}, {Key: "name", Names: []string{"企业（项目）名称"}, Required: true},
		{Key: "overview", Names: []string{"项目基本情况"}, Required: true}, {Key: "leader", Names: []string{"牵头<br>责任领导", "牵头责任领导"}, Required: true},
		{Key: "owner", Names: []string{"承接责任单位"}, Required: true}, {Key: "partners", Names: []string{"配合单位"}},
		{Key: "tasks", Names: []string{"任务清单"}, Required: true},
	}}
	r, err := Open(bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.ReadHeader(r)
	if err != nil {
		t.Fatal(err)
	}
	row, _ := r.Next()
	if h.Where() != "Sheet1 第3行" || h.Cell(row, "leader").Text != "张三" || h.Cell(row, "no").Kind != Number {
		t.Errorf("header %q, leader %+v", h.Where(), h.Cell(row, "leader"))
	}
	if w := h.WhereCell(row, "owner"); w != "Sheet1 第4行 E列【承接责任单位】" {
		t.Errorf("WhereCell = %q", w)
	}
}

func TestHeaderProblems(t *testing.T) {
	in := "编号,日期,督办单位,督办单位,督办事项,工作要求,开始日期,结束时间,签发单位,备注\n"
	r, _ := Open(strings.NewReader(in), Options{})
	_, err := orders.ReadHeader(r)
	var he *HeaderError
	if !errors.As(err, &he) || !errors.Is(err, ErrHeader) {
		t.Fatalf("err = %v", err)
	}
	want := "第1行：表头缺少必需的列【督办内容】【结束日期】\n" +
		"第1行 E列：表头【督办事项】不是本表的列\n" +
		"第1行 H列：表头【结束时间】不是本表的列\n" +
		"第1行 J列：表头【备注】不是本表的列\n" +
		"第1行 D列：【督办单位】与 C列重复"
	if err.Error() != want {
		t.Errorf("message:\n%s\nwant:\n%s", err, want)
	}
	if !reflect.DeepEqual(he.Missing, []string{"督办内容", "结束日期"}) || len(he.Unknown) != 3 || len(he.Repeated) != 1 {
		t.Errorf("fields: %+v", he)
	}

	// Only unknown columns, with every required one present.
	in = "日期,督办单位,督办内容,工作要求,开始日期,结束日期,签发单位,签发日\n"
	r, _ = Open(strings.NewReader(in), Options{})
	_, err = orders.ReadHeader(r)
	wantErr(t, err, ErrHeader, "第1行 H列：表头【签发日】不是本表的列")
	lenient := orders
	lenient.AllowUnknown = true
	r, _ = Open(strings.NewReader(in), Options{})
	h, err := lenient.ReadHeader(r)
	if err != nil || len(h.Unknown) != 1 || h.Unknown[0].Text != "签发日" || h.Unknown[0].Index != 7 {
		t.Errorf("AllowUnknown: %+v, %v", h, err)
	}
}

func TestHeaderNotFound(t *testing.T) {
	in := strings.Repeat("x,y\n", 30) + "日期,督办单位,督办内容,工作要求,开始日期,结束日期,签发单位\n"
	r, _ := Open(strings.NewReader(in), Options{})
	_, err := orders.ReadHeader(r)
	wantErr(t, err, ErrHeader, "前20行中没有找到表头", "编号、日期、督办单位")
	s := orders
	s.MaxHeaderRows = 31
	r, _ = Open(strings.NewReader(in), Options{})
	if h, err := s.ReadHeader(r); err != nil || h.Line != 31 {
		t.Errorf("MaxHeaderRows 31: %+v, %v", h, err)
	}
	r, _ = Open(strings.NewReader("标题\n日期\n"), Options{})
	_, err = orders.ReadHeader(r)
	wantErr(t, err, ErrHeader, "前2行中没有找到表头")
}

// A two-row header: 序号 and 投资方 merged down over both rows, a group
// 项目 merged across two columns over 名称 and 承接方.
func TestHeaderTwoRowsMerged(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		set(t, f, "Sheet1", "A1", []any{"签约情况"},
			[]any{"序号", "项目", nil, "投资方"},
			[]any{nil, "名称", "承接方"},
			[]any{1, "一号项目", "经开区", "甲公司"})
		for _, m := range [][2]string{{"A2", "A3"}, {"B2", "C2"}, {"D2", "D3"}} {
			f.MergeCell("Sheet1", m[0], m[1])
		}
	})
	s := Schema{Labels: []Label{{Key: "no", Names: []string{"序号"}}, {Key: "name", Names: []string{"项目名称"}, Required: true},
		{Key: "undertaker", Names: []string{"项目承接方"}, Required: true}, {Key: "investor", Names: []string{"投资方"}, Required: true}}}
	r, _ := Open(bytes.NewReader(data), Options{})
	h, err := s.ReadHeader(r)
	if err != nil {
		t.Fatal(err)
	}
	row, _ := r.Next()
	if h.Where() != "Sheet1 第2—3行" || h.Cell(row, "undertaker").Text != "经开区" || h.Cell(row, "no").Text != "1" || row.Line != 4 {
		t.Errorf("header %q, row %d %+v", h.Where(), row.Line, row.Cells)
	}
	var keys []string
	for _, c := range h.Columns {
		keys = append(keys, c.Key+"="+c.Text)
	}
	if strings.Join(keys, " ") != "no=序号 name=项目／名称 undertaker=项目／承接方 investor=投资方" {
		t.Errorf("columns: %v", keys)
	}
}

// Without merges (CSV) a two-row header works where the lower cells are
// labels themselves.
func TestHeaderTwoRowsCSV(t *testing.T) {
	in := "序号,项目信息,,投资方\n,项目名称,项目承接方,\n1,一号项目,经开区,甲公司\n"
	s := Schema{Labels: []Label{{Key: "no", Names: []string{"序号"}}, {Key: "name", Names: []string{"项目名称"}, Required: true},
		{Key: "undertaker", Names: []string{"项目承接方"}, Required: true}, {Key: "investor", Names: []string{"投资方"}, Required: true}}}
	r, _ := Open(strings.NewReader(in), Options{})
	h, err := s.ReadHeader(r)
	if err != nil {
		t.Fatal(err)
	}
	if row, _ := r.Next(); h.Lines != 2 || h.Cell(row, "investor").Text != "甲公司" {
		t.Errorf("header %+v, row %+v", h, row)
	}
	// A one-row header is not taken for two rows because of the data under it.
	r, _ = Open(strings.NewReader("序号,项目名称,项目承接方,投资方\n1,一号项目,经开区,\n"), Options{})
	if h, err := s.ReadHeader(r); err != nil || h.Lines != 1 {
		t.Errorf("one-row header: %+v, %v", h, err)
	}
}

func TestMatchAndSchemaErrors(t *testing.T) {
	row := Row{Line: 2, Cells: []Cell{{Kind: Text, Text: "日期"}, {Kind: Text, Text: "督办单位"}}}
	_, err := orders.Match(row)
	wantErr(t, err, ErrHeader, "第2行：表头缺少必需的列【督办内容】【工作要求】【开始日期】【结束日期】【签发单位】")
	h, err := Schema{Labels: []Label{{Key: "d", Names: []string{"日期"}}}, AllowUnknown: true}.Match(row)
	if err != nil || h.Columns[0].Key != "d" {
		t.Errorf("Match: %+v %v", h, err)
	}
	for _, s := range []Schema{
		{},
		{Labels: []Label{{Key: "a"}}},
		{Labels: []Label{{Key: "a", Names: []string{"x"}}, {Key: "a", Names: []string{"y"}}}},
		{Labels: []Label{{Key: "a", Names: []string{"日期"}}, {Key: "b", Names: []string{"日期："}}}},
	} {
		if _, err := s.Match(row); err == nil || errors.Is(err, ErrHeader) {
			t.Errorf("schema %+v: %v", s, err)
		}
	}
}
