package docgen_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
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
	fmt.Println(docgen.FileName(forms.SigningID, f.(*forms.Signing).Date, docgen.PDF, false))
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
