package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The workflow diagram (附件1) renders by any of its names, in both
// formats, with --annotate and --stage; without --out it is named after
// its title.
func TestRenderWorkflow(t *testing.T) {
	dir := t.TempDir()
	var plain []byte
	for _, tc := range []struct {
		args  []string
		magic string
	}{
		{[]string{"--form", "workflow"}, "%PDF-"},
		{[]string{"--form", "附件1", "--format", "docx"}, "PK\x03\x04"},
		{[]string{"--form", "1", "--blank", "--annotate", "--stage", "项目签约"}, "%PDF-"},
		{[]string{"--form", "湘潭市重点招商项目闭环管理工作流程图", "--format", "docx", "--stage", "开工建设"}, "PK\x03\x04"},
	} {
		out := filepath.Join(dir, "out")
		r := zsdoc(t, nil, append(append([]string{"render"}, tc.args...), "--out", out)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, r.code, r.stderr)
		}
		data, _ := os.ReadFile(out)
		if !bytes.HasPrefix(data, []byte(tc.magic)) {
			t.Errorf("%v: not a %q file", tc.args, tc.magic)
		}
		if tc.args[1] == "workflow" {
			plain = data
		} else if bytes.Equal(data, plain) {
			t.Errorf("%v: the same bytes as the plain diagram", tc.args)
		}
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	if r := zsdoc(t, nil, "render", "--form", "workflow"); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "附件1-湘潭市重点招商项目闭环管理工作流程图.pdf")); err != nil {
		t.Error(err)
	}
}

// An unknown stage is a usage error listing the stages; the diagram's
// flags are refused for the forms, and the forms' input and seals for
// the diagram.
func TestRenderWorkflowUsageErrors(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.pdf")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--form", "workflow", "--stage", "项目落地"}, []string{"未知的阶段“项目落地”", "客商考察、来潭考察、会谈交办、商务谈判、项目签约、协调跟进、落地服务、开工建设"}},
		{[]string{"--form", "signing", "--blank", "--annotate"}, []string{"只用于 --form workflow"}},
		{[]string{"--form", "landing", "--stage", "项目签约", "--in", "../../examples/landing.json"}, []string{"只用于 --form workflow"}},
		{[]string{"--form", "workflow", "--in", "../../examples/landing.json"}, []string{"不接受 --in"}},
		{[]string{"--form", "workflow", "--seal", "../../examples/specimen-seal.png"}, []string{"不接受 --seal"}},
		{[]string{"--form", "workflow", "--paper", "a3"}, []string{"只能用 A4"}},
		{[]string{"--form", "workflow", "--format", "odt"}, []string{"不支持的格式"}},
		{[]string{"--form", "workflow", "extra"}, []string{"多余的参数"}},
	} {
		r := zsdoc(t, nil, append(append([]string{"render"}, tc.args...), "--out", out)...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %s)", tc.args, r.code, r.stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("%v: stderr %q lacks %q", tc.args, r.stderr, w)
			}
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: wrote a file", tc.args)
		}
	}
}

// render --help lists the diagram's flags (usage lines come from the flags).
func TestRenderHelpListsDiagramFlags(t *testing.T) {
	r := zsdoc(t, nil, "render", "--help")
	for _, f := range []string{"-annotate", "-stage"} {
		if !strings.Contains(r.stdout+r.stderr, f) {
			t.Errorf("help lacks %s", f)
		}
	}
}
