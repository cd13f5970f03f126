package schema

import (
	"fmt"
	"reflect"

	"github.com/zsdoc/zsdoc/forms"
)

// hint is what the reference says about a key beyond its tags: the
// defaults, suggestions and cross-field rules that package forms applies in
// code rather than in tags. It is the one hand-kept part of the generator:
// TestHints checks that every entry names a real key and that each bound
// (min, max, closed values) is the one Parse applies.
type hint struct {
	def    any      // what an absent value means, as JSON ("default")
	values []string // values an editor should offer ("examples")
	closed bool     // values (or blank) are the only ones Parse accepts
	bound  bool     // min and max bound an integer
	min    int
	max    int
	note   string // more of the rule, in Chinese, for the description
}

// hintKey names a key by the struct type that declares it.
type hintKey struct {
	owner reflect.Type
	key   string
}

func key[T any](k string) hintKey { return hintKey{reflect.TypeFor[T](), k} }

// autoNumber is the rule of every 序号 (forms.Numbers and the unique rule).
const autoNumber = "可不填：不填的按上一行加1编号（第一行为1）；填写的不能重复"

// hints are the keys whose rules are more than their tags say.
var hints = map[hintKey]hint{
	key[forms.Header]("seal"):             {note: "服务器已知的印章 id（如 specimen），不填则不盖章"},
	key[forms.TaskRow]("no"):              {note: autoNumber},
	key[forms.LandingRow]("no"):           {note: autoNumber},
	key[forms.Investor]("no"):             {note: autoNumber},
	key[forms.Project]("no"):              {note: "在本投资方的项目内编号；" + autoNumber},
	key[forms.Signing]("rows"):            {note: fmt.Sprintf("全表项目合计不超过 %d 个", forms.MaxProjects)},
	key[forms.Project]("location"):        {values: forms.XiangtanLocations(), note: "也可填其他地点"},
	key[forms.Project]("city"):            {def: forms.DefaultCity, values: forms.HunanCities(), note: "不填为" + forms.DefaultCity},
	key[forms.Project]("introducedFunds"): {note: "不能大于总投资"},
	key[forms.Project]("fundsInPlace"):    {def: 0, note: "不填为0；不能大于引进资金×10000（亿元折万元）"},
	key[forms.Project]("producing"):       {def: false, note: "不填为“否”；为“是”时【是否开工】也必须为“是”"},
	key[forms.Top500]("list"): {
		values: []string{forms.Top500World, forms.Top500China, forms.Top500Private, forms.Top500Other}, closed: true,
		note: "与年份、排名一起填写",
	},
	key[forms.Top500]("year"):           {bound: true, min: 0, max: 2100, note: "榜单发布年份，1990–2100"},
	key[forms.Top500]("rank"):           {bound: true, min: 0, max: 500, note: "1–500"},
	key[forms.Top500]("name"):           {note: "榜单为“其他”时必填，否则不填"},
	key[forms.Top500]("text"):           {note: "整项写成一段文字时用，不能与榜单信息同时填写"},
	key[forms.Supervision]("to"):        {note: "不能早于开始日期"},
	key[forms.Supervision]("issueDate"): {note: "不填为【日期】"},
	key[forms.Supervision]("seal"):      {note: "服务器已知的印章 id（如 specimen），不填则不盖章"},
}
