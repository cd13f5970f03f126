package forms

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// formOf returns the form of a testdata file named "<form>-<case>.json".
func formOf(tb testing.TB, name string) ID {
	tb.Helper()
	id, _, ok := strings.Cut(filepath.Base(name), "-")
	if _, known := Lookup(ID(id)); !ok || !known {
		tb.Fatalf("testdata file %s is not named <form>-<case>.json", name)
	}
	return ID(id)
}

func TestValidTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.json")
	count := map[ID]int{}
	for _, name := range files {
		id := formOf(t, name)
		count[id]++
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(name), func(t *testing.T) { mustParse(t, id, data) })
	}
	for _, id := range formIDs {
		if count[id] < 3 {
			t.Errorf("%d valid testdata inputs for %s, want at least 3", count[id], id)
		}
	}
}

// What the valid testdata inputs decode to, where they use a lenient notation.
func TestValidTestdataValues(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata/valid", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	tl := mustParse(t, TaskListID, read("tasklist-partners-string.json")).(*TaskList)
	if tl.Date != "2026-12-01" || tl.Rows[1].Partners[1] != "市应急管理局" || len(tl.Rows[0].Tasks) != 3 ||
		slices.Compare(tl.RowNumbers(), []int{1, 2}) != 0 {
		t.Errorf("tasklist-partners-string: %+v", tl)
	}
	tl = mustParse(t, TaskListID, read("tasklist-numbered.json")).(*TaskList)
	if tl.Unit != "湘潭县人民政府" || slices.Compare(tl.RowNumbers(), []int{10, 11, 20}) != 0 ||
		tl.Rows[0].Overview != "项目分两期建设：\n一期建设智能门锁、智能照明生产线；\n二期建设研发中心和展示中心。" ||
		len(tl.Rows[0].Partners) != 2 || tl.Rows[0].Tasks[1] != "落实人才公寓配套" {
		t.Errorf("tasklist-numbered: %+v", tl)
	}
	fu := mustParse(t, FollowupID, read("followup-dotted-date.json")).(*Followup)
	if fu.Date != "2026-11-30" || len(fu.Rows[0].Tasks) != 2 || fu.Rows[0].Partners[0] != "市民政局" {
		t.Errorf("followup-dotted-date: %+v", fu)
	}
	sg := mustParse(t, SigningID, read("signing-top500-string.json")).(*Signing)
	p := sg.Rows[0].Projects[0]
	if sg.Rows[0].Top500.String() != "2025年《财富》世界500强第212位" || p.TotalInvestment.String() != "35" ||
		p.Cooperation != "A" || p.Industry != "A" || p.InvestorType != "B" || p.CityOrDefault() != "湘潭市" ||
		p.FirstTime != No || p.Producing.Bool() || p.FundsInPlace != "" {
		t.Errorf("signing-top500-string: %+v", sg.Rows[0])
	}
	sg = mustParse(t, SigningID, read("signing-codes-legend.json")).(*Signing)
	p, q := sg.Rows[0].Projects[0], sg.Rows[0].Projects[1]
	if sg.Rows[0].Top500.String() != "2025年世界500强第35位" || p.Cooperation != "B" || p.Industry != "B" ||
		p.InvestorType != "A" || q.Cooperation != "E" || q.Industry != "B" || q.InvestorType != "A" ||
		slices.Compare(sg.Rows[0].ProjectNumbers(), []int{1, 2}) != 0 {
		t.Errorf("signing-codes-legend: %+v", sg.Rows[0])
	}
	sg = mustParse(t, SigningID, read("signing-other-list.json")).(*Signing)
	if sg.Rows[0].Top500.String() != "2025年全球生物医药企业100强第88位" || !sg.Rows[1].Top500.IsZero() ||
		sg.Rows[0].Projects[0].Cooperation != "C" || sg.Rows[1].Projects[0].Cooperation != "D" ||
		slices.Compare(sg.RowNumbers(), []int{7, 8}) != 0 {
		t.Errorf("signing-other-list: %+v", sg.Rows)
	}
	la := mustParse(t, LandingID, read("landing-string-amounts.json")).(*Landing)
	if la.Rows[0].TotalInvestment.String() != "6.8" || la.Rows[1].TotalInvestment.String() != "12.5" {
		t.Errorf("landing-string-amounts: %+v", la.Rows)
	}
	la = mustParse(t, LandingID, read("landing-single.json")).(*Landing)
	if la.Date != "2026-12-05" || la.Rows[0].TotalInvestment.String() != "10" {
		t.Errorf("landing-single: %+v", la)
	}
	su := mustParse(t, SupervisionID, read("supervision-orders.json")).(*SupervisionBatch)
	if len(*su) != 1 || (*su)[0].Deadline() != "2026年12月28日（星期一）至2027年1月8日（星期五）" {
		t.Errorf("supervision-orders: %+v", su)
	}
	tl = mustParse(t, TaskListID, read("tasklist-multiline-crlf.json")).(*TaskList)
	if r := tl.Rows[0]; r.Overview != "项目分两期建设：\n一期建设生产线；\n二期建设研发中心。\n\t（详见附件）" ||
		slices.Compare(r.Partners, []string{"市商务局", "市自然资源和规划局"}) != 0 || r.Tasks[0] != "完成项目选址\n并报批用地" {
		t.Errorf("tasklist-multiline-crlf: %+v", tl.Rows[0])
	}
	sg = mustParse(t, SigningID, read("signing-bound-amounts.json")).(*Signing)
	if p := sg.Rows[0].Projects[0]; p.TotalInvestment.String() != "100000" || p.IntroducedFunds.String() != "100000" ||
		p.FundsInPlace.String() != "1000000000" {
		t.Errorf("signing-bound-amounts: %+v", p)
	}
	la = mustParse(t, LandingID, read("landing-date-bounds.json")).(*Landing)
	if la.Date != FirstDate || la.Rows[0].Remarks != "湘乡市（转义的汉字）" {
		t.Errorf("landing-date-bounds: %+v", la)
	}
	last := mustParse(t, SupervisionID, read("supervision-last-date.json")).(*Supervision)
	if last.Date != LastDate || last.Content != "第一项：\n加快推进项目开工。\n第二项：\t落实要素保障。" {
		t.Errorf("supervision-last-date: %+v", last)
	}
	one := mustParse(t, SupervisionID, read("supervision-same-day.json")).(*Supervision)
	if one.Date != "2026-12-04" || one.Deadline() != "2026年12月4日（星期五）至12月4日（星期五）" ||
		one.IssueDateOrDefault() != "2026-12-04" {
		t.Errorf("supervision-same-day: %+v", one)
	}
}

