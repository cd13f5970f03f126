package tabular

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// maxXMLDepth bounds element nesting: encoding/xml keeps a stack entry per
// open element.
const maxXMLDepth = 64

// xmlReader yields the tokens of a part, refusing deep nesting.
type xmlReader struct {
	dec   *xml.Decoder
	depth int
	what  string
}

func newXMLReader(r io.Reader, what string) *xmlReader {
	return &xmlReader{dec: xml.NewDecoder(r), what: what}
}

// token returns the next token; io.EOF at the end of the part.
func (x *xmlReader) token() (xml.Token, error) {
	tok, err := x.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > maxXMLDepth {
			return nil, errTooDeep
		}
	case xml.EndElement:
		x.depth--
	}
	return tok, nil
}

// text collects the character data up to the end of the element just
// started, from <t> elements when runs is set (a rich-text string: <t>, or
// <r><t>, never the phonetic <rPh><t>), else all of it. It fails when the
// text grows past limit bytes.
func (x *xmlReader) text(runs bool, limit int, buf []byte) ([]byte, bool, error) {
	start, skip, inT := x.depth, 0, 0
	long := false
	for {
		tok, err := x.token()
		if err != nil {
			return buf, long, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case skip > 0 || t.Name.Local == "rPh" || t.Name.Local == "phoneticPr":
				skip++
			case t.Name.Local == "t":
				inT++
			}
		case xml.EndElement:
			if x.depth < start {
				return buf, long, nil
			}
			switch {
			case skip > 0:
				skip--
			case t.Name.Local == "t" && inT > 0:
				inT--
			}
		case xml.CharData:
			if skip == 0 && (!runs || inT > 0) && !long {
				if len(buf)+len(t) > limit {
					long = true
					continue
				}
				buf = append(buf, t...)
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

type relationship struct {
	kind   string // the last path element of the type
	target string // the part name, resolved
}

// readRels reads the relationships of part source ("" for the package);
// none when the relationships part is absent. Targets are resolved.
func (p *zipPackage) readRels(source string) (map[string]relationship, error) {
	name := "_rels/.rels"
	if source != "" {
		name = relsPart(source)
	}
	rels := map[string]relationship{}
	if p.files[strings.ToLower(name)] == nil {
		return rels, nil
	}
	pt, err := p.open(name, "关系表 "+name)
	if err != nil {
		return nil, err
	}
	defer pt.Close()
	for {
		tok, err := pt.xml.token()
		if err == io.EOF {
			return rels, nil
		} else if err != nil {
			return nil, pt.wrap(err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok || t.Name.Local != "Relationship" || attr(t, "TargetMode") == "External" {
			continue
		}
		if len(rels) >= maxParts {
			return nil, newError(ErrLimit, "", "工作簿的关系表过大")
		}
		kind := attr(t, "Type")
		rels[attr(t, "Id")] = relationship{kind: kind[strings.LastIndexByte(kind, '/')+1:], target: resolve(source, attr(t, "Target"))}
	}
}

type sheetEntry struct {
	name string
	kind string // relWorksheet, "chartsheet", …
	part string
}

type workbookInfo struct {
	sheets   []sheetEntry
	date1904 bool
	parts    map[string]string // first target by relationship kind
}

func (p *zipPackage) readWorkbook(name string) (*workbookInfo, error) {
	rels, err := p.readRels(name)
	if err != nil {
		return nil, err
	}
	book := &workbookInfo{parts: map[string]string{}}
	for _, rel := range rels {
		if old, ok := book.parts[rel.kind]; !ok || rel.target < old { // deterministic
			book.parts[rel.kind] = rel.target
		}
	}
	pt, err := p.open(name, "工作簿目录")
	if err != nil {
		return nil, err
	}
	defer pt.Close()
	for {
		tok, err := pt.xml.token()
		if err == io.EOF {
			return book, nil
		} else if err != nil {
			return nil, pt.wrap(err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch t.Name.Local {
		case "workbookPr":
			v := strings.ToLower(attr(t, "date1904"))
			book.date1904 = v == "1" || v == "true" || v == "on"
		case "sheet":
			if len(book.sheets) >= maxParts {
				return nil, newError(ErrLimit, "", "工作簿中的工作表过多")
			}
			rel := rels[attr(t, "id")]
			name := attr(t, "name")
			if name == "" { // Excel refuses such a name; give it one for messages
				name = fmt.Sprintf("工作表%d", len(book.sheets)+1)
			}
			book.sheets = append(book.sheets, sheetEntry{name: name, kind: rel.kind, part: rel.target})
		}
	}
}

// sharedStrings holds the workbook's shared string table in one buffer.
type sharedStrings struct {
	data  []byte
	spans []uint64 // start<<32 | end in data; tooLong for a string past the cell limit
}

const tooLong = math.MaxUint64

func (s *sharedStrings) get(i int) (string, bool, bool) {
	if s == nil || i < 0 || i >= len(s.spans) {
		return "", false, false
	}
	sp := s.spans[i]
	if sp == tooLong {
		return "", true, true
	}
	return string(s.data[sp>>32 : sp&math.MaxUint32]), false, true
}

func (p *zipPackage) readSharedStrings(name string) (*sharedStrings, error) {
	if name == "" || p.files[strings.ToLower(name)] == nil {
		return &sharedStrings{}, nil
	}
	pt, err := p.open(name, "共享字符串表")
	if err != nil {
		return nil, err
	}
	defer pt.Close()
	sst := &sharedStrings{}
	var buf []byte
	for {
		tok, err := pt.xml.token()
		if err == io.EOF {
			return sst, nil
		} else if err != nil {
			return nil, pt.wrap(err)
		}
		if t, ok := tok.(xml.StartElement); !ok || t.Name.Local != "si" {
			continue
		}
		raw, long, err := pt.xml.text(true, tokenLimitInt(p.opts), buf[:0])
		if err != nil {
			return nil, pt.wrap(err)
		}
		buf = raw
		s := decodeXString(string(raw))
		if long || len(s) > p.opts.MaxCellBytes {
			sst.spans = append(sst.spans, tooLong)
			continue
		}
		start := len(sst.data)
		sst.data = append(sst.data, s...)
		sst.spans = append(sst.spans, uint64(start)<<32|uint64(len(sst.data)))
	}
}

func tokenLimitInt(o Options) int { return int(tokenLimit(o)) }

// readStyles returns the class of each cell format (cellXfs), by index.
func (p *zipPackage) readStyles(name string) ([]fmtClass, error) {
	if name == "" || p.files[strings.ToLower(name)] == nil {
		return nil, nil
	}
	pt, err := p.open(name, "样式表")
	if err != nil {
		return nil, err
	}
	defer pt.Close()
	custom := map[int]fmtClass{}
	var xfIDs []int
	inXfs := false
	for {
		tok, err := pt.xml.token()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, pt.wrap(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "numFmt":
				if id, err := strconv.Atoi(attr(t, "numFmtId")); err == nil && len(custom) < 1<<16 {
					custom[id] = classifyFormat(attr(t, "formatCode"))
				}
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					if len(xfIDs) >= 1<<16 {
						return nil, newError(ErrLimit, "", "样式表中的单元格格式过多")
					}
					id, _ := strconv.Atoi(attr(t, "numFmtId"))
					xfIDs = append(xfIDs, id)
				}
			}
		case xml.EndElement:
			if t.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
	}
	classes := make([]fmtClass, len(xfIDs))
	for i, id := range xfIDs {
		if c, ok := custom[id]; ok {
			classes[i] = c
		} else {
			classes[i] = builtinClass(id)
		}
	}
	return classes, nil
}

// decodeXString decodes the _xHHHH_ escapes of OOXML strings (ST_Xstring):
// "_x000D_" is a carriage return, "_x005F_" an underscore (so that
// "_x005F_x000D_" stays the literal text "_x000D_").
func decodeXString(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s)-i < 7 {
			break
		}
		v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' || v >= 0xD800 && v <= 0xDFFF {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteRune(rune(v))
		s = s[i+7:]
	}
	b.WriteString(s)
	return b.String()
}
