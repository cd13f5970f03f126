package docgen

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/forms"
)

// The PDF's creation date is the form's date (or the option's), never the
// clock: the same input gives the same bytes, in another second too.
func TestPDFCreationDateFromForm(t *testing.T) {
	f := parseExample(t, forms.SigningID)
	render := func(opts ...Option) []byte {
		var buf bytes.Buffer
		if err := Render(context.Background(), &buf, f, PDF, opts...); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a := render()
	if !bytes.Contains(a, []byte("(D:20261126000000+08'00')")) {
		t.Errorf("the creation date is not the form's date 2026-11-26")
	}
	fixed := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	if b := render(WithCreationDate(fixed)); !bytes.Contains(b, []byte("(D:20010203040506")) {
		t.Errorf("WithCreationDate is not written")
	}
	var blank bytes.Buffer
	if err := RenderBlank(context.Background(), &blank, forms.SigningID, PDF); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(blank.Bytes(), []byte("/CreationDate")) {
		t.Errorf("a blank form has a creation date")
	}
	var docx bytes.Buffer
	if err := Render(context.Background(), &docx, f, DOCX, WithCreationDate(fixed)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(unzipPart(t, docx.Bytes(), "docProps/core.xml"), "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2001-02-03T04:05:06Z</dcterms:created>") {
		t.Errorf("the DOCX lacks its creation date")
	}
}

// unzipPart returns one part of a .docx.
func unzipPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
