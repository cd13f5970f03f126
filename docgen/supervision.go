package docgen

import (
	"fmt"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// 督办单 skeletons of a blank form, as the seed prints them.
const (
	blankDate     = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
	blankDeadline = "\u3000\u3000年\u3000月\u3000日（星期\u3000）至\u3000月\u3000日（星期\u3000）"
)

// supervisionPage is A4 portrait with the GB/T 9704 type area (37/35/28/26 mm).
func supervisionPage() layout.Page {
	return layout.Page{Size: layout.A4(), Margins: layout.Insets{
		Top: layout.MM(37), Bottom: layout.MM(35), Left: layout.MM(28), Right: layout.MM(26)}}
}

// supervisionLayout lays out 附件6 市级重点招商项目督办单: one order, a batch
// of them (one section each), or the blank form.
var supervisionLayout = formLayout{id: forms.SupervisionID, compose: func(f forms.Form, c *config) (*layout.Document, error) {
	switch f := f.(type) {
	case nil:
		return supervisionDocument(c, false, nil)
	case *forms.Supervision:
		return supervisionDocument(c, false, f)
	case *forms.SupervisionBatch:
		orders := make([]*forms.Supervision, len(*f))
		for i := range *f {
			orders[i] = &(*f)[i]
		}
		return supervisionDocument(c, true, orders...)
	}
	return nil, fmt.Errorf("docgen: form %q cannot be a %T", f.FormID(), f)
}}

// supervisionDocument puts one or more 督办单 in a document, one section
// each (nil: the blank form); in a batch, each names its fields by its
// place ("[2].target", "第3份督办单").
func supervisionDocument(c *config, batch bool, orders ...*forms.Supervision) (*layout.Document, error) {
	if c.paper == A3 {
		return nil, optionErr("督办单（附件6）只能用 A4 纸打印")
	}
	info, _ := forms.Lookup(forms.SupervisionID)
	doc := &layout.Document{Title: info.Title, Creator: "zsdoc"}
	var errs forms.Errors
	for i, o := range orders {
		prefix, row := "", ""
		if batch {
			prefix, row = orderPlace(i)
		}
		sec, err := composeOrder(o, c, prefix, row)
		if list, ok := err.(forms.Errors); ok {
			errs = append(errs, list...) // every order's unknown seal, not the first only
			continue
		}
		if err != nil {
			return nil, err
		}
		doc.Sections = append(doc.Sections, sec)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return doc, nil
}

// orderPlace names order i of a batch: "[i]" and "第i+1份督办单".
func orderPlace(i int) (prefix, row string) {
	return fmt.Sprintf("[%d]", i), fmt.Sprintf("第%d份督办单", i+1)
}

// composeOrder lays out one 附件6 市级重点招商项目督办单 as a section (s is
// nil for the blank form); prefix and row name it in a batch ("[2]",
// "第3份督办单") for messages about its fields.
func composeOrder(s *forms.Supervision, c *config, prefix, row string) (layout.Section, error) {
	src := func(key string) layout.Field {
		f := headerField(forms.Supervision{}, key)
		if prefix != "" {
			f.Path, f.Row = prefix+"."+key, row
		}
		return f
	}
	info, _ := forms.Lookup(forms.SupervisionID)
	page := supervisionPage()
	body := layout.Font{Role: layout.RoleBody, Size: sizeSan}
	label := layout.Font{Role: layout.RoleLabel, Size: sizeSan}
	lead := layout.Length(sizeSan * 1.45)

	number, date := "", blankDate
	target, content, reqs, deadline, issuer, issueDate := "", "", "", blankDeadline, "", blankDate
	if s != nil {
		number, date = s.Number, s.Date.Chinese()
		target, content, reqs, deadline = s.Target, s.Content, s.Requirements, s.Deadline()
		issuer, issueDate = s.Issuer, s.IssueDateOrDefault().Chinese()
	}

	blocks := heading(info)
	blocks = append(blocks, &layout.Paragraph{
		Spans:      []layout.Span{{Text: number, Source: src("number")}},
		Right:      []layout.Span{{Text: date, Source: src("date")}},
		Font:       body,
		LineHeight: 28, SpaceAfter: 4,
	})

	labelCell := func(text string) layout.Cell {
		c := headerCell(text, sizeSan)
		for i := range c.Paragraphs {
			c.Paragraphs[i].Font = label
			c.Paragraphs[i].LineHeight = lead
		}
		return c
	}
	textCell := func(text string, source layout.Field, align layout.Align) layout.Cell {
		c := bodyCell(linesOf(one(text), source), sizeSan, align)
		for i := range c.Paragraphs {
			c.Paragraphs[i].LineHeight = lead
		}
		return c
	}
	// 完成时限 is longer than a line at 三号: break it at 至, not inside a date.
	deadlineCell := textCell("", layout.Field{}, layout.AlignLeft)
	deadlineSrc := src("from")
	deadlineSrc.Label = "完成时限"
	deadlineCell.Paragraphs[0].Spans = nil
	for _, part := range deadlineParts(deadline) {
		deadlineCell.Paragraphs[0].Spans = append(deadlineCell.Paragraphs[0].Spans,
			layout.Span{Text: part, Source: deadlineSrc, NoBreak: true})
	}
	contentCell := textCell(content, src("content"), layout.AlignJustify)
	contentCell.VAlign = layout.VAlignTop
	reqCell := textCell(reqs, src("requirements"), layout.AlignJustify)
	reqCell.VAlign = layout.VAlignTop

	signCell := layout.Cell{VAlign: layout.VAlignMiddle, Paragraphs: []layout.Paragraph{
		{Spans: []layout.Span{{Text: "单位（盖章）："}, {Text: issuer, Anchor: anchorSeal, Source: src("issuer")}},
			Font: body, LineHeight: lead},
		{Spans: []layout.Span{{Text: issueDate, Anchor: anchorSeal, Source: src("issueDate")}},
			Font: body, Align: layout.AlignRight, LineHeight: lead, SpaceBefore: 6},
	}}

	t := &layout.Table{
		Columns: []layout.Length{layout.MM(36), page.ContentWidth() - layout.MM(36)},
		Padding: layout.Insets{Top: 4, Bottom: 4, Left: layout.MM(2), Right: layout.MM(2)},
		Border:  0.5,
		Rows: []layout.Row{
			{Cells: []layout.Cell{labelCell(labelTag(forms.Supervision{}, "target") + "："), textCell(target, src("target"), layout.AlignLeft)}, MinHeight: layout.MM(14)},
			{Cells: []layout.Cell{labelCell(labelTag(forms.Supervision{}, "content") + "："), contentCell}, MinHeight: layout.MM(55)},
			{Cells: []layout.Cell{labelCell(labelTag(forms.Supervision{}, "requirements") + "："), reqCell}, MinHeight: layout.MM(50)},
			{Cells: []layout.Cell{labelCell("完成时限："), deadlineCell}, MinHeight: layout.MM(14)},
			{Cells: []layout.Cell{labelCell(labelTag(forms.Supervision{}, "issuer")), signCell}, MinHeight: layout.MM(36)},
		},
	}
	blocks = append(blocks, t)
	// In a batch printed on both sides, every order starts on a front.
	sec := layout.Section{Name: info.Attachment, Page: page, Blocks: blocks, PageNumbers: pageNumbers(), OddPage: prefix != "" && c.pdf.Duplex}
	if s == nil {
		var err error
		sec.Images, err = c.fixedImages()
		return sec, err
	}
	var err error
	sec.Images, err = c.stamp(s.Seal, src("seal"))
	return sec, err
}

// deadlineParts splits 完成时限 after 至, so that each date with its
// weekday stays on one line.
func deadlineParts(s string) []string {
	if i := strings.Index(s, "至"); i >= 0 {
		return []string{s[:i+len("至")], s[i+len("至"):]}
	}
	return []string{s}
}
