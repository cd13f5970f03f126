package sheet_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
	"github.com/zsdoc/zsdoc/tabular"
)

// problems reads data as form id and returns the messages of its problems.
func problems(t *testing.T, data []byte, id forms.ID, opts sheet.Options) []string {
	t.Helper()
	_, err := sheet.Read(bytes.NewReader(data), id, opts)
	var list forms.Errors
	if !errors.As(err, &list) {
		t.Fatalf("want forms.Errors, got %v", err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Message)
	}
	return out
}

func wantProblem(t *testing.T, got []string, want string) {
	t.Helper()
	for _, g := range got {
		if strings.HasPrefix(g, want) {
			return
		}
	}
	t.Errorf("no problem starts with %q; got:\n%s", want, strings.Join(got, "\n"))
}

// A wrong code in the exported 附件4 is named by sheet, row and column.
func TestErrorPlaceInExport(t *testing.T) {
	var line int
	name, data := editExport(t, func(x *excelize.File, name string, rows [][]string) {
		for i, r := range rows {
			if len(r) > 10 && strings.ReplaceAll(r[10], "\n", "") == "合作方式" {
				line = i + 3 // the second project under the header
				break
			}
		}
		if line == 0 {
			t.Fatal("no 合作方式 in column K")
		}
		if err := x.SetCellStr(name, fmt.Sprintf("K%d", line), "F"); err != nil {
			t.Fatal(err)
		}
	})
	got := problems(t, data, forms.SigningID, sheet.Options{})
	wantProblem(t, got, fmt.Sprintf("%s 第%d行 K列【合作方式】“F”不是有效代码，应为 A、B、C、D、E 之一", name, line))
	if len(got) != 1 {
		t.Errorf("%d problems, want 1: %q", len(got), got)
	}
}

// Problems of a CSV file are named by line and column under the file's
// own header text; the unit and date lines, when missing, are named too.
func TestErrorPlacesCSV(t *testing.T) {
	csv := "附件2\n" +
		"序号,企业（项目）名称,项目基本情况,牵头 责任领导,承接责任单位,配合单位,任务清单\n" +
		"1,甲项目,概况,张某,经开区,,1.签约\n" +
		"2,乙项目,,李某,高新区,,1.落地\n"
	got := problems(t, []byte(csv), forms.TaskListID, sheet.Options{})
	wantProblem(t, got, "第4行 C列【项目基本情况】不能为空")
	wantProblem(t, got, "表格 表头上方【单位（盖章）】")
	wantProblem(t, got, "表格 表头上方【填报日期】")

	got = problems(t, []byte(csv), forms.TaskListID, sheet.Options{Unit: "经开区", Date: "2026/13/01"})
	wantProblem(t, got, "【填报日期】“2026-13-01”不是有效日期")
}

// Investor cells that differ within one investor are refused, naming both rows.
func TestErrorGroupConflict(t *testing.T) {
	var line int
	name, data := editExport(t, func(x *excelize.File, name string, rows [][]string) {
		for i, r := range rows {
			if len(r) > 3 && r[1] == "华东新能源科技集团股份有限公司" {
				line = i + 1
				break
			}
		}
		if line == 0 {
			t.Fatal("investor not found")
		}
		// Unmerge the investor's cells and give its second project another 总部所在地.
		if err := x.UnmergeCell(name, fmt.Sprintf("A%d", line), fmt.Sprintf("D%d", line+2)); err != nil {
			t.Fatal(err)
		}
		if err := x.SetCellStr(name, fmt.Sprintf("D%d", line+1), "浙江省杭州市"); err != nil {
			t.Fatal(err)
		}
	})
	got := problems(t, data, forms.SigningID, sheet.Options{})
	wantProblem(t, got, fmt.Sprintf("%s 第%d行 D列【总部所在地（国别/省市）】“浙江省杭州市”与同一投资方第%d行的“江苏省常州市”不一致", name, line+1, line))
}

