package forms

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/shopspring/decimal"

	"github.com/go-playground/validator/v10"
)

// report records a cross-field error on field (its JSON key) of the struct
// being validated; the message is carried in the param.
func report(sl validator.StructLevel, value any, field, tag, message string) {
	sl.ReportError(value, field, field, tag, message)
}

// projectRules: 引进资金 ≤ 总投资, 到位资金 ≤ 引进资金×10000, 投产 ⇒ 开工.
func projectRules(sl validator.StructLevel) {
	p := sl.Current().Interface().(Project)
	total, terr := validAmount(p.TotalInvestment)
	intro, ierr := validAmount(p.IntroducedFunds)
	// A 总投资 of 0 breaks its own rule (> 0); comparing with it would report twice.
	if terr == nil && ierr == nil && total.IsPositive() && intro.GreaterThan(total) {
		report(sl, p.IntroducedFunds, "introducedFunds", "ltefield",
			fmt.Sprintf("“%s”亿元不能大于总投资“%s”亿元", p.IntroducedFunds, p.TotalInvestment))
	}
	if inPlace, err := validAmount(p.FundsInPlace); err == nil && ierr == nil {
		limit := intro.Shift(4) // 亿元 → 万元
		if inPlace.GreaterThan(limit) {
			report(sl, p.FundsInPlace, "fundsInPlace", "ltefield",
				fmt.Sprintf("“%s”万元不能大于引进资金（%s亿元，即%s万元）", p.FundsInPlace, p.IntroducedFunds, limit))
		}
	}
	if p.Producing == Yes && p.Started != Yes {
		report(sl, p.Producing, "producing", "requires", "为“是”时，【是否开工（必填）】也必须为“是”")
	}
}

// validAmount parses an amount that passes the "amount" rule; cross-field
// rules leave invalid amounts to that rule.
func validAmount(a Amount) (decimal.Decimal, error) {
	if rule, text := amountProblem(a); rule != "" {
		return decimal.Decimal{}, errors.New(text)
	}
	return a.Decimal()
}

// investorRules: project numbers unique within the investor.
func investorRules(sl validator.StructLevel) {
	inv := sl.Current().Interface().(Investor)
	uniqueNumbers(sl, "projects", "个项目", len(inv.Projects), func(i int) int { return inv.Projects[i].No })
}

// top500Rules checks the object form of 所属500强名称及排名.
func top500Rules(sl validator.StructLevel) {
	t := sl.Current().Interface().(Top500)
	switch {
	case t.IsZero():
		return
	case t.Text != "" && (t.List != "" || t.Year != 0 || t.Rank != 0 || t.Name != ""):
		report(sl, t.Text, "text", "top500", "不能同时填写文本和榜单信息，请二选一")
		return
	case t.Text != "":
		return
	}
	switch t.List {
	case Top500World, Top500China, Top500Private, Top500Other:
	case "":
		report(sl, t.List, "list", "top500", "不能为空：请填写榜单（世界500强、中国企业500强、中国民营企业500强、其他），或整项留空")
	default:
		report(sl, t.List, "list", "top500", quote(t.List)+"不是有效值，应为 世界500强、中国企业500强、中国民营企业500强、其他 之一")
	}
	switch {
	case t.Year == 0:
		report(sl, t.Year, "year", "top500", "不能为空：请填写榜单发布年份，如 2025")
	case t.Year < 1990 || t.Year > 2100:
		report(sl, t.Year, "year", "top500", fmt.Sprintf("“%d”不是有效年份，应为榜单发布年份，如 2025", t.Year))
	}
	switch {
	case t.Rank == 0:
		report(sl, t.Rank, "rank", "top500", "不能为空：请填写排名，1 到 500")
	case t.Rank < 1 || t.Rank > 500:
		report(sl, t.Rank, "rank", "top500", fmt.Sprintf("“%d”不是有效排名，应为 1 到 500", t.Rank))
	}
	switch {
	case t.List == Top500Other && t.Name == "":
		report(sl, t.Name, "name", "top500", "不能为空：榜单为“其他”时请填写榜单名称")
	case t.List != Top500Other && t.Name != "":
		report(sl, t.Name, "name", "top500", "只在榜单为“其他”时填写")
	}
}

// supervisionRules: 完成时限 from ≤ to.
func supervisionRules(sl validator.StructLevel) {
	s := sl.Current().Interface().(Supervision)
	from, ferr := s.From.Time()
	to, terr := s.To.Time()
	if ferr == nil && terr == nil && from.After(to) {
		report(sl, s.To, "to", "daterange",
			fmt.Sprintf("截止日期%s早于开始日期%s", s.To.Chinese(), s.From.Chinese()))
	}
}

// uniqueNumbers reports a 序号 given twice (or colliding with an automatic
// number) in the list field of the struct being validated.
func uniqueNumbers(sl validator.StructLevel, field, unit string, n int, given func(int) int) {
	in := make([]int, n)
	for i := range in {
		in[i] = given(i)
	}
	nums := Numbers(in)
	seen := make(map[int]int, n)
	for i, no := range nums {
		if first, dup := seen[no]; dup {
			key := fmt.Sprintf("%s[%d].no", field, i)
			report(sl, no, key, "unique", fmt.Sprintf("“%d”重复：与第%d%s的序号相同，序号不能重复", no, first+1, unit))
			continue
		}
		seen[no] = i
	}
}

// numbered is a row with a 序号 (0 when not given).
type numbered interface{ rowNo() int }

var numberedType = reflect.TypeFor[numbered]()

// rowNumbers returns the 序号 printed for each row (see Numbers).
func rowNumbers[R numbered](rows []R) []int {
	in := make([]int, len(rows))
	for i, r := range rows {
		in[i] = r.rowNo()
	}
	return Numbers(in)
}

// uniqueRows checks that the 序号 of the rows of a table form (a struct
// whose "rows" are numbered) are unique.
func uniqueRows(sl validator.StructLevel) {
	rv := sl.Current()
	rows := rv.FieldByIndex(structFields(rv.Type()).byKey["rows"].Index)
	uniqueNumbers(sl, "rows", "行", rows.Len(), func(i int) int { return rows.Index(i).Interface().(numbered).rowNo() })
}

// Numbers returns the 序号 to print for rows whose given numbers are in
// (0 = not given): a given number is kept; a missing one continues from the
// row before (1 for the first row). Input without any numbers gets 1, 2, 3 ….
func Numbers(given []int) []int {
	out := make([]int, len(given))
	prev := 0
	for i, g := range given {
		if g > 0 {
			out[i] = g
		} else {
			out[i] = prev + 1
		}
		prev = out[i]
	}
	return out
}
