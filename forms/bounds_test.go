package forms

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// Defect 3: every amount is bounded, by its unit.
func TestAmountBounds(t *testing.T) {
	p := "rows[0].projects[0]."
	const tl, il, fl = "总投资（亿元）", "引进资金（亿元）", "到位资金（万元）"
	over := func(v, unit, limit string) string {
		return "“" + v + "”超出合理范围（不超过 " + limit + " " + unit + "），请核对单位"
	}
	for _, tc := range []struct {
		edits map[string]any
		exp   []want
	}{
		{map[string]any{"totalInvestment": raw("123456789")}, []want{
			{p + "totalInvestment", tl, r1p1, "amountmax", r1p1 + "【" + tl + "】" + over("123456789", "亿元", "100000")}}},
		{map[string]any{"totalInvestment": "100000.0001"}, []want{
			{p + "totalInvestment", tl, r1p1, "amountmax", r1p1 + "【" + tl + "】" + over("100000.0001", "亿元", "100000")}}},
		{map[string]any{"totalInvestment": raw("1e6")}, []want{ // quoted as rendered
			{p + "totalInvestment", tl, r1p1, "amountmax", r1p1 + "【" + tl + "】" + over("1000000", "亿元", "100000")}}},
		{map[string]any{"totalInvestment": raw("200000"), "introducedFunds": raw("150000"), "fundsInPlace": 0}, []want{
			{p + "totalInvestment", tl, r1p1, "amountmax", r1p1 + "【" + tl + "】" + over("200000", "亿元", "100000")},
			{p + "introducedFunds", il, r1p1, "amountmax", r1p1 + "【" + il + "】" + over("150000", "亿元", "100000")}}},
		{map[string]any{"totalInvestment": raw("100000"), "introducedFunds": raw("100000"), "fundsInPlace": raw("1000000000.0001")}, []want{
			{p + "fundsInPlace", fl, r1p1, "amountmax", r1p1 + "【" + fl + "】" + over("1000000000.0001", "万元", "1000000000")},
			{p + "fundsInPlace", fl, r1p1, "ltefield", r1p1 + "【" + fl + "】“1000000000.0001”万元不能大于引进资金（100000亿元，即1000000000万元）"}}},
		// Too big to parse: refused by their text.
		{map[string]any{"totalInvestment": raw("1e10000")}, []want{
			{p + "totalInvestment", tl, r1p1, "amount", r1p1 + "【" + tl + "】“1e10000”不是有效的金额：指数过大，请直接写出数字，如 12.5"}}},
		{map[string]any{"introducedFunds": raw("1e-10000")}, []want{
			{p + "introducedFunds", il, r1p1, "amount", r1p1 + "【" + il + "】“1e-10000”不是有效的金额：指数过大，请直接写出数字，如 12.5"}}},
		{map[string]any{"fundsInPlace": "1234567890123456789012345678901"}, []want{
			{p + "fundsInPlace", fl, r1p1, "amount", r1p1 + "【" + fl + "】“1234567890123456789012345678901”不是有效的金额：不能超过30个字符（现有31个字符）"}}},
	} {
		d := base(t, SigningID)
		for k, v := range tc.edits {
			d.set(p+k, v)
		}
		_, err := Parse(SigningID, d.bytes())
		wantErrors(t, err, tc.exp...)
	}
	// The largest amounts are valid.
	mustParse(t, SigningID, base(t, SigningID).set(p+"totalInvestment", raw("100000")).set(p+"introducedFunds", "1e5").
		set(p+"fundsInPlace", raw("1000000000.0000")).bytes())
	mustParse(t, SigningID, base(t, SigningID).set(p+"totalInvestment", raw("0.0000000000000000000000001e26")).bytes())
	// 附件5's 总投资 is in 亿元.
	_, err := Parse(LandingID, base(t, LandingID).set("rows[0].totalInvestment", raw("123456789")).bytes())
	wantErrors(t, err, want{"rows[0].totalInvestment", "总投资", r1, "amountmax", "第1行【总投资】" + over("123456789", "亿元", "100000")})
	mustParse(t, LandingID, base(t, LandingID).set("rows[0].totalInvestment", raw("100000")).bytes())
}

