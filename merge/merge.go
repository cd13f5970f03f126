// Package merge consolidates the forms of many units into one city-wide
// form (汇总) and counts it (Summarize).
//
//	city, err := merge.Forms(forms.SigningID, inputs, merge.Options{Unit: "湘潭市商务局"})
//	s := merge.Summarize(city) // projects, sums and rates, exact decimals
//
// Rows keep the order of the inputs and are numbered anew. In 附件4 the
// projects of one investor — the same name after trimming blanks — are
// grouped under one investor across units (KeepUnits keeps each unit's
// investors apart).
package merge

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
)

// Input is one unit's form and where it came from.
type Input struct {
	// Name names the input in messages: its file name.
	Name string
	Form forms.Form
}

// Options configure Forms.
type Options struct {
	// Unit is 单位（盖章） of the consolidated form: the city's office. Required.
	Unit string
	// Date is 填报日期 in any form the JSON accepts; "" takes the latest
	// date of the inputs (never the clock).
	Date string
	// Seal is the seal id of the consolidated form, if any.
	Seal string
	// KeepUnits keeps each unit's investors of 附件4 apart instead of
	// grouping one investor's projects across units.
	KeepUnits bool
}

// ErrNoInput: Forms was given no form.
var ErrNoInput = errors.New("merge: no input")

// Forms merges the inputs, all of form id (附件2–5), into one form of
// that id, and validates it. A problem of the inputs or of the result is
// forms.Errors (an investor of 附件4 whose 总部所在地 or 500强 entry differs
// between units, a result over a form's bounds); the form is returned too.
func Forms(id forms.ID, inputs []Input, opts Options) (forms.Form, error) {
	if len(inputs) == 0 {
		return nil, ErrNoInput
	}
	out, err := forms.New(id)
	if err != nil {
		return nil, err
	}
	var problems forms.Errors
	for _, in := range inputs {
		if in.Form == nil || in.Form.FormID() != id {
			got := "空"
			if in.Form != nil {
				info, _ := forms.Lookup(in.Form.FormID())
				got = info.Attachment
			}
			want, _ := forms.Lookup(id)
			problems = append(problems, &forms.FieldError{Rule: "form", Label: "表单",
				Message: fmt.Sprintf("%s：是%s，不是%s（%s），不能一起汇总", in.Name, got, want.Attachment, want.Title)})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	h := out.(interface{ FormHeader() *forms.Header }).FormHeader()
	h.Unit, h.Seal = strings.TrimSpace(opts.Unit), opts.Seal
	if opts.Date != "" {
		d, err := forms.ParseDate(opts.Date)
		if err != nil {
			return nil, forms.Errors{{Path: "date", Label: "填报日期", Rule: "date", Message: "【填报日期】" + err.Error()}}
		}
		h.Date = d
	} else {
		h.Date = latestDate(inputs)
	}
	switch f := out.(type) {
	case *forms.TaskList:
		for _, in := range inputs {
			f.Rows = append(f.Rows, renumbered(in.Form.(*forms.TaskList).Rows, func(r *forms.TaskRow) { r.No = 0 })...)
		}
	case *forms.Followup:
		for _, in := range inputs {
			f.Rows = append(f.Rows, renumbered(in.Form.(*forms.Followup).Rows, func(r *forms.FollowupRow) { r.No = 0 })...)
		}
	case *forms.Landing:
		for _, in := range inputs {
			f.Rows = append(f.Rows, renumbered(in.Form.(*forms.Landing).Rows, func(r *forms.LandingRow) { r.No = 0 })...)
		}
	case *forms.Signing:
		problems = mergeSigning(f, inputs, opts.KeepUnits)
	default:
		return nil, fmt.Errorf("%s 不是表格，不能汇总", id)
	}
	if len(problems) > 0 {
		return out, problems
	}
	return out, forms.Validate(out)
}

// latestDate is the latest 填报日期 of the inputs.
func latestDate(inputs []Input) forms.Date {
	var latest forms.Date
	for _, in := range inputs {
		if d := in.Form.FormDate(); d > latest { // ISO dates order as text
			latest = d
		}
	}
	return latest
}

// renumbered copies rows with their 序号 cleared, so that the merged form
// numbers them 1, 2, 3 … in input order.
func renumbered[R any](rows []R, clear func(*R)) []R {
	out := make([]R, len(rows))
	copy(out, rows)
	for i := range out {
		clear(&out[i])
	}
	return out
}

// mergeSigning appends the investors of every input to f, grouping the
// projects of one investor (by trimmed name) unless keepUnits.
func mergeSigning(f *forms.Signing, inputs []Input, keepUnits bool) forms.Errors {
	var problems forms.Errors
	type origin struct {
		at   int    // index in f.Rows
		from string // the input that named it first
	}
	seen := map[string]origin{}
	for _, in := range inputs {
		for _, inv := range in.Form.(*forms.Signing).Rows {
			inv.No = 0
			projects := renumbered(inv.Projects, func(p *forms.Project) { p.No = 0 })
			name := strings.TrimSpace(inv.Investor)
			if o, ok := seen[name]; ok && !keepUnits {
				g := &f.Rows[o.at]
				problems = append(problems, reconcile(g, inv, o.from, in.Name)...)
				g.Projects = append(g.Projects, projects...)
				continue
			}
			inv.Projects = projects
			f.Rows = append(f.Rows, inv)
			seen[name] = origin{len(f.Rows) - 1, in.Name}
		}
	}
	for i, inv := range f.Rows {
		if n := len(inv.Projects); n > maxProjectsPerInvestor && !keepUnits {
			problems = append(problems, &forms.FieldError{Path: fmt.Sprintf("rows[%d].projects", i), Label: "项目", Rule: "max",
				Message: fmt.Sprintf("投资方“%s”汇总后有%d个项目，超过每个投资方%d个项目的上限：请按单位分别列出（keep-units）",
					strings.TrimSpace(inv.Investor), n, maxProjectsPerInvestor)})
		}
	}
	return problems
}

// reconcile takes the investor cells of inv into g, the same investor met
// before: an empty cell takes the other's value, and cells that differ are
// a problem naming both inputs.
func reconcile(g *forms.Investor, inv forms.Investor, first, later string) forms.Errors {
	var problems forms.Errors
	differ := func(key, a, b string) {
		label := strings.ReplaceAll(forms.Label(forms.Investor{}, key), "|", "")
		problems = append(problems, &forms.FieldError{Path: key, Label: label, Rule: "merge",
			Message: fmt.Sprintf("投资方“%s”的【%s】在%s中为“%s”，在%s中为“%s”，不一致：请统一后再汇总，或按单位分别列出",
				g.Investor, label, first, a, later, b)})
	}
	switch a, b := strings.TrimSpace(g.HQ), strings.TrimSpace(inv.HQ); {
	case a == "":
		g.HQ = inv.HQ
	case b != "" && a != b:
		differ("hq", a, b)
	}
	switch a, b := g.Top500.String(), inv.Top500.String(); {
	case a == "":
		g.Top500 = inv.Top500
	case b != "" && a != b:
		differ("top500", a, b)
	}
	return problems
}

// maxProjectsPerInvestor is the bound forms.Validate holds an investor's
// projects to (the max=100 of forms.Investor.Projects), said here with the
// advice that suits a merge.
const maxProjectsPerInvestor = 100
