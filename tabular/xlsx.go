package tabular

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// xlsxSource reads one worksheet of a workbook held in memory.
type xlsxSource struct {
	pkg    *zipPackage
	sheet  string   // the worksheet read
	sheets []string // all sheets, in workbook order
	merges *mergeIndex
	rows   *sheetReader
}

// zipPackage is an OPC package (the zip archive of an .xlsx) whose parts
// are read with bounds.
type zipPackage struct {
	files map[string]*zip.File // by lower-cased part name
	opts  Options
}

// workbook relationship types, by their last path element (the transitional
// and the strict OOXML namespaces share it).
const (
	relOfficeDocument = "officeDocument"
	relWorksheet      = "worksheet"
	relSharedStrings  = "sharedStrings"
	relStyles         = "styles"
)

func openXLSX(data []byte, opts Options) (*xlsxSource, error) {
	if n, ok := zipEntryCount(data); ok && n > maxParts {
		return nil, newError(ErrLimit, "", "工作簿（zip）中有 %d 个文件，超过 %d 个的上限", n, maxParts)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, newError(ErrFormat, "", "文件不是有效的 .xlsx 文件（zip 格式错误：%v）", err)
	}
	if len(zr.File) > maxParts {
		return nil, newError(ErrLimit, "", "工作簿（zip）中有 %d 个文件，超过 %d 个的上限", len(zr.File), maxParts)
	}
	pkg := &zipPackage{files: make(map[string]*zip.File, len(zr.File)), opts: opts}
	for _, f := range zr.File {
		pkg.files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/"))] = f
	}
	bookPart := "xl/workbook.xml"
	rels, err := pkg.readRels("_rels/.rels")
	if err != nil {
		return nil, err
	}
	for _, rel := range rels {
		if rel.kind == relOfficeDocument {
			bookPart = rel.target
			break
		}
	}
	if pkg.files[strings.ToLower(bookPart)] == nil {
		return nil, pkg.notAWorkbook()
	}
	book, err := pkg.readWorkbook(bookPart)
	if err != nil {
		return nil, err
	}
	src := &xlsxSource{pkg: pkg}
	var chosen *sheetEntry
	for i := range book.sheets {
		e := &book.sheets[i]
		src.sheets = append(src.sheets, e.name)
		if chosen == nil && (opts.Sheet == "" && e.kind == relWorksheet || opts.Sheet != "" && e.name == opts.Sheet) {
			chosen = e
		}
	}
	switch {
	case chosen == nil && opts.Sheet == "":
		return nil, newError(ErrFormat, "", "工作簿中没有数据工作表")
	case chosen == nil:
		return nil, newError(ErrFormat, "", "工作簿中没有名为“%s”的工作表；现有的工作表：%s", opts.Sheet, strings.Join(src.sheets, "、"))
	case chosen.kind != relWorksheet:
		return nil, newError(ErrFormat, "", "“%s”是图表或对话框，不是数据工作表", chosen.name)
	case pkg.files[strings.ToLower(chosen.part)] == nil:
		return nil, newError(ErrFormat, "", "工作簿已损坏：找不到工作表“%s”的数据（%s）", chosen.name, chosen.part)
	}
	src.sheet = chosen.name
	sst, err := pkg.readSharedStrings(book.parts[relSharedStrings])
	if err != nil {
		return nil, err
	}
	styles, err := pkg.readStyles(book.parts[relStyles])
	if err != nil {
		return nil, err
	}
	if err := src.readMerges(chosen.part); err != nil {
		return nil, err
	}
	rc, err := pkg.open(chosen.part, "工作表“"+chosen.name+"”")
	if err != nil {
		return nil, err
	}
	src.rows = &sheetReader{part: rc, sst: sst, styles: styles, date1904: book.date1904, sheet: chosen.name, opts: opts}
	return src, nil
}

func (s *xlsxSource) readMerges(part string) error {
	rc, err := s.pkg.open(part, "工作表“"+s.sheet+"”")
	if err != nil {
		return err
	}
	defer rc.Close()
	list, err := scanMerges(rc.r, s.pkg.opts.MaxMerges)
	if err != nil {
		return rc.wrap(err)
	}
	s.merges, err = newMergeIndex(list, s.pkg.opts.MaxColumns)
	return err
}

func (s *xlsxSource) next() (Row, error) { return s.rows.next() }

func (s *xlsxSource) close() error { return s.rows.part.Close() }

// notAWorkbook says what a zip archive without a workbook is.
func (p *zipPackage) notAWorkbook() error {
	switch {
	case p.files["word/document.xml"] != nil:
		return newError(ErrFormat, "", "这是 Word 文档，不是 Excel 工作簿")
	case p.files["content.xml"] != nil && p.files["mimetype"] != nil:
		return newError(ErrFormat, "", "这是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx 或 CSV 后再导入")
	}
	return newError(ErrFormat, "", "这不是 Excel 工作簿（.xlsx）：压缩包里没有工作簿数据")
}

