package docgen

import (
	"context"
	"io"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
	"github.com/zsdoc/zsdoc/forms"
)

// onePageSigning is a 附件4 with 11 projects whose texts are short enough
// for one A3 page: the benchmark case of the PDF and DOCX issues.
func onePageSigning(tb testing.TB) *forms.Signing {
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

// 附件4, 11 projects, one A3 page (target ≤ 12 ms, ≤ 12 MB per document).
func BenchmarkPDFSigning11(b *testing.B) { benchRender(b, onePageSigning(b), PDF, 1) }

// 附件6, one order (target ≤ 6 ms).
func BenchmarkPDFSupervision(b *testing.B) {
	benchRender(b, parseExample(b, forms.SupervisionID), PDF, 1)
}

// The examples as shipped: 附件4 with 11 wordier projects takes two pages.
func BenchmarkPDFSigningExample(b *testing.B) {
	benchRender(b, parseExample(b, forms.SigningID), PDF, 2)
}

func BenchmarkPDFTaskList(b *testing.B) { benchRender(b, parseExample(b, forms.TaskListID), PDF, 1) }
