package tabular

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// sheetReader streams the rows of a worksheet part.
type sheetReader struct {
	part     *part
	sst      *sharedStrings
	styles   []fmtClass
	date1904 bool
	sheet    string
	opts     Options
	inData   bool // inside <sheetData>
	done     bool
	lastRow  int
	width    int    // cells of the last row, to size the next
	buf      []byte // reused for a cell's text
}

func (s *sheetReader) next() (Row, error) {
	for !s.done {
		tok, err := s.part.xml.token()
		if err == io.EOF {
			break
		} else if err != nil {
			return Row{}, s.wrap(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "sheetData":
				s.inData = true
			case t.Name.Local == "row" && s.inData:
				return s.readRow(t)
			}
		case xml.EndElement:
			if t.Name.Local == "sheetData" {
				s.done = true
			}
		}
	}
	s.done = true
	return Row{}, io.EOF
}

// wrap names the position of a problem met while reading the XML.
func (s *sheetReader) wrap(err error) error {
	e, ok := s.part.wrap(err).(*Error)
	if ok && e.Where == "" && s.lastRow > 0 {
		e.Where = fmt.Sprintf("%s 第%d行", s.sheet, s.lastRow)
	}
	return e
}

func (s *sheetReader) readRow(start xml.StartElement) (Row, error) {
	num := s.lastRow + 1
	if r := attr(start, "r"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > maxSheetRows {
			return Row{}, newError(ErrFormat, s.sheet, "工作表已损坏：行号“%s”无效", r)
		}
		num = n
	}
	if num <= s.lastRow {
		return Row{}, newError(ErrFormat, fmt.Sprintf("%s 第%d行", s.sheet, num), "工作表已损坏：行的顺序错误")
	}
	s.lastRow = num
	row := Row{Line: num, Sheet: s.sheet, Cells: make([]Cell, 0, s.width)}
	depth, col, rowBytes := s.part.xml.depth, -1, 0
	for {
		tok, err := s.part.xml.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return Row{}, s.wrap(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local != "c" || s.part.xml.depth != depth+1 {
				continue
			}
			c, cell, err := s.readCell(t, &row, col)
			if err != nil {
				return Row{}, err
			}
			col = c
			if cell.Kind == Empty && !cell.Formula {
				continue
			}
			if col >= s.opts.MaxColumns {
				return Row{}, newError(ErrLimit, row.WhereCell(col), "超出了 %d 列的上限", s.opts.MaxColumns)
			}
			if rowBytes += len(cell.Text); rowBytes > s.opts.MaxRowBytes {
				return Row{}, newError(ErrLimit, row.Where(), "这一行超过 %s 的上限", sizeText(int64(s.opts.MaxRowBytes)))
			}
			for len(row.Cells) < col {
				row.Cells = append(row.Cells, Cell{})
			}
			row.Cells = append(row.Cells, cell)
		case xml.EndElement:
			if s.part.xml.depth < depth {
				s.width = len(row.Cells)
				return row, nil
			}
		}
	}
}

