package docgen

import (
	"context"
	"fmt"
	"io"
	"iter"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// RenderBatch writes a batch of 督办单 (附件6), one section per order, in
// the order the sequence yields them, as one document. Orders are
// validated, laid out and written one at a time, so a PDF of 10,000 orders
// needs about the memory of one (plus the fonts' glyph sets): the sequence
// can read them from a file as the document is written. An invalid order
// stops the batch with its forms.Errors, naming it ("第3份督办单"); what
// was written before it is incomplete. The first error the sequence yields
// stops the batch too. DOCX collects the sections before writing.
func RenderBatch(ctx context.Context, w io.Writer, orders iter.Seq2[*forms.Supervision, error], format Format, opts ...Option) (err error) {
	defer recoverInternal(&err)
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	b, ok := backends[format]
	if !ok {
		_, err := ParseFormat(string(format))
		return &OptionError{err.Error()}
	}
	doc, err := supervisionDocument(c, true)
	if err != nil {
		return err
	}
	// The first order dates the document (its metadata is written first).
	next, done := iter.Pull2(orders)
	defer done()
	first, ferr, more := next()
	if more && ferr == nil && first != nil && c.created == nil {
		doc.Created = c.creationDate(first)
	}
	var stop error
	sections := func(yield func(*layout.Section) bool) {
		i := 0
		for o, err, ok := first, ferr, more; ok; o, err, ok = next() {
			if err != nil {
				stop = err
				return
			}
			if o == nil {
				stop = fmt.Errorf("docgen: order %d is nil", i+1)
				return
			}
			if err := forms.Validate(&forms.SupervisionBatch{*o}); err != nil {
				stop = renumber(err, i)
				return
			}
			prefix, row := orderPlace(i)
			sec, err := composeOrder(o, c, prefix, row)
			if err != nil {
				stop = err
				return
			}
			i++
			if !yield(&sec) {
				return
			}
		}
		if i == 0 {
			stop = forms.Errors{{Rule: "required", Label: "督办单", Message: "【督办单】不能为空，至少填写1份"}}
		}
	}
	err = b.stream(ctx, w, doc, sections, c)
	if stop != nil {
		return stop
	}
	return err
}

// renumber makes the errors of an order validated alone name its place in
// the batch: "[0].target" → "[i].target", "第1份督办单" → "第i+1份督办单".
func renumber(err error, i int) error {
	list, ok := err.(forms.Errors)
	if !ok {
		return err
	}
	out := make(forms.Errors, len(list))
	for k, e := range list {
		c := *e
		old, now := "第1份督办单", fmt.Sprintf("第%d份督办单", i+1)
		if len(c.Path) >= 3 && c.Path[:3] == "[0]" {
			c.Path = fmt.Sprintf("[%d]", i) + c.Path[3:]
		}
		if c.Row == old {
			c.Row = now
			if len(c.Message) >= len(old) && c.Message[:len(old)] == old {
				c.Message = now + c.Message[len(old):]
			}
		}
		out[k] = &c
	}
	return out
}
