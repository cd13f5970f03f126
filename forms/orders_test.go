package forms

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// readAll reads every order, collecting the per-order problems in order.
func readAll(t *testing.T, in string, max int) ([]*Supervision, Errors, error) {
	t.Helper()
	r := NewOrderReader(strings.NewReader(in), max)
	var orders []*Supervision
	var problems Errors
	for {
		o, err := r.Next()
		var oe *OrderError
		switch {
		case errors.As(err, &oe):
			problems = append(problems, oe.Errors...)
			orders = append(orders, o)
		case err == io.EOF:
			return orders, problems, nil
		case err != nil:
			return orders, problems, err
		default:
			orders = append(orders, o)
		}
	}
}

// The stream gives the same orders and the same problems, with the same
// paths, rows and messages, as Parse of the whole batch — on generated
// batches of valid and broken orders, as an array or {"orders": [...]}.
func TestOrderReaderAgreesWithParse(t *testing.T) {
	one := string(example(t, SupervisionID))
	rng := rand.New(rand.NewPCG(1, 2))
	breaks := []func(*doc){
		func(d *doc) { d.set("to", "2026-11-01") },
		func(d *doc) { d.del("target") },
		func(d *doc) { d.set("content", 12) },
		func(d *doc) { d.set("nosuch", "x") },
		func(d *doc) { d.set("issuer", "a\nb") },
		func(d *doc) { d.set("date", "2026-02-30") },
		func(d *doc) { d.set("content", `含 [括号] 与 {花括号}、"引号" 和 \ 反斜杠`) },
	}
	for n := range 60 {
		var items []string
		for range 1 + rng.IntN(12) {
			d := load(t, one)
			if rng.IntN(3) == 0 {
				breaks[rng.IntN(len(breaks))](d)
			}
			items = append(items, string(d.bytes()))
		}
		sep := []string{",", " ,\n ", ",\r\n\t"}[rng.IntN(3)]
		in := "[" + strings.Join(items, sep) + "]"
		if n%2 == 1 {
			in = " {\"orders\": " + in + "}\n"
		}
		want, werr := Parse(SupervisionID, []byte(in))
		got, problems, err := readAll(t, in, 0)
		if err != nil {
			t.Fatalf("batch %d: %v", n, err)
		}
		var wantList Errors
		errors.As(werr, &wantList)
		if fmt.Sprint(problems) != fmt.Sprint(wantList) {
			t.Fatalf("batch %d problems:\n%v\nParse:\n%v", n, problems, wantList)
		}
		batch := want.(*SupervisionBatch)
		if len(got) != len(*batch) {
			t.Fatalf("batch %d: %d orders, Parse %d", n, len(got), len(*batch))
		}
		for i := range got {
			if !reflect.DeepEqual(*got[i], (*batch)[i]) {
				t.Fatalf("batch %d order %d: %+v, Parse %+v", n, i, *got[i], (*batch)[i])
			}
		}
	}
}

func TestOrderReaderStops(t *testing.T) {
	one := string(example(t, SupervisionID))
	for _, c := range []struct {
		name, in string
		max      int
		want     string // in the error
	}{
		{"empty input", "", 0, "输入为空"},
		{"empty batch", " [ ] ", 0, "不能为空"},
		{"not a list", `"x"`, 0, "应为 JSON 数组"},
		{"other key", `{"list": []}`, 0, "只能有 orders"},
		{"unfinished", "[" + one, 0, "输入不完整"},
		{"no comma", "[" + one + one + "]", 0, "应有逗号"},
		{"trailing", "[" + one + "] x", 0, "多余内容"},
		{"too large", "[" + one + "]", 100, "超过 0 KiB"},
		{"unbalanced", "[" + one + "}]", 0, "JSON 格式错误"},
	} {
		_, _, err := readAll(t, c.in, c.max)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want …%s…", c.name, err, c.want)
		}
	}
	// A byte order mark and blank lines are fine.
	if got, p, err := readAll(t, "\xEF\xBB\xBF\n["+one+"]\n", 0); err != nil || p != nil || len(got) != 1 {
		t.Errorf("BOM: %d orders, %v, %v", len(got), p, err)
	}
}

// The reader's memory does not grow with the batch: it holds one order.
func TestOrderReaderStreams(t *testing.T) {
	one := string(example(t, SupervisionID))
	n := 3000
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("["))
		for i := range n {
			if i > 0 {
				pw.Write([]byte(","))
			}
			pw.Write([]byte(one))
		}
		pw.Write([]byte("]"))
		pw.Close()
	}()
	r := NewOrderReader(pr, 0)
	count := 0
	for {
		_, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		count++
		if r.elem.Cap() > 64<<10 {
			t.Fatalf("buffer grew to %d", r.elem.Cap())
		}
	}
	if count != n || r.Count() != n {
		t.Errorf("%d orders, want %d", count, n)
	}
}
