package forms

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// oneLineFields are the text fields that must hold one line (§1): every
// text field but the long texts.
var oneLineFields = []struct {
	form             ID
	path, label, row string
}{
	{TaskListID, "unit", "单位（盖章）", ""},
	{TaskListID, "seal", "印章", ""},
	{TaskListID, "rows[0].name", "企业（项目）名称", r1},
	{TaskListID, "rows[0].leader", "牵头责任领导", r1},
	{TaskListID, "rows[0].owner", "承接责任单位", r1},
	{TaskListID, "rows[0].partners[0]", "配合单位第1项", r1},
	{FollowupID, "rows[0].name", "企业（项目）名称", r1},
	{SigningID, "rows[0].investor", "项目投资方", r1},
	{SigningID, "rows[0].hq", "总部所在地（国别/省市）", r1},
	{SigningID, "rows[0].top500", "所属500强名称及排名·文本", r1},
	{SigningID, "rows[0].projects[0].name", "项目名称", r1p1},
	{SigningID, "rows[0].projects[0].undertaker", "项目承接方", r1p1},
	{SigningID, "rows[0].projects[0].location", "项目所在地", r1p1},
	{SigningID, "rows[0].projects[0].company.name", "项目进展情况（工商注册名称及代码必填）·工商注册名称", r1p1},
	{SigningID, "rows[0].projects[0].contact.name", "项目联系人及电话·联系人", r1p1},
	{LandingID, "rows[0].name", "项目名称", r1},
	{LandingID, "rows[0].undertaker", "项目承接方", r1},
	{LandingID, "rows[0].investor", "项目投资方", r1},
	{SupervisionID, "number", "督办单编号", ""},
	{SupervisionID, "target", "督办单位", ""},
	{SupervisionID, "issuer", "督办单签发单位", ""},
	{SupervisionID, "seal", "印章", ""},
}

// Defect 1: a line break or a tab in a one-line field is an error naming the
// field and the position.
func TestOneLineFields(t *testing.T) {
	for _, f := range oneLineFields {
		for _, tc := range []struct {
			in  string
			pos int
		}{
			{"湘潭\n经开区", 3},
			{"湘潭\r\n经开区", 3}, // CRLF is one line break
			{"湘潭\r经开区", 3},
			{"湘潭经开\t区", 5},
			{"湘潭经开区\u2028管委会", 6},
			{"湘\u2029潭", 2},
			{"湘潭\u0085经开区", 3},
		} {
			t.Run(fmt.Sprintf("%s/%s/%q", f.form, f.path, tc.in), func(t *testing.T) {
				path := f.path
				if path == "rows[0].top500" {
					path += ".text"
				}
				_, err := Parse(f.form, base(t, f.form).set(f.path, tc.in).bytes())
				wantErrors(t, err, want{path, f.label, f.row, "oneline",
					fmt.Sprintf("%s【%s】不能换行或含制表符（第%d个字符），请写在一行内", f.row, f.label, tc.pos)})
			})
		}
	}
	// The example of the brief.
	d := base(t, LandingID)
	d.set("rows", []any{d.get("rows[0]"), load(t, mustJSON(t, d.get("rows[0]"))).root})
	_, err := Parse(LandingID, d.set("rows[1].name", "湘潭智能\n制造产业园").bytes())
	wantErrors(t, err, want{"rows[1].name", "项目名称", "第2行", "oneline", "第2行【项目名称】不能换行或含制表符（第5个字符），请写在一行内"})
	// Blanks and line breaks around a one-line text are trimmed, not errors.
	f := mustParse(t, TaskListID, base(t, TaskListID).set("unit", "\r\n\t湘潭经开区管委会\n").bytes()).(*TaskList)
	if f.Unit != "湘潭经开区管委会" {
		t.Errorf("unit = %q", f.Unit)
	}
	// A partners string of several lines is several items, as before.
	f = mustParse(t, TaskListID, base(t, TaskListID).set("rows[0].partners", "市商务局\r\n市财政局").bytes()).(*TaskList)
	if len(f.Rows[0].Partners) != 2 {
		t.Errorf("partners = %q", f.Rows[0].Partners)
	}
	// Another control character in a one-line field is still "nocontrol".
	_, err = Parse(TaskListID, base(t, TaskListID).set("rows[0].leader", "李某\u0007某").bytes())
	wantErrors(t, err, want{"rows[0].leader", "牵头责任领导", r1, "nocontrol", "第1行【牵头责任领导】第3个字是不可见的控制字符（U+0007），请删除后重新填写"})
	// The first problem is named, whichever kind it is.
	_, err = Parse(TaskListID, base(t, TaskListID).set("rows[0].leader", "李\n某\u0007某").bytes())
	wantErrors(t, err, want{"rows[0].leader", "牵头责任领导", r1, "oneline", "第1行【牵头责任领导】不能换行或含制表符（第2个字符），请写在一行内"})
}

