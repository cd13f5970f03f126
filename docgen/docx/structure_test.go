package docx_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// atoi parses an attribute, failing the test when it is not a number.
func atoi(t testing.TB, n *node, attr string) int {
	t.Helper()
	if n == nil {
		t.Fatalf("no element for attribute %s", attr)
	}
	v, err := strconv.Atoi(n.attrs[attr])
	if err != nil {
		t.Fatalf("%s %s=%q: %v", n.name, attr, n.attrs[attr], err)
	}
	return v
}

// gridOf returns, for each row of a table, the tc elements with the grid
// column each starts at.
type gridCell struct {
	tc  *node
	col int
}

func gridOf(t testing.TB, tbl *node) [][]gridCell {
	t.Helper()
	var rows [][]gridCell
	for _, tr := range tbl.kids("w:tr") {
		var row []gridCell
		col := 0
		for _, tc := range tr.kids("w:tc") {
			row = append(row, gridCell{tc, col})
			span := 1
			if gs := tc.path("w:tcPr", "w:gridSpan"); gs != nil {
				span = atoi(t, gs, "w:val")
			}
			col += span
		}
		rows = append(rows, row)
	}
	return rows
}

// vmerge returns "restart", "continue" or "" for a cell.
func vmerge(tc *node) string {
	v := tc.path("w:tcPr", "w:vMerge")
	if v == nil {
		return ""
	}
	if v.attrs["w:val"] == "restart" {
		return "restart"
	}
	return "continue"
}

