package sheet_test

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// FuzzRead: no input makes Read panic (ErrInternal), and whatever it
// accepts is a valid form.
func FuzzRead(f *testing.F) {
	// Workbooks typed by hand (the export embeds fonts' measures and a
	// seal: building it in every fuzz worker would take most of the time).
	r := rand.New(rand.NewPCG(1, 2))
	data, err := examples.Input(string(forms.SigningID))
	if err != nil {
		f.Fatal(err)
	}
	example := mustParse(f, forms.SigningID, data).(*forms.Signing)
	small := *example
	small.Rows = small.Rows[:2]
	f.Add(uint8(2), typeByHand(f, r, &small))
	f.Add(uint8(3), []byte("单位（盖章）：经开区,,填报日期：2026年11月26日\n序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注\n1,甲,乙,丙,12.5亿元,概况,进展,\n"))
	f.Add(uint8(2), []byte("项目投资方,总部所在地,项目名称,项目承接方,总投资,引进资金,签约类型,合作方式,产业类别,投资方类别,项目基本情况,项目所在地,是否首次来潭投资,项目进展情况,是否履约,是否开工,项目联系人及电话\n甲,乙,丙,丁,1,1,合同,A,A,A,x,y,是,z\n工商注册名称：w\n统一社会信用代码：91350100M000100Y43,是,是,张 13800000000\n,,戊,丁,2,1,协议,B,B,B,x,y,否,z,否,否,李 13800000001\n"))
	f.Add(uint8(4), []byte("附件6\n市级重点招商项目督办单\n督办〔2026〕12号,,2026年11月26日\n督办单位：,经开区\n督办内容：,x\n工作要求：,y\n完成时限：,2026年12月1日（星期二）至12月7日（星期一）\n\"督办单\n签发单位\",\"单位（盖章）：市落地办\n2026年11月26日\"\n"))
	f.Fuzz(func(t *testing.T, pick uint8, data []byte) {
		if len(data) > 1<<20 {
			return
		}
		id := allForms[int(pick)%len(allForms)]
		got, err := sheet.Read(bytes.NewReader(data), id, sheet.Options{MaxBytes: 1 << 20})
		if errors.Is(err, sheet.ErrInternal) {
			t.Fatalf("internal error: %v", err)
		}
		if err == nil {
			if verr := forms.Validate(got); verr != nil {
				t.Fatalf("accepted an invalid form: %v", verr)
			}
		}
		var list forms.Errors
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("an error that is not forms.Errors: %v", err)
		}
	})
}
