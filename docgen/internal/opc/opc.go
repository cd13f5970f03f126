// Package opc writes the ZIP packages of Office Open XML documents (.docx,
// .xlsx) the same way for every backend: parts in the order given, fixed
// timestamps, deflated at the fastest level by one reused writer (pictures
// and tiny parts stored), so that the same parts give the same bytes.
package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"sync"
	"time"
)

// Part is one file of a package.
type Part struct {
	Name string
	Data []byte
}

// zipTime is the modification time of every part.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// deflaters keeps deflate writers (about 1 MB each) between documents.
var deflaters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(io.Discard, flate.BestSpeed) // BestSpeed is a valid level
	return fw
}}

// Write stores the parts in order.
func Write(w io.Writer, parts []Part) error {
	zw := zip.NewWriter(w)
	fw := deflaters.Get().(*flate.Writer)
	defer deflaters.Put(fw)
	zw.RegisterCompressor(zip.Deflate, func(dst io.Writer) (io.WriteCloser, error) {
		fw.Reset(dst)
		return fw, nil
	})
	for _, p := range parts {
		method := zip.Deflate
		if len(p.Data) < 256 || strings.HasSuffix(p.Name, ".png") {
			method = zip.Store
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name, Method: method, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Collector gathers the parts another writer creates (it is the ZipWriter
// of github.com/xuri/excelize/v2), uncompressed, in creation order.
type Collector struct {
	Parts []Part
	bufs  []*bytes.Buffer
}

// Create starts part name.
func (c *Collector) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	c.Parts = append(c.Parts, Part{Name: name})
	c.bufs = append(c.bufs, b)
	return b, nil
}

// Close ends the collection: every part's data is final.
func (c *Collector) Close() error {
	for i, b := range c.bufs {
		c.Parts[i].Data = b.Bytes()
	}
	return nil
}