// Defect 1: the long texts keep \n as a line break and \t; CRLF and a lone
// CR become \n when decoding.
func TestMultiLineFields(t *testing.T) {
	for _, tc := range []struct {
		form ID
		path string
		get  func(Form) string
	}{
		{TaskListID, "rows[0].overview", func(f Form) string { return f.(*TaskList).Rows[0].Overview }},
		{TaskListID, "rows[0].tasks[0]", func(f Form) string { return f.(*TaskList).Rows[0].Tasks[0] }},
		{FollowupID, "rows[0].progress", func(f Form) string { return f.(*Followup).Rows[0].Progress }},
		{FollowupID, "rows[0].problems", func(f Form) string { return f.(*Followup).Rows[0].Problems }},
		{SigningID, "rows[0].projects[0].overview", func(f Form) string { return f.(*Signing).Rows[0].Projects[0].Overview }},
		{SigningID, "rows[0].projects[0].progress", func(f Form) string { return f.(*Signing).Rows[0].Projects[0].Progress }},
		{LandingID, "rows[0].overview", func(f Form) string { return f.(*Landing).Rows[0].Overview }},
		{LandingID, "rows[0].progress", func(f Form) string { return f.(*Landing).Rows[0].Progress }},
		{LandingID, "rows[0].remarks", func(f Form) string { return f.(*Landing).Rows[0].Remarks }},
		{SupervisionID, "content", func(f Form) string { return f.(*Supervision).Content }},
		{SupervisionID, "requirements", func(f Form) string { return f.(*Supervision).Requirements }},
	} {
		f := mustParse(t, tc.form, base(t, tc.form).set(tc.path, "一、甲\r\n二、乙\r三、丙\n\t（续）").bytes())
		if got := tc.get(f); got != "一、甲\n二、乙\n三、丙\n\t（续）" {
			t.Errorf("%s %s = %q", tc.form, tc.path, got)
		}
	}
}

// Defect 1: a form built in Go is held to the same rules.
func TestOneLineFieldsBuiltInGo(t *testing.T) {
	f := mustParse(t, SupervisionID, []byte(bases[SupervisionID])).(*Supervision)
	f.Target = "湘潭经开区\n管委会"
	f.Issuer = "湘潭市\r\n领导小组"
	f.Content = "第一条\n第二条\t（续）"
	wantErrors(t, Validate(f),
		want{"target", "督办单位", "", "oneline", "【督办单位】不能换行或含制表符（第6个字符），请写在一行内"},
		want{"issuer", "督办单签发单位", "", "oneline", "【督办单签发单位】不能换行或含制表符（第4个字符），请写在一行内"})
	// Not decoded, a CR stays a CR, which a long text may not hold.
	f.Target, f.Issuer, f.Content = "湘潭经开区管委会", "湘潭市领导小组", "第一条\r\n第二条"
	wantErrors(t, Validate(f), want{"content", "督办内容", "", "nocontrol", "【督办内容】第4个字是不可见的控制字符（U+000D），请删除后重新填写"})
	tl := mustParse(t, TaskListID, []byte(bases[TaskListID])).(*TaskList)
	tl.Rows[0].Partners = TextList{"市商务局", "市财政局\t市税务局"}
	wantErrors(t, Validate(tl), want{"rows[0].partners[1]", "配合单位第2项", r1, "oneline", "第1行【配合单位第2项】不能换行或含制表符（第5个字符），请写在一行内"})
}

// Every text field is either one of the long texts of §1 (nocontrol) or a
// one-line field (oneline): none is left unchecked.
func TestTextFieldKinds(t *testing.T) {
	multi := map[string]bool{
		"TaskRow.overview": true, "TaskRow.tasks": true, "FollowupRow.progress": true, "FollowupRow.problems": true,
		"Project.overview": true, "Project.progress": true, "LandingRow.overview": true, "LandingRow.progress": true,
		"LandingRow.remarks": true, "Supervision.content": true, "Supervision.requirements": true,
	}
	// Fields whose own rule admits no line break or control character.
	restricted := map[string]bool{"Project.city": true, "Contact.phone": true, "Company.creditCode": true, "Top500.list": true}
	seen := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(typ reflect.Type) {
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			ft := f.Type
			if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
				walk(ft.Elem())
				continue
			}
			if ft.Kind() == reflect.Struct {
				walk(ft)
				continue
			}
			if ft != reflect.TypeFor[string]() && ft != textListType {
				continue
			}
			key := typ.Name() + "." + jsonName(f)
			seen[key] = true
			tag := "," + f.Tag.Get("validate") + ","
			switch {
			case restricted[key]:
			case multi[key]:
				if !strings.Contains(tag, ",nocontrol,") || strings.Contains(tag, "oneline") {
					t.Errorf("%s is a long text: want nocontrol, tag %s", key, tag)
				}
			case !strings.Contains(tag, ",oneline,"):
				t.Errorf("%s is a one-line field: want oneline, tag %s", key, tag)
			}
		}
	}
	for _, v := range []any{TaskList{}, Followup{}, Signing{}, Landing{}, Supervision{}} {
		walk(reflect.TypeOf(v))
	}
	for key := range multi {
		if !seen[key] {
			t.Errorf("no field %s", key)
		}
	}
}

func TestOneLineProblem(t *testing.T) {
	for _, tc := range []struct {
		in  string
		pos int
		r   rune
	}{
		{"a\nb", 2, '\n'}, {"a\rb", 2, '\r'}, {"\tb", 1, '\t'}, {"湘\u2028", 2, 0x2028}, {"湘潭\u2029", 3, 0x2029},
		{"湘\u0085", 2, 0x85}, {"a\u0007\nb", 2, 7},
	} {
		pos, r, bad := onelineProblem(tc.in)
		if !bad || pos != tc.pos || r != tc.r {
			t.Errorf("onelineProblem(%q) = %d, %U, %v; want %d, %U", tc.in, pos, r, bad, tc.pos, tc.r)
		}
	}
	for _, s := range []string{"湘潭经开区管委会", "", "A—合资 (B)", "湘潭\uFFFD"} {
		if _, _, bad := onelineProblem(s); bad {
			t.Errorf("onelineProblem(%q) reports a problem", s)
		}
	}
	// Multi-line texts may hold U+2028 and U+2029; only one-line texts refuse them.
	if _, _, bad := controlProblem("a\u2028b\nc\td"); bad {
		t.Error("controlProblem refuses a line break")
	}
}
