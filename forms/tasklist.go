package forms

// TaskListID is 附件2 市级重点招商项目对接跟进任务清单.
const TaskListID ID = "tasklist"

var taskListForm = definition{
	Info: Info{ID: TaskListID, Attachment: "附件2", Title: "市级重点招商项目对接跟进任务清单"},
	new:  func() Form { return new(TaskList) },
}

// FormID implements Form.
func (*TaskList) FormID() ID { return TaskListID }

// TaskList is 附件2 市级重点招商项目对接跟进任务清单: the projects a unit is
// tasked to follow up, with their leaders, units and tasks.
type TaskList struct {
	Header
	Rows []TaskRow `json:"rows" label:"表格" row:"第%d行" validate:"required,min=1,dive"`
}

// TaskRow is one project of 附件2. The label tags hold the exact column
// headers, "|" marking where the official header breaks its line.
type TaskRow struct {
	No       int      `json:"no,omitempty" label:"序号" validate:"min=0"`
	Name     string   `json:"name" label:"企业（项目）名称" validate:"required,max=100,oneline"`
	Overview string   `json:"overview" label:"项目基本情况" validate:"required,max=2000,nocontrol"`
	Leader   string   `json:"leader" label:"牵头|责任领导" validate:"required,max=60,oneline"`
	Owner    string   `json:"owner" label:"承接|责任单位" validate:"required,max=100,oneline"`
	Partners TextList `json:"partners,omitempty" label:"配合单位" validate:"max=50,dive,max=100,oneline"`
	Tasks    TextList `json:"tasks" label:"任务清单" validate:"required,min=1,max=50,dive,max=500,nocontrol"`
}

// RowNumbers returns the 序号 printed for each row (see Numbers).
func (f *TaskList) RowNumbers() []int { return rowNumbers(f.Rows) }

func (r TaskRow) rowNo() int { return r.No }
