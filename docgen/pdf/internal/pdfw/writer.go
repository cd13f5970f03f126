// Package pdfw is a small streaming PDF 1.7 writer: pages of text in
// embedded, subset TrueType fonts (Type0 / CIDFontType2, Identity-H, with a
// ToUnicode map so that text extracts exactly), stroked lines and PNG
// images, optionally blended with Multiply.
//
// Pages are written as they end: a page's content stream and page object go
// out at EndPage and the writer keeps only their object numbers, so memory
// does not grow with the page count beyond the cross-reference offsets, the
// list of page objects and each font's set of glyphs. Fonts are written at
// Close, when their glyph sets are known; images are written once, when
// added, however many pages draw them.
//
// Coordinates given to a Page are in points from the page's TOP-LEFT corner,
// y growing downwards (as in the layout code); the writer flips them into
// PDF user space using the page height given to BeginPage.
//
// The output is byte-for-byte deterministic for the same sequence of calls:
// object numbers follow call order, numbers are written with at most three
// decimals and no exponent, and the trailer's /ID is a hash of the bytes
// written before it.
//
// A Writer is not safe for concurrent use. Any error (bad input, a failing
// io.Writer) is sticky: the call returns it and every later call returns it
// again; the output is then incomplete and must be discarded.
package pdfw

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"time"
)

// DefaultCompressLevel is the flate level used when Options.CompressLevel
// is 0. Measured with BenchmarkCompressLevel (2 cores): on a form page
// (300 glyphs, 200 lines) level 1 takes ~80 µs and 1,780 bytes, level 6
// ~240 µs and 1,600 bytes (11% less); on a 2.7 MB CJK font level 1 writes
// 1.93 MB in 35 ms, level 6 1.77 MB in 85 ms, level 9 the same size more
// slowly. Fonts dominate a form's size, so level 6.
const DefaultCompressLevel = 6

// Options configures a document.
type Options struct {
	// Title, Subject, Creator and Producer go into the document information
	// dictionary; empty ones are left out.
	Title, Subject, Creator, Producer string
	// Created is written as /CreationDate in its own time zone; the zero
	// time writes none.
	Created time.Time
	// PrintScalingNone asks viewers to print at actual size
	// (/ViewerPreferences << /PrintScaling /None >>).
	PrintScalingNone bool
	// Duplex is "" (not set) or one of "Simplex", "DuplexFlipShortEdge",
	// "DuplexFlipLongEdge" for /ViewerPreferences.
	Duplex string
	// CompressLevel is the flate level (1..9) of content streams, fonts,
	// images and maps; 0 or -1 (flate.DefaultCompression) means
	// DefaultCompressLevel.
	CompressLevel int
}

// ErrClosed is returned by every call on a Writer after Close.
var ErrClosed = errors.New("pdfw: writer is closed")

// bufSize is the size of the output buffer: larger writes bypass it.
const bufSize = 64 << 10

// Writer writes one PDF document to an io.Writer. Create one with New.
type Writer struct {
	out     io.Writer
	buf     []byte // pending output, at most bufSize before a flush
	flushed int64  // bytes handed to out
	hash    hash.Hash
	err     error // sticky
	closed  bool
	opts    Options

	offsets   []int64  // by object number; -1 while reserved; [0] unused
	pagesRoot int      // object number of the page tree root
	pageNums  []uint32 // page object numbers, in order

	fonts  []*FontRef
	images []*ImageRef
	byPNG  map[[sha256.Size]byte]*ImageRef
	gsMul  int // object number of the Multiply ExtGState, 0 until used

	z   compressor
	pg  pageState
	gen uint64 // page generation: identifies the open page
	tmp []byte // scratch for object headers and small dictionaries
}

