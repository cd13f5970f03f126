package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRenderExamples(t *testing.T) {
	dir := t.TempDir()
	for _, name := range glob(t, "../../examples/*.json") {
		form := formOf(name)
		for _, format := range []string{"pdf", "docx"} {
			out := filepath.Join(dir, form+"."+format)
			r := zsdoc(t, nil, "render", "--form", form, "--format", format, "--in", name,
				"--seal", "../../examples/specimen-seal.png", "--out", out)
			if r.code != 0 {
				t.Fatalf("%s %s: exit %d: %s", form, format, r.code, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			magic := "%PDF-"
			if format == "docx" {
				magic = "PK\x03\x04"
			}
			if !bytes.HasPrefix(data, []byte(magic)) {
				t.Errorf("%s: not a %s file", out, format)
			}
		}
	}
}

func TestRenderBlankToStdout(t *testing.T) {
	r := zsdoc(t, nil, "render", "--form", "supervision", "--blank", "--out", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "%PDF-") {
		t.Fatalf("exit %d, stdout starts %q, stderr %s", r.code, r.stdout[:min(10, len(r.stdout))], r.stderr)
	}
}

// The default output name is the form's official title and date, in the
// current directory.
func TestRenderDefaultName(t *testing.T) {
	dir := t.TempDir()
	in, _ := filepath.Abs("../../examples/landing.json")
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	r := zsdoc(t, nil, "render", "--form", "landing", "--in", in)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := "附件5-市级重点招商项目落地进展情况表-2026-11-26.pdf"
	if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
		t.Errorf("want %s: %v (stderr %s)", want, err, r.stderr)
	}
}

// Invalid input: every problem on stderr, exit 1, and no file written.
func TestRenderInvalidWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.pdf")
	bad := `{"unit":"湘潭市商务局","date":"2026-02-30","rows":[{"name":"甲","overview":"乙","leader":"丙","owner":"丁","tasks":["戊"],"nmae":"x"}]}`
	r := zsdoc(t, strings.NewReader(bad), "render", "--form", "tasklist", "--out", out)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	for _, want := range []string{"【填报日期】“2026-02-30”不是有效日期", "第1行", "未知字段“nmae”"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a file was written for invalid input")
	}
}

// A character that no font has: exit 1, the field and the code point named.
func TestRenderMissingGlyph(t *testing.T) {
	in := `{"unit":"湘潭市商务局","date":"2026-11-26","rows":[{"name":"𠀀","overview":"乙","leader":"丙","owner":"丁","tasks":["戊"]}]}`
	r := zsdoc(t, strings.NewReader(in), "render", "--form", "tasklist", "--out", filepath.Join(t.TempDir(), "x.pdf"))
	if r.code != 1 || !strings.Contains(r.stderr, "第1行【企业（项目）名称】") || !strings.Contains(r.stderr, "U+20000") {
		t.Errorf("exit %d, stderr %s", r.code, r.stderr)
	}
}

func TestRenderUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notPNG := filepath.Join(dir, "seal.png")
	os.WriteFile(notPNG, []byte("not a png"), 0o644)
	notFont := filepath.Join(dir, "font.ttc")
	os.WriteFile(notFont, []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"render"}, "缺少 --form"},
		{[]string{"render", "--form", "signing", "--format", "odt", "--blank"}, "不支持的格式"},
		{[]string{"render", "--form", "signing", "--paper", "b5", "--blank"}, "不支持的纸张"},
		{[]string{"render", "--form", "supervision", "--paper", "a3", "--blank"}, "只能用 A4"},
		{[]string{"render", "--form", "signing", "--blank", "--seal", notPNG}, "不是 PNG 文件"},
		{[]string{"render", "--form", "signing", "--blank", "--seal", filepath.Join(dir, "none.png")}, "无法读取印章图片"},
		{[]string{"render", "--form", "signing", "--blank", "--font-body", notFont}, "字体集合"},
	} {
		r := zsdoc(t, nil, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

func TestLicenses(t *testing.T) {
	r := zsdoc(t, nil, "licenses")
	if r.code != 0 || !strings.Contains(r.stdout, "SIL OPEN FONT LICENSE") || !strings.Contains(r.stdout, "Noto Serif SC") {
		t.Errorf("exit %d, output lacks the licences", r.code)
	}
}

// Empty input says what was expected and how to get a template.
func TestRenderEmptyInput(t *testing.T) {
	for _, in := range []string{"", " \n\t", "\xEF\xBB\xBF"} {
		r := zsdoc(t, strings.NewReader(in), "render", "--form", "附件4", "--out", "-")
		want := "zsdoc: 输入为空：需要附件4（市级重点招商项目签约情况表）的 JSON 对象；运行 zsdoc example signing 可得到一份示例作模板\n"
		if r.code != 1 || r.stderr != want || r.stdout != "" {
			t.Errorf("input %q: exit %d, stderr %q", in, r.code, r.stderr)
		}
	}
}

// A font file without Chinese glyphs (an English-only font given for a
// role) is refused, naming it, instead of mixing fonts silently.
func TestRenderRefusesNonChineseFont(t *testing.T) {
	r := zsdoc(t, nil, "render", "--form", "4", "--blank", "--out", "-", "--font-body", "../../fonts/testdata/tiny.ttf")
	if r.code != 2 || !strings.Contains(r.stderr, "tiny.ttf") || !strings.Contains(r.stderr, "不是中文字体") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// --fixed-widths keeps the template's column widths: a long 项目基本情况
// gives a taller table, so more pages, than the automatic widths.
func TestFixedWidths(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join("..", "..", "docgen", "testdata", "long", "followup-2000.json")
	if _, err := os.Stat(in); err != nil {
		t.Skip("no long input:", err)
	}
	pages := map[bool]int{}
	for _, fixed := range []bool{false, true} {
		out := filepath.Join(dir, fmt.Sprint(fixed)+".pdf")
		args := []string{"render", "--form", "followup", "--in", in, "--out", out}
		if fixed {
			args = append(args, "--fixed-widths")
		}
		if r := zsdoc(t, nil, args...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pages[fixed] = bytes.Count(data, []byte("/Type /Page /Parent"))
	}
	if pages[true] <= pages[false] {
		t.Errorf("pages: fixed widths %d, automatic %d; want more with the template's widths", pages[true], pages[false])
	}
}
