// Package workflow is 附件1 of the notice, 湘潭市重点招商项目闭环管理工作流程图,
// as data: the leadership's arrangement on top, the two offices (lanes) with
// their stages in order, the arrows between them and which form (附件2–6)
// belongs to which stage. It is the one definition that the diagram
// (docgen's workflow composer) and later features (a project's current
// stage) read.
//
// The seed of the notice kept only the texts of the diagram's boxes, in
// drawing order; its arrows were lost. The stages, their order, the arrows
// and the placement of the secondary texts (Stage.Steps) are OUR
// RECONSTRUCTION (spec §6), from how the notice's forms fit together — not
// the city's drawing.
//
// The workflow is not a form: it has no fields and no input, so it is not
// in forms.All (the JSON Schemas, the HTTP catalog, batches); LookupName
// resolves its names ("workflow", "附件1", "1", the title) beside
// forms.LookupName.
package workflow

import (
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
)

// ID is the workflow diagram's id, as forms have theirs ("workflow").
const ID forms.ID = "workflow"

// Info describes the diagram as forms.Info describes a form.
func Info() forms.Info {
	return forms.Info{ID: ID, Attachment: "附件1", Title: "湘潭市重点招商项目闭环管理工作流程图"}
}

// LookupName finds the diagram by a name a clerk uses for it: "workflow"
// (any case), "附件1", "1" (also full-width "１") or its title.
func LookupName(name string) (forms.Info, bool) {
	in := Info()
	s := strings.TrimSpace(strings.ReplaceAll(name, "１", "1"))
	if strings.EqualFold(s, string(in.ID)) || s == in.Attachment || s == "1" || s == in.Title {
		return in, true
	}
	return forms.Info{}, false
}

// Office is a lane of the diagram: the office that carries its stages.
type Office struct {
	Name string // 市开放办
	Role string // what the office does in the loop (documentation)
}

// Stage is a box of a lane: a step of a project's life.
type Stage struct {
	Name   string // the box text: 项目签约
	Office string // the Name of its Office
	// Steps are the seed's secondary texts printed in the box under the
	// name, in order. Which stage each belongs to is our reconstruction.
	Steps []string
	// Forms are the forms filled at this stage (the --annotate labels).
	Forms []forms.ID
}

// EdgeKind is what an arrow means.
type EdgeKind int

// The arrows of the diagram.
const (
	// Assign: the leadership's arrangement to an office (From is
	// Arrangement, To an office's name).
	Assign EdgeKind = iota
	// Flow: the next stage in the same office.
	Flow
	// Handover: the last stage of one office to the first stage of the
	// next (the signed project handed over for landing).
	Handover
	// Supervise: the dashed 督办 loop, from a stage back to itself or to
	// an earlier stage of the same office, when a step lags.
	Supervise
)

// Edge is an arrow from one box to another, named by their texts.
type Edge struct {
	From, To string
	Kind     EdgeKind
}

// Workflow is the whole diagram.
type Workflow struct {
	Arrangement string   // the box on top: 市委、市人民政府安排
	Offices     []Office // the lanes, left to right
	Stages      []Stage  // every office's stages, top to bottom within an office
	Edges       []Edge   // RECONSTRUCTION: the seed lost the arrows (spec §6)
	// LoopLabels are printed beside the dashed 督办 loop; LoopForm is the
	// form the loop issues (附件6 督办单).
	LoopLabels []string
	LoopForm   forms.ID
}

// The names of the boxes, as the seed prints them.
const (
	Arrangement = "市委、市人民政府安排"
	OpenOffice  = "市开放办"
	LandOffice  = "市落地办"
)

// Default returns the workflow of the notice (spec §6), a new value on
// every call: callers may change their copy.
func Default() *Workflow {
	open, land := OpenOffice, LandOffice
	return &Workflow{
		Arrangement: Arrangement,
		Offices: []Office{
			{Name: open, Role: "招商引资：考察、洽谈、签约"},
			{Name: land, Role: "项目落地：协调跟进、落地服务、开工建设"},
		},
		Stages: []Stage{
			{Name: "客商考察", Office: open, Steps: []string{"外出考察"}},
			{Name: "来潭考察", Office: open, Steps: []string{"会谈安排"}},
			{Name: "会谈交办", Office: open, Forms: []forms.ID{forms.TaskListID},
				Steps: []string{"项目交办", "（下发《市级重点招商项目对接跟进任务清单》）", "市级领导", "承接责任单位"}},
			{Name: "商务谈判", Office: open, Steps: []string{"深度洽谈", "可行性论证", "项目论证", "联合相关部门共同研判预审",
				"项目审查", "需要市委、市人民政府决策的，按程序提交", "集体研究决策"}},
			{Name: "项目签约", Office: open, Forms: []forms.ID{forms.SigningID},
				Steps: []string{"每月汇总上报《市级重点招商项目签约情况表》", "市开放办综合汇总上报"}},
			{Name: "协调跟进", Office: land, Forms: []forms.ID{forms.FollowupID},
				Steps: []string{"跟进", "深入跟进和销号论证", "研究下一步推进思路，解决存在的困难和问题",
					"每周或适时上报《市级重点招商项目协调跟进情况表》", "如项目不具备深入对接推进的可行性", "销号"}},
			{Name: "落地服务", Office: land, Forms: []forms.ID{forms.LandingID},
				Steps: []string{"落地尽职调查", "落地进度", "每月汇总上报《市级重点招商项目落地进展情况表》"}},
			{Name: "开工建设", Office: land, Forms: []forms.ID{forms.LandingID}, Steps: []string{"投产达效"}},
		},
		// RECONSTRUCTION (spec §6): the seed kept no arrows.
		Edges: []Edge{
			{Arrangement, open, Assign},
			{Arrangement, land, Assign},
			{"客商考察", "来潭考察", Flow},
			{"来潭考察", "会谈交办", Flow},
			{"会谈交办", "商务谈判", Flow},
			{"商务谈判", "项目签约", Flow},
			{"项目签约", "协调跟进", Handover},
			{"协调跟进", "落地服务", Flow},
			{"落地服务", "开工建设", Flow},
			{"落地服务", "协调跟进", Supervise},
			{"协调跟进", "协调跟进", Supervise},
		},
		LoopLabels: []string{"督办", "适时调度"},
		LoopForm:   forms.SupervisionID,
	}
}

