package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// agreeCases are inputs that once passed validate and failed (or silently
// changed) in render: characters no font has, line breaks in one-line
// fields, lone surrogates, absurd amounts, duplicate keys, year 0000.
func agreeCases(t *testing.T) map[string]string {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("../../examples", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	task, sup, sign := read("tasklist.json"), read("supervision.json"), read("signing.json")
	unit := `"unit": "湘潭经开区管委会"`
	return map[string]string{
		"tasklist-emoji-in-overview":   strings.Replace(task, `"overview": "项目由`, `"overview": "😀项目由`, 1),
		"tasklist-ext-b-in-name":       strings.Replace(task, `"name": "湘江智造`, `"name": "𠀀湘江智造`, 1),
		"tasklist-ext-a-in-name":       strings.Replace(task, `"name": "湘江智造`, `"name": "㐀湘江智造`, 1),
		"tasklist-newline-in-unit":     strings.Replace(task, unit, `"unit": "湘潭经开区\n管委会"`, 1),
		"tasklist-tab-in-unit":         strings.Replace(task, unit, `"unit": "湘潭经开区\t管委会"`, 1),
		"tasklist-u2028-in-unit":       strings.Replace(task, unit, `"unit": "湘潭经开区\u2028管委会"`, 1),
		"tasklist-surrogate-in-unit":   strings.Replace(task, unit, `"unit": "湘潭\ud800经开区"`, 1),
		"tasklist-duplicate-unit":      strings.Replace(task, unit, unit+`, "unit": "别的单位"`, 1),
		"tasklist-year-0000":           strings.Replace(task, `"date": "2026-11-26"`, `"date": "0000-11-26"`, 1),
		"tasklist-newline-in-overview": strings.Replace(task, `"overview": "项目由`, `"overview": "第一段\n项目由`, 1),
		"tasklist-u2028-in-overview":   strings.Replace(task, `"overview": "项目由`, `"overview": "第一段\u2028项目由`, 1),
		"supervision-newline-in-number": strings.Replace(sup, `"number": "督办〔2026〕12号"`,
			`"number": "督办〔2026〕\n12号"`, 1),
		"supervision-emoji-in-target": strings.Replace(sup, `"target": "湘潭经开区管委会"`, `"target": "湘潭经开区管委会😀"`, 1),
		"signing-huge-amount":         strings.Replace(sign, `"totalInvestment": `, `"totalInvestment": 1e10000, "x_": `, 1),
		"signing-amount-1e10000":      replaceFirstAmount(sign, "1e10000"),
		"signing-emoji-in-contact":    regexp.MustCompile(`("contact": \{\s*"name": ")`).ReplaceAllString(sign, "${1}😀"),
	}
}

// replaceFirstAmount sets the first totalInvestment of a 附件4 input to v.
func replaceFirstAmount(s, v string) string {
	i := strings.Index(s, `"totalInvestment": `)
	if i < 0 {
		return s
	}
	j := i + len(`"totalInvestment": `)
	k := j + strings.IndexAny(s[j:], ",\n}")
	return s[:j] + v + s[k:]
}

// validate --format F and render --format F agree on every input: both
// accept, or both refuse with the same messages, for PDF and DOCX.
func TestValidateAndRenderAgree(t *testing.T) {
	dir := t.TempDir()
	inputs := map[string]string{}
	for _, pattern := range []string{"../../examples/*.json", "../../forms/testdata/valid/*.json", "../../forms/testdata/invalid/*.json"} {
		for _, name := range glob(t, pattern) {
			inputs[name] = name
		}
	}
	for name, text := range agreeCases(t) {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		inputs[name] = path
	}
	// The generated cases that are fine for both formats; every other
	// generated case must be refused (for PDF at least).
	accepted := map[string]bool{"tasklist-ext-a-in-name": true, "tasklist-newline-in-overview": true, "tasklist-u2028-in-overview": true}
	docxOnly := map[string]bool{"tasklist-emoji-in-overview": true, "tasklist-ext-b-in-name": true,
		"supervision-emoji-in-target": true, "signing-emoji-in-contact": true}
	refused := 0
	for name, path := range inputs {
		form := formOf(path)
		for _, format := range []string{"pdf", "docx"} {
			v := zsdoc(t, nil, "validate", "--form", form, "--format", format, "--in", path)
			out := filepath.Join(dir, "out."+format)
			os.Remove(out)
			r := zsdoc(t, nil, "render", "--form", form, "--format", format, "--in", path, "--out", out)
			_, statErr := os.Stat(out)
			if _, generated := agreeCases(t)[name]; generated {
				wantOK := accepted[name] || format == "docx" && docxOnly[name]
				if (v.code == 0) != wantOK {
					t.Errorf("%s %s: validate exit %d, want accepted=%v: %s", name, format, v.code, wantOK, v.stdout)
				}
			}
			switch {
			case v.code == 0 && r.code == 0:
				if statErr != nil {
					t.Errorf("%s %s: render accepted but wrote no file", name, format)
				}
			case v.code == 1 && r.code == 1:
				refused++
				if v.stdout != r.stderr {
					t.Errorf("%s %s: validate says\n%s\nrender says\n%s", name, format, v.stdout, r.stderr)
				}
				if statErr == nil {
					t.Errorf("%s %s: render refused the input but wrote %s", name, format, out)
				}
			default:
				t.Errorf("%s %s: validate exit %d (%s), render exit %d (%s)", name, format, v.code, v.stdout, r.code, r.stderr)
			}
		}
	}
	if refused < 20 {
		t.Errorf("only %d refusals: the cases no longer exercise refusal", refused)
	}
}

// Characters no font has are refused for PDF, naming the field by path,
// and accepted for DOCX, where Word substitutes fonts.
func TestValidateGlyphsByFormat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "in.json")
	if err := os.WriteFile(path, []byte(agreeCases(t)["tasklist-emoji-in-overview"]), 0o644); err != nil {
		t.Fatal(err)
	}
	v := zsdoc(t, nil, "validate", "--form", "tasklist", "--in", path, "--json")
	if v.code != 1 || !strings.Contains(v.stdout, `"path": "rows[0].overview"`) || !strings.Contains(v.stdout, `"rule": "glyph"`) ||
		!strings.Contains(v.stdout, "第1行【项目基本情况】字符“😀”") {
		t.Errorf("validate --format pdf: exit %d\n%s", v.code, v.stdout)
	}
	if v := zsdoc(t, nil, "validate", "--form", "tasklist", "--format", "docx", "--in", path); v.code != 0 {
		t.Errorf("validate --format docx: exit %d\n%s", v.code, v.stdout)
	}
}
