package pdfw

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// parsed is a PDF file read back through its cross-reference table.
type parsed struct {
	data    []byte
	objects map[int][]byte // object number → text between "obj" and "endobj"
	trailer string
}

// parsePDF checks the file's frame (header, xref entries of 20 bytes whose
// offsets point at their objects, startxref, %%EOF) and returns its objects.
func parsePDF(tb testing.TB, data []byte) *parsed {
	tb.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")) {
		tb.Fatalf("bad header %q", data[:min(20, len(data))])
	}
	if !bytes.HasSuffix(data, []byte("\n%%EOF\n")) {
		tb.Fatal("no EOF marker at the end")
	}
	m := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n$`).FindSubmatch(data)
	if m == nil {
		tb.Fatal("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	rest := data[xref:]
	h := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(rest)
	if h == nil {
		tb.Fatalf("startxref %d does not point at xref: %q", xref, rest[:min(20, len(rest))])
	}
	n, _ := strconv.Atoi(string(h[1]))
	entries := rest[len(h[0]):]
	if string(entries[:20]) != "0000000000 65535 f \n" {
		tb.Fatalf("bad entry 0 %q", entries[:20])
	}
	p := &parsed{data: data, objects: map[int][]byte{}}
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if !regexp.MustCompile(`^\d{10} 00000 n \n$`).Match(e) {
			tb.Fatalf("bad xref entry %d %q", i, e)
		}
		off, _ := strconv.Atoi(string(e[:10]))
		head := strconv.Itoa(i) + " 0 obj\n"
		if !bytes.HasPrefix(data[off:], []byte(head)) {
			tb.Fatalf("xref entry %d points at %q", i, data[off:off+20])
		}
		body := data[off+len(head):]
		end := bytes.Index(body, []byte("\nendobj\n"))
		if end < 0 {
			tb.Fatalf("object %d has no endobj", i)
		}
		p.objects[i] = body[:end]
	}
	tail := entries[20*n:]
	if !bytes.HasPrefix(tail, []byte("trailer\n")) {
		tb.Fatalf("no trailer after xref: %q", tail[:min(20, len(tail))])
	}
	p.trailer = string(tail[:bytes.Index(tail, []byte("startxref"))])
	if !bytes.Contains(tail, []byte("/Size "+strconv.Itoa(n)+" ")) {
		tb.Fatalf("trailer /Size is not %d: %s", n, p.trailer)
	}
	return p
}

// dict returns an object's dictionary (for a stream, the part before
// "stream").
func (p *parsed) dict(num int) string {
	o := p.objects[num]
	if i := bytes.Index(o, []byte("\nstream\n")); i >= 0 {
		return string(o[:i])
	}
	return string(o)
}

// stream returns a stream object's decoded data, checking /Length.
func (p *parsed) stream(tb testing.TB, num int) []byte {
	tb.Helper()
	o := p.objects[num]
	i := bytes.Index(o, []byte("\nstream\n"))
	if i < 0 {
		tb.Fatalf("object %d is not a stream", num)
	}
	data := o[i+len("\nstream\n"):]
	if !bytes.HasSuffix(data, []byte("\nendstream")) {
		tb.Fatalf("object %d: no endstream", num)
	}
	data = data[:len(data)-len("\nendstream")]
	m := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(string(o[:i]))
	if m == nil || m[1] != strconv.Itoa(len(data)) {
		tb.Fatalf("object %d: /Length %v, data %d bytes", num, m, len(data))
	}
	if !bytes.Contains(o[:i], []byte("/FlateDecode")) {
		return data
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("object %d: %v", num, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatalf("object %d: %v", num, err)
	}
	return out
}

// find returns the numbers of the objects whose dictionary contains s, in
// order.
func (p *parsed) find(s string) []int {
	var nums []int
	for i := 1; i <= len(p.objects); i++ {
		if bytes.Contains([]byte(p.dict(i)), []byte(s)) {
			nums = append(nums, i)
		}
	}
	return nums
}
