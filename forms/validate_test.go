package forms

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestExamplesAndBasesAreValid(t *testing.T) {
	for _, id := range formIDs {
		mustParse(t, id, example(t, id))
		mustParse(t, id, []byte(bases[id]))
	}
}

// req is the message of a missing plain field.
func req(row, label string) string { return row + "【" + label + "】不能为空" }

const (
	r1   = "第1行"
	r1p1 = "第1行第1个项目"
)

func TestRequired(t *testing.T) {
	yesNo := "为必填项，请填写“是”或“否”"
	dateReq := "不能为空，请填写日期，如 2026-11-26"
	for _, tc := range []struct {
		form ID
		del  string // the key removed from the base input
		want []want // nil: the field is optional
	}{
		{TaskListID, "unit", []want{{"unit", "单位（盖章）", "", "required", req("", "单位（盖章）")}}},
		{TaskListID, "date", []want{{"date", "填报日期", "", "required", "【填报日期】" + dateReq}}},
		{TaskListID, "seal", nil},
		{TaskListID, "rows", []want{{"rows", "表格", "", "required", "【表格】不能为空，至少填写1行"}}},
		{TaskListID, "rows[0].name", []want{{"rows[0].name", "企业（项目）名称", r1, "required", req(r1, "企业（项目）名称")}}},
		{TaskListID, "rows[0].overview", []want{{"rows[0].overview", "项目基本情况", r1, "required", req(r1, "项目基本情况")}}},
		{TaskListID, "rows[0].leader", []want{{"rows[0].leader", "牵头责任领导", r1, "required", req(r1, "牵头责任领导")}}},
		{TaskListID, "rows[0].owner", []want{{"rows[0].owner", "承接责任单位", r1, "required", req(r1, "承接责任单位")}}},
		{TaskListID, "rows[0].partners", nil},
		{TaskListID, "rows[0].tasks", []want{{"rows[0].tasks", "任务清单", r1, "required", "第1行【任务清单】不能为空，至少填写1项"}}},

		{FollowupID, "unit", []want{{"unit", "单位（盖章）", "", "required", req("", "单位（盖章）")}}},
		{FollowupID, "rows", []want{{"rows", "表格", "", "required", "【表格】不能为空，至少填写1行"}}},
		{FollowupID, "rows[0].name", []want{{"rows[0].name", "企业（项目）名称", r1, "required", req(r1, "企业（项目）名称")}}},
		{FollowupID, "rows[0].overview", []want{{"rows[0].overview", "项目基本情况", r1, "required", req(r1, "项目基本情况")}}},
		{FollowupID, "rows[0].leader", []want{{"rows[0].leader", "牵头责任领导", r1, "required", req(r1, "牵头责任领导")}}},
		{FollowupID, "rows[0].owner", []want{{"rows[0].owner", "承接责任单位", r1, "required", req(r1, "承接责任单位")}}},
		{FollowupID, "rows[0].tasks", []want{{"rows[0].tasks", "任务清单", r1, "required", "第1行【任务清单】不能为空，至少填写1项"}}},
		{FollowupID, "rows[0].progress", []want{{"rows[0].progress", "进展情况", r1, "required", req(r1, "进展情况")}}},
		{FollowupID, "rows[0].problems", nil},
		{FollowupID, "rows[0].partners", nil},

		{SigningID, "date", []want{{"date", "填报日期", "", "required", "【填报日期】" + dateReq}}},
		{SigningID, "rows", []want{{"rows", "表格", "", "required", "【表格】不能为空，至少填写1行"}}},
		{SigningID, "rows[0].investor", []want{{"rows[0].investor", "项目投资方", r1, "required", req(r1, "项目投资方")}}},
		{SigningID, "rows[0].top500", nil},
		{SigningID, "rows[0].hq", []want{{"rows[0].hq", "总部所在地（国别/省市）", r1, "required", req(r1, "总部所在地（国别/省市）")}}},
		{SigningID, "rows[0].projects", []want{{"rows[0].projects", "项目", r1, "required", "第1行【项目】不能为空，至少填写1个项目"}}},
		{SigningID, "rows[0].projects[0].name", []want{{"rows[0].projects[0].name", "项目名称", r1p1, "required", req(r1p1, "项目名称")}}},
		{SigningID, "rows[0].projects[0].undertaker", []want{{"rows[0].projects[0].undertaker", "项目承接方", r1p1, "required", req(r1p1, "项目承接方")}}},
		{SigningID, "rows[0].projects[0].totalInvestment", []want{{"rows[0].projects[0].totalInvestment", "总投资（亿元）", r1p1, "required", req(r1p1, "总投资（亿元）")}}},
		{SigningID, "rows[0].projects[0].introducedFunds", []want{{"rows[0].projects[0].introducedFunds", "引进资金（亿元）", r1p1, "required", req(r1p1, "引进资金（亿元）")}}},
		{SigningID, "rows[0].projects[0].signType", []want{{"rows[0].projects[0].signType", "签约类型", r1p1, "required", req(r1p1, "签约类型")}}},
		{SigningID, "rows[0].projects[0].cooperation", []want{{"rows[0].projects[0].cooperation", "合作方式", r1p1, "required", req(r1p1, "合作方式")}}},
		{SigningID, "rows[0].projects[0].industry", []want{{"rows[0].projects[0].industry", "产业类别", r1p1, "required", req(r1p1, "产业类别")}}},
		{SigningID, "rows[0].projects[0].investorType", []want{{"rows[0].projects[0].investorType", "投资方类别", r1p1, "required", req(r1p1, "投资方类别")}}},
		{SigningID, "rows[0].projects[0].overview", []want{{"rows[0].projects[0].overview", "项目基本情况", r1p1, "required", req(r1p1, "项目基本情况")}}},
		{SigningID, "rows[0].projects[0].location", []want{{"rows[0].projects[0].location", "项目所在地", r1p1, "required", req(r1p1, "项目所在地")}}},
		{SigningID, "rows[0].projects[0].city", nil},
		{SigningID, "rows[0].projects[0].firstTime", []want{{"rows[0].projects[0].firstTime", "是否首次来潭投资", r1p1, "required", "第1行第1个项目【是否首次来潭投资】" + yesNo}}},
		{SigningID, "rows[0].projects[0].fundsInPlace", nil},
		{SigningID, "rows[0].projects[0].progress", []want{{"rows[0].projects[0].progress", "项目进展情况（工商注册名称及代码必填）", r1p1, "required", req(r1p1, "项目进展情况（工商注册名称及代码必填）")}}},
		{SigningID, "rows[0].projects[0].company.name", []want{{"rows[0].projects[0].company.name", "项目进展情况（工商注册名称及代码必填）·工商注册名称", r1p1, "required", req(r1p1, "项目进展情况（工商注册名称及代码必填）·工商注册名称")}}},
		{SigningID, "rows[0].projects[0].company.creditCode", []want{{"rows[0].projects[0].company.creditCode", "项目进展情况（工商注册名称及代码必填）·统一社会信用代码", r1p1, "required", req(r1p1, "项目进展情况（工商注册名称及代码必填）·统一社会信用代码")}}},
		{SigningID, "rows[0].projects[0].company", []want{
			{"rows[0].projects[0].company.name", "项目进展情况（工商注册名称及代码必填）·工商注册名称", r1p1, "required", req(r1p1, "项目进展情况（工商注册名称及代码必填）·工商注册名称")},
			{"rows[0].projects[0].company.creditCode", "项目进展情况（工商注册名称及代码必填）·统一社会信用代码", r1p1, "required", req(r1p1, "项目进展情况（工商注册名称及代码必填）·统一社会信用代码")},
		}},
		{SigningID, "rows[0].projects[0].fulfilled", []want{{"rows[0].projects[0].fulfilled", "是否履约（必填）", r1p1, "required", "第1行第1个项目【是否履约（必填）】" + yesNo}}},
		{SigningID, "rows[0].projects[0].started", []want{{"rows[0].projects[0].started", "是否开工（必填）", r1p1, "required", "第1行第1个项目【是否开工（必填）】" + yesNo}}},
		{SigningID, "rows[0].projects[0].producing", nil},
		{SigningID, "rows[0].projects[0].contact", []want{
			{"rows[0].projects[0].contact.name", "项目联系人及电话·联系人", r1p1, "required", req(r1p1, "项目联系人及电话·联系人")},
			{"rows[0].projects[0].contact.phone", "项目联系人及电话·电话", r1p1, "required", req(r1p1, "项目联系人及电话·电话")},
		}},
		{SigningID, "rows[0].projects[0].contact.phone", []want{{"rows[0].projects[0].contact.phone", "项目联系人及电话·电话", r1p1, "required", req(r1p1, "项目联系人及电话·电话")}}},

		{LandingID, "unit", []want{{"unit", "单位（盖章）", "", "required", req("", "单位（盖章）")}}},
		{LandingID, "rows[0].name", []want{{"rows[0].name", "项目名称", r1, "required", req(r1, "项目名称")}}},
		{LandingID, "rows[0].undertaker", []want{{"rows[0].undertaker", "项目承接方", r1, "required", req(r1, "项目承接方")}}},
		{LandingID, "rows[0].investor", []want{{"rows[0].investor", "项目投资方", r1, "required", req(r1, "项目投资方")}}},
		{LandingID, "rows[0].totalInvestment", []want{{"rows[0].totalInvestment", "总投资", r1, "required", req(r1, "总投资")}}},
		{LandingID, "rows[0].overview", []want{{"rows[0].overview", "项目基本情况", r1, "required", req(r1, "项目基本情况")}}},
		{LandingID, "rows[0].progress", []want{{"rows[0].progress", "项目落地进展情况", r1, "required", req(r1, "项目落地进展情况")}}},
		{LandingID, "rows[0].remarks", nil},

		{SupervisionID, "number", nil},
		{SupervisionID, "date", []want{{"date", "日期", "", "required", "【日期】" + dateReq}}},
		{SupervisionID, "target", []want{{"target", "督办单位", "", "required", req("", "督办单位")}}},
		{SupervisionID, "content", []want{{"content", "督办内容", "", "required", req("", "督办内容")}}},
		{SupervisionID, "requirements", []want{{"requirements", "工作要求", "", "required", req("", "工作要求")}}},
		{SupervisionID, "from", []want{{"from", "完成时限·开始日期", "", "required", "【完成时限·开始日期】" + dateReq}}},
		{SupervisionID, "to", []want{{"to", "完成时限·截止日期", "", "required", "【完成时限·截止日期】" + dateReq}}},
		{SupervisionID, "issuer", []want{{"issuer", "督办单签发单位", "", "required", req("", "督办单签发单位")}}},
	} {
		t.Run(string(tc.form)+"/"+tc.del, func(t *testing.T) {
			// Absent, null and blank are all "not given".
			variants := map[string]*doc{
				"absent": base(t, tc.form).del(tc.del),
				"null":   base(t, tc.form).set(tc.del, nil),
			}
			switch base(t, tc.form).get(tc.del).(type) {
			case string:
				variants["blank"] = base(t, tc.form).set(tc.del, " \u3000\n ")
			case []any:
				variants["empty"] = base(t, tc.form).set(tc.del, []any{})
				variants["blank items"] = base(t, tc.form).set(tc.del, []any{"", "  "})
			}
			for name, d := range variants {
				if name == "blank items" && (tc.del == "rows" || strings.HasSuffix(tc.del, "projects")) {
					continue // rows and projects are objects
				}
				_, err := Parse(tc.form, d.bytes())
				if tc.want == nil {
					if err != nil {
						t.Errorf("%s: optional field, got %v", name, err)
					}
					continue
				}
				t.Run(name, func(t *testing.T) { wantErrors(t, err, tc.want...) })
			}
		})
	}
}

