package forms

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestDateDecodeNormalises(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"2026-11-26"`, "2026-11-26"},
		{`"2026/11/26"`, "2026-11-26"},
		{`"2026.11.26"`, "2026-11-26"},
		{`"2026-1-5"`, "2026-01-05"},
		{`"2026/1/5"`, "2026-01-05"},
		{`"2026年11月26日"`, "2026-11-26"},
		{`"2026年1月5日"`, "2026-01-05"},
		{`"２０２６年１１月２６日"`, "2026-11-26"},
		{`"  2026-11-26 "`, "2026-11-26"},
		{`null`, ""},
		// Not a date form we know: kept as typed for the message.
		{`"26-11-26"`, "26-11-26"},
		{`"2026-11-26T08:00:00Z"`, "2026-11-26T08:00:00Z"},
		{`"明天"`, "明天"},
	} {
		var d Date
		if err := json.Unmarshal([]byte(tc.in), &d); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if string(d) != tc.want {
			t.Errorf("%s decoded as %q, want %q", tc.in, d, tc.want)
		}
	}
	var d Date
	if err := json.Unmarshal([]byte(`20261126`), &d); err != errWantDate {
		t.Errorf("a number as date: err = %v, want errWantDate", err)
	}
}

func TestDateRendering(t *testing.T) {
	for _, tc := range []struct {
		d                          Date
		chinese, monthDay, weekday string
	}{
		{"2026-11-26", "2026年11月26日", "11月26日", "星期四"},
		{"2026-01-05", "2026年1月5日", "1月5日", "星期一"},
		{"2026-12-01", "2026年12月1日", "12月1日", "星期二"},
		{"2026-12-05", "2026年12月5日", "12月5日", "星期六"},
		{"2026-03-01", "2026年3月1日", "3月1日", "星期日"},
		{"2028-02-29", "2028年2月29日", "2月29日", "星期二"},
		{"0999-01-01", "999年1月1日", "1月1日", "星期二"},
		// Invalid dates render as typed and have no weekday.
		{"2026-02-30", "2026-02-30", "2026-02-30", ""},
		{"", "", "", ""},
	} {
		if got := tc.d.Chinese(); got != tc.chinese {
			t.Errorf("%q.Chinese() = %q, want %q", tc.d, got, tc.chinese)
		}
		if got := tc.d.MonthDay(); got != tc.monthDay {
			t.Errorf("%q.MonthDay() = %q, want %q", tc.d, got, tc.monthDay)
		}
		if got := tc.d.Weekday(); got != tc.weekday {
			t.Errorf("%q.Weekday() = %q, want %q", tc.d, got, tc.weekday)
		}
	}
}

func TestDateTime(t *testing.T) {
	for _, tc := range []struct {
		d  Date
		ok bool
	}{
		{"2026-11-26", true},
		{"2028-02-29", true},
		{"2026-02-28", true},
		{"2026-02-29", false},
		{"2026-02-30", false},
		{"2026-13-01", false},
		{"2026-00-10", false},
		{"2026-11-31", false},
		{"2026-1-5", false}, // Time wants the normalised form
		{"2026/11/26", false},
		{"", false},
	} {
		tm, err := tc.d.Time()
		if (err == nil) != tc.ok {
			t.Errorf("%q.Time() error = %v, want ok=%v", tc.d, err, tc.ok)
		}
		if tc.ok && tm.Format(time.DateOnly) != string(tc.d) {
			t.Errorf("%q.Time() = %v", tc.d, tm)
		}
	}
	if got := NewDate(2026, time.December, 1); got != "2026-12-01" {
		t.Errorf("NewDate = %q", got)
	}
	if !Date("").IsZero() || Date("2026-12-01").IsZero() {
		t.Error("Date.IsZero is wrong")
	}
}

func TestAmountDecode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`12.5`, "12.5"},
		{`12.50`, "12.50"}, // the literal is kept exactly
		{`"12.50"`, "12.50"},
		{`" 6.80 "`, "6.80"},
		{`"１２.５"`, "12.5"},
		{`0.30000000000000004`, "0.30000000000000004"},
		{`123456789012345678901234567890.1234`, "123456789012345678901234567890.1234"},
		{`1e3`, "1e3"},
		{`null`, ""},
		{`"abc"`, "abc"},
	} {
		var a Amount
		if err := json.Unmarshal([]byte(tc.in), &a); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if string(a) != tc.want {
			t.Errorf("%s decoded as %q, want %q", tc.in, a, tc.want)
		}
	}
	for _, in := range []string{`true`, `false`, `{}`, `[1]`} {
		var a Amount
		if err := json.Unmarshal([]byte(in), &a); err != errWantNumber {
			t.Errorf("%s: err = %v, want errWantNumber", in, err)
		}
	}
}

func TestAmountString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12.50", "12.5"},
		{"12.5000", "12.5"},
		{"28", "28"},
		{"28.0", "28"},
		{"0", "0"},
		{"0.0000", "0"},
		{"0.0001", "0.0001"},
		{"1e3", "1000"},
		{"1E2", "100"},
		{"100000000", "100000000"},
		{"1e21", "1000000000000000000000"},
		{"123456789012345678901234567890.1234", "123456789012345678901234567890.1234"},
		{"abc", "abc"}, // invalid: as typed
		{"", ""},
	} {
		if got := Amount(tc.in).String(); got != tc.want {
			t.Errorf("Amount(%q).String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAmountProblem(t *testing.T) {
	for _, tc := range []struct{ in, text string }{
		{"12.5", ""},
		{"0", ""},
		{"0.0001", ""},
		{"12.3456", ""},
		{"12.34560", ""}, // a trailing zero is not a fifth decimal
		{"1e3", ""},
		{"12.34567", "“12.34567”最多保留4位小数"},
		{"0.30000000000000004", "“0.30000000000000004”最多保留4位小数"},
		{"-1", "“-1”不能为负数"},
		{"-0.5", "“-0.5”不能为负数"},
		{"abc", "“abc”不是有效的金额，应为数字，如 12.5"},
		{"12.5亿", "“12.5亿”不是有效的金额，应为数字，如 12.5"},
		{"1,000", "“1,000”不是有效的金额，应为数字，如 12.5"},
		{"1.2.3", "“1.2.3”不是有效的金额，应为数字，如 12.5"},
		{"NaN", "“NaN”不是有效的金额，应为数字，如 12.5"},
		{"Infinity", "“Infinity”不是有效的金额，应为数字，如 12.5"},
	} {
		rule, text := amountProblem(Amount(tc.in))
		if text != tc.text || (rule == "") != (tc.text == "") {
			t.Errorf("amountProblem(%q) = %q, %q; want %q", tc.in, rule, text, tc.text)
		}
	}
}

func TestAmountMarshal(t *testing.T) {
	for _, tc := range []struct {
		a    Amount
		want string
	}{
		{"12.50", `12.5`},
		{"", `null`},
		{"abc", `"abc"`},
	} {
		b, err := json.Marshal(tc.a)
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%q) = %s, %v; want %s", tc.a, b, err, tc.want)
		}
	}
}

func TestYesNo(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want YesNo
	}{
		{`true`, Yes}, {`false`, No}, {`"是"`, Yes}, {`"否"`, No}, {`" 是 "`, Yes},
		{`"true"`, Yes}, {`"FALSE"`, No}, {`null`, ""}, {`""`, ""}, {`"Y"`, "Y"},
	} {
		var y YesNo
		if err := json.Unmarshal([]byte(tc.in), &y); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if y != tc.want {
			t.Errorf("%s decoded as %q, want %q", tc.in, y, tc.want)
		}
	}
	for _, in := range []string{`1`, `{}`, `[]`} {
		var y YesNo
		if err := json.Unmarshal([]byte(in), &y); err != errWantYesNo {
			t.Errorf("%s: err = %v, want errWantYesNo", in, err)
		}
	}
	if !Yes.Bool() || No.Bool() || YesNo("").Bool() {
		t.Error("YesNo.Bool is wrong")
	}
	for y, want := range map[YesNo]string{Yes: "true", No: "false", "": "null", "Y": `"Y"`} {
		if b, _ := json.Marshal(y); string(b) != want {
			t.Errorf("Marshal(%q) = %s, want %s", y, b, want)
		}
	}
}

func TestTextList(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want TextList
	}{
		{`["市商务局", "市发展改革委"]`, TextList{"市商务局", "市发展改革委"}},
		{`"市教育局"`, TextList{"市教育局"}},
		{`"完成选址\n完成论证\r\n\n  组织评审  "`, TextList{"完成选址", "完成论证", "组织评审"}},
		{`[" a ", "", "  ", "b"]`, TextList{"a", "b"}},
		{`["第一行\r\n第二行"]`, TextList{"第一行\n第二行"}}, // an item keeps its line break
		{`[]`, TextList{}},
		{`""`, nil},
		{`null`, nil},
	} {
		var l TextList
		if err := json.Unmarshal([]byte(tc.in), &l); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(l, tc.want) {
			t.Errorf("%s decoded as %#v, want %#v", tc.in, l, tc.want)
		}
	}
	for _, in := range []string{`5`, `[1]`, `["a", {}]`, `{}`, `true`} {
		var l TextList
		if err := json.Unmarshal([]byte(in), &l); err != errWantTextList {
			t.Errorf("%s: err = %v, want errWantTextList", in, err)
		}
	}
}

func TestCleanTextKeepsControls(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  湘潭  ", "湘潭"},
		{"\u3000湘潭\u00a0", "湘潭"},
		{"\n\t湘潭\r\n", "湘潭"},
		{"第一行\r\n第二行\r第三行", "第一行\n第二行\n第三行"},
		// Controls that Unicode also calls space are not blanks: kept for validation.
		{"湘潭\u0085", "湘潭\u0085"},
		{"\u000b湘潭\u000c", "\u000b湘潭\u000c"},
		{"湘潭\u0007", "湘潭\u0007"},
	} {
		if got := cleanText(tc.in); got != tc.want {
			t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTop500String(t *testing.T) {
	for _, tc := range []struct {
		t    Top500
		want string
	}{
		{Top500{List: Top500World, Year: 2025, Rank: 123}, "2025年世界500强第123位"},
		{Top500{List: Top500China, Year: 2025, Rank: 156}, "2025年中国企业500强第156位"},
		{Top500{List: Top500Private, Year: 2024, Rank: 1}, "2024年中国民营企业500强第1位"},
		{Top500{List: Top500Other, Name: "全球工业自动化企业100强", Year: 2024, Rank: 45}, "2024年全球工业自动化企业100强第45位"},
		{Top500{Text: "2025年《财富》世界500强第98位"}, "2025年《财富》世界500强第98位"},
		{Top500{}, ""},
	} {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.t, got, tc.want)
		}
	}
	if !(Top500{}).IsZero() || (Top500{Text: "x"}).IsZero() {
		t.Error("Top500.IsZero is wrong")
	}
}

func TestTop500Unmarshal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Top500
	}{
		{`{"list": "世界500强", "year": 2025, "rank": 123}`, Top500{List: Top500World, Year: 2025, Rank: 123}},
		{`" 世界500强第98位 "`, Top500{Text: "世界500强第98位"}},
		{`""`, Top500{}},
		{`null`, Top500{}},
	} {
		var got Top500
		if err := json.Unmarshal([]byte(tc.in), &got); err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%s decoded as %+v, want %+v", tc.in, got, tc.want)
		}
	}
	for _, in := range []string{`5`, `[]`, `{"list": "世界500强", "foo": 1}`, `{"rank": "x"}`} {
		var got Top500
		if err := json.Unmarshal([]byte(in), &got); err != errWantTop500 {
			t.Errorf("%s: err = %v, want errWantTop500", in, err)
		}
	}
}

func TestProjectDefaults(t *testing.T) {
	p := &Project{}
	if got := p.CityOrDefault(); got != "湘潭市" {
		t.Errorf("CityOrDefault of an empty city = %q", got)
	}
	p.City = "株洲市"
	if got := p.CityOrDefault(); got != "株洲市" {
		t.Errorf("CityOrDefault = %q", got)
	}
	s := &Supervision{Date: "2026-11-26"}
	if got := s.IssueDateOrDefault(); got != "2026-11-26" {
		t.Errorf("IssueDateOrDefault without issueDate = %q", got)
	}
	s.IssueDate = "2026-11-27"
	if got := s.IssueDateOrDefault(); got != "2026-11-27" {
		t.Errorf("IssueDateOrDefault = %q", got)
	}
}
