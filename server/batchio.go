package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// maxTrailer bounds the trailer fields of an answer to a client that did
// not send "TE: trailers": a client reads them into a buffer of its own
// (Go's net/http refuses the whole body when they outgrow its 4 KiB read
// buffer), so a manifest too large for it is left out, and named in
// X-Zsdoc-Omitted.
const maxTrailer = 3 << 10

// spoolMemory is how much of a batch body is held in memory; a larger one
// goes to a temporary file, removed when the request ends.
const spoolMemory = 4 << 20

// spooled is a request body read to its end, to be read again as often as
// needed: by batch.Check, then by batch.Print.
type spooled struct {
	data []byte   // the body, when in memory
	file *os.File // the body, when larger than spoolMemory
	size int64
}

// spoolError is a failure to write the temporary file: the server's
// problem, not the client's.
type spoolError struct{ err error }

func (e *spoolError) Error() string {
	return "无法写入批量请求体的临时文件：" + e.err.Error()
}

func (e *spoolError) Unwrap() error { return e.err }

// spoolWriter writes a temporary file, marking its errors as spoolErrors.
type spoolWriter struct{ f *os.File }

func (w spoolWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = &spoolError{err}
	}
	return n, err
}

// spool reads r to its end: into memory up to inMemory bytes, all of it
// into a temporary file beyond. hint is the announced length, -1 if none.
func spool(r io.Reader, inMemory, hint int64) (*spooled, error) {
	var buf bytes.Buffer
	if hint > 0 && hint <= inMemory {
		buf.Grow(int(hint) + 1)
	}
	n, err := io.CopyN(&buf, r, inMemory)
	if err == io.EOF {
		return &spooled{data: buf.Bytes(), size: n}, nil
	}
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp("", "zsdoc-batch-*")
	if err != nil {
		return nil, &spoolError{err}
	}
	sp := &spooled{file: f}
	w := spoolWriter{f}
	if _, err := w.Write(buf.Bytes()); err != nil {
		sp.Close()
		return nil, err
	}
	m, err := io.CopyBuffer(w, r, make([]byte, 256<<10))
	if err != nil {
		sp.Close()
		return nil, err
	}
	sp.size = n + m
	return sp, nil
}

// reader reads the body from its start.
func (sp *spooled) reader() io.Reader {
	if sp.file != nil {
		return io.NewSectionReader(sp.file, 0, sp.size)
	}
	return bytes.NewReader(sp.data)
}

// head returns the body's first n bytes, or all of a shorter one.
func (sp *spooled) head(n int) []byte {
	if sp.file == nil {
		return sp.data[:min(n, len(sp.data))]
	}
	b := make([]byte, n)
	k, _ := sp.file.ReadAt(b, 0)
	return b[:k]
}

// Close removes the temporary file, if any.
func (sp *spooled) Close() error {
	if sp.file == nil {
		return nil
	}
	name := sp.file.Name()
	sp.file.Close()
	return os.Remove(name)
}

// spoolBatch reads the body of a batch whole: 413 over MaxBatchBody, 400
// for a body that breaks off, 500 when the temporary file cannot be
// written; then the body must be what its Content-Type says (checkDeclared).
func (s *server) spoolBatch(w http.ResponseWriter, r *http.Request, declared tabular.Format) (*spooled, bool) {
	limit := s.cfg.MaxBatchBody
	tooLarge := func() {
		s.problem(w, r, errTooLarge, "批量请求体超过 "+sizeText(limit)+" 的上限，请分批提交")
	}
	if r.ContentLength > limit {
		tooLarge()
		return nil, false
	}
	sp, err := spool(http.MaxBytesReader(w, r.Body, limit), spoolMemory, r.ContentLength)
	if err != nil {
		var maxBytes *http.MaxBytesError
		var se *spoolError
		switch {
		case errors.As(err, &maxBytes):
			tooLarge()
		case errors.As(err, &se):
			s.internal(w, r, err)
		case r.Context().Err() != nil: // the client went away
		default:
			s.problem(w, r, errBadRequest, "读取请求体失败："+err.Error())
		}
		return nil, false
	}
	if !s.checkDeclared(w, r, declared, sp.head(tabular.DetectSize)) {
		sp.Close()
		return nil, false
	}
	return sp, true
}

// batchOutput is what batch.Print writes to: the answer, opened at the
// first byte — so that a problem found before it is still answered with
// its status — and hashed and counted on the way.
type batchOutput struct {
	ctx         context.Context
	w           http.ResponseWriter
	hook        func(context.Context)
	multipart   bool
	anyTrailer  bool   // the client sent "TE: trailers": no bound on them
	docType     string // of the document
	disposition string // of the document
	printed     int    // orders to print
	skipped     int    // orders skipped, -1 without skip_invalid
	problems    forms.Errors

	started bool
	mw      *multipart.Writer // with multipart
	dst     io.Writer
	hash    hash.Hash
	n       int64
}

// newBatchOutput prepares the answer of a checked batch; nothing is sent
// before the first write.
func (s *server) newBatchOutput(ctx context.Context, w http.ResponseWriter, req batchRequest, rep *batch.Report) *batchOutput {
	printed := rep.Orders - len(rep.Invalid)
	info, _ := forms.LookupName(string(forms.SupervisionID))
	ext := string(docgen.PDF)
	if req.opts.Format == docgen.DOCX {
		ext = "zip"
	}
	name := fmt.Sprintf("%s-%s-批量-%d份.%s", info.Attachment, info.Title, printed, ext)
	o := &batchOutput{ctx: ctx, w: w, multipart: req.multipart, anyTrailer: req.trailers, docType: batchContentType(req.opts.Format),
		disposition: contentDisposition(name, fmt.Sprintf("supervision-batch-%d.%s", printed, ext)),
		printed:     printed, skipped: -1, hash: sha256.New()}
	if req.opts.SkipInvalid {
		o.skipped = len(rep.Invalid)
		o.problems, _ = asFieldErrors(rep.Err())
	}
	if h := s.cfg.hooks; h != nil {
		o.hook = h.batchWrite
	}
	return o
}

