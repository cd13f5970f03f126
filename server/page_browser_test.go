package server

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/seal"
)

// xss is text that would run a script if the page inserted it as HTML.
const xss = `<img src=x onerror=alert(1)>`

// blueSeal is the specimen seal with red and blue swapped: a seal whose
// pixels differ from every other in the tests.
func blueSeal(t *testing.T) []byte {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(examples.SpecimenSeal()))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			i := out.PixOffset(x, y)
			if a == 0 {
				continue
			}
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = byte(bl*0xff/a), byte(g*0xff/a), byte(r*0xff/a), byte(a>>8)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sealConfig is an open server holding the specimen, "jingkai" (blue) and
// "luodiban" (the specimen's picture under another id).
func sealConfig(t *testing.T) Config {
	t.Helper()
	store := seal.NewStore()
	if err := store.Add("jingkai", blueSeal(t)); err != nil {
		t.Fatal(err)
	}
	if err := store.Add("luodiban", examples.SpecimenSeal()); err != nil {
		t.Fatal(err)
	}
	return Config{Seals: store, Open: true}
}

// needTool skips (or, with ZSDOC_REQUIRE_TOOLS=1, fails) without a tool.
func needTool(t *testing.T, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s (%s) is required but not installed", name, pkg)
		}
		t.Skipf("%s (%s) not installed", name, pkg)
	}
}

// squeeze drops every blank, so that text wrapped over lines compares.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// pdfText is the text of a PDF, by pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// renderJSON renders v (marshalled) with the tab's server, as a client
// posting JSON would.
func (tb *tab) renderJSON(form, format string, v any) []byte {
	tb.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		tb.t.Fatal(err)
	}
	w := call(tb.t, tb.h, "POST", "/v1/forms/"+form+"?format="+format, body)
	if w.Code != 200 {
		tb.t.Fatalf("render %s: %d %s", form, w.Code, w.Body)
	}
	return w.Body.Bytes()
}

