package server

import (
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
)

// formats are the output formats in order of preference: PDF wins a tie.
var formats = []docgen.Format{docgen.PDF, docgen.DOCX, docgen.XLSX}

// formatNames lists the formats for messages: "pdf、docx 或 xlsx".
func formatNames() string {
	var names []string
	for _, f := range formats {
		names = append(names, string(f))
	}
	return strings.Join(names[:len(names)-1], "、") + " 或 " + names[len(names)-1]
}

// formParam resolves {form} — an id, 附件N or N — answering 404 for an
// unknown form and 403 for a form the caller may not render.
func (s *server) formParam(w http.ResponseWriter, r *http.Request, p *principal) (forms.ID, bool) {
	name := mux.Vars(r)["form"]
	in, ok := forms.LookupName(name)
	if !ok {
		s.problem(w, r, errUnknownForm, "没有表单“"+name+"”，应为 "+formList()+"，也可写 附件N 或 N")
		return "", false
	}
	infoOf(r).form = string(in.ID)
	if !p.mayRender(in.ID) {
		s.forbid(w, r, "客户端“"+p.name+"”无权使用表单 "+in.Attachment+"（"+in.Title+"）")
		return "", false
	}
	return in.ID, true
}

// formList names the forms for messages: "tasklist（附件2）、…".
func formList() string {
	var names []string
	for _, in := range forms.All() {
		names = append(names, string(in.ID)+"（"+in.Attachment+"）")
	}
	return strings.Join(names, "、")
}

// queryFormat is the format of ?format=, PDF when absent, for the validate
// route; an unknown one is answered 406.
func (s *server) queryFormat(w http.ResponseWriter, r *http.Request) (docgen.Format, bool) {
	v := r.URL.Query().Get("format")
	if v == "" {
		infoOf(r).format = string(docgen.PDF)
		return docgen.PDF, true
	}
	f, err := docgen.ParseFormat(strings.ToLower(strings.TrimSpace(v)))
	if err != nil {
		s.problem(w, r, errNotAcceptable, "不支持的格式“"+v+"”，format 应为 "+formatNames())
		return "", false
	}
	infoOf(r).format = string(f)
	return f, true
}

// negotiate picks the output format of a document: ?format= when given
// (the Accept header is then ignored), else the Accept header (PDF when
// it is absent or accepts both equally); 406 when neither is acceptable.
func (s *server) negotiate(w http.ResponseWriter, r *http.Request) (docgen.Format, bool) {
	if r.URL.Query().Has("format") {
		return s.queryFormat(w, r)
	}
	w.Header().Add("Vary", "Accept")
	f, ok := acceptable(r.Header.Values("Accept"))
	if !ok {
		var types []string
		for _, f := range formats {
			types = append(types, f.ContentType())
		}
		s.problem(w, r, errNotAcceptable, "Accept 请求头不接受本服务能生成的格式："+
			strings.Join(types, "、")+"；也可用 ?format="+strings.ReplaceAll(formatNames(), "、", "、?format="))
		return "", false
	}
	infoOf(r).format = string(f)
	return f, true
}

// acceptable chooses the format the Accept header values prefer: for each
// format the quality of the most specific media range that matches it,
// the highest quality winning and PDF winning a tie. No header accepts
// everything.
func acceptable(values []string) (docgen.Format, bool) {
	if len(values) == 0 {
		return docgen.PDF, true
	}
	best, bestQ := docgen.Format(""), 0.0
	for _, f := range formats {
		q := quality(values, f.ContentType())
		if q > bestQ {
			best, bestQ = f, q
		}
	}
	return best, bestQ > 0
}

// quality is the q the Accept values give media type typ: that of the most
// specific range matching it ("type/sub" over "type/*" over "*/*"), 0 when
// none does.
func quality(values []string, typ string) float64 { return namedQuality(values, typ, 0) }

// namedQuality is quality counting only the ranges at least as specific as
// least: 0 "*/*", 1 "type/*", 2 "type/sub". With 1, a client that accepts
// anything is not taken to ask for typ.
func namedQuality(values []string, typ string, least int) float64 {
	mainType, _, _ := strings.Cut(typ, "/")
	q, specificity := 0.0, -1
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			rng, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			spec := -1
			switch {
			case rng == typ:
				spec = 2
			case rng == mainType+"/*":
				spec = 1
			case rng == "*/*":
				spec = 0
			}
			if spec < least || spec <= specificity {
				continue
			}
			rq := 1.0
			if s, ok := params["q"]; ok {
				if rq, err = strconv.ParseFloat(s, 64); err != nil || rq < 0 || rq > 1 {
					rq = 0
				}
			}
			q, specificity = rq, spec
		}
	}
	return q
}

// paperOption reads ?paper=a3|a4 (400 for another value).
func (s *server) paperOption(w http.ResponseWriter, r *http.Request, opts []docgen.Option) ([]docgen.Option, bool) {
	v := r.URL.Query().Get("paper")
	if v == "" {
		return opts, true
	}
	p, err := docgen.ParsePaper(v)
	if err != nil {
		s.problem(w, r, errBadRequest, "纸张“"+v+"”无效，paper 应为 a3 或 a4")
		return nil, false
	}
	return append(slices.Clip(opts), docgen.WithPaper(p)), true
}

// jsonBody checks the request's Content-Type: application/json, with
// charset utf-8 if any, or none at all (the body is then read as JSON, as
// the route takes nothing else); anything else, such as the
// application/x-www-form-urlencoded that curl -d sends, is 415. A Content-Encoding other than
// identity is 415 too (RFC 7694).
func (s *server) jsonBody(w http.ResponseWriter, r *http.Request) bool {
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		w.Header().Set("Accept-Encoding", "identity")
		s.problem(w, r, errMediaType, "不支持压缩的请求体（Content-Encoding: "+ce+"），请直接发送 JSON")
		return false
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return true
	}
	typ, params, err := mime.ParseMediaType(ct)
	if err == nil && typ == "application/json" {
		if cs, ok := params["charset"]; !ok || strings.EqualFold(cs, "utf-8") {
			return true
		}
	}
	s.problem(w, r, errMediaType, "请求体类型“"+ct+"”不受支持，应为 application/json（UTF-8）")
	return false
}