// StageNames returns the stages' names in order.
func (w *Workflow) StageNames() []string {
	out := make([]string, len(w.Stages))
	for i, s := range w.Stages {
		out[i] = s.Name
	}
	return out
}

// StageIndex returns the index of the stage named name (blanks around it
// ignored), or an error in Chinese listing the stages.
func (w *Workflow) StageIndex(name string) (int, error) {
	s := strings.TrimSpace(name)
	for i, st := range w.Stages {
		if st.Name == s {
			return i, nil
		}
	}
	return -1, fmt.Errorf("未知的阶段“%s”，应为 %s 之一", name, strings.Join(w.StageNames(), "、"))
}

// Lane returns the stages of office, in order, as indexes into Stages.
func (w *Workflow) Lane(office string) []int {
	var out []int
	for i, s := range w.Stages {
		if s.Office == office {
			out = append(out, i)
		}
	}
	return out
}

// officeIndex returns the lane of office, or -1.
func (w *Workflow) officeIndex(name string) int {
	for i, o := range w.Offices {
		if o.Name == name {
			return i
		}
	}
	return -1
}

// Check reports what makes the workflow undrawable: an empty or duplicate
// name, a stage of no office, an office without stages, an arrow between
// boxes that do not exist or that its kind does not allow (Flow: the next
// stage of the same office; Handover: the last stage of an office to the
// first of the next; Supervise: back within one office).
func (w *Workflow) Check() error {
	if strings.TrimSpace(w.Arrangement) == "" {
		return fmt.Errorf("流程图缺少顶部的“安排”框")
	}
	if len(w.Offices) == 0 {
		return fmt.Errorf("流程图没有任何办（泳道）")
	}
	names := map[string]bool{w.Arrangement: true}
	for _, o := range w.Offices {
		if strings.TrimSpace(o.Name) == "" || names[o.Name] {
			return fmt.Errorf("流程图的办名“%s”为空或重复", o.Name)
		}
		names[o.Name] = true
	}
	for _, s := range w.Stages {
		if strings.TrimSpace(s.Name) == "" || names[s.Name] {
			return fmt.Errorf("流程图的阶段名“%s”为空或重复", s.Name)
		}
		names[s.Name] = true
		if w.officeIndex(s.Office) < 0 {
			return fmt.Errorf("阶段“%s”所属的“%s”不是流程图中的办", s.Name, s.Office)
		}
	}
	for _, o := range w.Offices {
		if len(w.Lane(o.Name)) == 0 {
			return fmt.Errorf("“%s”没有任何阶段", o.Name)
		}
	}
	for _, e := range w.Edges {
		if err := w.checkEdge(e); err != nil {
			return err
		}
	}
	return nil
}

// place returns the lane of a stage and its row in the lane.
func (w *Workflow) place(name string) (lane, row int, ok bool) {
	for i, o := range w.Offices {
		for r, k := range w.Lane(o.Name) {
			if w.Stages[k].Name == name {
				return i, r, true
			}
		}
	}
	return 0, 0, false
}

func (w *Workflow) checkEdge(e Edge) error {
	bad := fmt.Errorf("箭头“%s → %s”无法绘制", e.From, e.To)
	if e.Kind == Assign {
		if e.From != w.Arrangement || w.officeIndex(e.To) < 0 {
			return bad
		}
		return nil
	}
	fl, fr, ok1 := w.place(e.From)
	tl, tr, ok2 := w.place(e.To)
	if !ok1 || !ok2 {
		return bad
	}
	switch e.Kind {
	case Flow:
		if fl == tl && tr == fr+1 {
			return nil
		}
	case Handover:
		if tl == fl+1 && fr == len(w.Lane(w.Offices[fl].Name))-1 && tr == 0 {
			return nil
		}
	case Supervise:
		if fl == tl && tr <= fr {
			return nil
		}
	}
	return bad
}
