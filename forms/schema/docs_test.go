package schema

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

var update = flag.Bool("update", false, "rewrite "+DocsPath+" from the Go types")

// docsFile is DocsPath from this package's directory.
var docsFile = filepath.Join("..", "..", DocsPath)

// TestDocs fails when docs/forms.md is not what Markdown makes of the
// current Go types; -update rewrites it.
func TestDocs(t *testing.T) {
	want := Markdown()
	if *update {
		if err := os.WriteFile(docsFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatalf("%v; generate it with: go test ./forms/schema -run TestDocs -update", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: the Go types of package forms changed since it was generated. Regenerate it with:\n"+
			"\tgo test ./forms/schema -run TestDocs -update\n(first difference at line %d)", DocsPath, firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) int {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

// The reference has a section per form and a row per key, with the
// labels, codes and examples.
func TestMarkdown(t *testing.T) {
	md := string(Markdown())
	for _, in := range forms.All() {
		if !strings.Contains(md, "## "+in.Attachment+" "+in.Title+" — `"+string(in.ID)+"`") {
			t.Errorf("no section for %s", in.ID)
		}
		for _, f := range Fields(in.ID) {
			if !strings.Contains(md, "| `"+f.Path+"` | "+f.Label+" |") {
				t.Errorf("%s: no row for %s", in.ID, f.Path)
			}
		}
	}
	for _, s := range []string{"A类—工业制造业", "`\"湘潭经开区管委会\"`", "conventions.md", "DO NOT EDIT", `{"orders": [{…}, …]}`} {
		if !strings.Contains(md, s) {
			t.Errorf("the reference lacks %q", s)
		}
	}
	if strings.Contains(md, "\t") {
		t.Error("the reference holds a tab")
	}
}

// docs/conventions.md is written by hand: the limits and lists it quotes
// must still be the code's.
func TestConventions(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "docs", "conventions.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(string(text)), " ")
	want := []string{
		fmt.Sprintf("at most %d rows", forms.MaxRows),
		fmt.Sprintf("%d projects in all", forms.MaxProjects),
		fmt.Sprintf("%d orders in a batch", forms.MaxOrders),
		fmt.Sprintf("At most %d errors", forms.MaxErrors),
		fmt.Sprintf("亿元 is at most %d", forms.MaxYiYuan),
		fmt.Sprintf("万元 at most %d", forms.MaxWanYuan),
		fmt.Sprintf("at most %d characters long", forms.MaxAmountChars),
		fmt.Sprintf("from %s to %s", forms.FirstDate, forms.LastDate),
		fmt.Sprintf("at most %d MiB", forms.DefaultInputLimit>>20),
		"default " + forms.DefaultCity,
		"[`forms.md`](forms.md)",
		"go test ./forms/schema -run TestDocs -update",
	}
	for _, id := range formIDs() {
		for _, f := range Fields(id) {
			if f.Multiline {
				want = append(want, "(`"+f.Path[strings.LastIndex(f.Path, ".")+1:]+"`)")
			}
		}
	}
	for _, s := range want {
		if !strings.Contains(doc, s) {
			t.Errorf("docs/conventions.md does not say %q", s)
		}
	}
	// The separators allowed between a code and its name.
	_, line, _ := strings.Cut(doc, "Any of `")
	line, _, _ = strings.Cut(line, "`")
	for _, r := range codeSeparators {
		if r != ' ' && r != '\t' && !strings.ContainsRune(line, r) {
			t.Errorf("docs/conventions.md omits the code separator %q", r)
		}
	}
}
