package batch

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// Manifest lists the printed orders: for each its place in the input, 编号,
// 督办单位, seal, and its pages (PDF) or file name (DOCX zip).
type Manifest struct {
	Orders  []Entry `json:"orders"`
	keep    bool
	current Entry
	printed int
}

// Entry is one printed order.
type Entry struct {
	Index     int    `json:"index"` // the order's place in the input, from 1
	Number    string `json:"number"`
	Target    string `json:"target"`
	Seal      string `json:"seal"`
	FirstPage int    `json:"firstPage,omitempty"`
	LastPage  int    `json:"lastPage,omitempty"`
	File      string `json:"file,omitempty"`
}

// Printed returns how many orders were printed.
func (m *Manifest) Printed() int { return m.printed }

func (m *Manifest) add(i int, o *forms.Supervision) {
	m.current = Entry{Index: i + 1, Number: o.Number, Target: o.Target, Seal: o.Seal}
	if m.keep {
		m.Orders = append(m.Orders, m.current)
	}
	m.printed++
}

// Print prints the orders of in to w: one PDF (each order from a new page,
// its page numbers from 1, fonts embedded once), or with Format DOCX a
// zip of one document per order named "0001-<督办单位>-<编号>.docx", in
// input order. rep is Check's report of the same input, or nil for an
// input that cannot be read twice: then the first invalid order stops the
// batch with its problems, after what was written of the output (a caller
// writing a file removes it). With a report holding invalid orders, Print
// skips them with SkipInvalid and otherwise returns rep.Err() before
// writing anything. manifest asks for the Manifest's Orders (they grow
// with the batch; without it only Printed counts).
func Print(ctx context.Context, w io.Writer, in io.Reader, opts Options, rep *Report, manifest bool) (*Manifest, error) {
	if err := opts.checkFormat(); err != nil {
		return nil, err
	}
	if rep != nil && len(rep.Invalid) > 0 && !opts.SkipInvalid {
		return nil, rep.Err()
	}
	src, err := Open(in, opts)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	man := &Manifest{keep: manifest}
	total := 0
	if rep != nil {
		total = rep.Orders - len(rep.Invalid)
	}
	progress := func(done, pages int) {
		if opts.Progress != nil {
			opts.Progress(done, total, pages)
		}
	}
	seq := orders(src, opts, rep, man)
	if opts.format() == docgen.DOCX {
		err = writeZip(ctx, w, seq, opts, man, src, progress)
	} else {
		ropts := append(append([]docgen.Option(nil), opts.Render...), docgen.WithPageRanges(func(k, first, last int) {
			if k < len(man.Orders) {
				man.Orders[k].FirstPage, man.Orders[k].LastPage = first, last
			}
			progress(k+1, last)
		}))
		err = docgen.RenderBatch(ctx, w, seq, docgen.PDF, ropts...)
		err = placeErrors(err, man, src)
	}
	if err != nil {
		return man, err
	}
	return man, nil
}

// placeErrors names the orders of docgen's errors (which count printed
// orders: "[k]", "第k+1份督办单") by their place in the input, as the
// source does ("第12行 G列【结束日期】…").
func placeErrors(err error, man *Manifest, src Source) error {
	var list forms.Errors
	if !errors.As(err, &list) || len(list) == 0 || man.printed == 0 {
		return err
	}
	k := man.printed - 1
	prefix, row := fmt.Sprintf("[%d]", k), fmt.Sprintf("第%d份督办单", k+1)
	var own forms.Errors
	for _, e := range list {
		if !strings.HasPrefix(e.Path, prefix) {
			return err // not the current order's: already named by the source
		}
		c := *e
		c.Path = strings.TrimPrefix(strings.TrimPrefix(c.Path, prefix), ".")
		if c.Row == row {
			c.Row, c.Message = "", strings.TrimPrefix(c.Message, row)
		}
		own = append(own, &c)
	}
	return src.rename(man.current.Index-1, own)
}

// writeZip writes one DOCX per order into a zip.
func writeZip(ctx context.Context, w io.Writer, seq func(func(*forms.Supervision, error) bool), opts Options,
	man *Manifest, src Source, progress func(done, pages int)) error {
	zw := zip.NewWriter(w)
	var buf bytes.Buffer
	var stop error
	for o, err := range seq {
		if err != nil {
			stop = err
			break
		}
		buf.Reset()
		if err := docgen.Render(ctx, &buf, o, docgen.DOCX, opts.Render...); err != nil {
			var list forms.Errors
			if errors.As(err, &list) {
				return src.rename(man.current.Index-1, list)
			}
			return err
		}
		name := FileName(man.current.Index, o)
		if man.keep {
			man.Orders[len(man.Orders)-1].File = name
		}
		t, _ := o.Date.Time()
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: t.Add(12 * time.Hour)})
		if err != nil {
			return err
		}
		if _, err := fw.Write(buf.Bytes()); err != nil {
			return err
		}
		progress(man.printed, 0)
	}
	if stop != nil {
		return stop
	}
	return zw.Close()
}

// FileName is the name of order index (from 1) in a DOCX zip:
// "0001-湘潭经开区管委会-督办〔2026〕12号.docx", with what a file system
// refuses replaced.
func FileName(index int, o *forms.Supervision) string {
	name := fmt.Sprintf("%04d-%s", index, safeName(o.Target))
	if o.Number != "" {
		name += "-" + safeName(o.Number)
	}
	return name + ".docx"
}

// safeName makes text usable as a file name on Windows, macOS and Linux:
// no path separators, reserved or control characters, at most 60
// characters, no trailing dot or blank.
func safeName(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 60 {
			break
		}
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\\:*?"<>|`, r) {
			r = '_'
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimRight(b.String(), ". ")
}
