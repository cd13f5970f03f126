package sheet_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// A sheet typed by hand in the style of LibreOffice Calc: two title rows,
// the unit and an Excel date cell after their labels, the header in row 3
// with the columns shuffled, labels broken by hand and shortened, one
// investor's cells merged over its projects, another's name repeated,
// another's left empty under it, codes by name, amounts and 是/否 as
// number and boolean cells, the company and the contact in columns of
// their own.
func TestHandTypedSigning(t *testing.T) {
	header := []string{"项目名称", "项目\n投资方", "总部所在地", "序号", "合作方式", "产业类别", "投资方类别", "签约类型",
		"总投资\n（亿元）", "引进资金（亿元）", "到位资金（万元）", "项目承接方", "项目基本情况", "项目所在地",
		"是否首次来潭投资", "项目进展情况", "工商注册名称", "统一社会信用代码", "是否履约", "是否开工", "是否投产",
		"联系人", "联系电话", "所属500强名称及排名"}
	type proj struct {
		name, coop, ind, typ, sign string
		total, intro, funds        number
		first                      any
		credit                     string
	}
	investors := []struct {
		name, hq, top500 string
		style            string // "merge", "repeat", "empty"
		projects         []proj
	}{
		{"华东新能源科技集团股份有限公司", "江苏省常州市", "2025年中国企业500强第156位", "merge", []proj{
			{"电驱动系统生产基地", "合资", "工业制造业", "民营企业投资", "合同", "28", "20", "50000", "是", "91430300MA4L12345L"},
			{"动力电池结构件项目", "独资", "A类—工业制造业", "B", "协议", "6.5", "6.5", "8000", false, "91430302MA4P8R7QXB"},
			{"储能电站项目", "B—合作", "能源与城市基础设施", "民营企业投资", "合同", "3.25", "1", "0", true, "914303007170577687"},
		}},
		{"湘江智造有限公司", "湖南省长沙市", "", "repeat", []proj{
			{"智能装备产业园", "合资", "工业制造业", "民营企业投资", "协议", "12", "12", "1200", "否", "91430300184711279E"},
			{"装备研发中心", "其他", "第三产业及其他", "民营企业投资", "协议", "2", "0.5", "", "否", "91110108795101314G"},
		}},
		{"香港远景投资有限公司", "中国香港", "", "empty", []proj{
			{"冷链物流园", "独资", "农业产业化", "境外投资者投资", "合同", "5", "5", "20000", "是", "914403001922038216"},
			{"农产品加工项目", "独资", "农业产业化", "C", "合同", "1.2", "1.2", "300", "是", "91350100M000100Y43"},
		}},
	}
	data := book(t, func(f *excelize.File) {
		put(t, f, 0, 1, "市级重点招商项目签约情况表")
		if err := f.MergeCell("Sheet1", "A1", cell(len(header)-1, 1)); err != nil {
			t.Fatal(err)
		}
		put(t, f, 0, 2, "单位（盖章）：")
		put(t, f, 1, 2, "湘潭经开区管委会")
		put(t, f, 10, 2, "填报日期:")
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellDefault("Sheet1", cell(11, 2), "46352"); err != nil { // 2026-11-26
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", cell(11, 2), cell(11, 2), dateStyle); err != nil {
			t.Fatal(err)
		}
		for i, h := range header {
			put(t, f, i, 3, h)
		}
		row := 4
		for k, inv := range investors {
			first := row
			for j, p := range inv.projects {
				values := []any{p.name, "", "", "", p.coop, p.ind, p.typ, p.sign, p.total, p.intro, p.funds,
					"湘潭经开区管委会", "建设" + p.name + "。", "湘潭经开区", p.first, "正在建设。", "湘潭" + p.name + "有限公司",
					p.credit, "是", true, "否", "张某", "1380732000" + fmt.Sprint(j), ""}
				if j == 0 || inv.style == "repeat" {
					values[1], values[2], values[3], values[23] = inv.name, inv.hq, number(fmt.Sprint(k+1)), inv.top500
				}
				if j > 0 && inv.style == "merge" { // a project column merged too: 项目承接方
					values[11] = ""
				}
				for c, v := range values {
					if v == "" || v == number("") {
						continue
					}
					put(t, f, c, row, v)
				}
				row++
			}
			if inv.style == "merge" {
				for _, c := range []int{1, 2, 3, 11, 23} {
					if err := f.MergeCell("Sheet1", cell(c, first), cell(c, row-1)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	})
	got, err := sheet.Read(bytes.NewReader(data), forms.SigningID, sheet.Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	s := got.(*forms.Signing)
	if s.Unit != "湘潭经开区管委会" || s.Date != "2026-11-26" {
		t.Errorf("unit, date = %q, %q", s.Unit, s.Date)
	}
	if len(s.Rows) != len(investors) {
		t.Fatalf("%d investors, want %d", len(s.Rows), len(investors))
	}
	for k, inv := range investors {
		g := s.Rows[k]
		if g.Investor != inv.name || g.HQ != inv.hq || len(g.Projects) != len(inv.projects) || g.No != k+1 {
			t.Errorf("investor %d = %q %q no %d with %d projects", k, g.Investor, g.HQ, g.No, len(g.Projects))
			continue
		}
		if g.Top500.String() != inv.top500 {
			t.Errorf("investor %d: 500强 %q, want %q", k, g.Top500.String(), inv.top500)
		}
		for j, p := range inv.projects {
			q := g.Projects[j]
			coop, _ := forms.ParseCooperation(p.coop)
			ind, _ := forms.ParseIndustry(p.ind)
			typ, _ := forms.ParseInvestorType(p.typ)
			if q.Name != p.name || q.Undertaker != "湘潭经开区管委会" || q.Cooperation != coop || q.Industry != ind || q.InvestorType != typ ||
				string(q.SignType) != p.sign || string(q.TotalInvestment) != string(p.total) ||
				string(q.IntroducedFunds) != string(p.intro) || string(q.FundsInPlace) != string(p.funds) ||
				q.Company.CreditCode != p.credit || q.Contact.Phone != "1380732000"+fmt.Sprint(j) || q.Contact.Name != "张某" ||
				q.Started != forms.Yes || q.Fulfilled != forms.Yes || q.Producing != forms.No {
				t.Errorf("investor %d project %d = %+v", k, j, q)
			}
		}
	}
	if g := s.Rows[0].Top500; g.List != forms.Top500China || g.Year != 2025 || g.Rank != 156 {
		t.Errorf("the printed 500强 entry reads as %+v, want the list entry", g)
	}
}

// Generated 附件4s typed by hand — header at a random row, columns in a
// random order, investors grouped by merged cells, repeated names or empty
// cells, codes by code or name, amounts as numbers or text, the company and
// the contact in the printed cell or in columns of their own — read back
// as the form they were typed from.
func TestHandTypedGenerated(t *testing.T) {
	data, err := examples.Input(string(forms.SigningID))
	if err != nil {
		t.Fatal(err)
	}
	base := mustParse(t, forms.SigningID, data).(*forms.Signing)
	for seed := range uint64(40) {
		r := rand.New(rand.NewPCG(seed, 7))
		want := *base
		want.Seal = ""
		want.Rows = nil
		for _, inv := range base.Rows {
			if r.IntN(4) > 0 {
				want.Rows = append(want.Rows, inv)
			}
		}
		if len(want.Rows) == 0 {
			want.Rows = base.Rows[:1]
		}
		book := typeByHand(t, r, &want)
		got, err := sheet.Read(bytes.NewReader(book), forms.SigningID, sheet.Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if a, b := canonical(t, got), canonical(t, &want); a != b {
			t.Fatalf("seed %d: read\n%s\nwant\n%s", seed, a, b)
		}
	}
}

// typeByHand writes f as a clerk might type it (see TestHandTypedGenerated).
func typeByHand(t testing.TB, r *rand.Rand, f *forms.Signing) []byte {
	cols := []string{"investor", "hq", "top500", "name", "undertaker", "totalInvestment", "introducedFunds", "signType",
		"cooperation", "industry", "investorType", "overview", "location", "city", "firstTime", "fundsInPlace",
		"progress", "fulfilled", "started", "producing"}
	separate := r.IntN(2) == 0
	if separate {
		cols = append(cols, "company.name", "company.creditCode", "contact.name", "contact.phone")
	} else {
		cols = append(cols, "contact")
	}
	r.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
	labels := map[string]string{"company.name": "工商注册名称", "company.creditCode": "统一社会信用代码",
		"contact.name": "联系人", "contact.phone": "联系电话"}
	label := func(key string) string {
		if l, ok := labels[key]; ok {
			return l
		}
		var l string
		switch key {
		case "investor", "hq", "top500":
			l = forms.Label(forms.Investor{}, key)
		default:
			l = forms.Label(forms.Project{}, key)
		}
		if r.IntN(2) == 0 {
			return strings.ReplaceAll(l, "|", "\n")
		}
		return strings.ReplaceAll(l, "|", " ")
	}
	code := func(c string, set forms.CodeSet) string {
		for _, e := range set.Entries {
			if e.Code == c {
				return []string{e.Code, e.Name, e.Legend}[r.IntN(3)]
			}
		}
		return c
	}
	amount := func(a forms.Amount) any {
		if a == "" {
			return ""
		}
		if r.IntN(2) == 0 {
			return number(a.String())
		}
		return a.String()
	}
	yesNo := func(y forms.YesNo) any {
		switch {
		case y == "":
			return ""
		case r.IntN(2) == 0:
			return y.Bool()
		}
		return string(y)
	}
	return book(t, func(x *excelize.File) {
		top := 1 + r.IntN(4)
		for i := 1; i < top; i++ {
			put(t, x, 0, i, "标题行")
		}
		put(t, x, 2, top-1+boolInt(top == 1), "单位（盖章）："+f.Unit+"\u3000\u3000填报日期："+f.Date.Chinese())
		if top == 1 { // no room above: the header goes one row down
			top = 2
		}
		for i, k := range cols {
			put(t, x, i, top, label(k))
		}
		row := top + 1
		for _, inv := range f.Rows {
			style := r.IntN(3)
			first := row
			for j, p := range inv.Projects {
				v := map[string]any{"name": p.Name, "undertaker": p.Undertaker, "totalInvestment": amount(p.TotalInvestment),
					"introducedFunds": amount(p.IntroducedFunds), "signType": code(string(p.SignType), forms.SignTypes()),
					"cooperation": code(string(p.Cooperation), forms.Cooperations()), "industry": code(string(p.Industry), forms.Industries()),
					"investorType": code(string(p.InvestorType), forms.InvestorTypes()), "overview": p.Overview, "location": p.Location,
					"city": p.City, "firstTime": yesNo(p.FirstTime), "fundsInPlace": amount(p.FundsInPlace),
					"fulfilled": yesNo(p.Fulfilled), "started": yesNo(p.Started), "producing": yesNo(p.Producing)}
				if separate {
					v["progress"] = p.Progress
					v["company.name"], v["company.creditCode"] = p.Company.Name, p.Company.CreditCode
					v["contact.name"], v["contact.phone"] = p.Contact.Name, p.Contact.Phone
				} else {
					v["progress"] = p.Progress + "\n工商注册名称：" + p.Company.Name + "\n统一社会信用代码：" + p.Company.CreditCode
					v["contact"] = []string{p.Contact.Name + "\n" + p.Contact.Phone, p.Contact.Name + " " + p.Contact.Phone}[r.IntN(2)]
				}
				if j == 0 || style == 1 {
					v["investor"], v["hq"], v["top500"] = inv.Investor, inv.HQ, inv.Top500.String()
				}
				for i, k := range cols {
					if s, ok := v[k]; ok && s != "" {
						put(t, x, i, row, s)
					}
				}
				row++
			}
			if style == 0 && row-first > 1 {
				for i, k := range cols {
					if k == "investor" || k == "hq" || k == "top500" {
						if err := x.MergeCell("Sheet1", cell(i, first), cell(i, row-1)); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// A header of two rows — "项目" merged over 名称, 承接方 and 投资方, the
// other labels merged down both rows — under a title and the meta line.
func TestTwoRowHeader(t *testing.T) {
	data := book(t, func(f *excelize.File) {
		put(t, f, 0, 1, "市级重点招商项目落地进展情况表")
		put(t, f, 0, 2, "单位（盖章）：湘潭高新区管委会")
		put(t, f, 5, 2, "填报日期：2026年11月26日")
		for c, l := range []string{"序号", "项目", "", "", "总投资", "项目基本情况", "项目落地进展情况", "备注"} {
			if l != "" {
				put(t, f, c, 3, l)
			}
		}
		for c, l := range []string{"", "名称", "承接方", "投资方"} {
			if l != "" {
				put(t, f, c, 4, l)
			}
		}
		for _, m := range [][2]string{{"B3", "D3"}, {"A3", "A4"}, {"E3", "E4"}, {"F3", "F4"}, {"G3", "G4"}, {"H3", "H4"}} {
			if err := f.MergeCell("Sheet1", m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for c, v := range []any{number("1"), "智能终端项目", "湘潭高新区管委会", "某科技公司", number("12.5"), "概况", "进展", ""} {
			if v != "" {
				put(t, f, c, 5, v)
			}
		}
	})
	got, err := sheet.Read(bytes.NewReader(data), forms.LandingID, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := got.(*forms.Landing)
	if l.Unit != "湘潭高新区管委会" || l.Date != "2026-11-26" || len(l.Rows) != 1 || l.Rows[0].Name != "智能终端项目" ||
		l.Rows[0].Investor != "某科技公司" || l.Rows[0].TotalInvestment != "12.5" {
		t.Errorf("read %+v", l)
	}
}

// A wrong value in a sheet typed by hand is named by sheet, row and column
// (the columns in a random order).
func TestHandTypedErrorPlace(t *testing.T) {
	data, _ := examples.Input(string(forms.SigningID))
	f := *mustParse(t, forms.SigningID, data).(*forms.Signing)
	f.Rows = append([]forms.Investor(nil), f.Rows[:2]...)
	f.Rows[1].Projects = append([]forms.Project(nil), f.Rows[1].Projects...)
	f.Rows[1].Projects[1].Cooperation = "F"
	book := typeByHand(t, rand.New(rand.NewPCG(3, 3)), &f)
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows("Sheet1")
	where := ""
	for i, r := range rows {
		for j, v := range r {
			if v == "F" {
				where = fmt.Sprintf("Sheet1 第%d行 %s列【合作方式】“F”不是有效代码", i+1, strings.TrimRight(cell(j, 1), "1"))
			}
		}
	}
	_, err = sheet.Read(bytes.NewReader(book), forms.SigningID, sheet.Options{})
	var list forms.Errors
	if where == "" || !errors.As(err, &list) || len(list) != 1 || !strings.HasPrefix(list[0].Message, where) {
		t.Errorf("got %v, want %s…", err, where)
	}
}
