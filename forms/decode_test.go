package forms

import (
	"fmt"
	"strings"
	"testing"
)

func TestUnknownFields(t *testing.T) {
	for _, tc := range []struct {
		form ID
		path string
		want want
	}{
		{TaskListID, "title", want{"title", "", "", "unknown", "未知字段“title”：本表没有这一项，请检查拼写（可用的字段：unit、date、seal、rows）"}},
		{TaskListID, "rows[0].Name", want{"rows[0].Name", "", r1, "unknown", "第1行：未知字段“Name”：本表没有这一项，请检查拼写（可用的字段：no、name、overview、leader、owner、partners、tasks）"}},
		{FollowupID, "rows[0].problem", want{"rows[0].problem", "", r1, "unknown", "第1行：未知字段“problem”：本表没有这一项，请检查拼写（可用的字段：no、name、overview、leader、owner、partners、tasks、progress、problems）"}},
		{SigningID, "rows[0].projects[0].city2", want{"rows[0].projects[0].city2", "", r1p1, "unknown", "第1行第1个项目：未知字段“city2”：本表没有这一项，请检查拼写（可用的字段：no、name、undertaker、totalInvestment、introducedFunds、signType、cooperation、industry、investorType、overview、location、city、firstTime、fundsInPlace、progress、company、fulfilled、started、producing、contact）"}},
		{SigningID, "rows[0].projects[0].contact.mobile", want{"rows[0].projects[0].contact.mobile", "项目联系人及电话", r1p1, "unknown", "第1行第1个项目【项目联系人及电话】未知字段“mobile”：本表没有这一项，请检查拼写（可用的字段：name、phone）"}},
		{LandingID, "rows[0].remark", want{"rows[0].remark", "", r1, "unknown", "第1行：未知字段“remark”：本表没有这一项，请检查拼写（可用的字段：no、name、undertaker、investor、totalInvestment、overview、progress、remarks）"}},
		{SupervisionID, "deadline", want{"deadline", "", "", "unknown", "未知字段“deadline”：本表没有这一项，请检查拼写（可用的字段：number、date、target、content、requirements、from、to、issuer、issueDate、seal）"}},
	} {
		_, err := Parse(tc.form, base(t, tc.form).set(tc.path, "x").bytes())
		wantErrors(t, err, tc.want)
	}
}

