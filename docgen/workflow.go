package docgen

import (
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/workflow"
)

// wfConfig holds the options of the workflow diagram (附件1).
type wfConfig struct {
	annotate bool
	stage    string // the stage to highlight, "" for none
}

// set reports whether an option of the diagram was given.
func (w wfConfig) set() bool { return w.annotate || w.stage != "" }

// WithAnnotate prints, beside each stage of the workflow diagram (附件1,
// rendered by RenderBlank(ctx, w, workflow.ID, …)), the forms filled at
// that stage (附件2–6 and their names), and 附件6 beside the 督办 loop.
// Other forms refuse it.
func WithAnnotate() Option {
	return func(c *config) error {
		c.wf.annotate = true
		return nil
	}
}

// WithStage highlights a project's current stage in the workflow diagram
// (附件1) — a bold frame, shaded — for the cover sheet of a project's file.
// A name that is no stage is an *OptionError listing the stages; other
// forms refuse the option.
func WithStage(name string) Option {
	return func(c *config) error {
		if _, err := workflow.Default().StageIndex(name); err != nil {
			return &OptionError{err.Error()}
		}
		c.wf.stage = strings.TrimSpace(name)
		return nil
	}
}

// workflowLayout lays out 附件1 湘潭市重点招商项目闭环管理工作流程图. It has
// only a blank variant (RenderBlank); it is not one of forms.All.
var workflowLayout = formLayout{id: workflow.ID, compose: func(f forms.Form, c *config) (*layout.Document, error) {
	if f != nil {
		return nil, fmt.Errorf("docgen: the workflow diagram has no filled form (%T)", f)
	}
	return workflowDocument(workflow.Default(), c)
}}

// wfSpaceBefore is the room between the title and the diagram.
const wfSpaceBefore layout.Length = 10

// workflowDocument lays out the diagram of wf on A4 portrait (the GB/T 9704
// type area), under 附件1 and the title.
func workflowDocument(wf *workflow.Workflow, c *config) (*layout.Document, error) {
	if c.paper == A3 {
		return nil, optionErr("工作流程图（附件1）只能用 A4 纸打印")
	}
	info := workflow.Info()
	page := supervisionPage()
	blocks := heading(info)
	var used layout.Length
	for _, b := range blocks {
		if p, ok := b.(*layout.Paragraph); ok {
			used += p.SpaceBefore + p.Leading() + p.SpaceAfter
		}
	}
	set, err := c.fontSet()
	if err != nil {
		return nil, err
	}
	o := wfOptions{annotate: c.wf.annotate, stage: -1}
	if c.wf.stage != "" {
		k, err := wf.StageIndex(c.wf.stage)
		if err != nil {
			return nil, &OptionError{err.Error()}
		}
		o.stage = k
	}
	p, err := placeWorkflow(wf, o, page.ContentWidth(), page.ContentHeight()-used-wfSpaceBefore, fontMeasure(set))
	if err != nil {
		return nil, err
	}
	p.d.SpaceBefore = wfSpaceBefore
	blocks = append(blocks, p.d)
	sec := layout.Section{Name: info.Attachment, Page: page, Blocks: blocks, PageNumbers: pageNumbers()}
	return &layout.Document{Title: info.Title, Creator: "zsdoc", Sections: []layout.Section{sec}}, nil
}

// fontMeasure measures text with the PDF's fonts (a character no font has
// counts one em: the PDF refuses it later, naming it).
func fontMeasure(set *fonts.Set) measureFunc {
	return func(s string, f layout.Font) layout.Length {
		var w float64
		size := float64(f.Size)
		for _, r := range s {
			adv := 1.0
			if face, err := set.Pick(f.Role, r); err == nil {
				adv = face.Advance(r)
			}
			w += float64(adv * size)
		}
		return layout.Length(w)
	}
}

// wfNoStart are characters that never start a line, wfNoEnd those that
// never end one (spec §3).
const (
	wfNoStart = "，。、；：？！）》」’”』】〕,.;:?!)"
	wfNoEnd   = "（《「‘“『【〔("
)

// wrapLine breaks s into lines at most width wide in font f: at any
// character, except that Latin letters and digits stay together (unless a
// word is wider than a line), closing punctuation never starts a line and
// opening punctuation never ends one.
func wrapLine(s string, width layout.Length, f layout.Font, m measureFunc) []string {
	runes := []rune(s)
	if len(runes) == 0 {
		return []string{""}
	}
	adv := make([]layout.Length, len(runes))
	for i, r := range runes {
		adv[i] = m(string(r), f)
	}
	word := func(r rune) bool {
		return r < 0x80 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
	}
	var lines []string
	start := 0
	for start < len(runes) {
		var w layout.Length
		end := start
		for end < len(runes) && (end == start || w+adv[end] <= width) {
			w += adv[end]
			end++
		}
		if end < len(runes) {
			brk := end
			// Keep a Latin word whole, and move punctuation that may not
			// start (or end) a line with its neighbour.
			for brk > start+1 && (word(runes[brk]) && word(runes[brk-1]) ||
				strings.ContainsRune(wfNoStart, runes[brk]) || strings.ContainsRune(wfNoEnd, runes[brk-1])) {
				brk--
			}
			if brk > start {
				end = brk
			}
		}
		lines = append(lines, string(runes[start:end]))
		start = end
	}
	return lines
}