// Defect 3: an amount of millions of digits is refused at once, and its
// message quotes only its beginning.
func TestHugeAmountIsQuick(t *testing.T) {
	digits := strings.Repeat("9", 4_000_000)
	start := time.Now()
	for _, v := range []any{raw(digits), digits, raw("0." + digits), raw("1e-" + digits)} {
		_, err := Parse(LandingID, base(t, LandingID).set("rows[0].totalInvestment", v).bytes())
		list := fieldErrors(t, err)
		if len(list) != 1 || list[0].Rule != "amount" || len(list[0].Message) > 300 {
			t.Errorf("%d errors: %.300s", len(list), list)
		}
	}
	if d := time.Since(start); d > 2*time.Second && !raceEnabled && !testing.Short() { // -short: emulated platforms are slow
		t.Errorf("4 huge amounts took %v", d)
	}
	if s := Amount(digits).String(); s != digits {
		t.Error("String of an invalid amount is not the text as typed")
	}
	if _, err := Amount("1e-100000000").Decimal(); err == nil {
		t.Error("Decimal parsed a huge exponent")
	}
	for _, tc := range []struct{ in, text string }{
		{"1e30", ""}, {"1e-30", "“1e-30”最多保留4位小数"}, {"1E31", "“1E31”不是有效的金额：指数过大，请直接写出数字，如 12.5"},
		{"1e+31", "“1e+31”不是有效的金额：指数过大，请直接写出数字，如 12.5"},
		{strings.Repeat("亿", 30), "“" + strings.Repeat("亿", 30) + "”不是有效的金额，应为数字，如 12.5"}, // counted in characters
		{strings.Repeat("1", 60), "“" + strings.Repeat("1", 50) + "…”不是有效的金额：不能超过30个字符（现有60个字符）"},
	} {
		if _, text := amountProblem(Amount(tc.in)); text != tc.text {
			t.Errorf("amountProblem(%q) = %q, want %q", tc.in, text, tc.text)
		}
	}
}

// Defect 5: dates are bounded to 1949-01-01..2100-12-31.
func TestDateRange(t *testing.T) {
	for _, in := range []string{"1949-01-01", "2100-12-31", "2026-11-26"} {
		mustParse(t, LandingID, base(t, LandingID).set("date", in).bytes())
	}
	for _, in := range []string{"0000-01-01", "0001-01-01", "1948-12-31", "2101-01-01", "9999-12-31", "0000年1月1日"} {
		_, err := Parse(LandingID, base(t, LandingID).set("date", in).bytes())
		shown := normalizeDate(in)
		wantErrors(t, err, want{"date", "填报日期", "", "date",
			"【填报日期】“" + shown + "”超出有效范围，日期应在 1949-01-01 至 2100-12-31 之间"})
	}
	_, err := Parse(SupervisionID, base(t, SupervisionID).set("from", "0000-12-01").set("to", "0000-12-07").bytes())
	wantErrors(t, err,
		want{"from", "完成时限·开始日期", "", "date", "【完成时限·开始日期】“0000-12-01”超出有效范围，日期应在 1949-01-01 至 2100-12-31 之间"},
		want{"to", "完成时限·截止日期", "", "date", "【完成时限·截止日期】“0000-12-07”超出有效范围，日期应在 1949-01-01 至 2100-12-31 之间"})
	// The constants and the check agree.
	for _, d := range []Date{FirstDate, LastDate} {
		tm, err := d.Time()
		if err != nil || !inDateRange(tm) || inDateRange(tm.AddDate(0, 0, map[Date]int{FirstDate: -1, LastDate: 1}[d])) {
			t.Errorf("%s is not a bound of the range", d)
		}
	}
}

