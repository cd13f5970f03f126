package server

import (
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/zsdoc/zsdoc/batch"
	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// The media types of a batch's body and answer.
const (
	mediaJSON      = "application/json"
	mediaCSV       = "text/csv"
	mediaXLSX      = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaZip       = "application/zip"
	mediaMultipart = "multipart/mixed"
)

// errBadTable is a batch body that cannot be read as a spreadsheet of
// orders: undecodable text, no header row, a broken workbook.
var errBadTable = kind{http.StatusBadRequest, "malformed-table", "请求体不是可读取的督办单表格"}

// errBatchMediaType is a batch body of a type the route does not read.
var errBatchMediaType = kind{http.StatusUnsupportedMediaType, "unsupported-media-type", "请求体应为 JSON、CSV 或 XLSX"}

// batchRequest is what a batch request asks for, read from its query and
// headers before its body.
type batchRequest struct {
	opts      batch.Options
	declared  tabular.Format // by Content-Type; FormatUnknown: detect
	multipart bool           // Accept: multipart/mixed
	trailers  bool           // TE: trailers
}

// parseBatchRequest reads the query (format, duplex, seal, skip_invalid, sheet)
// and the Content-Type and Accept headers: 400 for a bad flag, 406 for an
// unknown format or an Accept that takes neither the document nor
// multipart/mixed, 415 for a body of another type, 422 for an unknown
// seal.
func (s *server) parseBatchRequest(w http.ResponseWriter, r *http.Request) (batchRequest, bool) {
	var req batchRequest
	format, ok := s.queryFormat(w, r)
	if !ok {
		return req, false
	}
	if format != docgen.PDF && format != docgen.DOCX {
		s.problem(w, r, errNotAcceptable, "批量打印督办单不支持格式“"+string(format)+"”，format 应为 pdf（一个文件）或 docx（ZIP）")
		return req, false
	}
	duplex, ok := s.flagParam(w, r, "duplex")
	if !ok {
		return req, false
	}
	skip, ok := s.flagParam(w, r, "skip_invalid")
	if !ok {
		return req, false
	}
	q := r.URL.Query()
	sealID := strings.TrimSpace(q.Get("seal"))
	if sealID != "" && !s.store.Has(sealID) {
		s.invalidData(w, r, forms.Errors{{Path: "seal", Label: "印章", Rule: "seal",
			Message: "参数 seal 所指的【印章】“" + sealID + "”不存在：没有这个编号的印章，请核对印章编号"}})
		return req, false
	}
	declared, encoding, ok := s.batchMedia(w, r)
	if !ok {
		return req, false
	}
	if req.multipart, ok = s.batchAccept(w, r, batchContentType(format)); !ok {
		return req, false
	}
	render := s.opts
	if duplex {
		render = append(render[:len(render):len(render)], docgen.WithDuplex())
	}
	req.declared = declared
	req.trailers = acceptsTrailers(r)
	req.opts = batch.Options{Format: format, Render: render, SealID: sealID, SkipInvalid: skip,
		Encoding: encoding, Sheet: q.Get("sheet")}
	return req, true
}

// flagParam reads a yes/no query parameter: absent, 1/0, true/false.
func (s *server) flagParam(w http.ResponseWriter, r *http.Request, name string) (bool, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return false, true
	}
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		s.problem(w, r, errBadRequest, "参数 "+name+"=“"+v+"”无效，应为 1 或 0")
		return false, false
	}
	return b, true
}

