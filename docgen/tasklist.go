package docgen

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// taskColumns are the columns of 附件2, which 附件3 repeats. Widths are
// weights in mm of the A4 landscape type area (225 mm).
func taskColumns() []column[forms.TaskRow] {
	var r forms.TaskRow
	return []column[forms.TaskRow]{
		{forms.Label(r, "no"), "no", 12, layout.AlignCenter, func(no int, _ *forms.TaskRow) []string { return one(itoa(no)) }, nil},
		{forms.Label(r, "name"), "name", 35, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return one(r.Name) }, nil},
		{forms.Label(r, "overview"), "overview", 60, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return one(r.Overview) }, nil},
		{forms.Label(r, "leader"), "leader", 22, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return one(r.Leader) }, nil},
		{forms.Label(r, "owner"), "owner", 26, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return one(r.Owner) }, nil},
		{forms.Label(r, "partners"), "partners", 25, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return r.Partners }, nil},
		{forms.Label(r, "tasks"), "tasks", 45, layout.AlignLeft, func(_ int, r *forms.TaskRow) []string { return numbered(r.Tasks) }, nil},
	}
}

// taskListLayout lays out 附件2 市级重点招商项目对接跟进任务清单.
var taskListLayout = tableForm(forms.TaskListID,
	tableSpec[forms.TaskRow]{columns: taskColumns(), size: sizeWu, blanks: 4},
	func(f *forms.TaskList) (*forms.Header, []forms.TaskRow, []int) {
		return &f.Header, f.Rows, f.RowNumbers()
	})

// followupColumns are 附件2's columns, then 进展情况 and 存在的困难和问题.
func followupColumns() []column[forms.FollowupRow] {
	var cols []column[forms.FollowupRow]
	for _, tc := range taskColumns() {
		value := tc.value
		cols = append(cols, column[forms.FollowupRow]{tc.label, tc.key, tc.weight, tc.align,
			func(no int, r *forms.FollowupRow) []string { return value(no, &r.TaskRow) }, nil})
	}
	// Narrower task columns make room for the two more; every header line
	// still fits (a line of n characters needs n × 3.7 mm + 3 mm at 五号).
	w := []float64{11, 33, 36, 18.5, 19, 19, 28}
	for i := range w {
		cols[i].weight = w[i]
	}
	var r forms.FollowupRow
	return append(cols,
		column[forms.FollowupRow]{forms.Label(r, "progress"), "progress", 28, layout.AlignLeft, func(_ int, r *forms.FollowupRow) []string { return one(r.Progress) }, nil},
		column[forms.FollowupRow]{forms.Label(r, "problems"), "problems", 33, layout.AlignLeft, func(_ int, r *forms.FollowupRow) []string { return one(r.Problems) }, nil},
	)
}

// followupLayout lays out 附件3 市级重点招商项目协调跟进情况表.
var followupLayout = tableForm(forms.FollowupID,
	tableSpec[forms.FollowupRow]{columns: followupColumns(), size: sizeWu, blanks: 5},
	func(f *forms.Followup) (*forms.Header, []forms.FollowupRow, []int) {
		return &f.Header, f.Rows, f.RowNumbers()
	})