// rowsOf returns a 附件2 input of n rows, each the JSON text row.
func rowsOf(n int, row string) []byte {
	return manyRows(n, func(int) string { return row })
}

// Defect 6a: lists over their limits are refused with one error.
func TestSizeLimits(t *testing.T) {
	_, err := Parse(TaskListID, rowsOf(MaxRows+1, `{}`))
	wantErrors(t, err, want{"rows", "表格", "", "max", "【表格】共 5001 行，超过上限 5000 行，请分批提交"})
	_, err = Parse(TaskListID, rowsOf(1_000_000, `{}`))
	wantErrors(t, err, want{"rows", "表格", "", "max", "【表格】共 1000000 行，超过上限 5000 行，请分批提交"})
	var f TaskList
	err = Decode(rowsOf(MaxRows+1, `{}`), &f)
	wantErrors(t, err, want{"rows", "表格", "", "max", "【表格】共 5001 行，超过上限 5000 行，请分批提交"})
	if f.Rows != nil || f.Unit != "湘潭经开区管委会" {
		t.Errorf("decoded %d rows, unit %q", len(f.Rows), f.Unit)
	}
	row := string(mustJSONRow(t, TaskListID))
	if f := mustParse(t, TaskListID, rowsOf(MaxRows, row)).(*TaskList); len(f.Rows) != MaxRows {
		t.Errorf("%d rows", len(f.Rows))
	}
	for _, id := range []ID{FollowupID, LandingID, SigningID} {
		data := strings.Replace(string(rowsOf(MaxRows+1, "{}")), `"rows"`, `"rows"`, 1)
		_, err := Parse(id, []byte(data))
		wantErrors(t, err, want{"rows", "表格", "", "max", "【表格】共 5001 行，超过上限 5000 行，请分批提交"})
	}
	// 附件4: at most MaxProjects projects over all investors.
	inv := base(t, SigningID).get("rows[0]").(map[string]any)
	proj := inv["projects"].([]any)[0]
	inv["projects"] = slices.Repeat([]any{proj}, 100)
	d := base(t, SigningID).set("rows", slices.Repeat([]any{inv}, 51))
	_, err = Parse(SigningID, d.bytes())
	wantErrors(t, err, want{"rows", "表格", "", "max", "【表格】共 5100 个项目，超过上限 5000 个项目，请分批提交"})
	mustParse(t, SigningID, base(t, SigningID).set("rows", slices.Repeat([]any{inv}, 50)).bytes())
	// A batch: at most MaxOrders orders, as an array or in {"orders": [...]}.
	orders := "[" + strings.Repeat("{},", MaxOrders) + "{}]"
	for _, in := range []string{orders, `{"orders": ` + orders + `}`} {
		_, err = Parse(SupervisionID, []byte(in))
		wantErrors(t, err, want{"", "督办单", "", "max", "【督办单】共 100001 份，超过上限 100000 份，请分批提交"})
	}
}

// mustJSONRow returns row 0 of the base input of a table form as JSON.
func mustJSONRow(tb testing.TB, id ID) []byte {
	return []byte(mustJSON(tb, base(tb, id).get("rows[0]")))
}

