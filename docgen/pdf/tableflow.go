package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
)

// tableFlow paginates one table: header rows repeated on every page, rows
// kept whole when they fit on a page (Table.KeepRows) and split between
// lines otherwise, cells spanning rows drawn again on every page they cross.
type tableFlow struct {
	f        *flow
	m        *measuredTable
	headerH  float64
	placed   []placedRow      // body rows (or pieces of rows) on the current page
	consumed map[*cellBox]int // lines of a spanning cell drawn in earlier segments
}

// placedRow is a body row, or a piece of a split row, on the current page.
type placedRow struct {
	row      int
	y, h     float64
	from, to []int // line range per cell of the row (m.cells[row])
	piece    bool  // a piece of a split row: content drawn top-aligned
}

func (f *flow) table(t *layout.Table) error {
	m, err := f.sh.measure(t, f.area.X)
	if err != nil {
		return err
	}
	tf := &tableFlow{f: f, m: m, consumed: map[*cellBox]int{}}
	for r := 0; r < m.header; r++ {
		tf.headerH += m.own[r]
	}
	if tf.headerH > f.area.H/2 {
		return errHeaderTooTall
	}
	tf.startPage()
	n := len(t.Rows)
	from := make([]int, 0, 8)
	for r := m.header; r < n; {
		if f.err != nil {
			return f.err
		}
		cells := m.cells[r]
		if len(from) != len(cells) {
			from = make([]int, len(cells))
		}
		cont := anyPositive(from)
		need := tf.rowNeed(r, from, cont)
		avail := f.bottom() - f.y
		if !cont && t.KeepRows && len(tf.placed) > 0 {
			// Rows joined by a merged cell (an investor's projects) move to
			// the next page together when they fit on one but not here.
			if g := tf.groupNeed(r); g > avail+eps && g <= f.area.H-tf.headerH+eps {
				tf.nextPage()
				continue
			}
		}
		if need <= avail+eps {
			tf.place(r, from, nil, need, cont)
			r++
			from = from[:0]
			continue
		}
		fresh := f.area.H - tf.headerH
		onPage := len(tf.placed) > 0
		if onPage && t.KeepRows && need <= fresh+eps {
			tf.nextPage()
			continue
		}
		if !onPage && f.y > f.area.Y+tf.headerH+eps && need <= fresh+eps && avail < float64(f.area.H/2) {
			// The table would start with its header alone at the foot of a
			// page: start it on the next page instead. With half a page or
			// more left under what precedes it, its first row is split
			// rather than leave that page bare (the DOCX does the same:
			// docx.keptRows).
			tf.restartOnNextPage()
			continue
		}
		to, ok := tf.split(r, from, avail)
		// A merged cell ending at r whose text is not placed yet keeps the
		// row going, page after page, even when r's own cells are done.
		spanLeft := !anyRemaining(cells, from) && tf.spanUnfinished(r)
		if !ok && !spanLeft {
			switch {
			case onPage:
				tf.nextPage()
				continue
			case f.y > f.area.Y+tf.headerH+eps:
				tf.restartOnNextPage()
				continue
			}
			if anyRemaining(cells, from) {
				// Not even one line fits on an empty page (cannot happen with
				// sane font sizes): fail rather than draw outside the page.
				return errTooTall
			}
			// Only the row's height (MinHeight) does not fit under the
			// header: the row gets the rest of the page.
			to = fullLines(cells)
		}
		progress := tf.progress()
		tf.place(r, from, to, avail, true)
		from = append(from[:0], to...)
		tf.closePage()
		if spanLeft && !ok && !onPage && tf.progress() == progress {
			return errTooTall // a fresh page took no line: stop rather than loop
		}
		if !anyRemaining(cells, from) && !tf.spanUnfinished(r) {
			r++
			from = from[:0]
		}
		if r < n {
			f.newPage()
			tf.startPage()
		}
	}
	tf.closePage()
	return nil
}

// groupNeed returns the height of the rows that cells spanning several
// rows and starting at row r join to it, with those cells' text; 0 when no
// such cell starts at r.
func (tf *tableFlow) groupNeed(r int) float64 {
	m := tf.m
	end := r
	for _, sc := range m.spans {
		if sc.row == r {
			end = max(end, sc.row+sc.rows-1)
		}
	}
	if end == r {
		return 0
	}
	var rows float64
	for i := r; i <= end; i++ {
		rows += m.own[i]
	}
	need := rows
	for _, sc := range m.spans {
		if sc.row == r {
			need = max(need, sc.linesHeight(0, len(sc.lines))+m.padV)
		}
	}
	return need
}

// spanUnfinished reports whether a merged cell that ends at row r has
// lines not drawn yet.
func (tf *tableFlow) spanUnfinished(r int) bool {
	for _, sc := range tf.m.spans {
		if sc.row+sc.rows-1 == r && tf.consumed[sc] < len(sc.lines) {
			return true
		}
	}
	return false
}

// progress counts the lines of merged cells drawn so far, to tell a page
// that placed nothing.
func (tf *tableFlow) progress() int {
	n := 0
	for _, c := range tf.consumed {
		n += c
	}
	return n
}

func anyPositive(xs []int) bool {
	for _, x := range xs {
		if x > 0 {
			return true
		}
	}
	return false
}

func anyRemaining(cells []*cellBox, from []int) bool {
	for i, cb := range cells {
		if cb.rows == 1 && from[i] < len(cb.lines) {
			return true
		}
	}
	return false
}

func fullLines(cells []*cellBox) []int {
	to := make([]int, len(cells))
	for i, cb := range cells {
		to[i] = len(cb.lines)
	}
	return to
}

