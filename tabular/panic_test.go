package tabular

import (
	"errors"
	"strings"
	"testing"
)

// panicky delivers data, then panics.
type panicky struct{ data []byte }

func (p *panicky) Read(b []byte) (int, error) {
	if len(p.data) == 0 {
		panic("reader exploded")
	}
	n := copy(b, p.data)
	p.data = p.data[n:]
	return n, nil
}

func TestPanicRecovered(t *testing.T) {
	r, err := Open(&panicky{data: []byte(strings.Repeat("a,b\n", 50_000))}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, err = r.Next()
		if err != nil {
			break
		}
		n++
	}
	wantErr(t, err, ErrInternal, "reader exploded", "内部出错")
	if n != 50_000 {
		t.Errorf("%d rows before the panic, want all 50000", n)
	}
	if _, again := r.Next(); again != err {
		t.Errorf("after the panic: %v", again)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}

	_, err = Open(&panicky{data: []byte("PK\x03\x04")}, Options{})
	wantErr(t, err, ErrInternal, "reader exploded")

	r, err = Open(&panicky{data: []byte("x\n")}, Options{Format: FormatCSV})
	if err != nil {
		wantErr(t, err, ErrInternal, "reader exploded") // Open's peek may meet it
		return
	}
	_, err = orders.ReadHeader(r)
	wantErr(t, err, ErrInternal, "reader exploded")
}

// The panic of a nil pointer inside the package, not only of the caller's
// reader, is recovered too.
func TestPanicNilSource(t *testing.T) {
	r := &Reader{opts: Options{MaxRows: 1}}
	_, err := r.Next()
	if !errors.Is(err, ErrInternal) {
		t.Errorf("err = %v", err)
	}
	if err := (&Reader{}).Close(); !errors.Is(err, ErrInternal) {
		t.Errorf("Close: %v", err)
	}
}