func TestMaxLength(t *testing.T) {
	// Lengths count characters, not bytes: every test string is CJK (3 bytes
	// a character in UTF-8).
	for _, tc := range []struct {
		form       ID
		path       string
		max        int
		label, row string
	}{
		{TaskListID, "unit", 60, "单位（盖章）", ""},
		{TaskListID, "rows[0].name", 100, "企业（项目）名称", r1},
		{TaskListID, "rows[0].overview", 2000, "项目基本情况", r1},
		{TaskListID, "rows[0].leader", 60, "牵头责任领导", r1},
		{TaskListID, "rows[0].owner", 100, "承接责任单位", r1},
		{TaskListID, "rows[0].tasks[0]", 500, "任务清单第1项", r1},
		{FollowupID, "rows[0].name", 100, "企业（项目）名称", r1},
		{FollowupID, "rows[0].progress", 2000, "进展情况", r1},
		{FollowupID, "rows[0].problems", 2000, "存在的困难和问题", r1},
		{FollowupID, "rows[0].tasks[0]", 500, "任务清单第1项", r1},
		{SigningID, "unit", 60, "单位（盖章）", ""},
		{SigningID, "rows[0].investor", 100, "项目投资方", r1},
		{SigningID, "rows[0].hq", 60, "总部所在地（国别/省市）", r1},
		{SigningID, "rows[0].projects[0].name", 100, "项目名称", r1p1},
		{SigningID, "rows[0].projects[0].undertaker", 100, "项目承接方", r1p1},
		{SigningID, "rows[0].projects[0].overview", 2000, "项目基本情况", r1p1},
		{SigningID, "rows[0].projects[0].location", 60, "项目所在地", r1p1},
		{SigningID, "rows[0].projects[0].progress", 2000, "项目进展情况（工商注册名称及代码必填）", r1p1},
		{LandingID, "rows[0].name", 100, "项目名称", r1},
		{SupervisionID, "target", 100, "督办单位", ""},
		{SupervisionID, "content", 2000, "督办内容", ""},
		{SupervisionID, "requirements", 2000, "工作要求", ""},
		{SupervisionID, "issuer", 60, "督办单签发单位", ""},
		// Limits of the implementation where the contract names none.
		{TaskListID, "rows[0].partners[0]", 100, "配合单位第1项", r1},
		{SigningID, "rows[0].projects[0].company.name", 100, "项目进展情况（工商注册名称及代码必填）·工商注册名称", r1p1},
		{SigningID, "rows[0].projects[0].contact.name", 30, "项目联系人及电话·联系人", r1p1},
		{LandingID, "rows[0].undertaker", 100, "项目承接方", r1},
		{LandingID, "rows[0].investor", 100, "项目投资方", r1},
		{LandingID, "rows[0].overview", 2000, "项目基本情况", r1},
		{LandingID, "rows[0].progress", 2000, "项目落地进展情况", r1},
		{LandingID, "rows[0].remarks", 2000, "备注", r1},
		{SupervisionID, "number", 40, "督办单编号", ""},
	} {
		t.Run(string(tc.form)+"/"+tc.path, func(t *testing.T) {
			at := strings.Repeat("湘", tc.max)
			if _, err := Parse(tc.form, base(t, tc.form).set(tc.path, at).bytes()); err != nil {
				t.Errorf("%d characters (%d bytes): %v", tc.max, len(at), err)
			}
			// A line break is a character too.
			over := strings.Repeat("潭", tc.max-1) + "\n潭"
			_, err := Parse(tc.form, base(t, tc.form).set(tc.path, over).bytes())
			wantErrors(t, err, want{tc.path, tc.label, tc.row, "max",
				fmt.Sprintf("%s【%s】不能超过%d个字（现有%d个字）", tc.row, tc.label, tc.max, tc.max+1)})
		})
	}
}

