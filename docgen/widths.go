package docgen

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
)

// WithFixedWidths keeps every table form's official template widths (the
// columns' fixed proportions of the type area) whatever the text, for
// offices that want every copy alike. By default the widths follow the
// content (spec §3): each column at least as wide as its header and its
// longest unbreakable text, and the rest of the width where it makes the
// table shortest, a table of short texts keeping the template's look.
func WithFixedWidths() Option {
	return func(c *config) error {
		c.fixedWidths = true
		return nil
	}
}

// sizeColumns replaces the template widths of t (the columns' weights
// scaled to the type area, as the composers build it) with widths that
// follow its content, measured with the fonts the PDF uses, unless the
// options ask for the template. Every backend then reads the same widths.
func (c *config) sizeColumns(t *layout.Table, page layout.Page) error {
	if c.fixedWidths {
		return nil
	}
	set, err := c.fontSet()
	if err != nil {
		return err
	}
	cols, err := layout.NewMeasurer(set).AutoColumns(t, t.Columns, page.ContentHeight())
	if err != nil {
		return err
	}
	t.Columns = cols
	return nil
}
