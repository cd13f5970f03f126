package docgen

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/merge"
)

// SummarySheet is the name of the section (the spreadsheet's sheet) that
// WithSummary adds.
const SummarySheet = "汇总统计"

// WithSummary adds the 汇总统计 of a merged form (merge.Summarize) after
// the form: in a workbook a second sheet named SummarySheet, in a PDF or
// Word file pages after the form's. Each breakdown is a table — a header
// row, a row per value, the 合计 row — whose numbers are exact decimals,
// stored as numbers in a spreadsheet.
func WithSummary(s *merge.Summary) Option {
	return func(c *config) error {
		if s == nil {
			return optionErr("汇总统计为空")
		}
		for _, t := range s.Tables { // a Summary built by hand must still make tables
			rows := t.Rows
			if t.Total != nil {
				rows = append(rows[:len(rows):len(rows)], *t.Total)
			}
			for _, r := range rows {
				if len(t.Columns) < 1 || len(r.Values) != len(t.Columns)-1 {
					return optionErr("汇总统计“%s”的行“%s”有 %d 个数，与 %d 列表头不符", t.Title, r.Label, len(r.Values), len(t.Columns))
				}
			}
			if len(t.Columns) < 1 {
				return optionErr("汇总统计“%s”没有表头", t.Title)
			}
		}
		c.extra = append(c.extra, summarySection(s))
		return nil
	}
}

// summarySection lays the summary out on A4 landscape: its title, then
// each table under its own heading.
func summarySection(s *merge.Summary) layout.Section {
	info, _ := forms.Lookup(s.Form)
	page := landscapeTable(layout.A4())
	blocks := []layout.Block{&layout.Paragraph{Spans: []layout.Span{{Text: info.Title + SummarySheet}},
		Font: layout.Font{Role: layout.RoleTitle, Size: sizeEr}, Align: layout.AlignCenter, LineHeight: 36, SpaceAfter: 6}}
	for _, t := range s.Tables {
		blocks = append(blocks, &layout.Paragraph{Spans: []layout.Span{{Text: t.Title}},
			Font: layout.Font{Role: layout.RoleLabel, Size: sizeSi}, LineHeight: 24, SpaceBefore: 8, SpaceAfter: 4},
			summaryTable(t, page.ContentWidth()))
	}
	return layout.Section{Name: SummarySheet, Page: page, Blocks: blocks, PageNumbers: pageNumbers()}
}

// summaryTable is one breakdown: the label column twice as wide as each
// number column.
func summaryTable(t merge.Table, width layout.Length) *layout.Table {
	weights := []float64{2}
	for range t.Columns[1:] {
		weights = append(weights, 1)
	}
	header := layout.Row{Header: true}
	for _, c := range t.Columns {
		header.Cells = append(header.Cells, headerCell(c, sizeWu))
	}
	out := &layout.Table{Columns: widths(weights, width), Rows: []layout.Row{header}, Padding: cellPadding(sizeWu),
		Border: 0.5, KeepRows: true}
	rows := t.Rows
	if t.Total != nil {
		rows = append(rows[:len(rows):len(rows)], *t.Total)
	}
	for _, r := range rows {
		row := layout.Row{Cells: []layout.Cell{bodyCell(linesOf(one(r.Label), layout.Field{}), sizeWu, layout.AlignLeft)}}
		for _, v := range r.Values {
			c := bodyCell(linesOf(one(v.String()), layout.Field{}), sizeWu, layout.AlignCenter)
			c.Number = v.String()
			row.Cells = append(row.Cells, c)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}
