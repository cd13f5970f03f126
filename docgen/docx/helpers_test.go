package docx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/docgen/docx/internal/sealpng"
	"github.com/zsdoc/zsdoc/examples"
	"github.com/zsdoc/zsdoc/forms"
)

// prefixes maps the namespaces the writer uses to the prefixes the tests
// name elements by, whatever prefixes a file declares.
var prefixes = map[string]string{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main":              "w",
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships":       "r",
	"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":    "wp",
	"http://schemas.openxmlformats.org/drawingml/2006/main":                     "a",
	"http://schemas.openxmlformats.org/drawingml/2006/picture":                  "pic",
	"http://schemas.openxmlformats.org/package/2006/content-types":              "ct",
	"http://schemas.openxmlformats.org/package/2006/relationships":              "rel",
	"http://schemas.openxmlformats.org/package/2006/metadata/core-properties":   "cp",
	"http://purl.org/dc/elements/1.1/":                                          "dc",
	"http://www.w3.org/XML/1998/namespace":                                      "xml",
	"http://purl.org/dc/terms/":                                                 "dcterms",
	"http://www.w3.org/2001/XMLSchema-instance":                                 "xsi",
	"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "ep",
}

// node is a parsed XML element.
type node struct {
	name     string // "w:p"
	attrs    map[string]string
	children []*node
	text     string // character data directly inside
	parent   *node
}

// qname names an element or attribute by the tests' prefixes.
func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	if p, ok := prefixes[n.Space]; ok {
		return p + ":" + n.Local
	}
	return "{" + n.Space + "}" + n.Local
}

// parseXML parses a part into a tree; a part that is not well-formed fails
// the test.
func parseXML(t testing.TB, name string, data []byte) *node {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{name: "#root"}
	cur := root
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: not well-formed XML: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{name: qname(tok.Name), attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				n.attrs[qname(a.Name)] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			cur.text += string(tok)
		}
	}
	if len(root.children) != 1 {
		t.Fatalf("%s: %d root elements", name, len(root.children))
	}
	return root.children[0]
}

// all returns the elements named name in the subtree, in document order.
func (n *node) all(name string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		for _, c := range m.children {
			if c.name == name {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

// child returns the first direct child named name, or nil.
func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// kids returns the direct children named name.
func (n *node) kids(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// path follows direct children by name; nil when one is missing.
func (n *node) path(names ...string) *node {
	for _, name := range names {
		if n == nil {
			return nil
		}
		n = n.child(name)
	}
	return n
}

// plain returns the text of a paragraph or any subtree: w:t as is, w:tab as
// a tab, paragraphs separated by newlines.
func (n *node) plain() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		switch m.name {
		case "w:t":
			// Word joiners (a NoBreak span's glue) print nothing.
			b.WriteString(strings.ReplaceAll(m.text, "\u2060", ""))
			return
		case "w:tab":
			if m.parent != nil && m.parent.name == "w:r" {
				b.WriteString("\t")
			}
			return
		case "w:br":
			b.WriteString("\n")
			return
		}
		for _, c := range m.children {
			walk(c)
		}
		if m.name == "w:p" {
			b.WriteString("\n")
		}
	}
	walk(n)
	return b.String()
}

// pkg is an unzipped .docx.
type pkg struct {
	order []string
	files map[string][]byte
	trees map[string]*node
}

// unzip opens a .docx and parses every XML part.
func unzip(t testing.TB, data []byte) *pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := &pkg{files: map[string][]byte{}, trees: map[string]*node{}}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.order = append(p.order, f.Name)
		p.files[f.Name] = b
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			p.trees[f.Name] = parseXML(t, f.Name, b)
		}
	}
	return p
}

// doc returns word/document.xml's tree.
func (p *pkg) doc(t testing.TB) *node {
	t.Helper()
	n := p.trees["word/document.xml"]
	if n == nil {
		t.Fatal("no word/document.xml")
	}
	return n
}

// testSeal is a stand-in seal image.
var testSeal = sealpng.Make(200)

// parseExample parses the example input of form id.
func parseExample(t testing.TB, id forms.ID) forms.Form {
	t.Helper()
	data, err := examples.Input(string(id))
	if err != nil {
		t.Fatal(err)
	}
	f, err := forms.Parse(id, data)
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return f
}

// renderExample renders the example of form id as DOCX.
func renderExample(t testing.TB, id forms.ID, opts ...docgen.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docgen.Render(context.Background(), &buf, parseExample(t, id), docgen.DOCX, opts...); err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	return buf.Bytes()
}

// renderBlank renders the blank form id as DOCX.
func renderBlank(t testing.TB, id forms.ID, opts ...docgen.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docgen.RenderBlank(context.Background(), &buf, id, docgen.DOCX, opts...); err != nil {
		t.Fatalf("%s blank: %v", id, err)
	}
	return buf.Bytes()
}

// variant is one rendering the tests check.
type variant struct {
	name string
	data func(t testing.TB) []byte
}

// variants are every example of every form, filled and blank, 附件4 on A4
// and every form with a seal.
func variants() []variant {
	var out []variant
	for _, info := range forms.All() {
		id := info.ID
		out = append(out,
			variant{string(id), func(t testing.TB) []byte { return renderExample(t, id) }},
			variant{string(id) + "-seal", func(t testing.TB) []byte { return renderExample(t, id, docgen.WithSeal(testSeal)) }},
			variant{string(id) + "-blank", func(t testing.TB) []byte { return renderBlank(t, id) }},
		)
	}
	return append(out,
		variant{"signing-a4", func(t testing.TB) []byte {
			return renderExample(t, forms.SigningID, docgen.WithPaper(docgen.A4), docgen.WithSeal(testSeal))
		}},
		variant{"signing-a4-blank", func(t testing.TB) []byte {
			return renderBlank(t, forms.SigningID, docgen.WithPaper(docgen.A4))
		}},
	)
}

// exampleJSON returns the example input of form id.
func exampleJSON(t testing.TB, id forms.ID) string {
	t.Helper()
	data, err := examples.Input(string(id))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// render renders a parsed form as DOCX.
func render(t testing.TB, f forms.Form, opts ...docgen.Option) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docgen.Render(context.Background(), &buf, f, docgen.DOCX, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