// Defect 6a: a form built in Go is held to the same limits, without
// validating its rows.
func TestSizeLimitsBuiltInGo(t *testing.T) {
	tl := &TaskList{Header: Header{Unit: "湘潭经开区管委会", Date: "2026-11-26"}, Rows: make([]TaskRow, MaxRows+1)}
	wantErrors(t, Validate(tl), want{"rows", "表格", "", "max", "【表格】共 5001 行，超过上限 5000 行，请分批提交"})
	fu := &Followup{Rows: make([]FollowupRow, 2*MaxRows)}
	wantErrors(t, Validate(fu), want{"rows", "表格", "", "max", "【表格】共 10000 行，超过上限 5000 行，请分批提交"})
	sg := mustParse(t, SigningID, []byte(bases[SigningID])).(*Signing)
	sg.Rows[0].Projects = make([]Project, MaxProjects+1)
	wantErrors(t, Validate(sg), want{"rows", "表格", "", "max", "【表格】共 5001 个项目，超过上限 5000 个项目，请分批提交"})
	b := make(SupervisionBatch, MaxOrders+1)
	wantErrors(t, Validate(b), want{"", "督办单", "", "max", "【督办单】共 100001 份，超过上限 100000 份，请分批提交"})
}

// Defect 6b: at most MaxErrors errors are listed, the first in row order,
// then how many were left out.
func TestErrorCap(t *testing.T) {
	// Each row misses four columns and has a control character: 5 errors.
	data := rowsOf(MaxRows, `{"name": "项目\u0007"}`)
	data = []byte(strings.Replace(string(data), `"unit": "湘潭经开区管委会", `, ``, 1))
	data = append(data[:len(data)-1], []byte(`, "unit": 5}`)...) // a header problem after the rows
	_, err := Parse(TaskListID, data)
	list := fieldErrors(t, err)
	if len(list) != MaxErrors+1 {
		t.Fatalf("%d errors", len(list))
	}
	if list[0].Path != "unit" || list[0].Rule != "type" {
		t.Errorf("first error %+v, want the header's", list[0])
	}
	for i, e := range list[1:MaxErrors] {
		if row := fmt.Sprintf("第%d行", i/5+1); e.Row != row {
			t.Fatalf("error %d is in %q, want %q: %v", i+1, e.Row, row, e)
		}
	}
	last := list[MaxErrors]
	if *last != (FieldError{Rule: "truncated", Message: "…还有 24801 处错误未列出"}) {
		t.Errorf("last error %+v", last)
	}
	// Validate alone lists in the order of the checks.
	f := &TaskList{Header: Header{Date: "2026-11-26"}, Rows: make([]TaskRow, 100)}
	list = fieldErrors(t, Validate(f))
	if len(list) != MaxErrors+1 || list[0].Path != "unit" || list[1].Path != "rows[0].name" ||
		list[MaxErrors].Message != "…还有 301 处错误未列出" {
		t.Errorf("%d errors: first %v, last %v", len(list), list[0], list[len(list)-1])
	}
	// At the cap exactly, nothing is left out.
	f.Rows = f.Rows[:40] // 5 errors a row, and the unit
	f.Unit = "湘潭经开区管委会"
	if list = fieldErrors(t, Validate(f)); len(list) != MaxErrors || list[len(list)-1].Rule == "truncated" {
		t.Errorf("%d errors, last %v", len(list), list[len(list)-1])
	}
}

// The collector lists the first MaxErrors errors in row order whatever the
// order they come in.
func TestCollectorKeepsTheFirst(t *testing.T) {
	type item struct {
		path string
		seq  int
	}
	var all []item
	for i := range 1000 {
		all = append(all, item{fmt.Sprintf("rows[%d].name", i/3), len(all)})
		if i%97 == 0 {
			all = append(all, item{"unit", len(all)})
		}
	}
	shuffled := slices.Clone(all)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, order := range [][]item{all, shuffled} {
		var c collector
		for _, it := range order {
			c.add(it.path, func() *FieldError { return &FieldError{Path: it.path, Rule: "x", Message: fmt.Sprint(it.seq)} })
		}
		got := c.errors(true)
		want := slices.Clone(order)
		slices.SortStableFunc(want, func(a, b item) int { return slices.Compare(pathIndexes(a.path), pathIndexes(b.path)) })
		if len(got) != MaxErrors+1 || got[MaxErrors].Message != fmt.Sprintf("…还有 %d 处错误未列出", len(all)-MaxErrors) {
			t.Fatalf("%d errors, last %v", len(got), got[len(got)-1])
		}
		for i := range MaxErrors {
			if got[i].Message != fmt.Sprint(want[i].seq) {
				t.Fatalf("error %d = %v, want %v", i, got[i], want[i])
			}
		}
	}
}

