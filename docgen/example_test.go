package docgen_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// Parse a form's JSON input, then render it as a stamped PDF.
func ExampleRender() {
	input, _ := examples.Input("signing")
	f, err := forms.Parse(forms.SigningID, input)
	if err != nil {
		fmt.Println(err) // forms.Errors: every problem, in Chinese
		return
	}
	var pdf bytes.Buffer
	if err := docgen.Render(context.Background(), &pdf, f, docgen.PDF, docgen.WithSeal(examples.SpecimenSeal())); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(docgen.FileName(f, docgen.PDF))
	fmt.Println(bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")))
	// Output:
	// 附件4-市级重点招商项目签约情况表-2026-11-26.pdf
	// true
}

// Invalid input is reported field by field, with the row as printed.
func ExampleRender_invalid() {
	input := []byte(`{"unit": "湘潭市商务局", "date": "2026-11-26", "rows": [
	  {"investor": "某集团", "hq": "长沙市", "projects": [{"name": "某项目", "cooperation": "F"}]}]}`)
	_, err := forms.Parse(forms.SigningID, input)
	var problems forms.Errors
	if errors.As(err, &problems) {
		for _, p := range problems[:3] {
			fmt.Println(p.Message)
		}
	}
	// Output:
	// 第1行第1个项目【项目承接方】不能为空
	// 第1行第1个项目【总投资（亿元）】不能为空
	// 第1行第1个项目【引进资金（亿元）】不能为空
}

// A blank form, for filling in by hand.
func ExampleRenderBlank() {
	var docx bytes.Buffer
	err := docgen.RenderBlank(context.Background(), &docx, forms.SupervisionID, docgen.DOCX)
	fmt.Println(err, bytes.HasPrefix(docx.Bytes(), []byte("PK")))
	// Output: <nil> true
}

// The same form as a Word document, on A4 paper.
func ExampleRender_docx() {
	input, _ := examples.Input("signing")
	f, err := forms.Parse(forms.SigningID, input)
	if err != nil {
		fmt.Println(err)
		return
	}
	var docx bytes.Buffer
	err = docgen.Render(context.Background(), &docx, f, docgen.DOCX, docgen.WithPaper(docgen.A4))
	fmt.Println(err, docgen.FileName(f, docgen.DOCX))
	// Output: <nil> 附件4-市级重点招商项目签约情况表-2026-11-26.docx
}

// Seals are named by id in the input ("seal": "jingkai") and resolved in a
// seal store: a folder of <id>.png, plus the built-in specimen. An id the
// store does not know is an error of the form's "seal" field.
func ExampleWithSeals() {
	dir, _ := os.MkdirTemp("", "seals")
	defer os.RemoveAll(dir)
	_ = os.WriteFile(filepath.Join(dir, "jingkai.png"), examples.SpecimenSeal(), 0o644)
	store, err := seal.LoadDir(dir) // every file checked once, here
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(store.IDs())

	order := &forms.Supervision{Date: "2026-12-01", Target: "湘潭经开区管委会", Content: "用地报批滞后。",
		Requirements: "12月7日前完成。", From: "2026-12-01", To: "2026-12-07", Issuer: "市落地办", Seal: "jingkai"}
	var pdf bytes.Buffer
	fmt.Println(docgen.Render(context.Background(), &pdf, order, docgen.PDF, docgen.WithSeals(store)))

	order.Seal = "nosuch"
	err = docgen.Check(context.Background(), order, docgen.PDF, docgen.WithSeals(store))
	var list forms.Errors
	if errors.As(err, &list) {
		fmt.Println(list[0].Path, list[0].Rule, list[0].Message)
	}
	// Output:
	// [jingkai specimen]
	// <nil>
	// seal seal 【印章】“nosuch”不存在：没有这个编号的印章，请核对印章编号
}

// A batch of 督办单 is one PDF, one order after another, each starting on
// a new page with its own page numbers. The orders come from a sequence,
// so they can be read from a file while the PDF is written.
func ExampleRenderBatch() {
	orders := func(yield func(*forms.Supervision, error) bool) {
		for i, unit := range []string{"湘潭经开区管委会", "湘潭高新区管委会", "岳塘区人民政府"} {
			o := &forms.Supervision{Number: fmt.Sprintf("督办〔2026〕%d号", i+1), Date: "2026-12-01", Target: unit,
				Content: "项目推进滞后。", Requirements: "限期整改并书面报告。", From: "2026-12-01", To: "2026-12-07",
				Issuer: "湘潭市重点项目落地工作办公室", Seal: "specimen"}
			if !yield(o, nil) {
				return
			}
		}
	}
	var pdf bytes.Buffer
	// Printed on both sides, every order starts on a front: a blank back
	// follows each one-page order.
	err := docgen.RenderBatch(context.Background(), &pdf, orders, docgen.PDF, docgen.WithDuplex(),
		docgen.WithPageRanges(func(order, first, last int) { fmt.Printf("order %d: pages %d–%d\n", order, first, last) }))
	fmt.Println(err, bytes.Count(pdf.Bytes(), []byte("/Type /Page /Parent")), "pages")
	// Output:
	// order 0: pages 1–1
	// order 1: pages 3–3
	// order 2: pages 5–5
	// <nil> 5 pages
}

// The PDF's fonts: the embedded defaults, or the unit's own font files by
// role (a font collection is "file.ttc#index").
func ExampleWithFonts() {
	set, err := fonts.Default()
	if err != nil {
		fmt.Println(err)
		return
	}
	// With the official fonts installed, e.g.:
	//   set, err = fonts.Configure(set, map[fonts.Role]string{fonts.Body: "/usr/share/fonts/simfang.ttf"}, nil)
	_, err = fonts.Configure(set, map[fonts.Role]string{fonts.Body: "no-such-font.ttf"}, nil)
	fmt.Println(err != nil)
	var pdf bytes.Buffer
	err = docgen.RenderBlank(context.Background(), &pdf, forms.TaskListID, docgen.PDF, docgen.WithFonts(set))
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}

// The embedding walk-through: a 督办单 built from Go values (as a database
// holds them), normalised, validated — its problems read field by field —
// then rendered as PDF and DOCX, with the blank form and a batch.
func Example() {
	ctx := context.Background()
	order := &forms.Supervision{
		Date: "2026/12/1", Target: "湘潭经开区管委会", Content: "用地报批滞后。\r\n请加快推进。",
		Requirements: "12月7日前完成并书面报告。", From: "2026年12月1日", To: "2026-11-30",
		Issuer: "湘潭市重点项目落地工作办公室", Seal: "specimen",
	}
	if err := forms.Normalize(order); err != nil { // the JSON rules: dates, line breaks, codes
		fmt.Println(err)
		return
	}
	var problems forms.Errors
	if errors.As(forms.Validate(order), &problems) {
		for _, p := range problems {
			fmt.Println(p.Path, p.Rule, p.Message)
		}
	}
	order.To = "2026-12-07"

	var pdf, docx, blank, batch bytes.Buffer
	fmt.Println(docgen.Render(ctx, &pdf, order, docgen.PDF), docgen.FileName(order, docgen.PDF))
	fmt.Println(docgen.Render(ctx, &docx, order, docgen.DOCX), docgen.FileName(order, docgen.DOCX))
	fmt.Println(docgen.RenderBlank(ctx, &blank, forms.SupervisionID, docgen.PDF), docgen.BlankFileName(forms.SupervisionID, docgen.PDF))
	orders := func(yield func(*forms.Supervision, error) bool) {
		for _, unit := range []string{"湘潭经开区管委会", "湘潭高新区管委会"} {
			o := *order
			o.Target = unit
			if !yield(&o, nil) {
				return
			}
		}
	}
	fmt.Println(docgen.RenderBatch(ctx, &batch, orders, docgen.PDF))
	// Output:
	// to daterange 【完成时限·截止日期】截止日期2026年11月30日早于开始日期2026年12月1日
	// <nil> 附件6-市级重点招商项目督办单-2026-12-01.pdf
	// <nil> 附件6-市级重点招商项目督办单-2026-12-01.docx
	// <nil> 附件6-市级重点招商项目督办单-空白表.pdf
	// <nil>
}
