package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
	"github.com/zsdoc/zsdoc/tabular"
)

// errImportMediaType is an import body of another type than a spreadsheet.
var errImportMediaType = kind{http.StatusUnsupportedMediaType, "unsupported-media-type", "请求体应为 XLSX 或 CSV 表格"}

// importFormats are the spreadsheets the import route reads for form id
// (the catalog's "imports"): a filled sheet of any form, CSV for the table
// forms (附件6's CSV is a batch of orders: POST /v1/supervision/batch).
func importFormats(id forms.ID) []string {
	if id == forms.SupervisionID {
		return []string{"xlsx"}
	}
	return []string{"xlsx", "csv"}
}

// handleImport answers POST /v1/forms/{form}/import: a filled spreadsheet
// (an exported form, or any sheet with the form's column labels) read as
// the form's JSON, what POST /v1/forms/{form} takes. ?unit= and ?date=
// supply or override 单位 and 填报日期, ?sheet= names the worksheet,
// ?seal= the seal id a sheet cannot carry. 422 lists the sheet's problems
// by sheet, row and column.
func (s *server) handleImport(w http.ResponseWriter, r *http.Request) {
	p := s.authenticate(w, r)
	if p == nil {
		return
	}
	id, ok := s.formParam(w, r, p)
	if !ok {
		return
	}
	format, encoding, ok := s.importMedia(w, r, id)
	if !ok {
		return
	}
	limit := s.cfg.MaxBody
	if r.ContentLength > limit {
		s.tooLarge(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var maxBytes *http.MaxBytesError
		if errors.As(err, &maxBytes) {
			s.tooLarge(w, r)
		} else if r.Context().Err() == nil {
			s.problem(w, r, errBadRequest, "读取请求体失败："+err.Error())
		}
		return
	}
	q := r.URL.Query()
	opts := sheet.Options{Unit: q.Get("unit"), Date: q.Get("date"), Sheet: q.Get("sheet"), Seal: strings.TrimSpace(q.Get("seal")),
		Format: format, Encoding: encoding, MaxBytes: limit}
	// Reading a workbook is work like a render: a slot of the queue, its
	// time limit, 503 when the service is busy.
	var f forms.Form
	if _, _, ok := s.work(w, r, func(context.Context, *bytes.Buffer) error {
		var err error
		f, err = sheet.Read(bytes.NewReader(body), id, opts)
		return err
	}); !ok {
		return
	}
	if !s.checkGrants(w, r, p, f) {
		return
	}
	s.writeJSON(w, r, http.StatusOK, f)
}

// importMedia reads an import body's Content-Type: XLSX, CSV (its charset
// becomes the encoding), or a generic type to tell from the bytes; a
// compressed body or another type is 415.
func (s *server) importMedia(w http.ResponseWriter, r *http.Request, id forms.ID) (tabular.Format, string, bool) {
	if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		w.Header().Set("Accept-Encoding", "identity")
		s.problem(w, r, errImportMediaType, "不支持压缩的请求体（Content-Encoding: "+ce+"），请直接发送文件")
		return 0, "", false
	}
	var typ string
	var params map[string]string
	if ct := r.Header.Get("Content-Type"); ct != "" {
		var err error
		if typ, params, err = mime.ParseMediaType(ct); err != nil {
			s.problem(w, r, errImportMediaType, "请求体类型“"+ct+"”无法识别，应为 "+mediaXLSX+"（.xlsx 工作簿）或 text/csv")
			return 0, "", false
		}
	}
	format := tabular.FormatUnknown
	encoding := ""
	switch typ {
	// What browsers and systems send for a file they do not know, or for a
	// .csv (Excel on Windows: vnd.ms-excel): the bytes tell.
	case "", "application/octet-stream", "application/vnd.ms-excel", "text/plain", "application/csv", "text/x-csv":
	case mediaXLSX:
		format = tabular.FormatXLSX
	case mediaCSV:
		format = tabular.FormatCSV
		switch cs := strings.ToLower(params["charset"]); cs {
		case "":
		case "utf-8", "utf8", "us-ascii":
			encoding = "utf-8"
		case "gb18030", "gbk", "gb2312", "cp936":
			encoding = "gb18030"
		default:
			s.problem(w, r, errImportMediaType, "CSV 的字符集“"+cs+"”不受支持，应为 utf-8 或 gb18030（gbk）")
			return 0, "", false
		}
	default:
		s.problem(w, r, errImportMediaType, "请求体类型“"+typ+"”不受支持，应为 "+mediaXLSX+"（.xlsx 工作簿）或 text/csv")
		return 0, "", false
	}
	if format == tabular.FormatCSV && id == forms.SupervisionID {
		s.problem(w, r, errImportMediaType, "督办单的 CSV 是一批督办单，请用 POST /v1/supervision/batch；这里只读导出的 .xlsx")
		return 0, "", false
	}
	return format, encoding, true
}
