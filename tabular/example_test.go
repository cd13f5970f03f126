package tabular_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zsdoc/zsdoc/tabular"
)

// Reading the rows of a CSV file, one at a time.
func ExampleOpen() {
	in := "编号,督办单位\n督办〔2026〕12号,\"湘潭经开区\n管委会\"\n13号,市商务局\n"
	r, err := tabular.Open(strings.NewReader(in), tabular.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %q\n", row.Where(), row.Cell(1).Text)
	}
	// Output:
	// 第1行: "督办单位"
	// 第2行: "湘潭经开区\n管委会"
	// 第4行: "市商务局"
}

// Finding the header under a title row, then reading the data by key.
func ExampleSchema_ReadHeader() {
	in := "市级重点招商项目督办单,,\n" +
		"督办单位,\"督办\n内容\",日期\n" +
		"湘潭经开区管委会,加快推进,2026-11-26\n"
	schema := tabular.Schema{Labels: []tabular.Label{
		{Key: "target", Names: []string{"督办单位"}, Required: true},
		{Key: "content", Names: []string{"督办内容"}, Required: true},
		{Key: "date", Names: []string{"日期"}, Required: true},
		{Key: "number", Names: []string{"编号"}},
	}}
	r, _ := tabular.Open(strings.NewReader(in), tabular.Options{})
	h, err := schema.ReadHeader(r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("表头:", h.Where())
	for row, err := range r.Rows() {
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(h.WhereCell(row, "content"), h.Cell(row, "content").Text)
	}
	// Output:
	// 表头: 第2行
	// 第4行 B列【督办内容】 加快推进
}

// A header with unknown and missing columns: every problem, one a line.
func ExampleHeaderError() {
	schema := tabular.Schema{Labels: []tabular.Label{
		{Key: "target", Names: []string{"督办单位"}, Required: true},
		{Key: "content", Names: []string{"督办内容"}, Required: true},
		{Key: "date", Names: []string{"日期"}, Required: true},
	}}
	r, _ := tabular.Open(strings.NewReader("督办单位,督办事项,日期\n"), tabular.Options{})
	_, err := schema.ReadHeader(r)
	var he *tabular.HeaderError
	fmt.Println(errors.As(err, &he), errors.Is(err, tabular.ErrHeader))
	fmt.Println(err)
	// Output:
	// true true
	// 第1行：表头缺少必需的列【督办内容】
	// 第1行 B列：表头【督办事项】不是本表的列
}

func ExampleDetect() {
	fmt.Println(tabular.Detect([]byte("PK\x03\x04")), tabular.Detect([]byte(`[{"date":"2026-11-26"}]`)), tabular.Detect([]byte("编号,日期\n")))
	// Output: xlsx json csv
}

func ExampleColumnName() {
	fmt.Println(tabular.ColumnName(0), tabular.ColumnName(10), tabular.ColumnName(26))
	// Output: A K AA
}

func ExampleNormalizeLabel() {
	fmt.Println(tabular.NormalizeLabel("总部所在地\n（国别/省市）"), tabular.NormalizeLabel("督办单位："))
	// Output: 总部所在地(国别/省市) 督办单位
}