// readCell reads a <c> element; prev is the column of the row's previous
// cell (-1 for none). It returns the cell's column and value.
func (s *sheetReader) readCell(start xml.StartElement, row *Row, prev int) (int, Cell, error) {
	col := prev + 1
	if ref := attr(start, "r"); ref != "" {
		c, _, ok := parseCellRef(ref)
		if !ok {
			return 0, Cell{}, newError(ErrFormat, row.Where(), "工作表已损坏：单元格引用“%s”无效", ref)
		}
		col = c
	}
	if col <= prev {
		return 0, Cell{}, newError(ErrFormat, row.WhereCell(col), "工作表已损坏：单元格的顺序错误")
	}
	if col >= maxSheetCols {
		return 0, Cell{}, newError(ErrFormat, row.Where(), "工作表已损坏：列号超出 Excel 的范围")
	}
	typ, style := attr(start, "t"), attr(start, "s")
	var (
		value, formula, hasValue, long bool
		err                            error
	)
	s.buf = s.buf[:0]
	for depth := s.part.xml.depth; ; {
		tok, terr := s.part.xml.token()
		if terr != nil {
			if terr == io.EOF {
				terr = io.ErrUnexpectedEOF
			}
			return 0, Cell{}, s.wrap(terr)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			if _, end := tok.(xml.EndElement); end && s.part.xml.depth < depth {
				break
			}
			continue
		}
		switch t.Name.Local {
		case "v":
			s.buf, long, err = s.part.xml.text(false, tokenLimitInt(s.opts), s.buf)
			value, hasValue = true, true
		case "is":
			s.buf, long, err = s.part.xml.text(true, tokenLimitInt(s.opts), s.buf)
			value, hasValue = typ == "inlineStr", true
		case "f":
			formula = true
			_, _, err = s.part.xml.text(false, 0, nil) // skip it
		}
		if err != nil {
			return 0, Cell{}, s.wrap(err)
		}
	}
	cell := Cell{Formula: formula}
	if !value || !hasValue {
		return col, cell, nil
	}
	if long {
		return 0, Cell{}, s.tooLong(row, col)
	}
	raw := string(s.buf)
	switch typ {
	case "s":
		i, err := strconv.Atoi(raw)
		text, isLong, ok := s.sst.get(i)
		if err != nil || !ok {
			return 0, Cell{}, newError(ErrFormat, row.WhereCell(col), "工作表已损坏：引用了不存在的共享字符串“%s”", raw)
		}
		if isLong {
			return 0, Cell{}, s.tooLong(row, col)
		}
		cell.Kind, cell.Text, cell.Raw = Text, text, text
	case "str", "inlineStr":
		text := decodeXString(raw)
		cell.Kind, cell.Text, cell.Raw = Text, text, text
	case "b":
		cell.Kind, cell.Raw = Bool, raw
		switch strings.TrimSpace(raw) {
		case "1", "true":
			cell.Text = "TRUE"
		case "0", "false":
			cell.Text = "FALSE"
		default:
			cell.Kind, cell.Text = Text, raw
		}
	case "e":
		cell.Kind, cell.Text, cell.Raw = ErrorValue, raw, raw
	case "d":
		var ok bool
		cell.Kind, cell.Raw = Date, raw
		if cell.Text, ok = isoDateText(strings.TrimSpace(raw)); !ok {
			cell.Kind, cell.Text = Text, raw
		}
	default: // "n" or absent: a number
		cell = s.numberCell(cell, strings.TrimSpace(raw), style)
	}
	if cell.Text == "" && cell.Kind == Text {
		cell.Kind = Empty
	}
	if len(cell.Text) > s.opts.MaxCellBytes {
		return 0, Cell{}, s.tooLong(row, col)
	}
	return col, cell, nil
}

func (s *sheetReader) numberCell(cell Cell, raw, style string) Cell {
	cell.Raw = raw
	text, ok := numberText(raw)
	if !ok {
		cell.Kind, cell.Text = Text, raw
		return cell
	}
	cell.Kind, cell.Text = Number, text
	class := classNumber
	if style != "" && len(s.styles) > 0 {
		if i, err := strconv.Atoi(style); err == nil && i >= 0 && i < len(s.styles) {
			class = s.styles[i]
		}
	}
	if class != classNumber {
		v, _ := strconv.ParseFloat(raw, 64)
		if t, ok := serialText(v, class, s.date1904); ok {
			cell.Text, cell.Kind = t, Date
			if class == classTime {
				cell.Kind = Time
			}
		}
	}
	return cell
}

func (s *sheetReader) tooLong(row *Row, col int) error {
	return newError(ErrLimit, row.WhereCell(col), "单元格内容超过 %s 的上限", sizeText(int64(s.opts.MaxCellBytes)))
}