func TestWrongTypes(t *testing.T) {
	for _, tc := range []struct {
		form ID
		path string
		val  any
		want want
	}{
		{TaskListID, "unit", raw("5"), want{"unit", "单位（盖章）", "", "type", "【单位（盖章）】应为文本"}},
		{TaskListID, "unit", raw(`["湘潭"]`), want{"unit", "单位（盖章）", "", "type", "【单位（盖章）】应为文本"}},
		{TaskListID, "rows", raw(`{}`), want{"rows", "表格", "", "type", "【表格】应为数组（[…]）"}},
		{TaskListID, "rows", raw(`"第一行"`), want{"rows", "表格", "", "type", "【表格】应为数组（[…]）"}},
		// A row of the wrong type is one error, not one per missing column.
		{TaskListID, "rows[0]", raw(`"某项目"`), want{"rows[0]", "", r1, "type", "第1行：应为对象（{…}）"}},
		{TaskListID, "rows[0].no", raw(`true`), want{"rows[0].no", "序号", r1, "type", "第1行【序号】应为正整数"}},
		{TaskListID, "rows[0].no", raw(`"三"`), want{"rows[0].no", "序号", r1, "type", "第1行【序号】应为正整数"}},
		{TaskListID, "rows[0].no", raw(`3000000000`), want{"rows[0].no", "序号", r1, "type", "第1行【序号】应为正整数"}},
		{FollowupID, "rows[0].progress", raw(`{"text": "x"}`), want{"rows[0].progress", "进展情况", r1, "type", "第1行【进展情况】应为文本"}},
		{SigningID, "rows[0].projects", raw(`{}`), want{"rows[0].projects", "项目", r1, "type", "第1行【项目】应为数组（[…]）"}},
		{SigningID, "rows[0].projects[0]", raw(`[]`), want{"rows[0].projects[0]", "", r1p1, "type", "第1行第1个项目：应为对象（{…}）"}},
		{SigningID, "rows[0].projects[0].company", raw(`"湘潭某科技有限公司 91430300184711279E"`), want{"rows[0].projects[0].company", "项目进展情况（工商注册名称及代码必填）", r1p1, "type", "第1行第1个项目【项目进展情况（工商注册名称及代码必填）】应为对象（{…}）"}},
		{SigningID, "rows[0].projects[0].contact", raw(`"刘某某 13807320001"`), want{"rows[0].projects[0].contact", "项目联系人及电话", r1p1, "type", "第1行第1个项目【项目联系人及电话】应为对象（{…}）"}},
		{SigningID, "rows[0].projects[0].contact.phone", raw(`13807320001`), want{"rows[0].projects[0].contact.phone", "项目联系人及电话·电话", r1p1, "type", "第1行第1个项目【项目联系人及电话·电话】应为文本"}},
		{LandingID, "rows[0].totalInvestment", raw(`{"value": 1}`), want{"rows[0].totalInvestment", "总投资", r1, "type", "第1行【总投资】应为数字"}},
		{SupervisionID, "from", raw(`["2026-12-01"]`), want{"from", "完成时限·开始日期", "", "type", "【完成时限·开始日期】应为日期文本，如 \"2026-11-26\""}},
	} {
		t.Run(string(tc.form)+"/"+tc.path, func(t *testing.T) {
			_, err := Parse(tc.form, base(t, tc.form).set(tc.path, tc.val).bytes())
			wantErrors(t, err, tc.want)
		})
	}
	// The root of the wrong type: one error.
	for _, id := range formIDs {
		for _, in := range []string{`"表单"`, `5`, `true`, `null`} {
			_, err := Parse(id, []byte(in))
			if in == "null" {
				// null is an empty form: every required field is reported.
				if list := fieldErrors(t, err); len(list) < 2 {
					t.Errorf("%s null: %v", id, list)
				}
				continue
			}
			wantErrors(t, err, want{"", "", "", "type", "应为对象（{…}）"})
		}
	}
	_, err := Parse(TaskListID, []byte(`[{"unit": "x"}]`))
	wantErrors(t, err, want{"", "", "", "type", "应为对象（{…}）"})
	_, err = Parse(SupervisionID, []byte(`{"orders": {"date": "2026-11-26"}}`))
	wantErrors(t, err, want{"", "", "", "type", "应为数组（[…]）"})
}

