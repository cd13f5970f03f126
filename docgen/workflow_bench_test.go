package docgen

import (
	"context"
	"io"
	"testing"

	"github.com/zsdoc/zsdoc/workflow"
)

// Rendering the workflow diagram (附件1), annotated with a stage
// highlighted, in each format.
func BenchmarkWorkflow(b *testing.B) {
	for _, f := range []Format{PDF, DOCX} {
		b.Run(string(f), func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				if err := RenderBlank(ctx, io.Discard, workflow.ID, f, WithAnnotate(), WithStage("项目签约")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("place", func(b *testing.B) {
		m := testMeasure(b)
		page := supervisionPage()
		for b.Loop() {
			if _, err := placeWorkflow(workflow.Default(), wfOptions{annotate: true, stage: 4}, page.ContentWidth(), page.ContentHeight(), m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