// What is not a sheet of a table form says so.
func TestNotASheet(t *testing.T) {
	for _, c := range []struct {
		name string
		data string
		want string
	}{
		{"json", `{"unit": "x"}`, "这是 JSON 文件"},
		{"empty", "", "文件是空的"},
		{"no header", "a,b,c\n1,2,3\n", "没有找到表头"},
		{"missing column", "序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,备注\n", "缺少必需的列【项目落地进展情况】"},
		{"unknown column", "序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注,负责人\n", "表头【负责人】不是本表的列"},
		{"no rows", "序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注\n", "表头下没有数据行"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := problems(t, []byte(c.data), forms.LandingID, sheet.Options{Unit: "u", Date: "2026-11-26"})
			if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// editExport exports the example 附件4, lets edit change the workbook (its
// first sheet, named name, whose rows it gets as text) and returns the
// sheet's name and the edited workbook.
func editExport(t *testing.T, edit func(x *excelize.File, name string, rows [][]string)) (string, []byte) {
	t.Helper()
	data, _ := examples.Input(string(forms.SigningID))
	book := render(t, mustParse(t, forms.SigningID, data), docgen.XLSX)
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	name := x.GetSheetName(0)
	rows, err := x.GetRows(name)
	if err != nil {
		t.Fatal(err)
	}
	edit(x, name, rows)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return name, buf.Bytes()
}

// Problems of an exported 督办单 are named by sheet, row and column.
func TestErrorPlacesOrders(t *testing.T) {
	data, _ := examples.Input(string(forms.SupervisionID))
	book := render(t, mustParse(t, forms.SupervisionID, data), docgen.XLSX)
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	name := x.GetSheetName(0)
	rows, _ := x.GetRows(name)
	var target, deadline int
	for i, r := range rows {
		switch {
		case len(r) > 1 && r[0] == "督办单位：":
			target = i + 1
		case len(r) > 1 && r[0] == "完成时限：":
			deadline = i + 1
		}
	}
	if target == 0 || deadline == 0 {
		t.Fatalf("labels not found in %q", rows)
	}
	if err := x.SetCellStr(name, fmt.Sprintf("B%d", target), ""); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellStr(name, fmt.Sprintf("B%d", deadline), "2026年12月9日（星期三）至12月7日（星期一）"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got := problems(t, buf.Bytes(), forms.SupervisionID, sheet.Options{})
	wantProblem(t, got, fmt.Sprintf("%s 第%d行 B列【督办单位】不能为空", name, target))
	wantProblem(t, got, fmt.Sprintf("%s 第%d行 B列【", name, deadline))
	if len(got) != 2 {
		t.Errorf("%d problems: %q", len(got), got)
	}
}

// Rows of data under a note ("注：…") are refused, naming where, rather
// than dropped with the table ending at the note.
func TestDataAfterNote(t *testing.T) {
	csv := "序号,企业（项目）名称,项目基本情况,牵头责任领导,承接责任单位,配合单位,任务清单\n" +
		"1,项目A,基本情况,张三,经开区,,任务一\n" +
		",,,,,,注：第二项待定\n" +
		"2,项目B,基本情况,李四,高新区,,任务二\n"
	got := problems(t, []byte(csv), forms.TaskListID, sheet.Options{Unit: "湘潭市商务局", Date: "2026-11-26", Format: tabular.FormatCSV})
	wantProblem(t, got, "第4行：表格在第3行的说明之后还有数据")
	// Notes after all the data are fine.
	ok := strings.Replace(csv, ",,,,,,注：第二项待定\n", "", 1) + ",,,,,,注：第二项待定\n,,,,,,说明：另附\n"
	if _, err := sheet.Read(strings.NewReader(ok), forms.TaskListID, sheet.Options{Unit: "湘潭市商务局", Date: "2026-11-26", Format: tabular.FormatCSV}); err != nil {
		t.Errorf("notes after the data: %v", err)
	}
}

// An exported 督办单 in a workbook with an empty extra sheet (as older Excel
// and WPS make) reads as the one order.
func TestOrdersSkipBlankSheets(t *testing.T) {
	data, _ := examples.Input(string(forms.SupervisionID))
	want := mustParse(t, forms.SupervisionID, data)
	book := render(t, want, docgen.XLSX)
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.NewSheet("Sheet2"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := sheet.Read(&buf, forms.SupervisionID, sheet.Options{Seal: "specimen"})
	if err != nil {
		t.Fatal(err)
	}
	if _, one := f.(*forms.Supervision); !one {
		t.Errorf("read a %T, want one order", f)
	}
}