// invalidCases are the bad inputs of testdata/invalid: the errors each must
// give (path, label, row, rule); their messages are in <case>.want, one a
// line, exactly as `zsdoc validate` prints them.
var invalidCases = map[string][]want{
	"tasklist-leader-missing": {{"rows[1].leader", "牵头责任领导", "第2行", "required", ""}},
	"tasklist-bell": {
		{"rows[0].overview", "项目基本情况", "第1行", "nocontrol", ""},
		{"rows[0].tasks[0]", "任务清单第1项", "第1行", "nocontrol", ""},
	},
	"tasklist-tasks-number":   {{"rows[0].tasks", "任务清单", "第1行", "type", ""}},
	"followup-progress-blank": {{"rows[2].progress", "进展情况", "第3行", "required", ""}},
	"followup-unknown-key":    {{"rows[0].problem", "", "第1行", "unknown", ""}},
	"signing-coop-F":          {{"rows[2].projects[0].cooperation", "合作方式", "第3行第1个项目", "oneof", ""}},
	"signing-fulfilled-absent": {
		{"rows[0].projects[1].fulfilled", "是否履约（必填）", "第1行第2个项目", "required", ""},
		{"rows[0].projects[1].started", "是否开工（必填）", "第1行第2个项目", "required", ""},
	},
	"signing-bad-uscc": {
		{"rows[0].projects[0].company.creditCode", "项目进展情况（工商注册名称及代码必填）·统一社会信用代码", "第1行第1个项目", "uscc", ""},
		{"rows[1].projects[0].company.creditCode", "项目进展情况（工商注册名称及代码必填）·统一社会信用代码", "第2行第1个项目", "uscc", ""},
	},
	"signing-funds-over": {
		{"rows[0].projects[0].fundsInPlace", "到位资金（万元）", "第1行第1个项目", "ltefield", ""},
		{"rows[0].projects[1].introducedFunds", "引进资金（亿元）", "第1行第2个项目", "ltefield", ""},
	},
	"signing-producing-not-started": {{"rows[0].projects[0].producing", "是否投产", "第1行第1个项目", "requires", ""}},
	"signing-top500-rank": {
		{"rows[0].top500.rank", "所属500强名称及排名·排名", "第1行", "top500", ""},
		{"rows[1].top500.name", "所属500强名称及排名·榜单名称", "第2行", "top500", ""},
	},
	"signing-phone-city": {
		{"rows[0].projects[0].city", "所属市州", "第1行第1个项目", "hunancity", ""},
		{"rows[0].projects[0].contact.phone", "项目联系人及电话·电话", "第1行第1个项目", "cnphone", ""},
	},
	"landing-zero-total": {
		{"rows[0].totalInvestment", "总投资", "第1行", "amountpos", ""},
		{"rows[1].totalInvestment", "总投资", "第2行", "amount", ""},
	},
	"landing-duplicate-no":             {{"rows[2].no", "序号", "第3行", "unique", ""}},
	"landing-bad-date":                 {{"date", "填报日期", "", "date", ""}},
	"supervision-from-after-to":        {{"to", "完成时限·截止日期", "", "daterange", ""}},
	"supervision-docnumber":            {{"number", "督办单编号", "", "docnumber", ""}},
	"supervision-batch-missing-target": {{"[1].target", "督办单位", "第2份督办单", "required", ""}},
	"supervision-malformed":            {{"", "", "", "json", ""}},
	// The defects found in review: one-line fields, repeated keys, amounts,
	// lone surrogates, dates, size limits and the error cap.
	"landing-name-newline": {
		{"rows[1].name", "项目名称", "第2行", "oneline", ""},
		{"rows[1].investor", "项目投资方", "第2行", "oneline", ""},
	},
	"followup-duplicate-key": {
		{"unit", "单位（盖章）", "", "duplicate", ""},
		{"rows[0].progress", "进展情况", "第1行", "duplicate", ""},
	},
	"signing-huge-amount": {{"rows[0].projects[0].totalInvestment", "总投资（亿元）", "第1行第1个项目", "amountmax", ""}},
	"landing-exponent-amount": {
		{"rows[0].totalInvestment", "总投资", "第1行", "amount", ""},
		{"rows[1].totalInvestment", "总投资", "第2行", "amount", ""},
	},
	"tasklist-lone-surrogate": {
		{"unit", "单位（盖章）", "", "unicode", ""},
		{"rows[0].tasks[1]", "任务清单第2项", "第1行", "unicode", ""},
	},
	"supervision-year-0000": {
		{"date", "日期", "", "date", ""},
		{"to", "完成时限·截止日期", "", "date", ""},
	},
	"tasklist-too-many-rows": {{"rows", "表格", "", "max", ""}},
	"tasklist-many-errors":   manyErrorsWant(),
}

