package docgen

import (
	"bytes"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// Each layer registers each form once, in the same order: forms its
// definition (forms.All, forms.New), docgen its layout. A form added to
// one registry and not the other fails here.
func TestEveryFormHasOneLayout(t *testing.T) {
	all := forms.All()
	if len(all) != len(layouts) {
		t.Fatalf("%d forms, %d layouts", len(all), len(layouts))
	}
	for i, in := range all {
		if layouts[i].id != in.ID {
			t.Errorf("layout %d is %q, form %d is %q", i, layouts[i].id, i, in.ID)
		}
		f, err := forms.New(in.ID)
		if err != nil || f.FormID() != in.ID {
			t.Errorf("forms.New(%s) = %T, %v", in.ID, f, err)
		}
		var buf bytes.Buffer
		if err := RenderBlank(t.Context(), &buf, in.ID, PDF); err != nil {
			t.Errorf("%s: blank: %v", in.ID, err)
		}
	}
	if _, ok := layoutOf("nosuch"); ok {
		t.Error("layoutOf(nosuch) found one")
	}
}

// A layout given a value of another form's type says so instead of
// panicking.
func TestLayoutRefusesAnotherFormsType(t *testing.T) {
	c, _ := newConfig(nil)
	for _, l := range layouts {
		for _, in := range forms.All() {
			if in.ID == l.id {
				continue
			}
			f, _ := forms.New(in.ID)
			if _, err := l.compose(f, c); err == nil {
				t.Errorf("layout %s composed a %T", l.id, f)
			}
		}
	}
}