// part is an open workbook part: its decompressed bytes, bounded in total
// size and in the length of any run of bytes without '<' (so any one XML
// token), and its XML tokens.
type part struct {
	rc   io.ReadCloser
	r    io.Reader
	what string // the part's name for messages
	xml  *xmlReader
}

func (p *part) Close() error { return p.rc.Close() }

// open opens a part; what names it in messages ("工作表“Sheet1”").
func (p *zipPackage) open(name, what string) (*part, error) {
	f := p.files[strings.ToLower(name)]
	if f == nil {
		return nil, newError(ErrFormat, "", "工作簿已损坏：缺少 %s", name)
	}
	if f.UncompressedSize64 > uint64(p.opts.MaxPartBytes) {
		return nil, newError(ErrLimit, "", "%s解压后有 %s，超过 %s 的上限", what,
			sizeText(int64(min(f.UncompressedSize64, 1<<62))), sizeText(p.opts.MaxPartBytes))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, newError(ErrFormat, "", "工作簿已损坏：无法解压 %s（%v）", name, err)
	}
	pt := &part{rc: rc, what: what}
	pt.r = &tokenGuard{
		r:     &partLimit{r: rc, left: p.opts.MaxPartBytes, max: p.opts.MaxPartBytes, what: what},
		limit: tokenLimit(p.opts),
		what:  what,
	}
	pt.xml = newXMLReader(pt.r, what)
	return pt, nil
}

// wrap turns an error met while reading the part into an *Error.
func (p *part) wrap(err error) error {
	var te *Error
	if errors.As(err, &te) {
		return te
	}
	return damaged(p.what, err)
}

func damaged(what string, err error) error {
	if errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrFormat) || errors.Is(err, io.ErrUnexpectedEOF) {
		return newError(ErrFormat, "", "工作簿已损坏：%s的压缩数据有误（%v）", what, err)
	}
	return newError(ErrFormat, "", "工作簿已损坏：%s不是有效的 XML（%v）", what, err)
}

// tokenLimit bounds the bytes between two '<': the longest text or tag. A
// cell's text may grow sixfold when written as XML (&#x4E2D; for a
// three-byte character).
func tokenLimit(o Options) int64 { return 8*int64(o.MaxCellBytes) + 64<<10 }

// partLimit fails with ErrLimit when a part decompresses to more than max
// bytes, whatever size its zip header claims.
type partLimit struct {
	r         io.Reader
	left, max int64
	what      string
}

func (l *partLimit) Read(b []byte) (int, error) {
	if l.left <= 0 {
		var probe [1]byte
		if n, err := l.r.Read(probe[:]); n == 0 {
			return 0, err
		}
		return 0, newError(ErrLimit, "", "%s解压后超过 %s 的上限", l.what, sizeText(l.max))
	}
	if int64(len(b)) > l.left {
		b = b[:l.left]
	}
	n, err := l.r.Read(b)
	l.left -= int64(n)
	return n, err
}

// tokenGuard fails when more than limit bytes pass without a '<'.
type tokenGuard struct {
	r     io.Reader
	since int64 // bytes since the last '<'
	limit int64
	what  string
}

func (g *tokenGuard) Read(b []byte) (int, error) {
	n, err := g.r.Read(b)
	if i := bytes.LastIndexByte(b[:n], '<'); i >= 0 {
		g.since = int64(n - i - 1)
	} else {
		g.since += int64(n)
	}
	if g.since > g.limit {
		return 0, newError(ErrLimit, "", "%s中有超长的内容（超过 %s，单元格内容的上限是 %s）", g.what,
			sizeText(g.limit), sizeText((g.limit-64<<10)/8))
	}
	return n, err
}

// zipEntryCount reads the number of entries from a zip archive's end of
// central directory record (or its zip64 record), before zip.NewReader
// allocates them.
func zipEntryCount(data []byte) (uint64, bool) {
	const eocdLen = 22
	for i := len(data) - eocdLen; i >= 0 && i >= len(data)-eocdLen-0xFFFF; i-- {
		if !bytes.Equal(data[i:i+4], []byte("PK\x05\x06")) {
			continue
		}
		n := uint64(binary.LittleEndian.Uint16(data[i+10:]))
		if n != 0xFFFF || i < 20 || !bytes.Equal(data[i-20:i-16], []byte("PK\x06\x07")) {
			return n, true
		}
		off := binary.LittleEndian.Uint64(data[i-12:])
		if off > uint64(len(data)) || uint64(len(data))-off < 56 || !bytes.Equal(data[off:off+4], []byte("PK\x06\x06")) {
			return 0, false
		}
		return binary.LittleEndian.Uint64(data[off+32:]), true
	}
	return 0, false
}

// resolve returns the part name a relationship target names, relative to
// the part holding the relationship.
func resolve(source, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(source), target), "/")
}

// relsPart returns the relationships part of a part: xl/workbook.xml →
// xl/_rels/workbook.xml.rels.
func relsPart(name string) string {
	return path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")
}

var errTooDeep = fmt.Errorf("elements nested more than %d deep", maxXMLDepth)
