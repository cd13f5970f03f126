package docgen

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// shortSigning is a 附件4 with 11 projects with short texts. It still takes
// two A3 pages: every project row holds at least three lines (the progress
// text, 工商注册名称：…, and 统一社会信用代码：…, each on a line of its own
// since the widths follow the content), and 11 such rows, the header and
// the six-line legend need more than a page.
func shortSigning(tb testing.TB) *forms.Signing {
	f := parseExample(tb, forms.SigningID).(*forms.Signing)
	for i := range f.Rows {
		for j := range f.Rows[i].Projects {
			p := &f.Rows[i].Projects[j]
			p.Overview = []string{"建设电驱动系统生产线及研发中心。", "建设区域冷链物流中心。", "建设光伏电站及储能设施。"}[(i+j)%3]
			p.Progress = []string{"已开工建设。", "已完成备案。", "设备进场安装。"}[(i+j)%3]
		}
	}
	return f
}

func benchRender(b *testing.B, f forms.Form, format Format, pages int) {
	ctx := context.Background()
	if format == PDF { // the case must be what it claims
		doc, err := Compose(f)
		if err != nil {
			b.Fatal(err)
		}
		set, _ := fonts.Default()
		got, err := pdf.Layout(ctx, doc, set)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != pages {
			b.Fatalf("the benchmark document has %d pages, want %d", len(got), pages)
		}
	}
	if err := Render(ctx, io.Discard, f, format); err != nil { // fonts are parsed once per process
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := Render(ctx, io.Discard, f, format); err != nil {
			b.Fatal(err)
		}
	}
}

// 附件4, 11 projects with short texts (target ≤ 12 ms, ≤ 12 MB per document).
func BenchmarkPDFSigning11(b *testing.B) { benchRender(b, shortSigning(b), PDF, 2) }

// 附件4 blank: one A3 page with 11 empty rows and the legend.
func BenchmarkPDFSigningBlank(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderBlank(ctx, io.Discard, forms.SigningID, PDF); err != nil {
			b.Fatal(err)
		}
	}
}

// 附件6, one order (target ≤ 6 ms).
func BenchmarkPDFSupervision(b *testing.B) {
	benchRender(b, parseExample(b, forms.SupervisionID), PDF, 1)
}

// The examples as shipped: 附件4 with 11 wordier projects takes two pages.
func BenchmarkPDFSigningExample(b *testing.B) {
	benchRender(b, parseExample(b, forms.SigningID), PDF, 2)
}

func BenchmarkPDFTaskList(b *testing.B) { benchRender(b, parseExample(b, forms.TaskListID), PDF, 1) }

// BenchmarkBatchStream renders 10,000 督办单 through RenderBatch to
// io.Discard, the orders generated as they are needed; run with
// -benchtime 1x under /usr/bin/time for the peak memory (flat: 50,000
// orders, BenchmarkBatchStream50000, must stay within 10% of it).
func BenchmarkBatchStream(b *testing.B)      { benchBatch(b, 10000) }
func BenchmarkBatchStream50000(b *testing.B) { benchBatch(b, 50000) }

func benchBatch(b *testing.B, n int) {
	b.ReportAllocs()
	for b.Loop() {
		if err := RenderBatch(context.Background(), io.Discard, orders(b, n, 0), PDF); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPDFSigningParallel renders 附件4 on every core at once, as a
// server does: compare its ns/op × cores with BenchmarkPDFSigningExample
// for the cost of concurrency (garbage collection, memory bandwidth).
func BenchmarkPDFSigningParallel(b *testing.B) {
	f := parseExample(b, forms.SigningID)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			buf.Reset()
			if err := Render(context.Background(), &buf, f, PDF); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheckPrintable is the check of one 督办单 before a batch prints.
func BenchmarkCheckPrintable(b *testing.B) {
	f := parseExample(b, forms.SupervisionID)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckPrintable(context.Background(), f); err != nil {
			b.Fatal(err)
		}
	}
}