func TestMalformedJSON(t *testing.T) {
	for _, tc := range []struct {
		in        string
		line, col int
		hint      string
	}{
		{`{"unit": "x",}`, 1, 14, "此处应为带英文双引号的字段名，可能多了一个逗号"},
		{`{"unit" "x"}`, 1, 9, "字段名后缺少英文冒号 :"},
		{"{\n  \"unit\": \"x\"\n  \"date\": \"2026-11-26\"\n}", 3, 3, "两个字段之间缺少逗号，或缺少右花括号 }"},
		{"{\n\"unit\": \"x\",\n \"rows\": [1,]\n}", 3, 13, "此处应为一个值；文本要用英文双引号括起来，末尾不能多逗号"},
		{`{"rows": [{} {}]}`, 1, 14, "两项之间缺少逗号，或缺少右方括号 ]"},
		{`{"unit": 'x'}`, 1, 10, "此处应为一个值；文本要用英文双引号括起来，末尾不能多逗号"},
		{`{"unit": 湘潭}`, 1, 10, "此处应为一个值；文本要用英文双引号括起来，末尾不能多逗号"},
		{"{\"unit\": \"湘\t潭\"}", 1, 12, "文本中有未转义的控制字符，换行请写作 \\n"},
		{`{} {}`, 1, 4, "完整的 JSON 之后还有多余内容"},
	} {
		for _, id := range formIDs {
			_, err := Parse(id, []byte(tc.in))
			list := fieldErrors(t, err)
			prefix := fmt.Sprintf("JSON 格式错误（输入第%d行第%d列附近）：%s（", tc.line, tc.col, tc.hint)
			if len(list) != 1 || list[0].Rule != "json" || list[0].Path != "" || !strings.HasPrefix(list[0].Message, prefix) {
				t.Errorf("%s %q:\n got  %v\n want one json error starting %q", id, tc.in, list, prefix)
			}
		}
	}
	// Incomplete input: the position is its end.
	_, err := Parse(SigningID, []byte("{\n  \"unit\": \"湘潭市商务局\",\n  \"rows\": [\n"))
	list := fieldErrors(t, err)
	if len(list) != 1 || !strings.HasPrefix(list[0].Message, "JSON 格式错误（输入第4行第1列附近）：输入不完整，可能缺少结尾的 } 或 ]（") {
		t.Errorf("unexpected end: %v", list)
	}
	for _, in := range []string{"", " \n\t "} {
		_, err := Parse(LandingID, []byte(in))
		wantErrors(t, err, want{"", "", "", "json", "输入为空：需要 JSON 格式的表单数据"})
	}
	// GBK text (湘潭 = CF E6 CC B6) is not silently turned into U+FFFD.
	_, err = Parse(LandingID, []byte("{\"unit\": \"\xcf\xe6\xcc\xb6\"}"))
	wantErrors(t, err, want{"", "", "", "json", "输入不是 UTF-8 编码（输入第1行第11列附近），可能是 GBK 等其他编码：请将文件另存为 UTF-8 后重试"})
	_, err = Parse(LandingID, []byte("{\n\"unit\": \"湘潭\",\n\"date\": \"\xcf\xe6\"}"))
	wantErrors(t, err, want{"", "", "", "json", "输入不是 UTF-8 编码（输入第3行第10列附近），可能是 GBK 等其他编码：请将文件另存为 UTF-8 后重试"})
}

func TestDecode(t *testing.T) {
	var f TaskList
	if err := Decode([]byte(bases[TaskListID]), &f); err != nil {
		t.Fatal(err)
	}
	if f.Unit != "湘潭经开区管委会" || len(f.Rows) != 1 || f.Rows[0].Tasks[0] != "完成签约" {
		t.Errorf("decoded %+v", f)
	}
	// Decode does not validate, and keeps what it could decode.
	var g TaskList
	err := Decode([]byte(`{"unit": "x", "date": 5, "rows": []}`), &g)
	wantErrors(t, err, want{"date", "填报日期", "", "type", "【填报日期】应为日期文本，如 \"2026-11-26\""})
	if g.Unit != "x" || g.Rows == nil {
		t.Errorf("partially decoded %+v", g)
	}
	for _, v := range []any{nil, f, (*TaskList)(nil)} {
		err := Decode([]byte(`{}`), v)
		if err == nil || strings.Contains(err.Error(), "【") {
			t.Errorf("Decode into %T: %v", v, err)
		}
	}
	// Parse returns the form decoded so far along with the errors.
	form, err := Parse(TaskListID, base(t, TaskListID).del("rows[0].name").bytes())
	if err == nil || form.(*TaskList).Rows[0].Owner != "湘潭经开区管委会" {
		t.Errorf("Parse of an invalid input returned %#v, %v", form, err)
	}
}