// startPage draws the header rows at the top of the table on this page.
func (tf *tableFlow) startPage() {
	m, f := tf.m, tf.f
	y := f.y
	for r := 0; r < m.header; r++ {
		for _, cb := range m.cells[r] {
			box := Rect{X: m.x + cb.x, Y: y, W: cb.w, H: m.own[r]}
			f.drawCell(m, cb, box, 0, len(cb.lines), cb.cell.VAlign, true)
		}
		y += m.own[r]
	}
	f.y = y
}

// restartOnNextPage removes the header drawn at the foot of this page and
// starts the table on the next one.
func (tf *tableFlow) restartOnNextPage() {
	f := tf.f
	pg := f.page
	headerTop := f.y - tf.headerH
	keepTexts := pg.Texts[:0]
	for _, t := range pg.Texts {
		if t.Box.Y < headerTop-eps {
			keepTexts = append(keepTexts, t)
		}
	}
	pg.Texts = keepTexts
	keepCells := pg.Cells[:0]
	for _, c := range pg.Cells {
		if c.Box.Y < headerTop-eps {
			keepCells = append(keepCells, c)
		}
	}
	pg.Cells = keepCells
	keepLines := pg.Lines[:0]
	for _, l := range pg.Lines {
		if min(l.Y1, l.Y2) < headerTop-eps {
			keepLines = append(keepLines, l)
		}
	}
	pg.Lines = keepLines
	f.newPage()
	tf.startPage()
}

func (tf *tableFlow) nextPage() {
	tf.closePage()
	tf.f.newPage()
	tf.startPage()
}

// rowNeed returns the height row r needs on this page: its own cells'
// remaining content (or its full height), and, when r ends a spanning
// cell, enough for that cell's segment on this page to hold its text.
func (tf *tableFlow) rowNeed(r int, from []int, cont bool) float64 {
	m := tf.m
	need := m.own[r]
	if cont {
		need = 0
		for i, cb := range m.cells[r] {
			if cb.rows == 1 {
				need = max(need, cb.linesHeight(from[i], len(cb.lines))+m.padV)
			}
		}
	}
	for _, sc := range m.spans {
		if sc.row+sc.rows-1 != r {
			continue
		}
		segTop := tf.f.y
		for _, pr := range tf.placed {
			if pr.row >= sc.row {
				segTop = pr.y
				break
			}
		}
		// The last segment holds the lines not drawn yet, or the whole text
		// again when it was all drawn on earlier pages.
		want := sc.linesHeight(0, len(sc.lines)) + m.padV
		if c := tf.consumed[sc]; c > 0 && c < len(sc.lines) {
			want = sc.linesHeight(c, len(sc.lines)) + m.padV
		}
		need = max(need, want-(tf.f.y-segTop))
	}
	return need
}

// split returns the lines of each cell of row r that fit in height h, and
// whether any line fits.
func (tf *tableFlow) split(r int, from []int, h float64) ([]int, bool) {
	m := tf.m
	to := make([]int, len(from))
	progress := false
	for i, cb := range m.cells[r] {
		to[i] = from[i]
		if cb.rows != 1 {
			continue
		}
		to[i] = cb.fitLines(from[i], h-m.padV)
		if to[i] > from[i] {
			progress = true
		}
	}
	return to, progress
}

// place puts row r (lines from..to of its cells; to nil = all) at the
// current position with height h.
func (tf *tableFlow) place(r int, from, to []int, h float64, piece bool) {
	m, f := tf.m, tf.f
	pr := placedRow{row: r, y: f.y, h: h, from: append([]int(nil), from...), piece: piece}
	if to == nil {
		pr.to = fullLines(m.cells[r])
	} else {
		pr.to = append([]int(nil), to...)
	}
	for i, cb := range m.cells[r] {
		if cb.rows != 1 {
			continue
		}
		box := Rect{X: m.x + cb.x, Y: f.y, W: cb.w, H: h}
		valign := cb.cell.VAlign
		if piece {
			valign = layout.VAlignTop
		}
		f.drawCell(m, cb, box, pr.from[i], pr.to[i], valign, false)
	}
	tf.placed = append(tf.placed, pr)
	f.y += h
}

// closePage draws the segments of the spanning cells that cross the rows
// placed on this page: the whole text again when it fits in the segment,
// else as many of the remaining lines as fit (the rest follow on the next
// segment).
func (tf *tableFlow) closePage() {
	m := tf.m
	for _, sc := range m.spans {
		var top, bottom float64
		found := false
		for _, pr := range tf.placed {
			if pr.row < sc.row || pr.row >= sc.row+sc.rows {
				continue
			}
			if !found {
				top, found = pr.y, true
			}
			bottom = pr.y + pr.h
		}
		if !found {
			continue
		}
		box := Rect{X: m.x + sc.x, Y: top, W: sc.w, H: bottom - top}
		inner := box.H - m.padV
		from := tf.consumed[sc]
		if sc.linesHeight(0, len(sc.lines)) <= inner+eps {
			from = 0 // the whole text fits: repeat it
		}
		to := sc.fitLines(from, inner)
		valign := sc.cell.VAlign
		if from > 0 || to < len(sc.lines) {
			valign = layout.VAlignTop
		}
		tf.f.drawCell(m, sc, box, from, to, valign, false)
		if to >= len(sc.lines) {
			tf.consumed[sc] = len(sc.lines)
		} else {
			tf.consumed[sc] = to
		}
	}
	tf.placed = tf.placed[:0]
}
