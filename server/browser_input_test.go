package server

import (
	"encoding/json"
	"strings"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// input is the CSS selector of the input of the field at path.
func field(path string) chromedp.CSS { return chromedp.CSS(`[id="f-` + path + `"]`) }

// typeText types text into the field at path as a clerk does: ASCII as
// key presses, Chinese through the input method (Input.insertText).
func (tb *tab) typeText(path, text string) {
	tb.t.Helper()
	tb.typeInto(field(path), text)
}

// typeInto types text into the element of sel, as typeText does.
func (tb *tab) typeInto(sel chromedp.CSS, text string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(sel))
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			tb.do(chromedp.KeyEvent("\r"))
		}
		for _, chunk := range splitASCII(line) {
			if chunk == "" {
				continue
			}
			if chunk[0] < 0x80 {
				tb.do(chromedp.KeyEvent(chunk))
			} else if _, err := chromedp.Call(tb.ctx, input.InsertText, input.InsertTextParams{Text: chunk}); err != nil {
				tb.t.Fatal(err)
			}
		}
	}
}

// splitASCII cuts s into runs of ASCII and of other characters.
func splitASCII(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if i > start && (r < 0x80) != (rune(s[start]) < 0x80) {
			out = append(out, s[start:i])
			start = i
		}
	}
	return append(out, s[start:])
}

// clear empties the field at path with the keyboard (select all, delete).
func (tb *tab) clear(path string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(field(path)), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent("\b"))
}

// entry is one field a test fills in: its path, how it is typed, and
// the value (for a select, the option's value).
type entry struct {
	path, how, value string
}

// fill types every entry in order.
func (tb *tab) fill(entries []entry) {
	tb.t.Helper()
	for _, e := range entries {
		switch e.how {
		case "date":
			tb.typeDate(e.path, e.value)
		case "select":
			tb.choose(field(e.path), e.value)
		default:
			tb.typeText(e.path, e.value)
		}
	}
}

// typeDate types an ISO date into the date input at path, segment by
// segment in the order the browser's locale shows them.
func (tb *tab) typeDate(path, iso string) {
	tb.t.Helper()
	order := eval[string](tb, `new Intl.DateTimeFormat(navigator.language).formatToParts(new Date(2026, 11, 9))`+
		`.filter(p => p.type !== 'literal').map(p => p.type[0]).join('')`)
	parts := map[byte]string{'y': iso[:4], 'm': iso[5:7], 'd': iso[8:10]}
	tb.do(chromedp.Focus(field(path)))
	for i := 0; i < len(order); i++ {
		tb.do(chromedp.KeyEvent(parts[order[i]]))
		if i < len(order)-1 && order[i] == 'y' {
			tb.do(chromedp.KeyEvent(kbRight))
		}
	}
	if got := eval[string](tb, `document.getElementById(`+jsString("f-"+path)+`).value`); got != iso {
		tb.t.Fatalf("typing %s into %s (%s order) gave %q", iso, path, order, got)
	}
}

// choose picks option value of a select with the keyboard: focus, then
// arrow keys, as a clerk without a mouse does.
func (tb *tab) choose(sel chromedp.CSS, value string) {
	tb.t.Helper()
	expr := `document.querySelector(` + jsString(string(sel)) + `)`
	idx := eval[int](tb, `[...`+expr+`.options].findIndex(o => o.value === `+jsString(value)+`)`)
	if idx < 0 {
		tb.t.Fatalf("%s has no option %q", sel, value)
	}
	cur := eval[int](tb, expr+`.selectedIndex`)
	tb.do(chromedp.Focus(sel))
	for ; cur < idx; cur++ {
		tb.do(chromedp.KeyEvent(kbDown))
	}
	for ; cur > idx; cur-- {
		tb.do(chromedp.KeyEvent(kbUp))
	}
	if got := eval[string](tb, expr+`.value`); got != value {
		tb.t.Fatalf("choosing %q in %s gave %q", value, sel, got)
	}
}

// The arrow keys of chromedp's key table (package kb).
const (
	kbDown  = kb.ArrowDown
	kbUp    = kb.ArrowUp
	kbRight = kb.ArrowRight
)

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// press focuses the element of sel and presses Enter on it.
func (tb *tab) press(sel chromedp.CSS) {
	tb.t.Helper()
	tb.do(chromedp.Focus(sel), chromedp.KeyEvent("\r"))
}

// text returns the textContent of the element with id.
func (tb *tab) text(id string) string {
	tb.t.Helper()
	return eval[string](tb, `(document.getElementById(`+jsString(id)+`) || {}).textContent || ''`)
}

// waitValid waits until the page says the form passed its checks.
func (tb *tab) waitValid() {
	tb.t.Helper()
	tb.waitJS(`document.getElementById('status').classList.contains('ok') && document.getElementById('problems').hidden`)
}
