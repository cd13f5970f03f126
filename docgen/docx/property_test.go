package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/layout/layouttest"
)

// Generated tables (random widths, texts, row and column spans, header
// rows): every cell's text is in document.xml exactly once, in its cell,
// with its spans written as gridSpan and vMerge, and header rows marked.
func TestTablesRandom(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 50
	}
	for i := range n {
		g := layouttest.Generate(rand.New(rand.NewPCG(uint64(i), 0xd0c)))
		if err := checkDOCX(t, g); err != nil {
			t.Fatalf("table %d: %v", i, err)
		}
	}
}

func checkDOCX(t *testing.T, g *layouttest.Table) error {
	var buf bytes.Buffer
	doc := &layout.Document{Sections: []layout.Section{g.Section}}
	if err := docx.Render(context.Background(), &buf, doc, docx.Options{}); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	tbls := documentXML(t, buf.Bytes()).all("w:tbl")
	if len(tbls) != 1 {
		return fmt.Errorf("%d tables in document.xml, want 1", len(tbls))
	}
	seen := map[string]int{}
	for r, row := range gridOf(t, tbls[0]) {
		tr := row[0].tc.parent
		isHeader := tr.path("w:trPr", "w:tblHeader") != nil
		for _, gc := range row {
			text := strings.ReplaceAll(gc.tc.plain(), "\n", "")
			if vmerge(gc.tc) == "continue" {
				if text != "" {
					return fmt.Errorf("row %d col %d: merged continuation holds %q", r, gc.col, text)
				}
				continue
			}
			src := fmt.Sprintf("r%dc%d", r, gc.col)
			want, ok := g.Cells[src]
			if !ok {
				return fmt.Errorf("row %d col %d: a cell the table does not have (%q)", r, gc.col, text)
			}
			seen[src]++
			if text != want.Text {
				return fmt.Errorf("cell %s holds %q, want %q", src, text, want.Text)
			}
			span := 1
			if gs := gc.tc.path("w:tcPr", "w:gridSpan"); gs != nil {
				span = atoi(t, gs, "w:val")
			}
			if span != want.Cols {
				return fmt.Errorf("cell %s spans %d columns, want %d", src, span, want.Cols)
			}
			if (want.Rows > 1) != (vmerge(gc.tc) == "restart") {
				return fmt.Errorf("cell %s: vMerge %q for %d rows", src, vmerge(gc.tc), want.Rows)
			}
			if isHeader != want.Header {
				return fmt.Errorf("cell %s: header row %v, want %v", src, isHeader, want.Header)
			}
		}
	}
	for src := range g.Cells {
		if seen[src] != 1 {
			return fmt.Errorf("cell %s appears %d times", src, seen[src])
		}
	}
	return nil
}

// documentXML parses word/document.xml alone (unzip parses every part).
func documentXML(t *testing.T, data []byte) *node {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return parseXML(t, "word/document.xml", b)
}
