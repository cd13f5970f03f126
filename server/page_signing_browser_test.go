package server

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// project returns the entries of one 附件4 project at path p.
func project(p, name, undertaker, credit string) []entry {
	return []entry{
		{p + ".name", "text", name},
		{p + ".undertaker", "text", undertaker},
		{p + ".totalInvestment", "text", "28.50"},
		{p + ".introducedFunds", "text", "20"},
		{p + ".signType", "select", "合同"},
		{p + ".cooperation", "select", "A"},
		{p + ".industry", "select", "A"},
		{p + ".investorType", "select", "B"},
		{p + ".overview", "text", name + "：建设生产线及研发中心，\n达产后年产值40亿元。"},
		{p + ".location", "text", "湘潭经开区"},
		{p + ".firstTime", "select", "true"},
		{p + ".fundsInPlace", "text", "50000"},
		{p + ".progress", "text", name + "一期厂房主体封顶。"},
		{p + ".company.name", "text", name + "有限公司"},
		{p + ".company.creditCode", "text", credit},
		{p + ".fulfilled", "select", "true"},
		{p + ".started", "select", "false"},
		{p + ".contact.name", "text", "刘某某"},
		{p + ".contact.phone", "text", "13807320001"},
	}
}

// pythonDocx returns a python3 that imports python-docx, or skips.
func pythonDocx(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import docx").Run() == nil {
			return py
		}
	}
	if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
		t.Fatal("python3-docx is required but not installed")
	}
	t.Skip("python3-docx not installed")
	return ""
}

// docxText is every paragraph and table cell of a DOCX, read by python-docx.
func docxText(t *testing.T, py string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.docx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	const script = `import sys, docx
d = docx.Document(sys.argv[1])
out = [p.text for p in d.paragraphs]
def walk(t):
    for r in t.rows:
        for c in r.cells:
            out.append(c.text)
            for n in c.tables:
                walk(n)
for t in d.tables:
    walk(t)
print("\n".join(out))
`
	out, err := exec.Command(py, "-c", script, p).CombinedOutput()
	if err != nil {
		t.Fatalf("python-docx cannot open the download: %v\n%s", err, out)
	}
	return string(out)
}

// 附件4 with two investors and three projects, typed in: a bad 统一社会信用代码
// is named beside that project's field; fixed, the DOCX download opens in
// python-docx with the texts typed. An investor named like an HTML tag is
// text in the page and in the PDF, and opens no dialog.
func TestPageSigning(t *testing.T) {
	tb := newTab(t, Config{})
	py := pythonDocx(t)
	needTool(t, "pdftotext", "poppler-utils")
	tb.open()
	tb.choose("#form-select", "signing")
	tb.waitJS(`document.getElementById('f-rows[0].projects[0].name')`)
	typed := []entry{
		{"unit", "text", "湘潭市商务局"},
		{"date", "date", "2026-11-26"},
		{"seal", "select", "specimen"},
		{"rows[0].investor", "text", "华东新能源科技集团股份有限公司"},
		{"rows[0].top500.list", "text", "中国企业500强"},
		{"rows[0].top500.year", "text", "2025"},
		{"rows[0].top500.rank", "text", "156"},
		{"rows[0].hq", "text", "江苏省常州市"},
	}
	typed = append(typed, project("rows[0].projects[0]", "新能源汽车电驱动系统生产基地", "湘潭经开区管委会", "91430300MA4L12345L")...)
	tb.fill(typed)
	tb.press(`button[data-action="add"][data-list="rows[0].projects"]`)
	tb.waitJS(`document.activeElement.id === 'f-rows[0].projects[1].no'`)
	more := project("rows[0].projects[1]", "动力电池结构件项目", "湘潭高新区管委会", "91430302MA4P8R7QXB")
	tb.fill(more)
	typed = append(typed, more...)
	tb.press(`button[data-action="add"][data-list="rows"]`)
	tb.waitJS(`document.getElementById('f-rows[1].projects[0].name')`)
	bad := "91430381MA4R3W5T0X" // the check character should be R
	more = append([]entry{{"rows[1].investor", "text", xss}, {"rows[1].hq", "text", "德国斯图加特"}},
		project("rows[1].projects[0]", "高端装备产业园", "湘潭经开区管委会", bad)...)
	tb.fill(more)
	typed = append(typed, more...)

	errID := "e-rows[1].projects[0].company.creditCode"
	tb.waitJS(`document.getElementById(` + jsString(errID) + `).textContent.includes('统一社会信用代码')`)
	if msg := tb.text(errID); !strings.Contains(msg, "第2行第1个项目") || !strings.Contains(msg, bad) {
		t.Errorf("error beside the code: %q", msg)
	}
	if n := eval[int](tb, `document.querySelectorAll('#editor .err:not([hidden])').length`); n != 1 {
		t.Errorf("%d fields show an error, want 1: %q", n, tb.text("problem-list"))
	}
	tb.do(chromedp.ScrollIntoView(field("rows[1].projects[0].company.creditCode")))
	tb.shot("signing-credit-code-error")

	// The investor's name is text in the page (the row's heading), and no
	// element was made of it.
	if legend := eval[string](tb, `document.querySelector('fieldset[data-path="rows[1]"] > legend').textContent`); legend != "第2行："+xss {
		t.Errorf("row heading %q", legend)
	}
	if n := eval[int](tb, `document.querySelectorAll('img[src="x"], img[onerror]').length`); n != 0 {
		t.Errorf("%d img elements made from typed text", n)
	}

	// Moving a project up and down again, with the keyboard.
	tb.press(`button[data-action="up"][data-list="rows[0].projects"][data-index="1"]`)
	if got := eval[string](tb, `document.getElementById('f-rows[0].projects[0].name').value`); got != "动力电池结构件项目" {
		t.Errorf("after moving up, the first project is %q", got)
	}
	if id := eval[string](tb, `document.activeElement.dataset.action + document.activeElement.dataset.index`); id != "down0" {
		t.Errorf("after moving up, the focus is on %q, want the moved project's down button", id)
	}
	tb.press(`button[data-action="down"][data-list="rows[0].projects"][data-index="0"]`)
	if got := eval[string](tb, `document.getElementById('f-rows[0].projects[0].name').value`); got != "新能源汽车电驱动系统生产基地" {
		t.Errorf("after moving back down, the first project is %q", got)
	}

	tb.clear("rows[1].projects[0].company.creditCode")
	tb.typeText("rows[1].projects[0].company.creditCode", "91430381MA4R3W5T0R")
	tb.waitValid()
	tb.shot("signing-valid")

	name, doc := tb.download("docx")
	if name != "附件4-市级重点招商项目签约情况表-2026-11-26.docx" {
		t.Errorf("DOCX named %q", name)
	}
	text := squeeze(docxText(t, py, doc))
	for _, e := range typed {
		if e.how == "text" && !strings.HasSuffix(e.path, "creditCode") && !strings.Contains(e.path, "top500") &&
			!strings.Contains(text, squeeze(e.value)) && strings.TrimLeft(e.value, "0123456789.") != "" {
			t.Errorf("the DOCX lacks %s %q", e.path, e.value)
		}
	}
	if !strings.Contains(text, "91430381MA4R3W5T0R") || strings.Contains(text, bad) {
		t.Error("the DOCX lacks the corrected 统一社会信用代码, or has the bad one")
	}
	_, pdf := tb.download("pdf")
	if !strings.Contains(squeeze(pdfText(t, pdf)), squeeze(xss)) {
		t.Errorf("the PDF lacks the investor %q", xss)
	}
	tb.checkLabels()
	tb.checkClean()
}
