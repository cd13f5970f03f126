package sheet_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/zsdoc/zsdoc/forms"
)

// book builds an .xlsx with excelize; fill writes into "Sheet1".
func book(t testing.TB, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// cell names the cell in column col (0 is A) of row (from 1).
func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row)
	return name
}

// put writes v into a cell: a string as text, a number given as
// excelize.Number as a number cell (from its decimal text: no float), a
// bool as a boolean cell.
func put(t testing.TB, f *excelize.File, col, row int, v any) {
	t.Helper()
	var err error
	switch v := v.(type) {
	case number:
		err = f.SetCellDefault("Sheet1", cell(col, row), string(v))
	case string:
		err = f.SetCellStr("Sheet1", cell(col, row), v)
	default:
		err = f.SetCellValue("Sheet1", cell(col, row), v)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// number is a numeric cell's value as decimal text.
type number string

// canonical is a form as JSON with what printing does not show cleared:
// 序号 (printed from the order), the 500强 entry as its printed text.
func canonical(t testing.TB, f forms.Form) string {
	t.Helper()
	data, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	g, err := forms.New(f.FormID())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, g); err != nil {
		t.Fatal(err)
	}
	switch g := g.(type) {
	case *forms.Signing:
		for i := range g.Rows {
			inv := &g.Rows[i]
			inv.No = 0
			if !inv.Top500.IsZero() {
				inv.Top500 = forms.Top500{Text: inv.Top500.String()}
			}
			for j := range inv.Projects {
				p := &inv.Projects[j]
				p.No = 0
				p.City = p.CityOrDefault()
				if p.Producing == "" {
					p.Producing = forms.No
				}
				if p.FundsInPlace == "" {
					p.FundsInPlace = "0"
				}
			}
		}
	case *forms.TaskList:
		for i := range g.Rows {
			g.Rows[i].No = 0
		}
	case *forms.Followup:
		for i := range g.Rows {
			g.Rows[i].No = 0
		}
	case *forms.Landing:
		for i := range g.Rows {
			g.Rows[i].No = 0
		}
	}
	out, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
