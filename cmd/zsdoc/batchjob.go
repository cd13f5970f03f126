package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// batchJob prints one batch.
type batchJob struct {
	flags    batchFlags
	format   docgen.Format
	opts     []docgen.Option
	src      orderSource
	e        env
	progress *progress
	checked  bool            // every order was checked before printing
	total    int             // orders in the input (when checked)
	bad      problems        // invalid orders (when checked)
	manifest []manifestEntry // with --manifest: every printed order
	current  manifestEntry   // the order being printed
	printed  int             // orders printed
}

// manifestEntry is one printed order in the --manifest file.
type manifestEntry struct {
	Index     int    `json:"index"` // the order's place in the input, from 1
	Number    string `json:"number"`
	Target    string `json:"target"`
	Seal      string `json:"seal"`
	FirstPage int    `json:"firstPage,omitempty"`
	LastPage  int    `json:"lastPage,omitempty"`
	File      string `json:"file,omitempty"` // in the DOCX zip
}

// withSealID gives an order that names no seal the --seal-id one.
func (j *batchJob) withSealID(o *forms.Supervision) {
	if o.Seal == "" {
		o.Seal = *j.flags.sealID
	}
}

// check reads every order once, keeping none, and lists the invalid ones:
// their problems, and the seal ids no seal answers. Without
// --skip-invalid, one invalid order stops the batch before any output.
func (j *batchJob) check(ctx context.Context) error {
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		o, err := j.src.next()
		if err == io.EOF {
			break
		}
		j.total = i + 1
		var oe *forms.OrderError
		switch {
		case errors.As(err, &oe):
			j.bad.add(oe.Index, oe.Errors)
			continue
		case err != nil:
			return reportInvalid(err, j.e)
		}
		j.withSealID(o)
		// The seal and what else the render would refuse, without laying
		// pages out (a character no font has stops the print instead).
		if err := docgen.Check(ctx, o, docgen.DOCX, j.opts...); err != nil {
			var list forms.Errors
			if !errors.As(err, &list) {
				return reportInvalid(err, j.e)
			}
			j.bad.add(i, renumberOrder(list, i, j.src))
		}
	}
	if j.total == 0 {
		return reportInvalid(forms.Errors{{Rule: "required", Label: "督办单", Message: "【督办单】不能为空，至少填写1份"}}, j.e)
	}
	j.checked = true
	if len(j.bad.invalid) > 0 {
		j.bad.print(j.e.stderr)
		if !*j.flags.skipInvalid {
			fmt.Fprintf(j.e.stderr, "共 %d 份督办单，%d 份不合规，未生成文件（--skip-invalid 可只生成合规的）\n", j.total, len(j.bad.invalid))
			return &exitError{exitInvalid, errSilent}
		}
	}
	return j.src.rewind()
}

// orders yields the orders to print, in input order: from a checked file
// the valid ones; from a stream each as it comes, the first invalid one
// stopping the batch.
func (j *batchJob) orders(stop *error) iter.Seq2[*forms.Supervision, error] {
	return func(yield func(*forms.Supervision, error) bool) {
		for i := 0; ; i++ {
			o, err := j.src.next()
			if err == io.EOF {
				return
			}
			var oe *forms.OrderError
			if errors.As(err, &oe) && j.checked {
				continue // listed already; skipped with --skip-invalid
			}
			if err != nil {
				*stop = err
				yield(nil, err)
				return
			}
			if j.bad.invalid[i] {
				continue
			}
			j.withSealID(o)
			j.current = manifestEntry{Index: i + 1, Number: o.Number, Target: o.Target, Seal: o.Seal}
			if *j.flags.manifest != "" { // kept only when asked for: memory must not grow with the batch
				j.manifest = append(j.manifest, j.current)
			}
			j.printed++
			if !yield(o, nil) {
				return
			}
		}
	}
}

// run prints the batch to --out, then writes the manifest.
func (j *batchJob) run(ctx context.Context) error {
	var stop error
	write := func(w io.Writer) error {
		if j.format == docgen.DOCX {
			return j.writeZip(ctx, w, &stop)
		}
		opts := append(j.opts, docgen.WithPageRanges(func(k, first, last int) {
			if k < len(j.manifest) {
				j.manifest[k].FirstPage, j.manifest[k].LastPage = first, last
			}
			j.progress.update(k+1, j.total, last)
		}))
		return docgen.RenderBatch(ctx, w, j.orders(&stop), docgen.PDF, opts...)
	}
	err := writeOutputFunc(*j.flags.out, write, j.e)
	j.progress.done()
	if err != nil {
		var oe *forms.OrderError
		if errors.As(err, &oe) {
			err = oe.Errors
		}
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("已中断，未生成文件")
		}
		return reportInvalid(err, j.e)
	}
	if *j.flags.manifest != "" {
		data, merr := json.MarshalIndent(j.manifest, "", "  ")
		if merr != nil {
			return merr
		}
		if err := writeOutput(*j.flags.manifest, append(data, '\n'), j.e); err != nil {
			return err
		}
	}
	if len(j.bad.invalid) > 0 { // --skip-invalid skipped some
		fmt.Fprintf(j.e.stderr, "已跳过 %d 份不合规的督办单，生成了其余 %d 份\n", len(j.bad.invalid), j.printed)
		return &exitError{exitInvalid, errSilent}
	}
	return nil
}

// writeZip writes one DOCX per order into a zip, named
// "0001-<督办单位>-<编号>.docx" in input order.
func (j *batchJob) writeZip(ctx context.Context, w io.Writer, stop *error) error {
	zw := zip.NewWriter(w)
	var buf bytes.Buffer
	k := 0
	for o, err := range j.orders(stop) {
		if err != nil {
			return err
		}
		buf.Reset()
		if err := docgen.Render(ctx, &buf, o, docgen.DOCX, j.opts...); err != nil {
			return renumberOrder(asList(err), j.current.Index-1, j.src)
		}
		name := docxName(j.current.Index, o)
		if k < len(j.manifest) {
			j.manifest[k].File = name
		}
		t, _ := o.Date.Time()
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: t.Add(12 * time.Hour)})
		if err != nil {
			return err
		}
		if _, err := fw.Write(buf.Bytes()); err != nil {
			return err
		}
		k++
		j.progress.update(k, j.total, 0)
	}
	if *stop != nil {
		return *stop
	}
	return zw.Close()
}

// asList returns err's forms.Errors, or err itself.
func asList(err error) error {
	var list forms.Errors
	if errors.As(err, &list) {
		return list
	}
	return err
}

// docxName is the file name of order index (from 1) in the DOCX zip:
// "0001-湘潭经开区管委会-督办〔2026〕12号.docx", with what a file system
// refuses replaced.
func docxName(index int, o *forms.Supervision) string {
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
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			r = '_'
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimRight(b.String(), ". ")
}
