// Package batch prints batches of 督办单 (附件6): thousands of orders from
// a JSON array, a CSV file or an Excel workbook into one print-ready PDF,
// in input order, each order with its own seal — or a zip of one Word
// document per order. The CLI (zsdoc batch) and the HTTP service
// (POST /v1/supervision/batch) are this package.
//
// A batch is checked before anything is printed: Check reads every order
// once, keeping none, and reports every invalid one (Report); Print then
// reads the input again and prints. An input that cannot be read twice
// (a pipe) is printed by Print alone, which stops at the first invalid
// order. Memory does not grow with the batch: the orders are read, laid
// out and written one at a time.
package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// Options are the settings of a batch.
type Options struct {
	// Format is docgen.PDF (one file) or docgen.DOCX (a zip of one
	// document per order); "" is PDF.
	Format docgen.Format
	// Render are the options of every order's rendering: the seal store
	// (docgen.WithSeals), one seal for all (docgen.WithSeal), fonts,
	// docgen.WithDuplex.
	Render []docgen.Option
	// SealID is the seal of the orders that name none ("" for none).
	SealID string
	// SkipInvalid prints the valid orders of a checked batch and skips
	// the invalid ones (Report lists them); otherwise one invalid order
	// stops the batch.
	SkipInvalid bool
	// Encoding and Sheet read a spreadsheet: the CSV's encoding ("" to
	// detect, "utf-8", "gb18030") and the workbook's sheet ("" the first).
	Encoding, Sheet string
	// Progress, when set, is told of every order printed: how many, of
	// how many (0 when unchecked), and the pages so far (0 for DOCX).
	Progress func(done, total, pages int)
}

func (o *Options) format() docgen.Format {
	if o.Format == "" {
		return docgen.PDF
	}
	return o.Format
}

// FormatError is a batch asked for in a format it is not printed in.
type FormatError struct{ Format docgen.Format }

func (e *FormatError) Error() string {
	return fmt.Sprintf("批量打印不支持格式“%s”：应为 pdf（一个文件）或 docx（ZIP，每份一个 Word 文件）", e.Format)
}

// checkFormat refuses the formats a batch is not printed in (XLSX: a
// workbook of thousands of sheets helps no one; one order exports alone).
func (o *Options) checkFormat() error {
	if f := o.format(); f != docgen.PDF && f != docgen.DOCX {
		return &FormatError{f}
	}
	return nil
}

// Report is what Check found.
type Report struct {
	// Orders is how many orders the input holds.
	Orders int
	// Problems are the invalid orders' problems, in input order, at most
	// forms.MaxErrors of them; More counts the rest.
	Problems forms.Errors
	More     int
	// Invalid are the places (from 0) of the invalid orders.
	Invalid map[int]bool
	// Seals are the seal ids the valid orders name (SealID given to those
	// that name none), each once, in order: what a server checks against
	// a client's grants before printing.
	Seals []string
}

// Err returns the problems as forms.Errors (a "truncated" error last when
// some were left out), or nil for a batch without problems.
func (r *Report) Err() error {
	if len(r.Problems) == 0 {
		return nil
	}
	list := append(forms.Errors(nil), r.Problems...)
	if r.More > 0 {
		list = append(list, &forms.FieldError{Rule: "truncated", Message: fmt.Sprintf("…还有 %d 处错误未列出", r.More)})
	}
	return list
}

func (r *Report) add(index int, errs forms.Errors) {
	if r.Invalid == nil {
		r.Invalid = map[int]bool{}
	}
	r.Invalid[index] = true
	for _, fe := range errs {
		if len(r.Problems) < forms.MaxErrors {
			r.Problems = append(r.Problems, fe)
		} else {
			r.More++
		}
	}
}

// errEmpty is the problem of a batch without orders.
var errEmpty = forms.Errors{{Rule: "required", Label: "督办单", Message: "【督办单】不能为空，至少填写1份"}}

// Check reads every order of in once, keeping none, and reports the
// invalid ones: their problems, the seal ids no seal answers and, for a
// PDF, the characters no font has (docgen.CheckPrintable: no pages are
// laid out), so that Print, once it began, does not fail on the input. An error is an input that cannot be
// read at all (malformed JSON, a spreadsheet without the header row): a
// forms.Errors, or a read error.
func Check(ctx context.Context, in io.Reader, opts Options) (*Report, error) {
	if err := opts.checkFormat(); err != nil {
		return nil, err
	}
	src, err := Open(in, opts)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	rep := &Report{}
	seen := map[string]bool{}
	for i := 0; ; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		o, err := src.Next()
		if err == io.EOF {
			break
		}
		rep.Orders = i + 1
		var oe *forms.OrderError
		switch {
		case errors.As(err, &oe):
			rep.add(oe.Index, oe.Errors)
			continue
		case err != nil:
			return nil, err
		}
		withSealID(o, opts.SealID)
		check := func() error { return docgen.Check(ctx, o, docgen.DOCX, opts.Render...) }
		if opts.format() == docgen.PDF {
			// The characters too: nothing stops the print once it began.
			check = func() error { return docgen.CheckPrintable(ctx, o, opts.Render...) }
		}
		if err := check(); err != nil {
			var list forms.Errors
			if !errors.As(err, &list) {
				return nil, err
			}
			rep.add(i, src.rename(i, list))
			continue
		}
		if o.Seal != "" && !seen[o.Seal] {
			seen[o.Seal] = true
			rep.Seals = append(rep.Seals, o.Seal)
		}
	}
	if rep.Orders == 0 {
		return nil, errEmpty
	}
	return rep, nil
}

// withSealID gives an order that names no seal the default one.
func withSealID(o *forms.Supervision, id string) {
	if o.Seal == "" {
		o.Seal = id
	}
}

// orders yields the orders of src to print: with a report, the valid
// ones; without, each as it comes, the first invalid one ending the
// sequence with its problems.
func orders(src Source, opts Options, rep *Report, man *Manifest) iter.Seq2[*forms.Supervision, error] {
	return func(yield func(*forms.Supervision, error) bool) {
		for i := 0; ; i++ {
			o, err := src.Next()
			if err == io.EOF {
				return
			}
			var oe *forms.OrderError
			if errors.As(err, &oe) && rep != nil {
				continue // reported by Check; skipped with SkipInvalid
			}
			if err != nil {
				if oe != nil {
					err = oe.Errors
				}
				yield(nil, err)
				return
			}
			if rep != nil && rep.Invalid[i] {
				continue
			}
			withSealID(o, opts.SealID)
			man.add(i, o)
			if !yield(o, nil) {
				return
			}
		}
	}
}
