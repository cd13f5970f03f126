package docgen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
)

// Check names the field of a character the PDF cannot print by its full
// path, row and label — in 附件4's nested projects and in a batch of 督办单
// too — and Render refuses the same input with the same errors.
func TestCheckNamesFields(t *testing.T) {
	sign := parseExample(t, forms.SigningID).(*forms.Signing)
	sign.Rows[1].Projects[0].Contact.Name = "王😀"
	sign.Rows[0].HQ = "שלום"
	sup := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	batch := forms.SupervisionBatch{*sup, *sup}
	batch[1].Target = "湘潭𠀀经开区"
	for _, c := range []struct {
		form forms.Form
		want []forms.FieldError
	}{
		{sign, []forms.FieldError{
			{Path: "rows[0].hq", Row: "第1行", Label: "总部所在地（国别/省市）", Rule: "script"},
			{Path: "rows[1].projects[0].contact.name", Row: "第2行第1个项目", Label: "项目联系人及电话·联系人", Rule: "glyph"},
		}},
		{&batch, []forms.FieldError{{Path: "[1].target", Row: "第2份督办单", Label: "督办单位", Rule: "glyph"}}},
	} {
		err := Check(t.Context(), c.form, PDF)
		var list forms.Errors
		if !errors.As(err, &list) || len(list) != len(c.want) {
			t.Fatalf("Check: %v", err)
		}
		for i, w := range c.want {
			got := list[i]
			if got.Path != w.Path || got.Row != w.Row || got.Label != w.Label || got.Rule != w.Rule ||
				!strings.HasPrefix(got.Message, w.Row+"【"+w.Label+"】") {
				t.Errorf("error %d: %+v, want %+v", i, *got, w)
			}
		}
		var buf strings.Builder
		rerr := Render(t.Context(), &buf, c.form, PDF)
		if rerr == nil || rerr.Error() != err.Error() || buf.Len() != 0 {
			t.Errorf("Render: %v (%d bytes written), want %v", rerr, buf.Len(), err)
		}
		if err := Check(t.Context(), c.form, DOCX); err != nil {
			t.Errorf("Check for DOCX: %v", err)
		}
	}
}

// In a batch with characters missing in several orders, Render reports all
// of them, as Check does, not only the first order's.
func TestCheckBatchAgrees(t *testing.T) {
	sup := parseExample(t, forms.SupervisionID).(*forms.Supervision)
	batch := forms.SupervisionBatch{*sup, *sup, *sup}
	batch[0].Target = "湘潭😀"
	batch[2].Content = "𠀀内容"
	err := Check(t.Context(), &batch, PDF)
	var list forms.Errors
	if !errors.As(err, &list) || len(list) != 2 || list[1].Path != "[2].content" {
		t.Fatalf("Check: %v", err)
	}
	var buf strings.Builder
	if rerr := Render(t.Context(), &buf, &batch, PDF); rerr == nil || rerr.Error() != err.Error() || buf.Len() != 0 {
		t.Errorf("Render: %v (%d bytes), want %v", rerr, buf.Len(), err)
	}
}

// CheckPrintable finds the same problems as Check for PDF, in the same
// order, with the same words, without laying pages out — on every form
// with unprintable characters put in random fields.
func TestCheckPrintableAgrees(t *testing.T) {
	bad := []string{"😀", "𠀀", "שלום", "\U000F0000"}
	rng := rand.New(rand.NewPCG(3, 4))
	for _, in := range forms.All() {
		for round := range 8 {
			f := parseExample(t, in.ID)
			n := spoil(reflect.ValueOf(f).Elem(), rng, bad)
			want := Check(t.Context(), f, PDF)
			got := CheckPrintable(t.Context(), f)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("%s/%d (%d spoilt): CheckPrintable\n%v\nCheck\n%v", in.ID, round, n, got, want)
			}
			if n > 0 && want == nil {
				t.Fatalf("%s/%d: %d spoilt texts, no error", in.ID, round, n)
			}
		}
	}
}

// spoil appends an unprintable text to about a quarter of the one-line
// and long texts of v (not codes, dates or amounts); it returns how many.
func spoil(v reflect.Value, rng *rand.Rand, bad []string) int {
	n := 0
	switch v.Kind() {
	case reflect.String:
		if v.Type() == reflect.TypeFor[string]() && v.String() != "" && rng.IntN(4) == 0 {
			v.SetString(v.String() + bad[rng.IntN(len(bad))])
			n++
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() && v.Type().Field(i).Name != "Seal" {
				n += spoil(v.Field(i), rng, bad)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			n += spoil(v.Index(i), rng, bad)
		}
	}
	return n
}