// New starts a document on out, writing the PDF header (into the buffer:
// nothing reaches out before the buffer fills, an EndPage or Close). It
// returns an error for invalid options.
func New(out io.Writer, opts Options) (*Writer, error) {
	if out == nil {
		return nil, errors.New("pdfw: nil io.Writer")
	}
	switch opts.Duplex {
	case "", "Simplex", "DuplexFlipShortEdge", "DuplexFlipLongEdge":
	default:
		return nil, fmt.Errorf("pdfw: unknown duplex mode %q", opts.Duplex)
	}
	level := opts.CompressLevel
	if level == 0 || level == -1 {
		level = DefaultCompressLevel
	}
	if level < 1 || level > 9 {
		return nil, fmt.Errorf("pdfw: compress level %d out of range 1..9", opts.CompressLevel)
	}
	w := &Writer{
		out:     out,
		buf:     make([]byte, 0, bufSize+4096),
		hash:    sha256.New(),
		opts:    opts,
		offsets: []int64{0},
		byPNG:   map[[sha256.Size]byte]*ImageRef{},
		z:       compressor{level: level},
	}
	w.pg.reset()
	w.writeString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	w.pagesRoot = w.reserve()
	return w, nil
}

// fail records err as the sticky error (unless one is set) and returns the
// sticky error.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// check returns the error that stops every call: the sticky error, or
// ErrClosed.
func (w *Writer) check() error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return ErrClosed
	}
	return nil
}

// pos returns the offset of the next byte written.
func (w *Writer) pos() int64 { return w.flushed + int64(len(w.buf)) }

// flush hands the buffer to out.
func (w *Writer) flush() {
	if len(w.buf) == 0 {
		return
	}
	w.writeOut(w.buf)
	w.buf = w.buf[:0]
}

// writeOut writes p to out, hashing it and counting it, recording a failure
// as the sticky error. After a failure nothing more is written.
func (w *Writer) writeOut(p []byte) {
	if w.err != nil {
		w.flushed += int64(len(p))
		return
	}
	w.hash.Write(p)
	n, err := w.out.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.fail(fmt.Errorf("pdfw: write: %w", err))
	}
	w.flushed += int64(len(p))
}

// write appends p to the output.
func (w *Writer) write(p []byte) {
	if len(p) >= bufSize {
		w.flush()
		w.writeOut(p)
		return
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) >= bufSize {
		w.flush()
	}
}

// writeString appends s to the output.
func (w *Writer) writeString(s string) {
	w.buf = append(w.buf, s...)
	if len(w.buf) >= bufSize {
		w.flush()
	}
}

// reserve returns a new object number, to be written later with begin.
func (w *Writer) reserve() int {
	w.offsets = append(w.offsets, -1)
	return len(w.offsets) - 1
}

// begin starts object num ("num 0 obj\n") at the current offset.
func (w *Writer) begin(num int) {
	w.offsets[num] = w.pos()
	w.buf = appendInt(w.buf, num)
	w.writeString(" 0 obj\n")
}

// end closes an object.
func (w *Writer) end() { w.writeString("\nendobj\n") }

// object writes object num whose body is body (a dictionary, array, ...).
func (w *Writer) object(num int, body []byte) {
	w.begin(num)
	w.write(body)
	w.end()
}

// stream writes object num as a stream: dict holds the dictionary's
// entries without << >>, /Length and /Filter; filter is "" or a filter
// name ("/FlateDecode"); data the encoded bytes.
func (w *Writer) stream(num int, dict []byte, filter string, data []byte) {
	w.begin(num)
	w.writeString("<<")
	w.write(dict)
	if filter != "" {
		w.writeString(" /Filter ")
		w.writeString(filter)
	}
	w.writeString(" /Length ")
	w.buf = appendInt(w.buf, len(data))
	w.writeString(" >>\nstream\n")
	w.write(data)
	w.writeString("\nendstream")
	w.end()
}

// flateStream compresses data and writes it as stream object num with
// dict's entries and /Filter /FlateDecode.
func (w *Writer) flateStream(num int, dict, data []byte) {
	w.stream(num, dict, "/FlateDecode", w.z.compress(data))
	w.z.shrink()
}

