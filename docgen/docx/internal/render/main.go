// Command render writes every example of every form, filled and blank, as
// .docx files into a directory, for the conformance check
// (testdata/conformance.sh) until `zsdoc render` exists.
//
//	go run ./docgen/docx/internal/render DIR
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx/internal/sealpng"
	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: render DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dir string) error {
	ctx := context.Background()
	seal := sealpng.Make(300)
	write := func(name string, render func(w *bytes.Buffer) error) error {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
	}
	for _, info := range forms.All() {
		id := info.ID
		data, err := examples.Input(string(id))
		if err != nil {
			return err
		}
		f, err := forms.Parse(id, data)
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		variants := []struct {
			suffix string
			opts   []docgen.Option
		}{{"", nil}, {"-seal", []docgen.Option{docgen.WithSeal(seal)}}}
		if id == forms.SigningID {
			variants = append(variants, struct {
				suffix string
				opts   []docgen.Option
			}{"-a4", []docgen.Option{docgen.WithPaper(layout.A4), docgen.WithSeal(seal)}})
		}
		for _, v := range variants {
			if err := write(string(id)+v.suffix+".docx", func(w *bytes.Buffer) error {
				return docgen.Render(ctx, w, f, docgen.DOCX, v.opts...)
			}); err != nil {
				return err
			}
		}
		if err := write(string(id)+"-blank.docx", func(w *bytes.Buffer) error {
			return docgen.RenderBlank(ctx, w, id, docgen.DOCX)
		}); err != nil {
			return err
		}
	}
	return nil
}