// manyErrorsWant is what testdata/invalid/tasklist-many-errors gives: 51
// rows with only a name, four errors each; the first 200 are listed.
func manyErrorsWant() []want {
	var out []want
	for i := range 50 {
		row := fmt.Sprintf("第%d行", i+1)
		for _, f := range []struct{ key, label, rule string }{
			{"overview", "项目基本情况", "required"}, {"leader", "牵头责任领导", "required"},
			{"owner", "承接责任单位", "required"}, {"tasks", "任务清单", "required"},
		} {
			out = append(out, want{fmt.Sprintf("rows[%d].%s", i, f.key), f.label, row, f.rule, ""})
		}
	}
	return append(out, want{"", "", "", "truncated", ""})
}

func TestInvalidTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.json")
	seen := map[string]bool{}
	for _, name := range files {
		id := formOf(t, name)
		cse := strings.TrimSuffix(filepath.Base(name), ".json")
		seen[cse] = true
		t.Run(cse, func(t *testing.T) {
			exp, ok := invalidCases[cse]
			if !ok {
				t.Fatalf("no expected errors for %s in invalidCases", name)
			}
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			golden, err := os.ReadFile(strings.TrimSuffix(name, ".json") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			messages := strings.Split(strings.TrimSuffix(string(golden), "\n"), "\n")
			if len(messages) != len(exp) {
				t.Fatalf("%d messages in .want, %d errors in invalidCases", len(messages), len(exp))
			}
			withMessages := make([]want, len(exp))
			for i, w := range exp {
				w.Message = messages[i]
				withMessages[i] = w
				if w.Label != "" && !strings.Contains(w.Message, "【"+w.Label+"】") {
					t.Errorf("message %q does not name label %q", w.Message, w.Label)
				}
				if !strings.HasPrefix(w.Message, w.Row) {
					t.Errorf("message %q does not start with row %q", w.Message, w.Row)
				}
			}
			_, err = Parse(id, data)
			wantErrors(t, err, withMessages...)
		})
	}
	for cse := range invalidCases {
		if !seen[cse] {
			t.Errorf("invalidCases names %s, which is not in testdata/invalid", cse)
		}
	}
}