// batchMedia reads the body's Content-Type: JSON (UTF-8), CSV (its charset,
// if any, becomes batch.Options.Encoding) or XLSX; none means the format
// is told from the first bytes. Anything else, or a Content-Encoding, is
// 415.
func (s *server) batchMedia(w http.ResponseWriter, r *http.Request) (tabular.Format, string, bool) {
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		w.Header().Set("Accept-Encoding", "identity")
		s.problem(w, r, errBatchMediaType, "不支持压缩的请求体（Content-Encoding: "+ce+"），请直接发送文件")
		return 0, "", false
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return tabular.FormatUnknown, "", true
	}
	typ, params, err := mime.ParseMediaType(ct)
	cs, hasCharset := params["charset"]
	cs = strings.ToLower(cs)
	switch {
	case err != nil:
	case typ == mediaJSON && (!hasCharset || cs == "utf-8"):
		return tabular.FormatJSON, "", true
	case typ == mediaCSV:
		switch cs {
		case "":
			return tabular.FormatCSV, "", true
		case "utf-8", "utf8", "us-ascii":
			return tabular.FormatCSV, "utf-8", true
		case "gb18030", "gbk", "gb2312", "cp936":
			return tabular.FormatCSV, "gb18030", true
		}
		s.problem(w, r, errBatchMediaType, "CSV 的字符集“"+cs+"”不受支持，应为 utf-8 或 gb18030（gbk）")
		return 0, "", false
	case typ == mediaXLSX:
		return tabular.FormatXLSX, "", true
	}
	s.problem(w, r, errBatchMediaType, "请求体类型“"+ct+"”不受支持，应为 application/json（UTF-8）、text/csv（UTF-8 或 GB18030）或 "+
		mediaXLSX+"（.xlsx 工作簿）")
	return 0, "", false
}

// batchAccept tells from the Accept header whether the client asks for a
// multipart/mixed answer (named explicitly, and preferred to the document
// itself); 406 when it accepts neither.
func (s *server) batchAccept(w http.ResponseWriter, r *http.Request, docType string) (bool, bool) {
	w.Header().Add("Vary", "Accept")
	values := r.Header.Values("Accept")
	if len(values) == 0 {
		return false, true
	}
	qm, qd := namedQuality(values, mediaMultipart, 1), quality(values, docType)
	switch {
	case qm > 0 && qm >= qd:
		return true, true
	case qd > 0:
		return false, true
	}
	s.problem(w, r, errNotAcceptable, "Accept 请求头不接受本接口的回答："+docType+"，或 "+mediaMultipart+"（文件之后附清单）")
	return false, false
}

// acceptsTrailers reports whether the request says "TE: trailers": the
// client takes trailer fields, of any size.
func acceptsTrailers(r *http.Request) bool {
	for _, v := range r.Header.Values("TE") {
		for _, part := range strings.Split(v, ",") {
			coding, _, _ := strings.Cut(part, ";")
			if strings.EqualFold(strings.TrimSpace(coding), "trailers") {
				return true
			}
		}
	}
	return false
}

// batchContentType is the media type of a batch's document.
func batchContentType(f docgen.Format) string {
	if f == docgen.DOCX {
		return mediaZip
	}
	return docgen.PDF.ContentType()
}

// checkDeclared compares the body's first bytes with its Content-Type: a
// body declared JSON that is not is 400 (malformed JSON), one declared CSV
// or XLSX that is plainly another of the three is 415. Bytes that tell
// nothing are left to the reader, which names the problem.
func (s *server) checkDeclared(w http.ResponseWriter, r *http.Request, declared tabular.Format, head []byte) bool {
	got := tabular.Detect(head)
	blank := len(strings.TrimSpace(strings.TrimPrefix(string(head), "\xEF\xBB\xBF"))) == 0
	switch {
	case declared == tabular.FormatUnknown, got == declared:
		return true
	case declared == tabular.FormatJSON:
		if blank {
			return true // the JSON reader says the input is empty
		}
		msg := "请求体声明为 JSON，但不是以 [ 或 { 开头的督办单 JSON 数组；CSV 请用 text/csv，XLSX 请用 " + mediaXLSX
		s.problemErrors(w, r, errBadJSON, msg, forms.Errors{{Rule: "json", Label: "督办单", Message: msg}})
		return false
	case got == tabular.FormatJSON || got == tabular.FormatCSV || got == tabular.FormatXLSX:
		names := map[tabular.Format]string{tabular.FormatJSON: "JSON", tabular.FormatCSV: "CSV 文本", tabular.FormatXLSX: "XLSX 工作簿"}
		s.problem(w, r, errBatchMediaType, "请求体声明为“"+r.Header.Get("Content-Type")+"”，内容却是"+names[got]+"，请改正 Content-Type")
		return false
	}
	return true
}
