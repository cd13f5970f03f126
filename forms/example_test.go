package forms_test

import (
	"errors"
	"fmt"

	"github.com/zsdoc/zsdoc/forms"
)

// Parse decodes JSON input leniently and validates it.
func ExampleParse() {
	input := []byte(`{
		"date": "2026/12/1", "target": "湘潭经开区管委会",
		"content": "新能源汽车零部件产业园项目用地报批滞后。",
		"requirements": "12月7日前完成用地报批并书面报告。",
		"from": "2026-12-01", "to": "2026-12-07", "issuer": "湘潭市重点项目落地工作办公室"
	}`)
	f, err := forms.Parse(forms.SupervisionID, input)
	if err != nil {
		fmt.Println(err)
		return
	}
	order := f.(*forms.Supervision)
	fmt.Println(order.Date, order.Deadline())
	// Output: 2026-12-01 2026年12月1日（星期二）至12月7日（星期一）
}

// A form built from Go values — here a 附件4 filled from a database that
// stores codes by name and dates with slashes — is brought to the JSON
// rules by Normalize, then validated.
func ExampleNormalize() {
	f := &forms.Signing{
		Header: forms.Header{Unit: "湘潭市商务局", Date: "2026/11/26"},
		Rows: []forms.Investor{{
			Investor: "华东新能源科技集团股份有限公司",
			HQ:       "江苏省常州市",
			Projects: []forms.Project{{
				Name:            "新能源汽车电驱动系统生产基地",
				Undertaker:      "湘潭经开区管委会",
				TotalInvestment: "28",
				IntroducedFunds: "20",
				SignType:        "合同",
				Cooperation:     "合资",
				Industry:        "A类—工业制造业",
				InvestorType:    "民营企业投资",
				Overview:        "建设电驱动系统生产线及研发中心。",
				Location:        "湘潭经开区",
				FirstTime:       forms.YesNoOf(true),
				Progress:        "一期厂房主体封顶。",
				Company:         forms.Company{Name: "湘潭华东电驱科技有限公司", CreditCode: "91430300MA4L12345L"},
				Fulfilled:       "true",
				Started:         forms.Yes,
				Contact:         forms.Contact{Name: "刘某某", Phone: "13807320001"},
			}},
		}},
	}
	if err := forms.Normalize(f); err != nil {
		fmt.Println(err)
		return
	}
	p := f.Rows[0].Projects[0]
	fmt.Println(f.Date, p.Cooperation, p.Industry, p.InvestorType, p.Fulfilled)
	fmt.Println(forms.Validate(f))
	// Output:
	// 2026-11-26 A A B 是
	// <nil>
}

// The value parsers turn one value into its code or canonical form.
func ExampleParseCooperation() {
	c, err := forms.ParseCooperation("合资")
	fmt.Println(c, c.Name(), err)
	_, err = forms.ParseCooperation("F")
	fmt.Println(err)
	// Output:
	// A 合资 <nil>
	// “F”不是有效的合作方式，应为 A、B、C、D、E 之一
}

// Every problem of an input is a *FieldError with the JSON path, the
// printed label and row, a machine code and the Chinese message.
func ExampleErrors() {
	_, err := forms.Parse(forms.LandingID, []byte(`{"unit": "岳塘区人民政府", "date": "2026-11-26",
		"rows": [{"name": "物流枢纽", "undertaker": "岳塘区人民政府", "investor": "湘通供应链",
		          "totalInvestment": -1, "overview": "冷链中心", "progress": "在建\n二期"}]}`))
	var list forms.Errors
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Printf("%s | %s | %s | %s\n%s\n", e.Path, e.Label, e.Row, e.Rule, e.Message)
		}
	}
	// Output:
	// rows[0].totalInvestment | 总投资 | 第1行 | amount
	// 第1行【总投资】“-1”不能为负数
}
