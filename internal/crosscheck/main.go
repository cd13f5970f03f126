// Command crosscheck prints fingerprints of zsdoc's layout arithmetic: the
// exact positions (every float's bits) of everything pdf.Layout places for
// generated tables, and the bytes of their DOCX. CI runs it on amd64, on
// amd64 built with GOAMD64=v3, and under qemu on arm64 and loong64: the
// lines must be identical, or a platform computes a line break, a row
// height or a twip differently (a fused multiply-add, say).
//
//	go run ./internal/crosscheck [-n 300]
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"os"

	"github.com/zsdoc/zsdoc/docgen/docx"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/docgen/layout/layouttest"
	"github.com/zsdoc/zsdoc/docgen/pdf"
	"github.com/zsdoc/zsdoc/fonts"
)

func main() {
	n := flag.Int("n", 300, "how many generated tables")
	flag.Parse()
	if err := run(*n); err != nil {
		fmt.Fprintln(os.Stderr, "crosscheck:", err)
		os.Exit(1)
	}
}

func run(n int) error {
	set, err := fonts.Default()
	if err != nil {
		return err
	}
	pdfSum, docxSum := sha256.New(), sha256.New()
	for i := range n {
		g := layouttest.Generate(rand.New(rand.NewPCG(uint64(i), 0xa2c4)))
		doc := &layout.Document{Sections: []layout.Section{g.Section}}
		pages, err := pdf.Layout(context.Background(), doc, set)
		if err != nil {
			fmt.Fprintf(pdfSum, "table %d: %v\n", i, err) // a refusal must be the same everywhere too
		}
		for _, pg := range pages {
			writePage(pdfSum, pg)
		}
		var buf bytes.Buffer
		if err := docx.Render(context.Background(), &buf, doc, docx.Options{}); err != nil {
			return fmt.Errorf("table %d: docx: %w", i, err)
		}
		docxSum.Write(buf.Bytes())
	}
	fmt.Printf("pdf layout of %d tables: %x\n", n, pdfSum.Sum(nil))
	fmt.Printf("docx of %d tables:       %x\n", n, docxSum.Sum(nil))
	return nil
}

// writePage hashes everything placed on a page, floats by their bits.
func writePage(h hash.Hash, pg *pdf.Page) {
	f := func(xs ...float64) {
		for _, x := range xs {
			h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(x)))
		}
	}
	f(pg.Width, pg.Height, float64(pg.Number))
	for _, t := range pg.Texts {
		f(t.X, t.Baseline, t.Size, t.CharSpacing, t.Width, t.Box.X, t.Box.Y, t.Box.W, t.Box.H)
		h.Write([]byte(t.Text))
	}
	for _, l := range pg.Lines {
		f(l.X1, l.Y1, l.X2, l.Y2, l.Width)
	}
	for _, c := range pg.Cells {
		f(c.Box.X, c.Box.Y, c.Box.W, c.Box.H)
	}
}