// TestSigningTable checks 附件4: the grid in twips, the header row, the
// investor cells merged down over their projects, and the legend row.
func TestSigningTable(t *testing.T) {
	f := parseExample(t, forms.SigningID)
	lay, err := docgen.Compose(f)
	if err != nil {
		t.Fatal(err)
	}
	var lt *layout.Table
	for _, b := range lay.Sections[0].Blocks {
		if tb, ok := b.(*layout.Table); ok {
			lt = tb
		}
	}
	p := unzip(t, renderExample(t, forms.SigningID))
	tbls := p.doc(t).all("w:tbl")
	if len(tbls) != 1 {
		t.Fatalf("%d tables, want 1", len(tbls))
	}
	tbl := tbls[0]

	// The grid: 23 columns whose twips add up to the type area.
	cols := tbl.path("w:tblGrid").kids("w:gridCol")
	if len(cols) != 23 {
		t.Fatalf("%d grid columns, want 23", len(cols))
	}
	sum := 0
	var edge layout.Length
	for i, c := range cols {
		w := atoi(t, c, "w:w")
		sum += w
		edge += lt.Columns[i]
		if d := sum - edge.Twips(); d < -1 || d > 1 {
			t.Errorf("column %d ends at %d twips, layout says %d", i+1, sum, edge.Twips())
		}
	}
	a3 := layout.Page{Size: layout.A3(), Landscape: true}
	if want := (a3.Width() - 2*layout.MM(25)).Twips(); sum < want-2 || sum > want+2 {
		t.Errorf("grid width %d twips, want the A3 type area %d", sum, want)
	}
	if w := atoi(t, tbl.path("w:tblPr", "w:tblW"), "w:w"); w != sum {
		t.Errorf("tblW %d, grid %d", w, sum)
	}
	if tbl.path("w:tblPr", "w:tblLayout").attrs["w:type"] != "fixed" {
		t.Error("table layout is not fixed")
	}

	rows := gridOf(t, tbl)
	trs := tbl.kids("w:tr")
	// Header: the first row only, repeated; every row can't split.
	for r, tr := range trs {
		hdr := tr.path("w:trPr", "w:tblHeader") != nil
		if hdr != (r == 0) {
			t.Errorf("row %d: tblHeader %v", r, hdr)
		}
		if tr.path("w:trPr", "w:cantSplit") == nil {
			t.Errorf("row %d: no cantSplit", r)
		}
	}
	if got := strings.ReplaceAll(rows[0][1].tc.plain(), "\n", "|"); got != "项目|投资方|" {
		t.Errorf("header of column 2 = %q", got)
	}

	// Every row covers all 23 columns; each cell's tcW is its columns' sum.
	for r, row := range rows {
		last := row[len(row)-1]
		span := 1
		if gs := last.tc.path("w:tcPr", "w:gridSpan"); gs != nil {
			span = atoi(t, gs, "w:val")
		}
		if last.col+span != 23 {
			t.Errorf("row %d covers %d columns", r, last.col+span)
		}
		for _, c := range row {
			span := 1
			if gs := c.tc.path("w:tcPr", "w:gridSpan"); gs != nil {
				span = atoi(t, gs, "w:val")
			}
			want := 0
			for _, gc := range cols[c.col : c.col+span] {
				want += atoi(t, gc, "w:w")
			}
			if got := atoi(t, c.tc.path("w:tcPr", "w:tcW"), "w:w"); got != want {
				t.Errorf("row %d col %d: tcW %d, want %d", r, c.col, got, want)
			}
		}
	}

	// Investors: the first project row restarts the merge of columns 1–4,
	// each further project row continues it, and the investor's name is
	// in column 2 of the first project row.
	sg := f.(*forms.Signing)
	r := 1
	for i, inv := range sg.Rows {
		for j := range inv.Projects {
			row := rows[r]
			for col := 0; col < 4; col++ {
				want := ""
				switch {
				case len(inv.Projects) > 1 && j == 0:
					want = "restart"
				case j > 0:
					want = "continue"
				}
				if got := vmerge(row[col].tc); got != want {
					t.Errorf("investor %d project %d column %d: vMerge %q, want %q", i+1, j+1, col+1, got, want)
				}
			}
			if j == 0 && !strings.Contains(row[1].tc.plain(), inv.Investor) {
				t.Errorf("investor %d: column 2 holds %q", i+1, row[1].tc.plain())
			}
			if j > 0 && strings.TrimSpace(row[1].tc.plain()) != "" {
				t.Errorf("investor %d project %d: continuation cell holds %q", i+1, j+1, row[1].tc.plain())
			}
			pr := &inv.Projects[j]
			for col, want := range map[int]string{5: pr.Name, 10: string(pr.Cooperation), 11: string(pr.Industry),
				12: string(pr.InvestorType), 9: string(pr.SignType), 14: pr.Location} {
				if got := strings.TrimSpace(row[col].tc.plain()); got != want {
					t.Errorf("investor %d project %d column %d: %q, want %q", i+1, j+1, col+1, got, want)
				}
			}
			r++
		}
	}
	// The legend: the last row, four cells spanning 5, 6, 6 and 6 columns.
	if r != len(rows)-1 {
		t.Fatalf("%d rows, want %d projects + header + legend", len(rows), r)
	}
	legend := rows[r]
	if len(legend) != 4 {
		t.Fatalf("legend has %d cells", len(legend))
	}
	for i, want := range []int{5, 6, 6, 6} {
		if got := atoi(t, legend[i].tc.path("w:tcPr", "w:gridSpan"), "w:val"); got != want {
			t.Errorf("legend cell %d spans %d columns, want %d", i+1, got, want)
		}
		if vmerge(legend[i].tc) != "" {
			t.Errorf("legend cell %d is merged vertically", i+1)
		}
	}
	for i, want := range []string{"签约类型：\n合同\n协议", "合作方式：\nA—合资", "产业类别：\nA类—工业制造业", "投资方类别：\nA类—央企投资"} {
		if got := legend[i].tc.plain(); !strings.HasPrefix(got, want) {
			t.Errorf("legend cell %d = %q, want it to start %q", i+1, got, want)
		}
	}
}

// TestBlankSigningRows checks the blank 附件4: header, 11 empty rows of
// their least height, the legend.
func TestBlankSigningRows(t *testing.T) {
	p := unzip(t, renderBlank(t, forms.SigningID))
	trs := p.doc(t).all("w:tr")
	if len(trs) != 13 {
		t.Fatalf("%d rows, want header + 11 + legend", len(trs))
	}
	for r, tr := range trs[1:12] {
		h := tr.path("w:trPr", "w:trHeight")
		if h == nil || h.attrs["w:hRule"] != "atLeast" || atoi(t, h, "w:val") != layout.Length(9*4).Twips() {
			t.Errorf("blank row %d: trHeight %v", r+1, h)
		}
		for _, tc := range tr.kids("w:tc") {
			ps := tc.kids("w:p")
			if len(ps) != 1 || strings.TrimSpace(ps[0].plain()) != "" {
				t.Errorf("blank row %d: cell is not one empty paragraph", r+1)
			}
			// The empty paragraph keeps a body line for a clerk to type in.
			if sz := ps[0].path("w:pPr", "w:rPr", "w:sz"); sz == nil || sz.attrs["w:val"] != "18" {
				t.Errorf("blank row %d: empty paragraph has no 小五 size", r+1)
			}
		}
	}
}