// Close ends the document: it writes the fonts, the page tree, the catalog,
// the information dictionary, the cross-reference table and the trailer,
// and flushes. It does not close the underlying io.Writer. A document needs
// at least one page, and no page may be open.
func (w *Writer) Close() error {
	if err := w.check(); err != nil {
		return err
	}
	if w.pg.open {
		return w.fail(errors.New("pdfw: Close with a page still open (missing EndPage)"))
	}
	if len(w.pageNums) == 0 {
		return w.fail(errors.New("pdfw: a document needs at least one page"))
	}
	for _, f := range w.fonts {
		if err := w.writeFont(f); err != nil {
			return w.fail(err)
		}
	}
	w.writePageTree()
	catalog, info := w.reserve(), w.reserve()
	w.object(catalog, w.catalog())
	w.object(info, w.info())
	for num, off := range w.offsets[1:] {
		if off < 0 {
			return w.fail(fmt.Errorf("pdfw: internal error: object %d reserved but not written", num+1))
		}
	}
	xref := w.pos()
	w.writeXref()
	w.flush()
	sum := w.hash.Sum(nil)[:16]
	b := append(w.tmp[:0], "trailer\n<< /Size "...)
	b = appendInt(b, len(w.offsets))
	b = append(b, " /Root "...)
	b = appendRef(b, catalog)
	b = append(b, " /Info "...)
	b = appendRef(b, info)
	b = append(b, " /ID [<"...)
	b = appendHex(b, sum)
	b = append(b, "> <"...)
	b = appendHex(b, sum)
	b = append(b, ">] >>\nstartxref\n"...)
	b = strconv.AppendInt(b, xref, 10)
	b = append(b, "\n%%EOF\n"...)
	w.tmp = b
	w.write(b)
	w.flush()
	w.closed = true
	w.z.release()
	return w.err
}

// writePageTree writes the page tree root: one flat /Kids array.
func (w *Writer) writePageTree() {
	w.begin(w.pagesRoot)
	w.writeString("<< /Type /Pages /Count ")
	w.buf = appendInt(w.buf, len(w.pageNums))
	w.writeString(" /Kids [")
	for i, num := range w.pageNums {
		if i > 0 {
			w.buf = append(w.buf, ' ')
		}
		w.buf = appendRef(w.buf, int(num))
		if len(w.buf) >= bufSize {
			w.flush()
		}
	}
	w.writeString("] >>")
	w.end()
}

// catalog returns the document catalog.
func (w *Writer) catalog() []byte {
	b := append(w.tmp[:0], "<< /Type /Catalog /Pages "...)
	b = appendRef(b, w.pagesRoot)
	if w.opts.PrintScalingNone || w.opts.Duplex != "" {
		b = append(b, " /ViewerPreferences <<"...)
		if w.opts.PrintScalingNone {
			b = append(b, " /PrintScaling /None"...)
		}
		if w.opts.Duplex != "" {
			b = append(b, " /Duplex /"...)
			b = append(b, w.opts.Duplex...)
		}
		b = append(b, " >>"...)
	}
	b = append(b, " >>"...)
	w.tmp = b
	return b
}

// info returns the document information dictionary.
func (w *Writer) info() []byte {
	b := append(w.tmp[:0], "<<"...)
	for _, e := range [...]struct{ key, val string }{
		{"/Title", w.opts.Title}, {"/Subject", w.opts.Subject},
		{"/Creator", w.opts.Creator}, {"/Producer", w.opts.Producer},
	} {
		if e.val != "" {
			b = append(b, ' ')
			b = append(b, e.key...)
			b = append(b, ' ')
			b = appendText(b, e.val)
		}
	}
	if !w.opts.Created.IsZero() {
		b = append(b, " /CreationDate "...)
		b = appendDate(b, w.opts.Created)
	}
	b = append(b, " >>"...)
	w.tmp = b
	return b
}

// writeXref writes the classic cross-reference table: 20-byte entries.
func (w *Writer) writeXref() {
	w.writeString("xref\n0 ")
	w.buf = appendInt(w.buf, len(w.offsets))
	w.writeString("\n0000000000 65535 f \n")
	for _, off := range w.offsets[1:] {
		w.buf = appendPadded(w.buf, off, 10)
		w.buf = append(w.buf, " 00000 n \n"...)
		if len(w.buf) >= bufSize {
			w.flush()
		}
	}
}