// opened reports whether the answer's status and headers are sent.
func (o *batchOutput) opened() bool { return o.started }

// Write sends p, opening the answer first.
func (o *batchOutput) Write(p []byte) (int, error) {
	if !o.started {
		dst, err := o.open()
		if err != nil {
			return 0, err
		}
		o.dst = io.MultiWriter(dst, o.hash)
	} else if o.hook != nil {
		o.hook(o.ctx)
	}
	n, err := o.dst.Write(p)
	o.n += int64(n)
	return n, err
}

// open sends the status and headers: the document's, with the trailers
// declared, or those of a multipart/mixed answer and its first part.
func (o *batchOutput) open() (io.Writer, error) {
	o.started = true
	h := o.w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Zsdoc-Orders", strconv.Itoa(o.printed))
	if o.skipped >= 0 {
		h.Set("X-Zsdoc-Skipped", strconv.Itoa(o.skipped))
	}
	if !o.multipart {
		h.Set("Content-Type", o.docType)
		h.Set("Content-Disposition", o.disposition)
		trailers := "X-Zsdoc-Manifest, X-Zsdoc-Sha256, X-Zsdoc-Omitted"
		if o.skipped > 0 {
			trailers += ", X-Zsdoc-Skipped-Errors"
		}
		h.Set("Trailer", trailers)
		o.w.WriteHeader(http.StatusOK)
		return o.w, nil
	}
	o.mw = multipart.NewWriter(o.w)
	h.Set("Content-Type", mediaMultipart+"; boundary="+o.mw.Boundary())
	o.w.WriteHeader(http.StatusOK)
	return o.mw.CreatePart(textproto.MIMEHeader{"Content-Type": {o.docType}, "Content-Disposition": {o.disposition}})
}

// sum is the SHA-256 of what was written.
func (o *batchOutput) sum() [sha256.Size]byte {
	var sum [sha256.Size]byte
	copy(sum[:], o.hash.Sum(nil))
	return sum
}

// finish sends what follows the document: the trailers, or the manifest
// part (and the skipped orders' problems) and the closing boundary.
func (o *batchOutput) finish(man *batch.Manifest) error {
	if !o.started {
		return errors.New("批量输出为空")
	}
	orders := man.Orders
	if orders == nil {
		orders = []batch.Entry{}
	}
	sum := o.sum()
	hexSum := hex.EncodeToString(sum[:])
	if o.mw == nil {
		return o.setTrailers(hexSum, orders)
	}
	if err := jsonPart(o.mw, "manifest.json", hexSum, orders); err != nil {
		return err
	}
	if o.skipped > 0 {
		if err := jsonPart(o.mw, "skipped.json", "", o.problems); err != nil {
			return err
		}
	}
	return o.mw.Close()
}

// setTrailers sets the trailer fields: the SHA-256, then the manifest and
// the skipped orders' problems as far as maxTrailer allows (without bound
// for a client that sent "TE: trailers").
func (o *batchOutput) setTrailers(hexSum string, orders []batch.Entry) error {
	h := o.w.Header()
	h.Set("X-Zsdoc-Sha256", hexSum)
	size := func(name, value string) int { return len(name) + len(value) + 4 } // "name: value\r\n"
	room := maxTrailer - size("X-Zsdoc-Sha256", hexSum) - size("X-Zsdoc-Omitted", "X-Zsdoc-Manifest, X-Zsdoc-Skipped-Errors")
	var omitted []string
	put := func(name string, v any) error {
		value, err := asciiJSON(v)
		if err != nil {
			return err
		}
		if n := size(name, value); o.anyTrailer || n <= room {
			room -= n
			h.Set(name, value)
		} else {
			omitted = append(omitted, name)
		}
		return nil
	}
	if err := put("X-Zsdoc-Manifest", orders); err != nil {
		return err
	}
	if o.skipped > 0 {
		if err := put("X-Zsdoc-Skipped-Errors", o.problems); err != nil {
			return err
		}
	}
	if len(omitted) > 0 {
		h.Set("X-Zsdoc-Omitted", strings.Join(omitted, ", "))
	}
	return nil
}

// jsonPart writes v as a part of a multipart answer, named file, with the
// document's SHA-256 when sum is set.
func jsonPart(mw *multipart.Writer, file, sum string, v any) error {
	body, err := marshalJSON(v)
	if err != nil {
		return err
	}
	hdr := textproto.MIMEHeader{}
	hdr.Set("Content-Type", "application/json; charset=utf-8")
	hdr.Set("Content-Disposition", `attachment; filename="`+file+`"`)
	if sum != "" {
		hdr.Set("X-Zsdoc-Sha256", sum)
	}
	pw, err := mw.CreatePart(hdr)
	if err != nil {
		return err
	}
	_, err = pw.Write(body)
	return err
}

// asciiJSON encodes v as compact JSON with every non-ASCII character
// escaped (\uXXXX), fit for a header or trailer field.
func asciiJSON(v any) (string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(data))
	for _, r := range string(data) {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&b, `\u%04x`, u)
		}
	}
	return b.String(), nil
}
