package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/fonts"
)

// countingCtx is cancelled from its (after+1)-th Err call on. Layout and
// drawing ask once per page, so the calls count the pages begun: the test
// measures work done after the cancellation, not time.
type countingCtx struct {
	context.Context
	after, calls int
}

func (c *countingCtx) Err() error {
	c.calls++
	if c.calls > c.after {
		return context.Canceled
	}
	return nil
}

func (c *countingCtx) Done() <-chan struct{} { return nil }

func (c *countingCtx) Deadline() (time.Time, bool) { return time.Time{}, false }

// longTable is a section of a 3,000-row table (some 100 pages).
func longTable() *layout.Document {
	tb := &layout.Table{Columns: []layout.Length{60, 300}, Padding: layout.Insets{Top: 2, Bottom: 2, Left: 3, Right: 3},
		Border: 0.5, Rows: []layout.Row{{Header: true, Cells: []layout.Cell{cell("序号", "h"), cell("内容", "h")}}}}
	for i := range 3000 {
		tb.Rows = append(tb.Rows, layout.Row{Cells: []layout.Cell{cell(fmt.Sprint(i+1), "n"), cell("湘潭经开区项目进展情况", "t")}})
	}
	return &layout.Document{Sections: []layout.Section{{Page: page(), Blocks: []layout.Block{tb}}}}
}

// Cancelling stops layout and drawing within a page of the cancellation.
func TestCancelStopsWithinAPage(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	doc := longTable()
	pages, err := Layout(context.Background(), doc, set)
	if err != nil {
		t.Fatal(err)
	}
	n := len(pages)
	if n < 50 {
		t.Fatalf("the test table has %d pages, want many", n)
	}
	for _, after := range []int{0, 1, 5, n / 2, n + 3, n + n/2} {
		ctx := &countingCtx{Context: context.Background(), after: after}
		err := Render(ctx, io.Discard, doc, set)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled after %d of %d+%d pages: err %v, want context.Canceled", after, n, n, err)
		}
		if ctx.calls > after+2 {
			t.Errorf("cancelled after %d page checks: %d more pages begun", after, ctx.calls-after-1)
		}
	}
}

// A section longer than MaxPages is refused as soon as page MaxPages+1
// would begin: the work of any input is bounded.
func TestMaxPages(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	sec := layout.Section{Page: page()}
	for range MaxPages + 1 { // each empty paragraph fills a page
		sec.Blocks = append(sec.Blocks, &layout.Paragraph{Font: body, LineHeight: sec.Page.ContentHeight()})
	}
	doc := &layout.Document{Sections: []layout.Section{sec}}
	var pe *PagesError
	if _, err := Layout(context.Background(), doc, set); !errors.As(err, &pe) || pe.Pages != MaxPages {
		t.Fatalf("%d pages: err %v, want a PagesError", MaxPages+1, err)
	}
	sec.Blocks = sec.Blocks[:MaxPages]
	doc.Sections[0] = sec
	pages, err := Layout(context.Background(), doc, set)
	if err != nil || len(pages) != MaxPages {
		t.Fatalf("%d pages: %d laid out, err %v", MaxPages, len(pages), err)
	}
}

// The limit is per section: a batch of more one-page 督办单 than MaxPages
// is fine (sections are written one at a time).
func TestMaxPagesPerSection(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	sec := layout.Section{Page: page(), Blocks: []layout.Block{&layout.Paragraph{Font: body, LineHeight: 10}}}
	doc := &layout.Document{}
	for range MaxPages + 1 {
		doc.Sections = append(doc.Sections, sec)
	}
	if n, err := Measure(context.Background(), doc, set); err != nil || n != MaxPages+1 {
		t.Fatalf("%d one-page sections: %d pages, err %v", MaxPages+1, n, err)
	}
}

// countingMemo is a layout.Memo that counts the values it builds.
type countingMemo struct {
	mu    sync.Mutex
	m     map[string]any
	built int
}

func (c *countingMemo) Get(key string, build func() (any, error)) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.m[key]; ok {
		return v, nil
	}
	v, err := build()
	if err == nil {
		if c.m == nil {
			c.m = map[string]any{}
		}
		c.m[key] = v
		c.built++
	}
	return v, err
}

// An image with a Memo is encoded once for any number of documents, and
// the documents are the same as without it.
func TestImageMemoEncodesOnce(t *testing.T) {
	set, err := fonts.Default()
	if err != nil {
		t.Fatal(err)
	}
	memo := &countingMemo{}
	doc := func(m layout.Memo) *layout.Document {
		return &layout.Document{Sections: []layout.Section{{Page: layout.Page{Size: layout.A4()},
			Blocks: []layout.Block{&layout.Paragraph{Spans: []layout.Span{{Text: "盖章处", Anchor: "seal"}}, Font: layout.Font{Size: 12}}},
			Images: []layout.Image{{PNG: testPNG(t), Width: 100, Height: 100, Anchor: "seal", Memo: m}}}}}
	}
	var plain bytes.Buffer
	if err := Render(t.Context(), &plain, doc(nil), set); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		var out bytes.Buffer
		if err := Render(t.Context(), &out, doc(memo), set); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), plain.Bytes()) {
			t.Fatal("a document with the memo differs from one without")
		}
	}
	if memo.built != 1 {
		t.Errorf("encoded %d times for 3 documents", memo.built)
	}
}

// testPNG is a small RGBA image with transparency.
func testPNG(t *testing.T) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, 40, 40))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
