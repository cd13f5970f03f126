// Package docx writes a layout.Document as a Word (.docx) file: a small
// WordprocessingML writer on the standard library alone.
//
// Word lays the document out itself, so the writer translates the layout
// model into Word's terms — sections with their page setup and GB/T 9704
// page numbers, fixed-layout tables with merged cells and repeated header
// rows, paragraphs with exact line spacing and fonts named by role — and
// estimates text widths only to place the seal over its anchor text.
//
// Every element's children are written in ECMA-376 schema order, text that
// XML cannot hold is an error (never written), and the output is
// deterministic: the same document gives the same bytes.
package docx

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/zsdoc/zsdoc/docgen/internal/opc"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// Options configures the DOCX writer.
type Options struct {
	// FontNames maps roles to the font names Word is asked for; missing
	// roles get 方正小标宋简体 (title), 黑体 (label), 仿宋_GB2312 (body) and
	// 宋体 (page numbers).
	FontNames map[layout.Role]string
	// Fonts measures text where the writer must predict Word's lines (the
	// seal over text below a table, a NoBreak span that fits its line): the
	// fonts Word will find under FontNames. Nil means fonts.Default(), the
	// PDF's default fonts, which the conformance check maps the official
	// names to.
	Fonts *fonts.Set
}

// defaultFonts are the names of the official fonts by role.
var defaultFonts = map[layout.Role]string{
	layout.RoleTitle:  "方正小标宋简体",
	layout.RoleLabel:  "黑体",
	layout.RoleBody:   "仿宋_GB2312",
	layout.RoleNumber: "宋体",
}

// fontName returns the font name Word is asked for in role r.
func (o *Options) fontName(r layout.Role) string {
	if name := o.FontNames[r]; name != "" {
		return name
	}
	if name, ok := defaultFonts[r]; ok {
		return name
	}
	return defaultFonts[layout.RoleBody]
}

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// Render writes doc to w as a .docx file.
func Render(ctx context.Context, w io.Writer, doc *layout.Document, opts Options) (err error) {
	defer func() {
		if v := recover(); v != nil { // a defect must not crash a server: report it
			err = fmt.Errorf("生成 Word 文档时发生内部错误：%v", v)
		}
	}()
	if doc == nil {
		return errors.New("docx: no document")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	set := opts.Fonts
	if set == nil {
		if set, err = fonts.Default(); err != nil {
			return err
		}
	}
	b := newBuilder(doc, &opts)
	b.measure = layout.NewMeasurer(set)
	parts, err := b.build(ctx)
	if err != nil {
		return err
	}
	return writeZip(w, parts)
}

// writeZip stores the parts in order (package opc: fixed timestamps, one
// reused deflate writer, pictures stored).
func writeZip(w io.Writer, parts []part) error {
	out := make([]opc.Part, len(parts))
	for i, p := range parts {
		out[i] = opc.Part{Name: p.name, Data: p.data}
	}
	return opc.Write(w, out)
}
