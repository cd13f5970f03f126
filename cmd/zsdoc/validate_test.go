package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// result is what one command line did.
type result struct {
	code           int
	stdout, stderr string
}

// zsdoc runs a command line as main does, with stdin as standard input.
func zsdoc(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	e, out, errOut := testEnv(stdin)
	code := exitCode(run(context.Background(), args, e), errOut)
	return result{code, out.String(), errOut.String()}
}

// testEnv is the environment of a command run by a test: ZSDOC_SEALS is
// the tests' seal folder, nothing else is set.
func testEnv(stdin io.Reader) (env, *bytes.Buffer, *bytes.Buffer) {
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errOut bytes.Buffer
	return env{stdin: stdin, stdout: &out, stderr: &errOut, getenv: func(k string) string {
		if k == "ZSDOC_SEALS" {
			return testSeals
		}
		return ""
	}}, &out, &errOut
}

// formOf returns the form of a file named "<form>-<case>.json" or "<form>.json".
func formOf(name string) string {
	base := strings.TrimSuffix(filepath.Base(name), ".json")
	id, _, _ := strings.Cut(base, "-")
	return id
}

func glob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no files match %s", pattern)
	}
	return files
}

func TestValidateAcceptsValidInputs(t *testing.T) {
	files := append(glob(t, "../../examples/*.json"), glob(t, "../../forms/testdata/valid/*.json")...)
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			r := zsdoc(t, nil, "validate", "--form", formOf(name), "--in", name)
			if r.code != 0 || r.stdout != "" || r.stderr != "" {
				t.Errorf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

func TestValidateRejectsInvalidInputs(t *testing.T) {
	for _, name := range glob(t, "../../forms/testdata/invalid/*.json") {
		t.Run(filepath.Base(name), func(t *testing.T) {
			golden, err := os.ReadFile(strings.TrimSuffix(name, ".json") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			r := zsdoc(t, nil, "validate", "--form", formOf(name), "--in", name)
			if r.code != 1 {
				t.Errorf("exit %d, want 1", r.code)
			}
			if r.stdout != string(golden) {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, golden)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %s", r.stderr)
			}
		})
	}
}

func TestValidateJSONOutput(t *testing.T) {
	r := zsdoc(t, nil, "validate", "--form", "signing", "--json", "--in", "../../forms/testdata/invalid/signing-coop-F.json")
	if r.code != 1 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	var got []map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, r.stdout)
	}
	want := []map[string]string{{
		"path":    "rows[2].projects[0].cooperation",
		"label":   "合作方式",
		"row":     "第3行第1个项目",
		"rule":    "oneof",
		"message": "第3行第1个项目【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一",
	}}
	if len(got) != 1 || len(got[0]) != len(want[0]) {
		t.Fatalf("--json output: %s", r.stdout)
	}
	for k, v := range want[0] {
		if got[0][k] != v {
			t.Errorf("%s = %q, want %q", k, got[0][k], v)
		}
	}
	// Readable as written: no \u escapes of the Chinese text or of the quotes.
	if !strings.Contains(r.stdout, "“F”不是有效代码") {
		t.Errorf("--json output escapes text: %s", r.stdout)
	}
	// A row-less error has no "row" key; a valid input prints nothing at all.
	r = zsdoc(t, strings.NewReader(`{"unit": "x", "date": "2026-11-26", "rows": []}`), "validate", "--form", "landing", "--json")
	if r.code != 1 || strings.Contains(r.stdout, `"row"`) || !strings.Contains(r.stdout, `"path": "rows"`) {
		t.Errorf("exit %d, --json output: %s", r.code, r.stdout)
	}
	r = zsdoc(t, nil, "validate", "--form", "landing", "--json", "--in", "../../examples/landing.json")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("valid input with --json: exit %d, stdout %q", r.code, r.stdout)
	}
}

