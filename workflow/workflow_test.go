package workflow

import (
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

func TestLookupName(t *testing.T) {
	for _, n := range []string{"workflow", "WorkFlow", " 附件1 ", "1", "１", "湘潭市重点招商项目闭环管理工作流程图"} {
		if in, ok := LookupName(n); !ok || in.ID != ID {
			t.Errorf("LookupName(%q) = %v, %v", n, in, ok)
		}
	}
	for _, n := range []string{"", "附件2", "2", "signing", "workflows", "11"} {
		if _, ok := LookupName(n); ok {
			t.Errorf("LookupName(%q) found the diagram", n)
		}
	}
	// The diagram is no form: the forms' registry does not know it.
	for _, in := range forms.All() {
		if in.ID == ID || in.Attachment == Info().Attachment {
			t.Errorf("forms.All() holds %v", in)
		}
	}
	if _, ok := forms.LookupName("附件1"); ok {
		t.Error("forms.LookupName finds 附件1")
	}
}

// The notice's workflow is drawable, names every form once at least, and
// its stages are those of spec §6.
func TestDefault(t *testing.T) {
	w := Default()
	if err := w.Check(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(w.StageNames(), " "); got != "客商考察 来潭考察 会谈交办 商务谈判 项目签约 协调跟进 落地服务 开工建设" {
		t.Errorf("stages %s", got)
	}
	seen := map[forms.ID]bool{w.LoopForm: true}
	for _, s := range w.Stages {
		for _, f := range s.Forms {
			seen[f] = true
		}
	}
	for _, in := range forms.All() {
		if !seen[in.ID] {
			t.Errorf("no stage fills %s", in.Attachment)
		}
	}
	Default().Stages[0].Name = "改" // a copy: the next Default is untouched
	if Default().Stages[0].Name != "客商考察" {
		t.Error("Default shares its value")
	}
}

func TestStageIndex(t *testing.T) {
	w := Default()
	if k, err := w.StageIndex(" 项目签约"); err != nil || w.Stages[k].Name != "项目签约" {
		t.Errorf("StageIndex = %d, %v", k, err)
	}
	_, err := w.StageIndex("投产")
	if err == nil || !strings.Contains(err.Error(), "未知的阶段“投产”") || !strings.Contains(err.Error(), strings.Join(w.StageNames(), "、")) {
		t.Errorf("err = %v", err)
	}
}

func TestCheckRefuses(t *testing.T) {
	for name, edit := range map[string]func(*Workflow){
		"no arrangement":   func(w *Workflow) { w.Arrangement = " " },
		"no offices":       func(w *Workflow) { w.Offices = nil },
		"empty office":     func(w *Workflow) { w.Offices = append(w.Offices, Office{Name: "市某办"}) },
		"assign to stage":  func(w *Workflow) { w.Edges[0].To = "客商考察" },
		"unknown endpoint": func(w *Workflow) { w.Edges[2].From = "无此阶段" },
		"flow backwards":   func(w *Workflow) { w.Edges[2].From, w.Edges[2].To = "来潭考察", "客商考察" },
		"loop across":      func(w *Workflow) { w.Edges[9].To = "客商考察" },
		"hand-over inside": func(w *Workflow) { w.Edges[6].To = "落地服务" },
	} {
		w := Default()
		edit(w)
		if err := w.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