// 附件6 filled by typing: the error of 结束日期 before 开始日期 appears beside
// 完成时限 and in the list at the top; fixed, no error is left; the preview
// and the PDF download are the stamped form with the seal picked, holding
// what was typed.
func TestPageSupervision(t *testing.T) {
	tb := newTab(t, sealConfig(t))
	needTool(t, "pdftotext", "poppler-utils")
	for _, visit := range []string{"first visit (empty cache)", "reload (revalidated)"} {
		tb.open()
		ms := eval[[]float64](tb, `[performance.getEntriesByType('navigation')[0].loadEventEnd, performance.getEntriesByName('zsdoc:ready')[0].startTime]`)
		t.Logf("%s on loopback: load event %.0f ms, editor built %.0f ms after navigation start; %s", visit, ms[0], ms[1],
			eval[string](tb, `performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, '') + ' '`+
				` + e.startTime.toFixed(0) + '→' + e.responseEnd.toFixed(0)).join(', ')`))
	}
	tb.choose("#form-select", "supervision")
	tb.waitJS(`document.getElementById('f-target')`)
	tb.shot("supervision-empty")
	typed := []entry{
		{"number", "text", "督办〔2026〕12号"},
		{"date", "date", "2026-11-26"},
		{"target", "text", "湘潭经开区管委会"},
		{"content", "text", "湘江智造新能源汽车零部件产业园项目已于10月完成签约，\n项目用地规划条件论证尚未落实。"},
		{"requirements", "text", "1. 12月7日前完成项目用地规划条件论证；\n2. 办理结果书面报市落地办。"},
		{"from", "date", "2026-12-09"},
		{"to", "date", "2026-12-07"},
		{"issuer", "text", "湘潭市重点招商项目落地工作领导小组办公室"},
		{"seal", "select", "jingkai"},
	}
	tb.fill(typed)
	// Enter in a one-line field submits nothing.
	tb.press(field("target"))
	if tb.requested("?format=pdf") || eval[string](tb, `location.pathname + location.search`) != "/" {
		t.Error("Enter in a field sent the form")
	}
	tb.waitJS(`document.getElementById('e-to').textContent.includes('早于开始日期')`)
	if msg := tb.text("e-to"); !strings.Contains(msg, "完成时限") || !eval[bool](tb, `document.getElementById('e-to').closest('.field').dataset.path === 'to'`) {
		t.Errorf("error beside 完成时限·截止日期: %q", msg)
	}
	if list := tb.text("problem-list"); !strings.Contains(list, "早于开始日期") {
		t.Errorf("list at the top: %q", list)
	}
	if eval[bool](tb, `document.getElementById('f-to').getAttribute('aria-invalid') !== 'true'`) {
		t.Error("the field of the error is not marked invalid")
	}
	tb.shot("supervision-date-error")
	// Previewing an invalid form renders nothing and says why.
	tb.press("#preview")
	tb.waitJS(`document.getElementById('status').textContent.includes('请先按上方列表改正')`)
	if eval[bool](tb, `document.getElementById('preview-frame').hasAttribute('src')`) {
		t.Error("an invalid form was previewed")
	}
	// The list's entry takes the cursor to the field.
	tb.press("#problem-list button")
	if id := eval[string](tb, `document.activeElement.id`); id != "f-to" {
		t.Errorf("clicking the problem focused %q, want f-to", id)
	}
	tb.typeDate("to", "2026-12-17")
	tb.waitValid()
	if msg := tb.text("e-to"); msg != "" {
		t.Errorf("error left beside 完成时限: %q", msg)
	}
	tb.shot("supervision-valid")
	// A character the PDF's fonts lack is found as one types too (the
	// PDF's check, after the quick one).
	tb.typeText("target", "😀")
	tb.waitJS(`document.getElementById('e-target').textContent.includes('没有字形')`)
	tb.do(chromedp.KeyEvent("\b"))
	tb.waitValid()

	// The preview: a blob: frame holding the PDF the server answered.
	tb.press("#preview")
	tb.waitJS(`(document.getElementById('preview-frame').getAttribute('src') || '').startsWith('blob:')`)
	// Headless Chromium may have no PDF viewer: the request answered a
	// PDF, and the frame went to a blob: URL holding a PDF.
	r := tb.responseTo("/v1/forms/supervision?format=pdf")
	if r.status != 200 || r.mime != "application/pdf" {
		t.Errorf("preview request: %d %s", r.status, r.mime)
	}
	src := eval[string](tb, `document.getElementById('preview-frame').src`)
	if mime := tb.frameMIME(src); mime != "application/pdf" {
		t.Errorf("the preview frame went to %s (%q), want a PDF", src, mime)
	}
	preview := tb.blobBytes(src)
	time.Sleep(time.Second) // the viewer's frame, for the screenshot
	tb.shot("supervision-preview")

	name, pdf := tb.download("pdf")
	if name != "附件6-市级重点招商项目督办单-2026-11-26.pdf" || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("download %q, %d bytes starting %q", name, len(pdf), pdf[:min(8, len(pdf))])
	}
	text := squeeze(pdfText(t, pdf))
	for _, e := range typed {
		if e.how == "text" && !strings.Contains(text, squeeze(e.value)) {
			t.Errorf("the PDF lacks %s %q", e.path, e.value)
		}
	}
	if !strings.Contains(text, "2026年12月9日") || !strings.Contains(text, "至12月17日") {
		t.Error("the PDF lacks the dates typed, in Chinese: 2026年12月9日（星期三）至12月17日")
	}
	// The seal is the one picked: the same bytes as the form posted with
	// "jingkai", not those with another seal.
	want := map[string]any{"seal": "jingkai", "to": "2026-12-17"}
	for _, e := range typed {
		if _, ok := want[e.path]; !ok {
			want[e.path] = e.value
		}
	}
	if !bytes.Equal(preview, pdf) {
		t.Errorf("the preview frame holds %d bytes starting %q, not the PDF", len(preview), preview[:min(8, len(preview))])
	}
	if !bytes.Equal(pdf, tb.renderJSON("supervision", "pdf", want)) {
		t.Error("the downloaded PDF differs from the form rendered with seal jingkai")
	}
	want["seal"] = "luodiban"
	if bytes.Equal(pdf, tb.renderJSON("supervision", "pdf", want)) {
		t.Error("the seal makes no difference to the PDF: the check above proves nothing")
	}
	// Every other format the server lists has its button and its file.
	for _, f := range docgen.Formats() {
		if f == docgen.PDF {
			continue
		}
		name, data := tb.download(string(f))
		if name != "附件6-市级重点招商项目督办单-2026-11-26."+string(f) || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			t.Errorf("%s download %q, %d bytes", f, name, len(data))
		}
	}
	tb.checkLabels()
	tb.checkClean()
}
