package tabular

import "fmt"

// matcher matches header rows against a Schema's labels.
type matcher struct {
	s      Schema
	byName map[string]int // normalised name → label index
	names  map[string]string
}

func (s Schema) matcher() (*matcher, error) {
	m := &matcher{s: s, byName: map[string]int{}, names: map[string]string{}}
	if len(s.Labels) == 0 {
		return nil, fmt.Errorf("tabular: Schema without labels")
	}
	for i, l := range s.Labels {
		if l.Key == "" || len(l.Names) == 0 {
			return nil, fmt.Errorf("tabular: label %d needs a key and a name", i)
		}
		if _, dup := m.names[l.Key]; dup {
			return nil, fmt.Errorf("tabular: key %q used twice", l.Key)
		}
		m.names[l.Key] = l.Names[0]
		for _, n := range l.Names {
			k := NormalizeLabel(n)
			if j, dup := m.byName[k]; dup && j != i {
				return nil, fmt.Errorf("tabular: name %q used by keys %q and %q", n, s.Labels[j].Key, l.Key)
			}
			m.byName[k] = i
		}
	}
	return m, nil
}

// attempt is the outcome of matching one or two rows.
type attempt struct {
	sheet    string
	line     int
	lines    int
	cols     []Column    // matched, in file order
	found    map[int]int // label index → column
	unknown  []Column
	repeated []Column
	complete bool // every required label found
}

// match matches rows (one, or an upper and a lower row) as a header.
// merged, when not nil, gives the text of an upper cell covered by a
// merged range.
func (m *matcher) match(rows []Row, merged func(col int) string) *attempt {
	a := &attempt{sheet: rows[0].Sheet, line: rows[0].Line, lines: len(rows), found: map[int]int{}}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.Cells))
	}
	for c := 0; c < width; c++ {
		var cands []string
		var shown string
		if len(rows) == 1 {
			shown = rows[0].Cell(c).Text
			cands = []string{shown}
		} else {
			top, bottom := rows[0].Cell(c).Text, rows[1].Cell(c).Text
			if top == "" && merged != nil {
				top = merged(c)
			}
			switch {
			case top != "" && bottom != "":
				cands = []string{top + bottom, bottom, top}
				shown = displayText(top) + "／" + displayText(bottom)
			case bottom != "":
				cands, shown = []string{bottom}, bottom
			default:
				cands, shown = []string{top}, top
			}
		}
		if NormalizeLabel(shown) == "" && NormalizeLabel(cands[0]) == "" {
			continue
		}
		col := Column{Index: c, Text: displayText(shown)}
		label := -1
		for _, cand := range cands {
			if i, ok := m.byName[NormalizeLabel(cand)]; ok {
				label = i
				break
			}
		}
		if label < 0 {
			a.unknown = append(a.unknown, col)
			continue
		}
		col.Key = m.s.Labels[label].Key
		if _, dup := a.found[label]; dup {
			a.repeated = append(a.repeated, col)
			continue
		}
		a.found[label] = c
		a.cols = append(a.cols, col)
	}
	a.complete = len(a.found) > 0
	for i, l := range m.s.Labels {
		if _, ok := a.found[i]; l.Required && !ok {
			a.complete = false
		}
	}
	return a
}

// header returns the Header of a complete attempt, or its problems.
func (m *matcher) header(a *attempt) (*Header, error) {
	if len(a.repeated) > 0 || len(a.unknown) > 0 && !m.s.AllowUnknown {
		return nil, m.headerError(a)
	}
	h := &Header{Sheet: a.sheet, Line: a.line, Lines: a.lines, Columns: a.cols, Unknown: a.unknown,
		index: map[string]int{}, names: m.names}
	for _, c := range a.cols {
		h.index[c.Key] = c.Index
	}
	return h, nil
}

func (m *matcher) headerError(a *attempt) *HeaderError {
	e := &HeaderError{Where: spanWhere(a.sheet, a.line, a.lines), Repeated: a.repeated, names: m.names,
		First: map[string]int{}}
	if !m.s.AllowUnknown {
		e.Unknown = a.unknown
	}
	for i, l := range m.s.Labels {
		if _, ok := a.found[i]; l.Required && !ok {
			e.Missing = append(e.Missing, l.Names[0])
		}
	}
	for _, c := range a.cols {
		e.First[c.Key] = c.Index
	}
	return e
}
