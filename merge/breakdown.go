package merge

import "github.com/shopspring/decimal"

// entry is a value of a coded field and the label its row shows.
type entry struct{ key, label string }

func entriesOf(keys []string) []entry {
	out := make([]entry, len(keys))
	for i, k := range keys {
		out[i] = entry{k, k}
	}
	return out
}

// breakdown adds up rows by the value of one field: the field's known
// values first (a code list, in legend order, each shown even when no row
// has it), then the others in the order met.
type breakdown struct {
	title string
	cols  []string
	order []string
	label map[string]string
	sums  map[string][]decimal.Decimal
}

func newBreakdown(title, field string, known []entry, cols []string) *breakdown {
	b := &breakdown{title: title, cols: append([]string{field}, cols...), label: map[string]string{},
		sums: map[string][]decimal.Decimal{}}
	for _, e := range known {
		b.row(e.key, e.label)
	}
	return b
}

// row returns the sums of key, adding its row when new.
func (b *breakdown) row(key, label string) []decimal.Decimal {
	if s, ok := b.sums[key]; ok {
		return s
	}
	s := make([]decimal.Decimal, len(b.cols)-1)
	b.order = append(b.order, key)
	b.label[key] = label
	b.sums[key] = s
	return s
}

// add counts one row of key (the first column) and adds amounts to the
// columns after it.
func (b *breakdown) add(key string, amounts ...decimal.Decimal) {
	b.addCounted(key, append([]decimal.Decimal{decimal.NewFromInt(1)}, amounts...))
}

// addCounted adds values to the columns of key.
func (b *breakdown) addCounted(key string, values []decimal.Decimal) {
	s := b.row(key, key)
	for i, v := range values {
		s[i] = s[i].Add(v)
	}
}

// table returns the rows and their 合计.
func (b *breakdown) table() Table {
	t := Table{Title: b.title, Columns: b.cols}
	total := Row{Label: "合计", Values: make([]decimal.Decimal, len(b.cols)-1)}
	for _, k := range b.order {
		r := Row{Label: b.label[k], Values: b.sums[k]}
		for i, v := range r.Values {
			total.Values[i] = total.Values[i].Add(v)
		}
		t.Rows = append(t.Rows, r)
	}
	t.Total = &total
	return t
}
