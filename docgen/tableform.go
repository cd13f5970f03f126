package docgen

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// tableForm is the layout of a one-level table form (附件2, 3, 5): the
// table of spec on A4 landscape (or A3), under the heading and meta line.
// parts returns a filled form's header, rows and printed 序号.
func tableForm[F any, R any](id forms.ID, spec tableSpec[R], parts func(*F) (*forms.Header, []R, []int)) formLayout {
	return formLayout{id: id, compose: func(f forms.Form, c *config) (*layout.Document, error) {
		var h *forms.Header
		var rows []R
		var nums []int
		if f != nil {
			ff, err := formOf[F](f)
			if err != nil {
				return nil, err
			}
			h, rows, nums = parts(ff)
		}
		paper := c.paper
		if paper == "" {
			paper = A4
		}
		page := landscapeTable(paper.size())
		t := spec.table(rows, nums, page.ContentWidth(), h == nil)
		if err := c.sizeColumns(t, page); err != nil {
			return nil, err
		}
		return tableDocument(id, page, h, t, c)
	}}
}

// tableDocument assembles a table form around its table: heading, meta
// line, table, seal, page numbers. h is nil for the blank form.
func tableDocument(id forms.ID, page layout.Page, h *forms.Header, t *layout.Table, c *config) (*layout.Document, error) {
	info, _ := forms.Lookup(id)
	blocks := append(heading(info), metaLine(h, h == nil), t)
	var images []layout.Image
	if h == nil {
		var err error
		if images, err = c.fixedImages(); err != nil {
			return nil, err
		}
	} else {
		var err error
		if images, err = c.stamp(h.Seal, headerField(forms.Header{}, "seal")); err != nil {
			return nil, err
		}
	}
	sec := layout.Section{Name: info.Attachment, Page: page, Blocks: blocks, PageNumbers: pageNumbers(), Images: images}
	return &layout.Document{Title: info.Title, Creator: "zsdoc", Sections: []layout.Section{sec}}, nil
}