func TestValidateStdin(t *testing.T) {
	example, err := os.ReadFile("../../examples/supervision.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--in", "-"}, nil} {
		r := zsdoc(t, bytes.NewReader(example), append([]string{"validate", "--form", "supervision"}, args...)...)
		if r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
	}
	// A byte order mark (Windows Notepad) is not an error.
	r := zsdoc(t, bytes.NewReader(append([]byte("\xEF\xBB\xBF"), example...)), "validate", "--form", "supervision")
	if r.code != 0 {
		t.Errorf("input with BOM: exit %d, stdout %q", r.code, r.stdout)
	}
	r = zsdoc(t, strings.NewReader(`{"date": "2026-11-26"`), "validate", "--form", "supervision", "--in", "-")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "JSON 格式错误（输入第1行第22列附近）：输入不完整，可能缺少结尾的 } 或 ]") {
		t.Errorf("malformed stdin: exit %d, stdout %q", r.code, r.stdout)
	}
	r = zsdoc(t, strings.NewReader(""), "validate", "--form", "tasklist")
	if r.code != 1 || r.stdout != "输入为空：需要附件2（市级重点招商项目对接跟进任务清单）的 JSON 对象；运行 zsdoc example tasklist 可得到一份示例作模板\n" {
		t.Errorf("empty stdin: exit %d, stdout %q", r.code, r.stdout)
	}
	// Form names are not case-sensitive.
	r = zsdoc(t, bytes.NewReader(example), "validate", "--form", " Supervision ")
	if r.code != 0 {
		t.Errorf("--form \" Supervision \": exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestValidateTooLarge(t *testing.T) {
	big := io.LimitReader(repeat('['), 32<<20+1)
	r := zsdoc(t, big, "validate", "--form", "tasklist")
	if r.code != 1 || r.stderr != "zsdoc: 输入超过 32 MB，不予处理\n" {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// repeat is an endless reader of one byte.
type repeat byte

func (b repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func TestValidateUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		stderr string // the start of the expected stderr
	}{
		{"unknown form", []string{"validate", "--form", "report", "--in", "x.json"},
			"zsdoc: 未知的表单“report”，--form 应为 tasklist（附件2）、followup（附件3）、signing（附件4）、landing（附件5）、supervision（附件6），也可写 附件N、N 或表名\n"},
		{"missing --form", []string{"validate", "--in", "../../examples/signing.json"},
			"zsdoc: 缺少 --form：应为 tasklist（附件2）、followup（附件3）、signing（附件4）、landing（附件5）、supervision（附件6），也可写 附件N、N 或表名\n"},
		{"missing file", []string{"validate", "--form", "signing", "--in", "no-such-file.json"},
			"zsdoc: 无法打开输入文件：open no-such-file.json: "},
		{"extra argument", []string{"validate", "--form", "signing", "input.json"},
			"zsdoc: 多余的参数：[input.json]\n"},
		{"unknown flag", []string{"validate", "--form", "signing", "--pdf"},
			"zsdoc: 未知参数 -pdf\n运行 zsdoc validate --help 查看全部参数\n"},
		{"flag without value", []string{"validate", "--form"},
			"zsdoc: 参数 -form 需要一个值\n运行 zsdoc validate --help 查看全部参数\n"},
		{"unknown command", []string{"check", "--form", "signing"}, "zsdoc: 未知命令“check”\n运行 zsdoc --help 查看全部命令\n"},
		{"no command", nil, "zsdoc — 重点招商项目闭环管理表单"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := zsdoc(t, nil, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stdout != "" {
				t.Errorf("stdout: %q", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, tc.stderr) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", r.stderr, tc.stderr)
			}
		})
	}
	// The error is the whole message: one line and the hint, no usage.
	for _, args := range [][]string{{"check"}, {"render", "--nosuch"}, {"validate", "--pdf"}} {
		r := zsdoc(t, nil, args...)
		if lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n"); len(lines) != 2 || !strings.Contains(lines[1], "--help") {
			t.Errorf("%v: stderr %q, want the error and a hint to --help", args, r.stderr)
		}
	}
}

// The usage line of each command lists every flag it accepts.
func TestUsageListsEveryFlag(t *testing.T) {
	flagLine := regexp.MustCompile(`(?m)^  -([a-z-]+)`)
	for _, c := range commands() {
		r := zsdoc(t, nil, c.name, "--help")
		usage, _, _ := strings.Cut(r.stdout, "\n")
		if !strings.HasPrefix(usage, "用法：zsdoc "+c.name) {
			t.Fatalf("%s --help: first line %q", c.name, usage)
		}
		for _, m := range flagLine.FindAllStringSubmatch(r.stdout, -1) {
			if !strings.Contains(usage, "--"+m[1]) {
				t.Errorf("%s: usage line %q lacks --%s", c.name, usage, m[1])
			}
		}
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"validate", "--help"}, {"validate", "-h"}, {"help", "validate"}, {"validate", "--form", "x", "--help"}} {
		r := zsdoc(t, nil, args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
		for _, s := range []string{"用法：zsdoc validate --form F [--date DATE] [--font-body TTF]", "[--format pdf|docx|xlsx] [--in FILE] [--input-format json|xlsx|csv] [--json] [--seal-id ID] [--seals DIR] [--sheet NAME] [--unit NAME]", "-form", "-in", "-json", "退出码 1"} {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("%v: help lacks %q:\n%s", args, s, r.stdout)
			}
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		r := zsdoc(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "validate") || !strings.Contains(r.stdout, "退出码：0 成功，1 输入数据不合规，2 命令行用法错误，3 内部错误") {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
}

func TestExampleValidates(t *testing.T) {
	for _, id := range []string{"tasklist", "followup", "signing", "landing", "supervision"} {
		r := zsdoc(t, nil, "example", id)
		if r.code != 0 || r.stdout == "" {
			t.Fatalf("example %s: exit %d, stderr %q", id, r.code, r.stderr)
		}
		if v := zsdoc(t, strings.NewReader(r.stdout), "validate", "--form", id); v.code != 0 {
			t.Errorf("the example of %s is invalid: %s", id, v.stdout)
		}
	}
	if r := zsdoc(t, nil, "example"); r.code != 2 {
		t.Errorf("example without a form: exit %d", r.code)
	}
	if r := zsdoc(t, nil, "example", "report"); r.code != 2 {
		t.Errorf("example report: exit %d", r.code)
	}
}

func TestExitCode(t *testing.T) {
	var buf bytes.Buffer
	if code := exitCode(nil, &buf); code != 0 || buf.Len() != 0 {
		t.Errorf("nil: %d %q", code, buf.String())
	}
	if code := exitCode(io.ErrUnexpectedEOF, &buf); code != 3 || buf.String() != "zsdoc: unexpected EOF\n" {
		t.Errorf("internal error: %d %q", code, buf.String())
	}
	buf.Reset()
	if code := exitCode(&exitError{exitInvalid, errSilent}, &buf); code != 1 || buf.Len() != 0 {
		t.Errorf("silent invalid: %d %q", code, buf.String())
	}
	if code := exitCode(usageErr("坏参数 %d", 3), &buf); code != 2 || buf.String() != "zsdoc: 坏参数 3\n" {
		t.Errorf("usage error: %d %q", code, buf.String())
	}
}