func TestListLengthLimits(t *testing.T) {
	items := func(n int) []any {
		l := make([]any, n)
		for i := range l {
			l[i] = fmt.Sprintf("任务%d", i+1)
		}
		return l
	}
	mustParse(t, TaskListID, base(t, TaskListID).set("rows[0].tasks", items(50)).bytes())
	_, err := Parse(TaskListID, base(t, TaskListID).set("rows[0].tasks", items(51)).bytes())
	wantErrors(t, err, want{"rows[0].tasks", "任务清单", r1, "max", "第1行【任务清单】最多填写50项"})
	_, err = Parse(TaskListID, base(t, TaskListID).set("rows[0].partners", items(51)).bytes())
	wantErrors(t, err, want{"rows[0].partners", "配合单位", r1, "max", "第1行【配合单位】最多填写50项"})
}

func TestControlCharacters(t *testing.T) {
	msg := func(row, label string, pos int, r rune) string {
		return fmt.Sprintf("%s【%s】第%d个字是不可见的控制字符（U+%04X），请删除后重新填写", row, label, pos, r)
	}
	fields := []struct {
		form             ID
		path, label, row string
		oneLine          bool
	}{
		{TaskListID, "unit", "单位（盖章）", "", true},
		{TaskListID, "rows[0].overview", "项目基本情况", r1, false},
		{TaskListID, "rows[0].tasks[0]", "任务清单第1项", r1, false},
		{TaskListID, "rows[0].partners[0]", "配合单位第1项", r1, true},
		{FollowupID, "rows[0].problems", "存在的困难和问题", r1, false},
		{SigningID, "rows[0].projects[0].contact.name", "项目联系人及电话·联系人", r1p1, true},
		{SigningID, "rows[0].top500", "所属500强名称及排名·文本", r1, true},
		{LandingID, "rows[0].remarks", "备注", r1, false},
		{SupervisionID, "content", "督办内容", "", false},
		{SupervisionID, "seal", "印章", "", true},
	}
	for _, r := range []rune{0x07, 0x00, 0x7f, 0x85, 0x0b, 0x0c, 0x1b, 0x9f, 0xFFFE} {
		for _, f := range fields {
			for _, where := range []string{"middle", "end"} {
				t.Run(fmt.Sprintf("%U/%s/%s/%s", r, f.form, f.path, where), func(t *testing.T) {
					val := "湘潭" + string(r) + "经开区"
					if where == "end" {
						val = "湘潭" + string(r) // trailing controls are not trimmed away
					}
					path := f.path
					if path == "rows[0].top500" {
						path = "rows[0].top500.text"
					}
					_, err := Parse(f.form, base(t, f.form).set(f.path, val).bytes())
					if f.oneLine && r == 0x85 { // NEL ends a line: see TestOneLineFields
						wantErrors(t, err, want{path, f.label, f.row, "oneline", f.row + "【" + f.label + "】不能换行或含制表符（第3个字符），请写在一行内"})
						return
					}
					wantErrors(t, err, want{path, f.label, f.row, "nocontrol", msg(f.row, f.label, 3, r)})
				})
			}
		}
	}
	// \n and \t are allowed and kept; \r\n and \r become \n; blanks around are trimmed.
	d := base(t, TaskListID).
		set("rows[0].overview", " \u3000第一行\r\n第二行\r第三行\t（续）\n").
		set("unit", "\u00a0湘潭经开区管委会 ")
	f := mustParse(t, TaskListID, d.bytes()).(*TaskList)
	if got, want := f.Rows[0].Overview, "第一行\n第二行\n第三行\t（续）"; got != want {
		t.Errorf("overview = %q, want %q", got, want)
	}
	if f.Unit != "湘潭经开区管委会" {
		t.Errorf("unit = %q", f.Unit)
	}
	// The position counts characters of the trimmed text.
	_, err := Parse(TaskListID, base(t, TaskListID).set("rows[0].name", "  湘潭经开区\u0007").bytes())
	wantErrors(t, err, want{"rows[0].name", "企业（项目）名称", r1, "nocontrol", msg(r1, "企业（项目）名称", 6, 7)})
}

