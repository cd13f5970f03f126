package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// formIDs are the five forms in attachment order.
var formIDs = []ID{TaskListID, FollowupID, SigningID, LandingID, SupervisionID}

// example returns the team's example input of a form (../examples).
func example(tb testing.TB, id ID) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", string(id)+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// Minimal valid inputs with one row (one investor with one project): small
// enough that a test can list every error an edit causes.
var bases = map[ID]string{
	TaskListID: `{"unit": "湘潭经开区管委会", "date": "2026-11-26",
		"rows": [{"name": "某项目", "overview": "项目概况", "leader": "李某某", "owner": "湘潭经开区管委会",
			"partners": ["市商务局"], "tasks": ["完成签约"]}]}`,
	FollowupID: `{"unit": "湘潭经开区管委会", "date": "2026-11-26",
		"rows": [{"name": "某项目", "overview": "项目概况", "leader": "李某某", "owner": "湘潭经开区管委会",
			"partners": ["市商务局"], "tasks": ["完成签约"], "progress": "已签约", "problems": "用地指标不足"}]}`,
	SigningID: `{"unit": "湘潭市商务局", "date": "2026-11-26",
		"rows": [{"investor": "某集团有限公司", "hq": "北京市",
			"top500": {"list": "世界500强", "year": 2025, "rank": 123},
			"projects": [{"name": "某项目", "undertaker": "湘潭经开区管委会", "totalInvestment": 10,
				"introducedFunds": 8, "signType": "合同", "cooperation": "A", "industry": "A", "investorType": "A",
				"overview": "项目概况", "location": "湘潭经开区", "city": "湘潭市", "firstTime": true,
				"fundsInPlace": 5000, "progress": "已开工",
				"company": {"name": "湘潭某科技有限公司", "creditCode": "91430300184711279E"},
				"fulfilled": true, "started": true, "producing": false,
				"contact": {"name": "刘某某", "phone": "13807320001"}}]}]}`,
	LandingID: `{"unit": "岳塘区人民政府", "date": "2026-11-26",
		"rows": [{"name": "某项目", "undertaker": "岳塘区人民政府", "investor": "某公司", "totalInvestment": 12.5,
			"overview": "项目概况", "progress": "主体施工中", "remarks": "无"}]}`,
	SupervisionID: `{"number": "督办〔2026〕12号", "date": "2026-11-26", "target": "湘潭经开区管委会",
		"content": "督办内容", "requirements": "工作要求", "from": "2026-12-01", "to": "2026-12-07",
		"issuer": "湘潭市重点招商项目落地工作领导小组办公室"}`,
}

// doc is a JSON input being edited by a test.
type doc struct {
	tb   testing.TB
	root any
}

// load parses a JSON text for editing, keeping numbers as written.
func load(tb testing.TB, data string) *doc {
	tb.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		tb.Fatalf("test input: %v", err)
	}
	return &doc{tb, root}
}

// base returns the minimal valid input of form id, for editing.
func base(tb testing.TB, id ID) *doc { return load(tb, bases[id]) }

var pathSeg = regexp.MustCompile(`([^.\[\]]+)|\[(\d+)\]`)

// set sets the value at path ("rows[0].projects[0].cooperation"), creating
// the last key if needed. A value of type raw is inserted as JSON text.
func (d *doc) set(path string, v any) *doc {
	d.tb.Helper()
	if r, ok := v.(raw); ok {
		dec := json.NewDecoder(strings.NewReader(string(r)))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			d.tb.Fatalf("raw %q: %v", r, err)
		}
	}
	d.edit(path, func(parent any, key string, idx int) {
		if key != "" {
			parent.(map[string]any)[key] = v
		} else {
			parent.([]any)[idx] = v
		}
	})
	return d
}

// del removes the key at path.
func (d *doc) del(path string) *doc {
	d.tb.Helper()
	d.edit(path, func(parent any, key string, _ int) { delete(parent.(map[string]any), key) })
	return d
}