// Defect 2: a key given twice is an error at every level, not last-wins.
func TestDuplicateKeys(t *testing.T) {
	dup := func(row, label, key string) string {
		sep := "："
		if label != "" {
			sep = "【" + label + "】"
		} else if row == "" {
			sep = ""
		}
		return row + sep + "字段“" + key + "”重复出现，同一字段只能填写一次，请删除多余的一项"
	}
	for _, tc := range []struct {
		form ID
		in   string
		want want
	}{
		{TaskListID, `{"unit": "A", "unit": "B", "date": "2026-11-26", "rows": [{"name": "某项目", "overview": "概况", "leader": "李某", "owner": "某单位", "tasks": ["签约"]}]}`,
			want{"unit", "单位（盖章）", "", "duplicate", dup("", "单位（盖章）", "unit")}},
		{TaskListID, `{"unit": "A", "date": "2026-11-26", "rows": [{"name": "某项目", "overview": "概况", "leader": "李某", "owner": "某单位", "tasks": ["签约"], "name": "另一项目"}]}`,
			want{"rows[0].name", "企业（项目）名称", r1, "duplicate", dup(r1, "企业（项目）名称", "name")}},
		{SigningID, strings.Replace(bases[SigningID], `"phone": "13807320001"`, `"phone": "13807320001", "phone": "13807320002"`, 1),
			want{"rows[0].projects[0].contact.phone", "项目联系人及电话·电话", r1p1, "duplicate", dup(r1p1, "项目联系人及电话·电话", "phone")}},
		{SigningID, strings.Replace(bases[SigningID], `"rank": 123`, `"rank": 123, "rank": 12`, 1),
			want{"rows[0].top500.rank", "所属500强名称及排名·排名", r1, "duplicate", dup(r1, "所属500强名称及排名·排名", "rank")}},
		{SupervisionID, `{"orders": [` + bases[SupervisionID] + `], "orders": []}`,
			want{"orders", "", "", "duplicate", dup("", "", "orders")}},
		{SupervisionID, `[` + strings.Replace(bases[SupervisionID], `"date"`, `"to": "2026-12-31", "date"`, 1) + `]`,
			want{"[0].to", "完成时限·截止日期", "第1份督办单", "duplicate", dup("第1份督办单", "完成时限·截止日期", "to")}},
	} {
		form, err := Parse(tc.form, []byte(tc.in))
		wantErrors(t, err, tc.want)
		// The first value is kept.
		if tl, ok := form.(*TaskList); ok && (tl.Unit != "A" || tl.Rows[0].Name != "某项目") {
			t.Errorf("kept %q, %q", tl.Unit, tl.Rows[0].Name)
		}
	}
	// An unknown key given twice: unknown, then repeated.
	in := strings.Replace(bases[LandingID], `"remarks": "无"`, `"remarks": "无", "remark": 1, "remark": 2`, 1)
	_, err := Parse(LandingID, []byte(in))
	list := fieldErrors(t, err)
	if len(list) != 2 || list[0].Rule != "unknown" || list[1].Rule != "duplicate" || list[1].Path != "rows[0].remark" {
		t.Errorf("unknown key twice: %v", list)
	}
	// Decode reports them too, and a key repeated many times stays cheap.
	var many strings.Builder
	many.WriteString(`{"unit": "A"`)
	for range 100000 {
		many.WriteString(`, "unit": "A"`)
	}
	many.WriteString("}")
	err = Decode([]byte(many.String()), new(TaskList))
	list = fieldErrors(t, err)
	if len(list) != MaxErrors+1 || list[0].Rule != "duplicate" || list[MaxErrors].Message != "…还有 99800 处错误未列出" {
		t.Errorf("%d errors, last %v", len(list), list[len(list)-1])
	}
}