// Defect 6: the work is bounded. The limits are generous (the benchmarks
// of bounds_bench_test.go measure it): before the fix these inputs took
// 2 s, 0.8 s and 40 s.
func TestBoundedWork(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("timing")
	}
	for name, in := range map[string][]byte{
		"100000 rows (3 MB)":  rowsOf(100_000, shortRow),
		"5000 invalid rows":   manyRows(MaxRows, invalidRow),
		"1000000 empty rows":  rowsOf(1_000_000, `{}`),
		"5000 rows of errors": rowsOf(MaxRows, `{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8}`),
	} {
		start := time.Now()
		_, err := Parse(TaskListID, in)
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s (%d bytes): %v", name, len(in), d)
		}
		if list := fieldErrors(t, err); len(list) > MaxErrors+1 {
			t.Errorf("%s: %d errors", name, len(list))
		}
	}
}

// Defect 7: errors.As finds a *FieldError in Errors.
func TestErrorsUnwrap(t *testing.T) {
	_, err := Parse(TaskListID, base(t, TaskListID).del("unit").del("rows[0].name").bytes())
	wrapped := fmt.Errorf("校验失败：%w", err)
	var fe *FieldError
	if !errors.As(wrapped, &fe) || fe.Path != "unit" {
		t.Fatalf("errors.As(*FieldError) = %v", fe)
	}
	var list Errors
	if !errors.As(wrapped, &list) || len(list) != 2 {
		t.Fatalf("errors.As(Errors) = %v", list)
	}
	if !errors.Is(wrapped, list[1]) {
		t.Error("errors.Is does not find the second error")
	}
	if got := list.Unwrap(); len(got) != 2 || got[1] != error(list[1]) {
		t.Errorf("Unwrap = %v", got)
	}
}

// Defect 7: Label does not panic on caller input.
func TestLabelDoesNotPanic(t *testing.T) {
	for _, tc := range []struct {
		sample any
		key    string
		want   string
	}{
		{TaskRow{}, "leader", "牵头|责任领导"},
		{&TaskRow{}, "leader", "牵头|责任领导"},
		{FollowupRow{}, "owner", "承接|责任单位"}, // from the embedded TaskRow
		{Project{}, "totalInvestment", "总投资|（亿元）"},
		{TaskRow{}, "nope", ""},
		{TaskRow{}, "", ""},
		{nil, "leader", ""},
		{(*TaskRow)(nil), "leader", "牵头|责任领导"},
		{5, "leader", ""},
		{"text", "leader", ""},
		{[]TaskRow{}, "leader", ""},
		{Supervision{}, "Number", ""}, // keys are JSON keys
	} {
		if got := Label(tc.sample, tc.key); got != tc.want {
			t.Errorf("Label(%T, %q) = %q, want %q", tc.sample, tc.key, got, tc.want)
		}
	}
}

// LookupName knows a form by id, attachment, number or title, and nothing else.
func TestLookupName(t *testing.T) {
	for name, want := range map[string]ID{"landing": LandingID, "Landing": LandingID, "附件5": LandingID, "5": LandingID,
		"５": LandingID, " 附件2 ": TaskListID, "市级重点招商项目督办单": SupervisionID} {
		if in, ok := LookupName(name); !ok || in.ID != want {
			t.Errorf("LookupName(%q) = %v, %v; want %s", name, in.ID, ok, want)
		}
	}
	for _, name := range []string{"", "1", "7", "附件1", "督办单", "signing2"} {
		if in, ok := LookupName(name); ok {
			t.Errorf("LookupName(%q) = %s", name, in.ID)
		}
	}
}
