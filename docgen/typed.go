package docgen

import (
	"reflect"
	"strings"
	"sync"

	"github.com/zsdoc/zsdoc/docgen/layout"
	"github.com/zsdoc/zsdoc/forms"
)

// numericCache says, by row type and JSON key, whether a column prints a
// number (序号, amounts). It only grows, one entry per column of the forms'
// types, and is safe for concurrent use.
var numericCache sync.Map // labelKey → bool

// numericField reports whether field key of sample's type prints a number:
// 序号 ("no") and every forms.Amount.
func numericField(sample any, key string) bool {
	k := labelKey{t: reflect.TypeOf(sample), key: key}
	if v, ok := numericCache.Load(k); ok {
		return v.(bool)
	}
	numeric := key == "no"
	if t := k.t; t != nil && t.Kind() == reflect.Struct {
		amount := reflect.TypeOf(forms.Amount(""))
		for _, f := range reflect.VisibleFields(t) {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == key && f.Type == amount {
				numeric = true
			}
		}
	}
	numericCache.Store(k, numeric)
	return numeric
}

// typed marks a cell of column key of rows like sample with the number it
// prints ("12.5" of "12.5亿元"), so that a spreadsheet keeps it a number.
func typed(c layout.Cell, sample any, key string) layout.Cell {
	if len(c.Paragraphs) != 1 || !numericField(sample, key) {
		return c
	}
	c.Number = leadingDecimal(c.Paragraphs[0].Text())
	return c
}

// leadingDecimal returns the decimal number s starts with ("-12.5" of
// "-12.5亿元"), or "".
func leadingDecimal(s string) string {
	i := 0
	if strings.HasPrefix(s, "-") {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		return ""
	}
	if i+1 < len(s) && s[i] == '.' && s[i+1] >= '0' && s[i+1] <= '9' {
		i++
		digits()
	}
	return s[:i]
}