// Defect 4: an escaped lone surrogate is refused, naming the field, instead
// of becoming U+FFFD.
func TestLoneSurrogates(t *testing.T) {
	msg := func(row, label, esc string) string {
		return row + "【" + label + "】含有无效的 Unicode 转义 " + esc + "（孤立的代理项）"
	}
	for _, tc := range []struct {
		form  ID
		path  string // the JSON key whose value gets the escape
		value string // JSON text
		want  want
	}{
		{TaskListID, "unit", `"湘潭\ud800经开区"`, want{"unit", "单位（盖章）", "", "unicode", msg("", "单位（盖章）", `\ud800`)}},
		{TaskListID, "unit", `"湘潭\uDBFF"`, want{"unit", "单位（盖章）", "", "unicode", msg("", "单位（盖章）", `\uDBFF`)}},
		{TaskListID, "unit", `"\udc00湘潭"`, want{"unit", "单位（盖章）", "", "unicode", msg("", "单位（盖章）", `\udc00`)}},
		{TaskListID, "unit", `"湘潭\ud800\u0041"`, want{"unit", "单位（盖章）", "", "unicode", msg("", "单位（盖章）", `\ud800`)}},
		{TaskListID, "unit", `"\ud83d\ude00\ud83d"`, want{"unit", "单位（盖章）", "", "unicode", msg("", "单位（盖章）", `\ud83d`)}},
		{TaskListID, "rows[0].overview", `"概况\ud800"`, want{"rows[0].overview", "项目基本情况", r1, "unicode", msg(r1, "项目基本情况", `\ud800`)}},
		{TaskListID, "rows[0].tasks", `["签约", "开工\udfff"]`, want{"rows[0].tasks[1]", "任务清单第2项", r1, "unicode", msg(r1, "任务清单第2项", `\udfff`)}},
		{TaskListID, "rows[0].tasks", `"签约\n开工\udfff"`, want{"rows[0].tasks", "任务清单", r1, "unicode", msg(r1, "任务清单", `\udfff`)}},
		{SigningID, "rows[0].top500", `"世界500强\ud800"`, want{"rows[0].top500", "所属500强名称及排名", r1, "unicode", msg(r1, "所属500强名称及排名", `\ud800`)}},
		{SigningID, "rows[0].projects[0].totalInvestment", `"1\ud800"`, want{"rows[0].projects[0].totalInvestment", "总投资（亿元）", r1p1, "unicode", msg(r1p1, "总投资（亿元）", `\ud800`)}},
		{SigningID, "rows[0].projects[0].cooperation", `"\ud800"`, want{"rows[0].projects[0].cooperation", "合作方式", r1p1, "unicode", msg(r1p1, "合作方式", `\ud800`)}},
		{SupervisionID, "date", `"2026-11-26\ud800"`, want{"date", "日期", "", "unicode", msg("", "日期", `\ud800`)}},
	} {
		t.Run(tc.path+tc.value, func(t *testing.T) {
			_, err := Parse(tc.form, base(t, tc.form).set(tc.path, raw(`"@@"`)).bytesReplacing(`"@@"`, tc.value))
			wantErrors(t, err, tc.want)
		})
	}
	// A key with a lone surrogate.
	in := strings.Replace(bases[TaskListID], `"date": "2026-11-26",`, `"date": "2026-11-26", "da\ud800te": 1,`, 1)
	_, err := Parse(TaskListID, []byte(in))
	wantErrors(t, err, want{"da\uFFFDte", "", "", "unicode", `字段名 "da\ud800te" 含有无效的 Unicode 转义 \ud800（孤立的代理项）`})
	// Pairs, escaped backslashes and a literal U+FFFD are fine.
	for _, v := range []string{`"湘潭\ud83d\ude00"`, `"\\ud800"`, `"\\\ud83d\ude00"`, `"湘潭` + "\uFFFD" + `"`, `"\u6e58\u6f6d"`} {
		f := mustParse(t, TaskListID, base(t, TaskListID).set("unit", raw(`"@@"`)).bytesReplacing(`"@@"`, v)).(*TaskList)
		if strings.Contains(v, `\ud83d\ude00`) && !strings.Contains(f.Unit, "😀") {
			t.Errorf("%s decoded as %q", v, f.Unit)
		}
	}
}

func TestLoneSurrogateScanner(t *testing.T) {
	for _, tc := range []struct {
		in, esc string
	}{
		{`"\ud800"`, `\ud800`}, {`"a\ud800b"`, `\ud800`}, {`"\ud800\ud800"`, `\ud800`}, {`"\udc00"`, `\udc00`},
		{`"\ud800\udc00\udc00"`, `\udc00`}, {`"\\\ud800"`, `\ud800`}, {`["x", "\uDFFF"]`, `\uDFFF`},
		{`"\ud800\n"`, `\ud800`}, {`"\ud800\u"`, `\ud800`},
	} {
		esc, bad := loneSurrogate([]byte(tc.in))
		if !bad || esc != tc.esc {
			t.Errorf("loneSurrogate(%s) = %q, %v; want %q", tc.in, esc, bad, tc.esc)
		}
	}
	for _, in := range []string{`"\ud800\udc00"`, `"\\ud800"`, `"\\\\ud800"`, `"\u0041\n\t\""`, `"湘潭"`, `""`, `"\uD83D\uDE00"`} {
		if esc, bad := loneSurrogate([]byte(in)); bad {
			t.Errorf("loneSurrogate(%s) = %q", in, esc)
		}
	}
}
