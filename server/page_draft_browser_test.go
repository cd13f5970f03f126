package server

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// What is typed survives a reload; the example JSON imported fills the
// editor (amounts as the text they were written in, codes and 是/否 as
// choices, dates in date inputs) and passes; the JSON exported is the form.
func TestPageDraftAndImport(t *testing.T) {
	tb := newTab(t, Config{})
	tb.open()
	tb.choose("#form-select", "supervision")
	tb.waitJS(`document.getElementById('f-target')`)
	tb.typeText("target", "湘潭经开区管委会")
	tb.typeText("content", "第一行\n第二行")
	tb.typeDate("from", "2026-12-01")
	tb.open() // reload
	if got := eval[string](tb, `document.getElementById('form-select').value`); got != "supervision" {
		t.Errorf("after a reload the form is %q, want supervision", got)
	}
	for path, want := range map[string]string{"target": "湘潭经开区管委会", "content": "第一行\n第二行", "from": "2026-12-01"} {
		if got := eval[string](tb, `document.getElementById(`+jsString("f-"+path)+`).value`); got != want {
			t.Errorf("after a reload %s is %q, want %q", path, got, want)
		}
	}
	tb.waitJS(`document.getElementById('problem-list').textContent.includes('督办单签发单位')`)
	tb.shot("draft-restored")

	tb.choose("#form-select", "signing")
	tb.waitJS(`document.getElementById('f-rows[0].projects[0].name')`)
	p := filepath.Join(t.TempDir(), "signing.json")
	if err := os.WriteFile(p, example(t, "signing"), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{p}))
	tb.waitJS(`document.querySelectorAll('fieldset[data-path^="rows[5]"]').length > 0`) // the example's 6 investors
	tb.waitValid()
	var ex struct {
		Unit string `json:"unit"`
		Rows []struct {
			Investor string `json:"investor"`
			Projects []struct {
				Name string `json:"name"`
			} `json:"projects"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(example(t, "signing"), &ex); err != nil {
		t.Fatal(err)
	}
	checks := map[string]string{
		"unit": ex.Unit, "date": "2026-11-26", "seal": "specimen",
		"rows[0].projects[0].totalInvestment": "28", "rows[0].projects[1].totalInvestment": "6.5",
		"rows[0].projects[0].cooperation": "A", "rows[0].projects[0].firstTime": "true",
		"rows[0].projects[0].company.creditCode": "91430300MA4L12345L",
	}
	projects := 0
	for i, r := range ex.Rows {
		checks["rows["+itoa(i)+"].investor"] = r.Investor
		for j, pr := range r.Projects {
			checks["rows["+itoa(i)+"].projects["+itoa(j)+"].name"] = pr.Name
			projects++
		}
	}
	for path, want := range checks {
		if got := eval[string](tb, `document.getElementById(`+jsString("f-"+path)+`).value`); got != want {
			t.Errorf("imported %s is %q, want %q", path, got, want)
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('fieldset[data-path$="]"][data-path*="projects["]').length`); n != projects || projects != 11 {
		t.Errorf("%d projects in the editor, %d in the example (11 expected)", n, projects)
	}
	tb.shot("signing-imported")
	_, data := tb.downloadWith(`#export-json`)
	var exported map[string]any
	if err := json.Unmarshal(data, &exported); err != nil {
		t.Fatalf("exported JSON: %v", err)
	}
	w := call(t, tb.h, "POST", "/v1/forms/signing/validate", data)
	if w.Code != 200 || len(exported["rows"].([]any)) != len(ex.Rows) {
		t.Errorf("the exported JSON: validate %d %s; %d rows", w.Code, w.Body, len(exported["rows"].([]any)))
	}
	// The round trip of a check for these 11 projects, as the browser saw it.
	tb.typeText("unit", "局")
	tb.waitValid()
	for _, f := range []string{"docx", "pdf"} {
		ms := eval[float64](tb, `performance.getEntriesByType('resource').filter(e => e.name.endsWith('/validate?format=`+f+`')).pop().duration`)
		t.Logf("validation round trip in the browser, 附件4 with 11 projects, ?format=%s: %.1f ms", f, ms)
	}

	// Lists are typed one item a line (附件2 任务清单, 配合单位).
	tb.choose("#form-select", "tasklist")
	tb.waitJS(`document.getElementById('f-rows[0].tasks')`)
	tb.typeText("rows[0].tasks", "11月底前完成协议洽谈\n\n12月中旬前完成用地论证")
	tb.typeText("rows[0].partners", "市商务局\n市发展改革委")
	_, data = tb.downloadWith(`#export-json`)
	var list struct {
		Rows []struct {
			Tasks    []string `json:"tasks"`
			Partners []string `json:"partners"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(data, &list); err != nil || len(list.Rows) != 1 ||
		strings.Join(list.Rows[0].Tasks, "|") != "11月底前完成协议洽谈|12月中旬前完成用地论证" ||
		strings.Join(list.Rows[0].Partners, "|") != "市商务局|市发展改革委" {
		t.Errorf("lists exported as %s (%v)", data, err)
	}
	tb.checkClean()
}

func itoa(i int) string { return strconv.Itoa(i) }

// With tokens, the page asks for one, keeps it in sessionStorage only and
// lists only the seals it grants.
func TestPageToken(t *testing.T) {
	cfg := sealConfig(t)
	cfg.Open = false
	cfg.Access = &Access{Clients: []Client{{Name: "经开区招商局", TokenSHA256: HashToken("tok-jingkai"), Seals: []string{"jingkai"}}}}
	tb := newTab(t, cfg)
	tb.open()
	tb.waitJS(`!document.getElementById('token-box').hidden`)
	tb.shot("token-asked")
	tb.typeInto("#token", "tok-jingkai")
	tb.do(chromedp.KeyEvent("\r"))
	tb.waitJS(`[...document.getElementById('f-seal').options].some(o => o.value === 'jingkai')`)
	seals := eval[[]string](tb, `[...document.getElementById('f-seal').options].map(o => o.value)`)
	if strings.Join(seals, ",") != ",jingkai" {
		t.Errorf("seal choices %q, want none and jingkai", seals)
	}
	if eval[string](tb, `sessionStorage.getItem('zsdoc:token')`) != "tok-jingkai" ||
		eval[bool](tb, `Object.keys(localStorage).some(k => localStorage.getItem(k).includes('tok-jingkai'))`) {
		t.Error("the token is not in sessionStorage only")
	}
	tb.checkClean()
}

// 附件1, the workflow diagram (a catalog entry without fields), shows
// only its blank form, to preview and download as PDF or DOCX.
func TestPageBlankOnly(t *testing.T) {
	tb := newTab(t, Config{})
	tb.open()
	if got := eval[string](tb, `document.getElementById('form-select').options[0].textContent`); got != "附件1 湘潭市重点招商项目闭环管理工作流程图" {
		t.Errorf("first form %q", got)
	}
	if got := eval[string](tb, `document.getElementById('form-select').value`); got == "workflow" {
		t.Error("a first visit opens the diagram, not a form to fill in")
	}
	tb.choose("#form-select", "workflow")
	tb.waitJS(`document.querySelector('#editor .blank-only')`)
	if got := eval[string](tb, `[...document.querySelectorAll('#downloads button')].map(b => b.dataset.format).join(',')`); got != "pdf,docx" {
		t.Errorf("download formats %q, want pdf,docx", got)
	}
	tb.press("#preview")
	tb.waitJS(`(document.getElementById('preview-frame').getAttribute('src') || '').startsWith('blob:')`)
	tb.shot("blank-only")
	name, pdf := tb.download("pdf")
	if name != "附件1-湘潭市重点招商项目闭环管理工作流程图.pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("blank download %q", name)
	}
	if !tb.requested("/v1/forms/workflow/blank?format=pdf") {
		t.Error("no request for the blank form")
	}
	tb.checkClean()
}

// A filled workbook (附件5 exported as .xlsx) imports into the editor
// through the service's import route, and passes.
func TestPageImportXLSX(t *testing.T) {
	tb := newTab(t, Config{})
	tb.open()
	tb.choose("#form-select", "landing")
	tb.waitJS(`document.getElementById('f-rows[0].name')`)
	f, err := forms.Parse(forms.LandingID, example(t, forms.LandingID))
	if err != nil {
		t.Fatal(err)
	}
	var book bytes.Buffer
	if err := docgen.Render(context.Background(), &book, f, docgen.XLSX); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "附件5.xlsx")
	if err := os.WriteFile(p, book.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.SetUploadFiles(chromedp.CSS("#import-file"), []string{p}))
	land := f.(*forms.Landing)
	last := len(land.Rows) - 1
	tb.waitJS(`(document.getElementById('f-rows[` + itoa(last) + `].name') || {}).value === ` + jsString(land.Rows[last].Name))
	if got := eval[string](tb, `document.getElementById('f-rows[0].totalInvestment').value`); got != land.Rows[0].TotalInvestment.String() {
		t.Errorf("imported 总投资 %q, want %q", got, land.Rows[0].TotalInvestment)
	}
	if !tb.requested("/v1/forms/landing/import") {
		t.Error("the workbook did not go through the import route")
	}
	tb.waitValid()
	tb.shot("imported-xlsx")
	tb.checkClean()
}