// get returns the value at path.
func (d *doc) get(path string) any {
	d.tb.Helper()
	var out any
	d.edit(path, func(parent any, key string, idx int) {
		if key != "" {
			out = parent.(map[string]any)[key]
		} else {
			out = parent.([]any)[idx]
		}
	})
	return out
}

func (d *doc) edit(path string, fn func(parent any, key string, idx int)) {
	d.tb.Helper()
	segs := pathSeg.FindAllStringSubmatch(path, -1)
	cur := d.root
	for i, s := range segs {
		last := i == len(segs)-1
		if s[1] != "" {
			m, ok := cur.(map[string]any)
			if !ok {
				d.tb.Fatalf("path %s: %T is not an object", path, cur)
			}
			if last {
				fn(m, s[1], 0)
				return
			}
			cur = m[s[1]]
			continue
		}
		n, _ := strconv.Atoi(s[2])
		l, ok := cur.([]any)
		if !ok || n >= len(l) {
			d.tb.Fatalf("path %s: no item %d", path, n)
		}
		if last {
			fn(l, "", n)
			return
		}
		cur = l[n]
	}
}

// bytes returns the edited input as JSON.
func (d *doc) bytes() []byte {
	d.tb.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d.root); err != nil {
		d.tb.Fatal(err)
	}
	return b.Bytes()
}

// raw is JSON text to insert as is with doc.set.
type raw string

// fieldErrors returns the Errors in err, failing the test when err is nil or
// not an Errors.
func fieldErrors(tb testing.TB, err error) Errors {
	tb.Helper()
	if err == nil {
		tb.Fatal("no error, want validation errors")
	}
	var list Errors
	if !errors.As(err, &list) {
		tb.Fatalf("error %T (%v) is not forms.Errors", err, err)
	}
	return list
}

// want is an expected FieldError; empty Label, Row or Rule mean "not
// checked" only where noted by the test.
type want struct {
	Path, Label, Row, Rule, Message string
}

// wantErrors checks that err holds exactly the expected errors, in order.
func wantErrors(tb testing.TB, err error, exp ...want) {
	tb.Helper()
	list := fieldErrors(tb, err)
	got := make([]want, len(list))
	for i, e := range list {
		got[i] = want{e.Path, e.Label, e.Row, e.Rule, e.Message}
	}
	if len(got) != len(exp) {
		tb.Errorf("got %d errors, want %d:\n%s", len(got), len(exp), dumpWants(got))
		return
	}
	for i := range exp {
		if got[i] != exp[i] {
			tb.Errorf("error %d:\n got  %+v\n want %+v", i, got[i], exp[i])
		}
	}
}

func dumpWants(l []want) string {
	var b strings.Builder
	for _, w := range l {
		b.WriteString("  ")
		b.WriteString(strconv.Quote(w.Path) + " " + strconv.Quote(w.Label) + " " + strconv.Quote(w.Row) + " " +
			strconv.Quote(w.Rule) + " " + strconv.Quote(w.Message) + "\n")
	}
	return b.String()
}

// mustParse parses input that must be valid.
func mustParse(tb testing.TB, id ID, data []byte) Form {
	tb.Helper()
	f, err := Parse(id, data)
	if err != nil {
		tb.Fatalf("Parse(%s): %v\ninput: %s", id, err, data)
	}
	return f
}

// bytesReplacing returns the edited input as JSON with the text old (a
// placeholder value set by the test) replaced by new, raw JSON that the
// encoder could not write (an escaped lone surrogate).
func (d *doc) bytesReplacing(old, new string) []byte {
	d.tb.Helper()
	out := d.bytes()
	if !bytes.Contains(out, []byte(old)) {
		d.tb.Fatalf("no %s in %s", old, out)
	}
	return bytes.Replace(out, []byte(old), []byte(new), 1)
}
