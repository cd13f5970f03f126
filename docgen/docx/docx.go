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
	"archive/zip"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Options configures the DOCX writer.
type Options struct {
	// FontNames maps roles to the font names Word is asked for; missing
	// roles get 方正小标宋简体 (title), 黑体 (label), 仿宋_GB2312 (body) and
	// 宋体 (page numbers).
	FontNames map[layout.Role]string
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

// zipTime is the modification time of every part, so that the same document
// always gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

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
	b := newBuilder(doc, &opts)
	parts, err := b.build(ctx)
	if err != nil {
		return err
	}
	return writeZip(w, parts)
}

// deflaters keeps deflate writers (about 1 MB each) between documents.
var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // BestSpeed is a valid level
	return fw
}}

// writeZip stores the parts in order with fixed timestamps. One deflate
// writer is reused for all parts.
func writeZip(w io.Writer, parts []part) error {
	zw := zip.NewWriter(w)
	fw := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(fw)
	zw.RegisterCompressor(zip.Deflate, func(dst io.Writer) (io.WriteCloser, error) {
		fw.Reset(dst)
		return fw, nil
	})
	for _, p := range parts {
		method := zip.Deflate
		if len(p.data) < 256 || isPNG(p.name) {
			method = zip.Store
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: method, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func isPNG(name string) bool { return len(name) > 4 && name[len(name)-4:] == ".png" }