func TestCodes(t *testing.T) {
	p := "rows[0].projects[0]."
	for _, tc := range []struct {
		field string
		in    any
		want  string
	}{
		{"cooperation", "A", "A"},
		{"cooperation", "合资", "A"},
		{"cooperation", "A—合资", "A"},
		{"cooperation", "A-合资", "A"},
		{"cooperation", "Ａ", "A"},
		{"cooperation", "c", "C"},
		{"cooperation", "产、股权转让", "D"},
		{"cooperation", "E—其他", "E"},
		{"industry", "A类—工业制造业", "A"},
		{"industry", "B类", "B"},
		{"industry", "农业产业化", "C"},
		{"industry", "D类-第三产业及其他", "D"},
		{"investorType", "A类—央企投资", "A"},
		{"investorType", "民营企业投资", "B"},
		{"investorType", "Ｃ", "C"},
		{"signType", "合同", "合同"},
		{"signType", "协议", "协议"},
	} {
		f := mustParse(t, SigningID, base(t, SigningID).set(p+tc.field, tc.in).bytes()).(*Signing)
		pr := f.Rows[0].Projects[0]
		got := map[string]string{"cooperation": string(pr.Cooperation), "industry": string(pr.Industry),
			"investorType": string(pr.InvestorType), "signType": string(pr.SignType)}[tc.field]
		if got != tc.want {
			t.Errorf("%s %q stored as %q, want %q", tc.field, tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		field, label string
		in           any
		quoted, set  string
	}{
		{"cooperation", "合作方式", "F", "F", "A、B、C、D、E"},
		{"cooperation", "合作方式", "A—合作", "A—合作", "A、B、C、D、E"},
		{"cooperation", "合作方式", " 合资企业 ", "合资企业", "A、B、C、D、E"},
		{"industry", "产业类别", "E", "E", "A、B、C、D"},
		{"industry", "产业类别", "A类—农业产业化", "A类—农业产业化", "A、B、C、D"},
		{"investorType", "投资方类别", "D", "D", "A、B、C"},
		{"signType", "签约类型", "合约", "合约", "合同、协议"},
		{"signType", "签约类型", "A", "A", "合同、协议"},
	} {
		_, err := Parse(SigningID, base(t, SigningID).set(p+tc.field, tc.in).bytes())
		wantErrors(t, err, want{p + tc.field, tc.label, r1p1, "oneof",
			fmt.Sprintf("第1行第1个项目【%s】“%s”不是有效代码，应为 %s 之一", tc.label, tc.quoted, tc.set)})
	}
	_, err := Parse(SigningID, base(t, SigningID).set(p+"cooperation", 1).bytes())
	wantErrors(t, err, want{p + "cooperation", "合作方式", r1p1, "type", "第1行第1个项目【合作方式】应为文本"})
}

// The example of the contract (§1): the third investor's first project has 合作方式 "F".
func TestCodeMessageOfTheContract(t *testing.T) {
	d := load(t, string(example(t, SigningID))).set("rows[2].projects[0].cooperation", "F")
	_, err := Parse(SigningID, d.bytes())
	wantErrors(t, err, want{"rows[2].projects[0].cooperation", "合作方式", "第3行第1个项目", "oneof",
		"第3行第1个项目【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一"})
}

func TestDates(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want Date
	}{
		{"2026-11-26", "2026-11-26"},
		{"2026/11/26", "2026-11-26"},
		{"2026.11.26", "2026-11-26"},
		{"2026-1-5", "2026-01-05"},
		{"2026年11月26日", "2026-11-26"},
		{"2028-02-29", "2028-02-29"},
	} {
		f := mustParse(t, LandingID, base(t, LandingID).set("date", tc.in).bytes()).(*Landing)
		if f.Date != tc.want {
			t.Errorf("date %q stored as %q, want %q", tc.in, f.Date, tc.want)
		}
	}
	for _, in := range []string{"2026-02-30", "2026-02-29", "2026-13-01", "2026-11-31", "26-11-26", "2026-11-26T08:00", "明天", "2026年11月"} {
		_, err := Parse(LandingID, base(t, LandingID).set("date", in).bytes())
		wantErrors(t, err, want{"date", "填报日期", "", "date",
			"【填报日期】“" + in + "”不是有效日期，应为真实存在的日期，格式如 2026-11-26"})
	}
	_, err := Parse(LandingID, base(t, LandingID).set("date", 20261126).bytes())
	wantErrors(t, err, want{"date", "填报日期", "", "type", "【填报日期】应为日期文本，如 \"2026-11-26\""})
	_, err = Parse(SupervisionID, base(t, SupervisionID).set("issueDate", "2026-02-30").bytes())
	wantErrors(t, err, want{"issueDate", "签发日期", "", "date",
		"【签发日期】“2026-02-30”不是有效日期，应为真实存在的日期，格式如 2026-11-26"})
}

func TestAmounts(t *testing.T) {
	p := "rows[0].projects[0]."
	ok := []struct {
		field string
		in    any
		want  Amount
		shown string
	}{
		{"totalInvestment", raw("12.5"), "12.5", "12.5"},
		{"totalInvestment", raw("12.50"), "12.50", "12.5"},
		{"totalInvestment", "12.50", "12.50", "12.5"},
		{"totalInvestment", "１２.５", "12.5", "12.5"},
		{"totalInvestment", raw("1e2"), "1e2", "100"},
		{"totalInvestment", raw("100000"), "100000", "100000"}, // MaxYiYuan
		{"totalInvestment", "99999.9999", "99999.9999", "99999.9999"},
		{"introducedFunds", raw("0"), "0", "0"},
		{"introducedFunds", "8.0000", "8.0000", "8"},
		{"fundsInPlace", raw("0"), "0", "0"},
		{"fundsInPlace", "80000", "80000", "80000"},
	}
	for _, tc := range ok {
		d := base(t, SigningID).set(p+tc.field, tc.in)
		if tc.field == "introducedFunds" {
			d.set(p+"fundsInPlace", 0) // 到位资金 ≤ 引进资金×10000
		}
		f := mustParse(t, SigningID, d.bytes()).(*Signing)
		pr := f.Rows[0].Projects[0]
		got := map[string]Amount{"totalInvestment": pr.TotalInvestment, "introducedFunds": pr.IntroducedFunds,
			"fundsInPlace": pr.FundsInPlace}[tc.field]
		if got != tc.want || got.String() != tc.shown {
			t.Errorf("%s %v stored as %q shown %q, want %q shown %q", tc.field, tc.in, got, got.String(), tc.want, tc.shown)
		}
	}
	type bad struct {
		field, label string
		in           any
		rule, text   string
	}
	const tl, il, fl = "总投资（亿元）", "引进资金（亿元）", "到位资金（万元）"
	for _, tc := range []bad{
		{"totalInvestment", tl, raw("0"), "amountpos", "“0”应大于0"},
		{"totalInvestment", tl, "0.0000", "amountpos", "“0”应大于0"}, // quoted as rendered
		{"totalInvestment", tl, raw("-3"), "amount", "“-3”不能为负数"},
		{"totalInvestment", tl, "abc", "amount", "“abc”不是有效的金额，应为数字，如 12.5"},
		{"totalInvestment", tl, "12亿元", "amount", "“12亿元”不是有效的金额，应为数字，如 12.5"},
		{"totalInvestment", tl, raw("12.34567"), "amount", "“12.34567”最多保留4位小数"},
		{"totalInvestment", tl, raw("true"), "type", "应为数字"},
		{"totalInvestment", tl, raw("[12]"), "type", "应为数字"},
		{"introducedFunds", il, raw("-0.5"), "amount", "“-0.5”不能为负数"},
		{"introducedFunds", il, raw("0.30000000000000004"), "amount", "“0.30000000000000004”最多保留4位小数"},
		{"fundsInPlace", fl, "一万", "amount", "“一万”不是有效的金额，应为数字，如 12.5"},
		{"fundsInPlace", fl, raw("-1"), "amount", "“-1”不能为负数"},
	} {
		_, err := Parse(SigningID, base(t, SigningID).set(p+tc.field, tc.in).bytes())
		wantErrors(t, err, want{p + tc.field, tc.label, r1p1, tc.rule, r1p1 + "【" + tc.label + "】" + tc.text})
	}
	// 附件5's 总投资 follows the same rules.
	_, err := Parse(LandingID, base(t, LandingID).set("rows[0].totalInvestment", 0).bytes())
	wantErrors(t, err, want{"rows[0].totalInvestment", "总投资", r1, "amountpos", "第1行【总投资】“0”应大于0"})
	_, err = Parse(LandingID, base(t, LandingID).set("rows[0].totalInvestment", "1,000").bytes())
	wantErrors(t, err, want{"rows[0].totalInvestment", "总投资", r1, "amount", "第1行【总投资】“1,000”不是有效的金额，应为数字，如 12.5"})
	f := mustParse(t, LandingID, base(t, LandingID).set("rows[0].totalInvestment", "6.80").bytes()).(*Landing)
	if got := f.Rows[0].TotalInvestment.String(); got != "6.8" {
		t.Errorf("landing totalInvestment shown %q, want 6.8", got)
	}
}

func TestCrossFieldRules(t *testing.T) {
	p := "rows[0].projects[0]."
	type edits map[string]any
	for _, tc := range []struct {
		name string
		set  edits
		want []want
	}{
		{"引进资金 = 总投资", edits{"totalInvestment": raw("0.3"), "introducedFunds": "0.3000", "fundsInPlace": 3000}, nil},
		{"引进资金 > 总投资", edits{"totalInvestment": 10, "introducedFunds": raw("10.0001"), "fundsInPlace": 0}, []want{
			{p + "introducedFunds", "引进资金（亿元）", r1p1, "ltefield", "第1行第1个项目【引进资金（亿元）】“10.0001”亿元不能大于总投资“10”亿元"}}},
		{"引进资金 > 总投资, exact decimals", edits{"totalInvestment": "0.3", "introducedFunds": raw("0.3001"), "fundsInPlace": 0}, []want{
			{p + "introducedFunds", "引进资金（亿元）", r1p1, "ltefield", "第1行第1个项目【引进资金（亿元）】“0.3001”亿元不能大于总投资“0.3”亿元"}}},
		// 0.0003 × 10000 is 2.9999999999999996 in float64: exact decimals allow 3.
		{"到位资金 = 引进资金×10000", edits{"introducedFunds": raw("0.0003"), "fundsInPlace": raw("3")}, nil},
		{"到位资金 = 引进资金×10000 (2)", edits{"introducedFunds": raw("8"), "fundsInPlace": "80000.0000"}, nil},
		{"到位资金 > 引进资金×10000", edits{"introducedFunds": raw("0.0003"), "fundsInPlace": raw("3.0001")}, []want{
			{p + "fundsInPlace", "到位资金（万元）", r1p1, "ltefield", "第1行第1个项目【到位资金（万元）】“3.0001”万元不能大于引进资金（0.0003亿元，即3万元）"}}},
		{"到位资金 > 引进资金×10000 (2)", edits{"introducedFunds": raw("8"), "fundsInPlace": raw("80001")}, []want{
			{p + "fundsInPlace", "到位资金（万元）", r1p1, "ltefield", "第1行第1个项目【到位资金（万元）】“80001”万元不能大于引进资金（8亿元，即80000万元）"}}},
		{"引进资金 0 leaves no room", edits{"introducedFunds": raw("0"), "fundsInPlace": raw("0.0001")}, []want{
			{p + "fundsInPlace", "到位资金（万元）", r1p1, "ltefield", "第1行第1个项目【到位资金（万元）】“0.0001”万元不能大于引进资金（0亿元，即0万元）"}}},
		{"both limits broken", edits{"totalInvestment": 1, "introducedFunds": 2, "fundsInPlace": 20001}, []want{
			{p + "introducedFunds", "引进资金（亿元）", r1p1, "ltefield", "第1行第1个项目【引进资金（亿元）】“2”亿元不能大于总投资“1”亿元"},
			{p + "fundsInPlace", "到位资金（万元）", r1p1, "ltefield", "第1行第1个项目【到位资金（万元）】“20001”万元不能大于引进资金（2亿元，即20000万元）"}}},
		// An invalid amount is reported once, by its own rule.
		{"invalid 总投资", edits{"totalInvestment": "x", "introducedFunds": 100}, []want{
			{p + "totalInvestment", "总投资（亿元）", r1p1, "amount", "第1行第1个项目【总投资（亿元）】“x”不是有效的金额，应为数字，如 12.5"}}},
		{"invalid 引进资金", edits{"introducedFunds": "x", "fundsInPlace": 999999}, []want{
			{p + "introducedFunds", "引进资金（亿元）", r1p1, "amount", "第1行第1个项目【引进资金（亿元）】“x”不是有效的金额，应为数字，如 12.5"}}},
		{"投产 and 开工", edits{"producing": "是", "started": "是"}, nil},
		{"投产 without 开工", edits{"producing": true, "started": false}, []want{
			{p + "producing", "是否投产", r1p1, "requires", "第1行第1个项目【是否投产】为“是”时，【是否开工（必填）】也必须为“是”"}}},
		{"投产 with 开工 absent", edits{"producing": true, "started": nil}, []want{
			{p + "started", "是否开工（必填）", r1p1, "required", "第1行第1个项目【是否开工（必填）】为必填项，请填写“是”或“否”"},
			{p + "producing", "是否投产", r1p1, "requires", "第1行第1个项目【是否投产】为“是”时，【是否开工（必填）】也必须为“是”"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := base(t, SigningID)
			for k, v := range tc.set {
				d.set(p+k, v)
			}
			_, err := Parse(SigningID, d.bytes())
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErrors(t, err, tc.want...)
		})
	}
}

func TestYesNoFields(t *testing.T) {
	p := "rows[0].projects[0]."
	for _, tc := range []struct {
		in   any
		want YesNo
	}{
		{true, Yes}, {false, No}, {"是", Yes}, {"否", No}, {"true", Yes},
	} {
		f := mustParse(t, SigningID, base(t, SigningID).set(p+"fulfilled", tc.in).bytes()).(*Signing)
		if got := f.Rows[0].Projects[0].Fulfilled; got != tc.want {
			t.Errorf("fulfilled %v stored as %q, want %q", tc.in, got, tc.want)
		}
	}
	// producing absent defaults to 否 (not answered, not an error).
	f := mustParse(t, SigningID, base(t, SigningID).del(p+"producing").bytes()).(*Signing)
	if pr := f.Rows[0].Projects[0]; pr.Producing != "" || pr.Producing.Bool() {
		t.Errorf("absent producing = %q", pr.Producing)
	}
	// fulfilled false is an answer, absent is not.
	mustParse(t, SigningID, base(t, SigningID).set(p+"fulfilled", false).set(p+"started", "否").bytes())
	for _, tc := range []struct {
		field, label string
		in           any
		rule, text   string
	}{
		{"fulfilled", "是否履约（必填）", "Y", "yesno", "“Y”不是有效值，应为“是”或“否”"},
		{"started", "是否开工（必填）", "有", "yesno", "“有”不是有效值，应为“是”或“否”"},
		{"firstTime", "是否首次来潭投资", raw("1"), "type", "应为 true/false 或 \"是\"/\"否\""},
		{"producing", "是否投产", "不", "yesno", "“不”不是有效值，应为“是”或“否”"},
		{"fulfilled", "是否履约（必填）", "", "required", "为必填项，请填写“是”或“否”"},
	} {
		_, err := Parse(SigningID, base(t, SigningID).set(p+tc.field, tc.in).bytes())
		wantErrors(t, err, want{p + tc.field, tc.label, r1p1, tc.rule, r1p1 + "【" + tc.label + "】" + tc.text})
	}
}

func TestTextListFields(t *testing.T) {
	d := base(t, TaskListID).set("rows[0].partners", "市教育局").set("rows[0].tasks", "完成选址\r\n\n完成论证")
	f := mustParse(t, TaskListID, d.bytes()).(*TaskList)
	if got := f.Rows[0].Partners; len(got) != 1 || got[0] != "市教育局" {
		t.Errorf("partners = %q", got)
	}
	if got := f.Rows[0].Tasks; len(got) != 2 || got[0] != "完成选址" || got[1] != "完成论证" {
		t.Errorf("tasks = %q", got)
	}
	for _, in := range []any{raw("5"), raw("[1]"), raw(`["a", {}]`), raw("{}")} {
		_, err := Parse(TaskListID, base(t, TaskListID).set("rows[0].tasks", in).bytes())
		wantErrors(t, err, want{"rows[0].tasks", "任务清单", r1, "type", "第1行【任务清单】应为文本或文本数组"})
	}
}

func TestTop500Field(t *testing.T) {
	const top = "rows[0].top500"
	for _, tc := range []struct {
		in   any
		want string
	}{
		{raw(`{"list": "世界500强", "year": 2025, "rank": 123}`), "2025年世界500强第123位"},
		{raw(`{"list": "中国企业500强", "year": "2025", "rank": "500"}`), "2025年中国企业500强第500位"},
		{raw(`{"list": "中国民营企业500强", "year": 2024, "rank": 1}`), "2024年中国民营企业500强第1位"},
		{raw(`{"list": "其他", "name": "全球工业自动化企业100强", "year": 2024, "rank": 45}`), "2024年全球工业自动化企业100强第45位"},
		{"2025年《财富》世界500强第98位", "2025年《财富》世界500强第98位"},
		{"", ""},
		{nil, ""},
		{raw(`{}`), ""},
	} {
		f := mustParse(t, SigningID, base(t, SigningID).set(top, tc.in).bytes()).(*Signing)
		if got := f.Rows[0].Top500.String(); got != tc.want {
			t.Errorf("top500 %v rendered %q, want %q", tc.in, got, tc.want)
		}
	}
	const l = "所属500强名称及排名"
	for _, tc := range []struct {
		in   any
		want []want
	}{
		{raw(`{"list": "世界500强", "year": 2025, "rank": 501}`), []want{{top + ".rank", l + "·排名", r1, "top500", "第1行【" + l + "·排名】“501”不是有效排名，应为 1 到 500"}}},
		{raw(`{"list": "世界500强", "year": 2025, "rank": -1}`), []want{{top + ".rank", l + "·排名", r1, "top500", "第1行【" + l + "·排名】“-1”不是有效排名，应为 1 到 500"}}},
		{raw(`{"list": "世界500强", "year": 2025}`), []want{{top + ".rank", l + "·排名", r1, "top500", "第1行【" + l + "·排名】不能为空：请填写排名，1 到 500"}}},
		{raw(`{"list": "世界500强", "rank": 1}`), []want{{top + ".year", l + "·年份", r1, "top500", "第1行【" + l + "·年份】不能为空：请填写榜单发布年份，如 2025"}}},
		{raw(`{"list": "世界500强", "year": 1989, "rank": 1}`), []want{{top + ".year", l + "·年份", r1, "top500", "第1行【" + l + "·年份】“1989”不是有效年份，应为榜单发布年份，如 2025"}}},
		{raw(`{"list": "福布斯", "year": 2025, "rank": 1}`), []want{{top + ".list", l + "·榜单", r1, "top500", "第1行【" + l + "·榜单】“福布斯”不是有效值，应为 世界500强、中国企业500强、中国民营企业500强、其他 之一"}}},
		{raw(`{"year": 2025, "rank": 1}`), []want{{top + ".list", l + "·榜单", r1, "top500", "第1行【" + l + "·榜单】不能为空：请填写榜单（世界500强、中国企业500强、中国民营企业500强、其他），或整项留空"}}},
		{raw(`{"list": "其他", "year": 2025, "rank": 1}`), []want{{top + ".name", l + "·榜单名称", r1, "top500", "第1行【" + l + "·榜单名称】不能为空：榜单为“其他”时请填写榜单名称"}}},
		{raw(`{"list": "世界500强", "name": "财富", "year": 2025, "rank": 1}`), []want{{top + ".name", l + "·榜单名称", r1, "top500", "第1行【" + l + "·榜单名称】只在榜单为“其他”时填写"}}},
		{raw(`{"list": "世界500强", "text": "世界500强", "year": 2025, "rank": 1}`), []want{{top + ".text", l + "·文本", r1, "top500", "第1行【" + l + "·文本】不能同时填写文本和榜单信息，请二选一"}}},
		{raw(`{"list": "世界500强", "year": 2025, "rank": 1, "url": "x"}`), []want{{top + ".url", l, r1, "unknown", "第1行【" + l + "】未知字段“url”：本表没有这一项，请检查拼写（可用的字段：list、year、rank、name、text）"}}},
		{raw(`{"list": "世界500强", "year": 2025, "rank": "第1位"}`), []want{{top + ".rank", l + "·排名", r1, "type", "第1行【" + l + "·排名】应为正整数"}}},
		{raw(`5`), []want{{top, l, r1, "type", "第1行【" + l + "】应为文本或对象 {\"list\": …, \"year\": …, \"rank\": …}"}}},
		{raw(`["世界500强"]`), []want{{top, l, r1, "type", "第1行【" + l + "】应为文本或对象 {\"list\": …, \"year\": …, \"rank\": …}"}}},
		{strings.Repeat("强", 101), []want{{top + ".text", l + "·文本", r1, "max", "第1行【" + l + "·文本】不能超过100个字（现有101个字）"}}},
	} {
		_, err := Parse(SigningID, base(t, SigningID).set(top, tc.in).bytes())
		t.Run(fmt.Sprint(tc.in), func(t *testing.T) { wantErrors(t, err, tc.want...) })
	}
}

func TestPhoneField(t *testing.T) {
	const path = "rows[0].projects[0].contact.phone"
	for _, p := range []string{"13807320001", "+8613807320001", "+86 138 0732 0001", "0731-57619998", "073157619998", "0731-57619998-8021"} {
		mustParse(t, SigningID, base(t, SigningID).set(path, p).bytes())
	}
	for _, p := range []string{"12807320001", "1380732000", "0731-576199", "13807320001转8021", "电话"} {
		_, err := Parse(SigningID, base(t, SigningID).set(path, p).bytes())
		wantErrors(t, err, want{path, "项目联系人及电话·电话", r1p1, "cnphone",
			"第1行第1个项目【项目联系人及电话·电话】“" + p + "”不是有效的电话号码，应为11位手机号（如 13812345678）或带区号的固定电话（如 0731-57619998）"})
	}
}

func TestCityField(t *testing.T) {
	const path = "rows[0].projects[0].city"
	for _, c := range HunanCities() {
		f := mustParse(t, SigningID, base(t, SigningID).set(path, c).bytes()).(*Signing)
		if got := f.Rows[0].Projects[0].CityOrDefault(); got != c {
			t.Errorf("city %q read as %q", c, got)
		}
	}
	f := mustParse(t, SigningID, base(t, SigningID).del(path).bytes()).(*Signing)
	if got := f.Rows[0].Projects[0].CityOrDefault(); got != "湘潭市" {
		t.Errorf("default city = %q", got)
	}
	all := strings.Join(HunanCities(), "、")
	for _, c := range []string{"湘潭", "武汉市", "湘西州"} {
		_, err := Parse(SigningID, base(t, SigningID).set(path, c).bytes())
		wantErrors(t, err, want{path, "所属市州", r1p1, "hunancity",
			"第1行第1个项目【所属市州】“" + c + "”不是湖南省的市州，应为 " + all + " 之一"})
	}
}

func TestCreditCodeField(t *testing.T) {
	const path = "rows[0].projects[0].company.creditCode"
	const label = "项目进展情况（工商注册名称及代码必填）·统一社会信用代码"
	for _, c := range validUSCCs {
		mustParse(t, SigningID, base(t, SigningID).set(path, c).bytes())
	}
	for _, tc := range []struct{ in, problem string }{
		{invalidUSCC, "校验位不正确（第18位应为“3”），请核对是否抄错"},
		{"9143030018471127", "应为18位，现为16位"},
		{"91430300184711279e", "第18位“e”应为大写字母"},
		{"9143030018471127OE", "第17位“O”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
	} {
		_, err := Parse(SigningID, base(t, SigningID).set(path, tc.in).bytes())
		wantErrors(t, err, want{path, label, r1p1, "uscc",
			"第1行第1个项目【" + label + "】“" + tc.in + "”不是有效的统一社会信用代码：" + tc.problem})
	}
}

func TestRowNumbers(t *testing.T) {
	// Auto-numbering: absent 序号 continue from the row before.
	d := load(t, string(example(t, TaskListID)))
	f := mustParse(t, TaskListID, d.bytes()).(*TaskList)
	if got := f.RowNumbers(); fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("RowNumbers() = %v", got)
	}
	d.set("rows[0].no", 5).set("rows[2].no", "9")
	f = mustParse(t, TaskListID, d.bytes()).(*TaskList)
	if got := f.RowNumbers(); fmt.Sprint(got) != "[5 6 9]" {
		t.Errorf("RowNumbers() with 序号 = %v", got)
	}
	fu := mustParse(t, FollowupID, load(t, string(example(t, FollowupID))).set("rows[1].no", 7).bytes()).(*Followup)
	if got := fu.RowNumbers(); fmt.Sprint(got) != "[1 7 8]" {
		t.Errorf("Followup.RowNumbers() = %v", got)
	}
	la := mustParse(t, LandingID, example(t, LandingID)).(*Landing)
	if got := la.RowNumbers(); fmt.Sprint(got) != "[1 2 3]" {
		t.Errorf("Landing.RowNumbers() = %v", got)
	}
	// 项目序号 are numbered within each investor.
	s := mustParse(t, SigningID, example(t, SigningID)).(*Signing)
	if got := s.RowNumbers(); fmt.Sprint(got) != "[1 2 3 4 5 6]" {
		t.Errorf("Signing.RowNumbers() = %v", got)
	}
	var per []string
	for i := range s.Rows {
		per = append(per, fmt.Sprint(s.Rows[i].ProjectNumbers()))
	}
	if got := strings.Join(per, " "); got != "[1 2 3] [1 2] [1] [1 2] [1] [1 2]" {
		t.Errorf("ProjectNumbers() = %s", got)
	}
}

func TestDuplicateNumbers(t *testing.T) {
	twoRows := func(id ID) *doc {
		d := base(t, id)
		rows := d.get("rows").([]any)
		d.set("rows", raw(mustJSON(t, []any{rows[0], rows[0]})))
		return d
	}
	dup := func(path, row, label, other, unit string, no int) want {
		return want{path, label, row, "unique",
			fmt.Sprintf("%s【%s】“%d”重复：与第%s%s的序号相同，序号不能重复", row, label, no, other, unit)}
	}
	for _, id := range []ID{TaskListID, FollowupID, SigningID, LandingID} {
		t.Run(string(id), func(t *testing.T) {
			_, err := Parse(id, twoRows(id).set("rows[0].no", 2).set("rows[1].no", 2).bytes())
			wantErrors(t, err, dup("rows[1].no", "第2行", "序号", "1", "行", 2))
			// A given number may collide with an automatic one.
			_, err = Parse(id, twoRows(id).set("rows[1].no", 1).bytes())
			wantErrors(t, err, dup("rows[1].no", "第2行", "序号", "1", "行", 1))
			// Distinct given numbers in any order are fine.
			mustParse(t, id, twoRows(id).set("rows[0].no", 2).set("rows[1].no", 1).bytes())
			_, err = Parse(id, twoRows(id).set("rows[0].no", -1).bytes())
			wantErrors(t, err, want{"rows[0].no", "序号", r1, "min", "第1行【序号】应为正整数"})
			_, err = Parse(id, twoRows(id).set("rows[0].no", 1.5).bytes())
			wantErrors(t, err, want{"rows[0].no", "序号", r1, "type", "第1行【序号】应为正整数"})
		})
	}
	// Projects are numbered within their investor.
	d := base(t, SigningID)
	pr := d.get("rows[0].projects[0]")
	d.set("rows[0].projects", raw(mustJSON(t, []any{pr, pr, pr})))
	d.set("rows[0].projects[0].no", 1).set("rows[0].projects[2].no", 1)
	_, err := Parse(SigningID, d.bytes())
	wantErrors(t, err, dup("rows[0].projects[2].no", "第1行第3个项目", "项目序号", "1", "个项目", 1))
	// Two investors may both have a project 1.
	d = twoRows(SigningID).set("rows[0].projects[0].no", 1).set("rows[1].projects[0].no", 1)
	mustParse(t, SigningID, d.bytes())
}

func TestDeadline(t *testing.T) {
	for _, tc := range []struct {
		from, to Date
		want     string
	}{
		{"2026-12-01", "2026-12-07", "2026年12月1日（星期二）至12月7日（星期一）"},
		{"2026-12-01", "2026-12-01", "2026年12月1日（星期二）至12月1日（星期二）"},
		{"2026-11-26", "2026-12-05", "2026年11月26日（星期四）至12月5日（星期六）"},
		{"2026-12-28", "2027-01-03", "2026年12月28日（星期一）至2027年1月3日（星期日）"},
	} {
		s := &Supervision{From: tc.from, To: tc.to}
		if got := s.Deadline(); got != tc.want {
			t.Errorf("Deadline(%s, %s) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	// Through Parse, with date variants.
	d := base(t, SupervisionID).set("from", "2026年12月1日").set("to", "2026/12/7")
	s := mustParse(t, SupervisionID, d.bytes()).(*Supervision)
	if got := s.Deadline(); got != "2026年12月1日（星期二）至12月7日（星期一）" {
		t.Errorf("Deadline() = %q", got)
	}
	if got := s.IssueDateOrDefault(); got != "2026-11-26" {
		t.Errorf("IssueDateOrDefault() = %q", got)
	}
}

func TestSupervisionRules(t *testing.T) {
	_, err := Parse(SupervisionID, base(t, SupervisionID).set("from", "2026-12-08").bytes())
	wantErrors(t, err, want{"to", "完成时限·截止日期", "", "daterange",
		"【完成时限·截止日期】截止日期2026年12月7日早于开始日期2026年12月8日"})
	for _, n := range []string{"督办〔2026〕第12号", "督办[2026]12号", "督办（2026）12号", "督办［２０２６］12号"} {
		_, err := Parse(SupervisionID, base(t, SupervisionID).set("number", n).bytes())
		wantErrors(t, err, want{"number", "督办单编号", "", "docnumber",
			"【督办单编号】“" + n + "”格式不规范：年份用六角括号〔〕，序号不加“第”字，如 督办〔2026〕12号"})
	}
	mustParse(t, SupervisionID, base(t, SupervisionID).set("number", "湘招督〔2026〕1号").bytes())
	mustParse(t, SupervisionID, base(t, SupervisionID).del("number").bytes())
}

func TestSupervisionBatch(t *testing.T) {
	one := base(t, SupervisionID).root
	two := base(t, SupervisionID).set("target", "湘潭高新区管委会").root
	for _, in := range []string{mustJSON(t, []any{one, two}), mustJSON(t, map[string]any{"orders": []any{one, two}})} {
		f := mustParse(t, SupervisionID, []byte(in))
		b, ok := f.(*SupervisionBatch)
		if !ok || len(*b) != 2 || (*b)[1].Target != "湘潭高新区管委会" || f.FormID() != SupervisionID {
			t.Fatalf("Parse(%s) = %#v", in, f)
		}
	}
	if _, ok := mustParse(t, SupervisionID, []byte(bases[SupervisionID])).(*Supervision); !ok {
		t.Error("one order did not give a *Supervision")
	}
	bad := base(t, SupervisionID).del("target").set("to", "2026-11-30").root
	_, err := Parse(SupervisionID, []byte(mustJSON(t, []any{one, bad})))
	wantErrors(t, err,
		want{"[1].target", "督办单位", "第2份督办单", "required", "第2份督办单【督办单位】不能为空"},
		want{"[1].to", "完成时限·截止日期", "第2份督办单", "daterange", "第2份督办单【完成时限·截止日期】截止日期2026年11月30日早于开始日期2026年12月1日"})
	for _, in := range []string{`[]`, `{"orders": []}`} {
		_, err = Parse(SupervisionID, []byte(in))
		wantErrors(t, err, want{"", "督办单", "", "required", "【督办单】不能为空，至少填写1份"})
	}
	_, err = Parse(SupervisionID, []byte(`{"orders": [`+bases[SupervisionID]+`], "title": "x"}`))
	wantErrors(t, err, want{"title", "", "", "unknown", "未知字段“title”：批量督办单应为数组，或 {\"orders\": [...]}"})
	_, err = Parse(SupervisionID, []byte(`[`+bases[SupervisionID]+`, 5]`))
	wantErrors(t, err, want{"[1]", "", "第2份督办单", "type", "第2份督办单：应为对象（{…}）"})
}

func TestAllErrorsCollected(t *testing.T) {
	d := load(t, string(example(t, SigningID))).
		set("unit", "").
		set("rows[0].hq", 5).
		set("rows[0].projects[1].cooperation", "F").
		set("rows[0].projects[1].contact.phone", "123").
		set("rows[3].projects[1].started", nil).
		set("rows[5].projects[0].industry", "Z").
		set("rows[5].bogus", true)
	_, err := Parse(SigningID, d.bytes())
	wantErrors(t, err,
		want{"unit", "单位（盖章）", "", "required", "【单位（盖章）】不能为空"},
		want{"rows[0].hq", "总部所在地（国别/省市）", "第1行", "type", "第1行【总部所在地（国别/省市）】应为文本"},
		want{"rows[0].projects[1].cooperation", "合作方式", "第1行第2个项目", "oneof", "第1行第2个项目【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一"},
		want{"rows[0].projects[1].contact.phone", "项目联系人及电话·电话", "第1行第2个项目", "cnphone", "第1行第2个项目【项目联系人及电话·电话】“123”不是有效的电话号码，应为11位手机号（如 13812345678）或带区号的固定电话（如 0731-57619998）"},
		want{"rows[3].projects[1].started", "是否开工（必填）", "第4行第2个项目", "required", "第4行第2个项目【是否开工（必填）】为必填项，请填写“是”或“否”"},
		want{"rows[5].bogus", "", "第6行", "unknown", "第6行：未知字段“bogus”：本表没有这一项，请检查拼写（可用的字段：no、investor、top500、hq、projects）"},
		want{"rows[5].projects[0].industry", "产业类别", "第6行第1个项目", "oneof", "第6行第1个项目【产业类别】“Z”不是有效代码，应为 A、B、C、D 之一"},
	)
}

func TestErrorsAs(t *testing.T) {
	_, err := Parse(TaskListID, base(t, TaskListID).del("unit").del("rows[0].name").bytes())
	wrapped := fmt.Errorf("校验失败：%w", err)
	var list Errors
	if !errors.As(wrapped, &list) || len(list) != 2 {
		t.Fatalf("errors.As(wrapped) = %v, %v", list, err)
	}
	if got := err.Error(); got != "【单位（盖章）】不能为空\n第1行【企业（项目）名称】不能为空" {
		t.Errorf("Errors.Error() = %q", got)
	}
	var fe *FieldError = list[1]
	if fe.Error() != fe.Message || fe.Path != "rows[0].name" {
		t.Errorf("FieldError = %+v", fe)
	}
	if err := Validate(mustParse(t, TaskListID, example(t, TaskListID))); err != nil {
		t.Errorf("Validate(valid form) = %v", err)
	}
}

func TestValidateDirectly(t *testing.T) {
	f := mustParse(t, SigningID, []byte(bases[SigningID])).(*Signing)
	f.Rows[0].Projects[0].Cooperation = "F"
	f.Rows[0].Projects[0].Producing = Yes
	f.Rows[0].Projects[0].Started = No
	exp := []want{
		{"rows[0].projects[0].cooperation", "合作方式", r1p1, "oneof", "第1行第1个项目【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一"},
		{"rows[0].projects[0].producing", "是否投产", r1p1, "requires", "第1行第1个项目【是否投产】为“是”时，【是否开工（必填）】也必须为“是”"},
	}
	wantErrors(t, Validate(f), exp...)
	wantErrors(t, Validate(*f), exp...) // a value works as well as a pointer

	b := SupervisionBatch{{}, {}}
	if list := fieldErrors(t, Validate(&b)); list[0].Row != "第1份督办单" || list[len(list)-1].Row != "第2份督办单" {
		t.Errorf("batch errors: %v", list)
	}
	wantErrors(t, Validate(SupervisionBatch{}), want{"", "督办单", "", "required", "【督办单】不能为空，至少填写1份"})

	for _, v := range []any{nil, (*Signing)(nil)} {
		err := Validate(v)
		var list Errors
		if err == nil || errors.As(err, &list) {
			t.Errorf("Validate(%#v) = %v, want a plain error", v, err)
		}
	}
}

func TestNewLookupAll(t *testing.T) {
	all := All()
	if len(all) != 5 {
		t.Fatalf("All() = %v", all)
	}
	wantInfo := []Info{
		{TaskListID, "附件2", "市级重点招商项目对接跟进任务清单"},
		{FollowupID, "附件3", "市级重点招商项目协调跟进情况表"},
		{SigningID, "附件4", "市级重点招商项目签约情况表"},
		{LandingID, "附件5", "市级重点招商项目落地进展情况表"},
		{SupervisionID, "附件6", "市级重点招商项目督办单"},
	}
	for i, in := range wantInfo {
		if all[i] != in {
			t.Errorf("All()[%d] = %+v, want %+v", i, all[i], in)
		}
		got, ok := Lookup(in.ID)
		if !ok || got != in {
			t.Errorf("Lookup(%s) = %+v, %v", in.ID, got, ok)
		}
		f, err := New(in.ID)
		if err != nil || f.FormID() != in.ID {
			t.Errorf("New(%s) = %T, %v", in.ID, f, err)
		}
	}
	all[0].Title = "x"
	if All()[0].Title == "x" {
		t.Error("All returns the package's array")
	}
	if _, ok := Lookup("report"); ok {
		t.Error("Lookup(report) ok")
	}
	const msg = "未知的表单“report”，应为 tasklist、followup、signing、landing、supervision 之一（也可写 附件N 或 N）"
	if _, err := New("report"); err == nil || err.Error() != msg {
		t.Errorf("New(report) error = %v", err)
	}
	if f, err := Parse("report", []byte(`{}`)); f != nil || err == nil || err.Error() != msg {
		t.Errorf("Parse(report) = %v, %v", f, err)
	}
}

func mustJSON(tb testing.TB, v any) string {
	tb.Helper()
	d := &doc{tb, v}
	return string(d.bytes())
}
