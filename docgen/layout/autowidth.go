package layout

import (
	"fmt"
	"math"
	"sort"
)

// Automatic column widths (CSS's automatic table layout, tuned for forms):
// every column gets at least its minimum — the widest piece of its text no
// line break may cut, and its header set in at most two lines per official
// line — and the rest of the width is shared out so that the tallest rows
// get shorter first, while a table of short texts keeps the official
// template's look. The widths are computed once, before any backend, from
// the real font metrics (Measurer), in integer steps of widthUnit, so the
// result is the same on every machine.

// widthUnit is the step of automatic widths, in points (about 0.18 mm).
const widthUnit = 0.5

// deviationCost is how many points of table height one point of width
// moved away from the template must save to be worth it: moving 10 mm
// (from one column to another: 20 mm of deviation) must save about 28 pt
// of height, two lines of 五号. A table of short texts keeps the template.
const deviationCost = 0.25

// longestToken is the widest piece of text, in ems of its font, that a
// column makes room for: a credit code (18 characters, about 12 em) and a
// telephone number fit; a longer Latin word or code is cut where the line
// ends, as the PDF cuts a word wider than its cell.
const longestToken = 13

// minGain is the least a move between columns must lower the cost by, in
// points: smaller gains are not worth another round.
const minGain = 0.5

// donorTries is how many of the columns that lose least by giving width
// each move tries.
const donorTries = 4

// shortRows is how many lines of the body text a row may take without
// asking for width: a row of a table of short texts.
const shortRows = 4

// shortHeader is the length of a short header line (the seed breaks its
// headers into such lines: 项目|承接方); longer ones may wrap into three.
const shortHeader = 6

// autoCell is a cell of the table being sized.
type autoCell struct {
	row, rows int // first grid row and row count
	c0, c1    int // grid columns [c0, c1)
	header    bool
	paras     []*Shaped
	minW      float64 // narrowest acceptable content width (points, padding excluded)
	maxW      float64 // content width on one line per paragraph
	floor     float64 // height at maxW: no width makes it shorter
	memo      map[int]float64
	idx       int // in autoTable.cells
}

// autoTable is a table being sized.
type autoTable struct {
	t         *Table
	cells     []*autoCell
	padH      float64 // left and right padding
	padV      float64
	template  []float64 // template widths in units
	total     int       // the table width in units
	bodyStart int
	groups    [][2]int      // body row groups [from, to): rows joined by cells spanning rows
	spans     [][]*autoCell // per group, its cells spanning rows
	own       []float64     // scratch: each row's height
	groupH    []float64     // scratch: each group's height
	// pageHeight is the height of a page's type area (0: unknown), to
	// count the repeated header once per page.
	pageHeight float64
	// slack is the height of a short row: shortRows lines of the body
	// text and the padding.
	slack float64
}

// AutoColumns returns column widths for t that add up to the sum of
// template (the official widths, one per column): each column at least
// its minimum, the tallest rows made shorter first where moving width away
// from the template saves enough height. pageHeight, the height of the
// type area (0 when unknown), weighs the header row by the pages it will
// repeat on. Cells spanning several columns take part in the heights but
// not in the minimums.
func (m *Measurer) AutoColumns(t *Table, template []Length, pageHeight Length) ([]Length, error) {
	if len(template) != len(t.Columns) {
		return nil, fmt.Errorf("layout: %d template widths for %d columns", len(template), len(t.Columns))
	}
	a, err := m.newAutoTable(t, template)
	if err != nil {
		return nil, err
	}
	a.pageHeight = float64(pageHeight)
	var width Length
	for _, w := range template {
		width += w
	}
	mins := a.minimums()
	w := a.fill(mins)
	if !a.atFloor(w) {
		w = a.refine(a.bestWidths(mins), mins)
	}
	// A column left at its template width (within a unit: the rounding)
	// gets exactly the template's: its header lines fit as the template
	// made them. The widest other column takes up the difference.
	out := make([]Length, len(w))
	at := make([]bool, len(w))
	for j, u := range w {
		out[j] = Length(float64(u) * widthUnit)
		if d := template[j] - out[j]; d > -widthUnit-1e-9 && d < widthUnit+1e-9 {
			out[j], at[j] = template[j], true
		}
	}
	widest := -1
	for j := range w {
		if !at[j] && (widest < 0 || out[j] > out[widest]) {
			widest = j
		}
	}
	if widest < 0 {
		return append([]Length(nil), template...), nil
	}
	var sum Length
	for _, l := range out {
		sum += l
	}
	out[widest] += width - sum
	return out, nil
}

// TableHeights returns the heights of t set in its column widths, as the
// PDF sets it on a page tall enough: the header rows together, then each
// body row as tall as its tallest cell — rows joined by a cell spanning
// them (an investor's projects) as one group, at least as tall as that
// cell.
func (m *Measurer) TableHeights(t *Table) (header float64, groups []float64, err error) {
	a, err := m.newAutoTable(t, t.Columns)
	if err != nil {
		return 0, nil, err
	}
	w := make([]float64, len(t.Columns))
	for j, c := range t.Columns {
		w[j] = float64(c)
	}
	header, groups = a.heights(func(c *autoCell) float64 { return a.contentHeightAt(c, Sum(w[c.c0:c.c1])) })
	return header, append([]float64(nil), groups...), nil
}

// newAutoTable measures t's cells.
func (m *Measurer) newAutoTable(t *Table, template []Length) (*autoTable, error) {
	grid, err := t.Grid()
	if err != nil {
		return nil, err
	}
	var width Length
	for _, w := range template {
		width += w
	}
	a := &autoTable{t: t, padH: float64(t.Padding.Left + t.Padding.Right), padV: float64(t.Padding.Top + t.Padding.Bottom),
		total: int(float64(width) / widthUnit), bodyStart: t.HeaderRows()}
	for _, w := range template {
		a.template = append(a.template, float64(w)/widthUnit)
	}
	for r := range t.Rows {
		for c, slot := range grid[r] {
			if !slot.Origin {
				continue
			}
			cell := &t.Rows[r].Cells[slot.Cell]
			ac := &autoCell{row: r, rows: cell.Rows(), c0: c, c1: c + cell.Cols(), header: r < a.bodyStart, memo: map[int]float64{}}
			for k := range cell.Paragraphs {
				s := m.Shape(&cell.Paragraphs[k])
				ac.paras = append(ac.paras, s)
				ac.maxW = max(ac.maxW, s.MaxContent())
				ac.minW = max(ac.minW, min(s.MinContent(), float64(longestToken*float64(s.P.Font.Size))))
			}
			ac.floor = ac.contentHeight(ac.maxW) + a.padV
			ac.idx = len(a.cells)
			a.cells = append(a.cells, ac)
		}
	}
	a.group()
	for _, c := range a.cells {
		if !c.header && len(c.paras) > 0 {
			a.slack = float64(shortRows*float64(c.paras[0].P.Leading())) + a.padV
			break
		}
	}
	return a, nil
}

// twoChars is the width of the first two characters of the cell's widest
// paragraph: a header line never breaks into pieces narrower (签约|类型).
func (c *autoCell) twoChars() float64 {
	w := 0.0
	for _, s := range c.paras {
		w = max(w, Sum(s.Adv[:min(2, s.Main)]))
	}
	return w
}

// contentHeight is the height of the cell's paragraphs set in width.
func (c *autoCell) contentHeight(width float64) float64 {
	h := 0.0
	for _, s := range c.paras {
		h += s.Height(width)
	}
	return h
}

// height is the cell's height (padding included) at a width of units.
func (a *autoTable) height(c *autoCell, units int) float64 {
	if h, ok := c.memo[units]; ok {
		return h
	}
	h := c.contentHeight(float64(float64(units)*widthUnit)-a.padH) + a.padV
	c.memo[units] = h
	return h
}

// group finds the body rows that cells spanning rows join.
func (a *autoTable) group() {
	reach := make([]int, len(a.t.Rows))
	for r := range reach {
		reach[r] = r + 1
	}
	for _, c := range a.cells {
		reach[c.row] = max(reach[c.row], c.row+c.rows)
	}
	for r := a.bodyStart; r < len(a.t.Rows); {
		end := reach[r]
		for k := r; k < end; k++ {
			end = max(end, reach[k])
		}
		a.groups = append(a.groups, [2]int{r, end})
		var spans []*autoCell
		for _, c := range a.cells {
			if c.rows > 1 && c.row >= r && c.row < end {
				spans = append(spans, c)
			}
		}
		a.spans = append(a.spans, spans)
		r = end
	}
	a.own = make([]float64, len(a.t.Rows))
}

// units converts a content width in points to a column width in units,
// padding added, rounded up.
func (a *autoTable) units(content float64) int {
	return int(math.Ceil(float64(content+a.padH)/widthUnit - 1e-9))
}

// minimums returns each column's least width in units: the widest
// unbreakable piece of its cells and its header's narrowest form
// (headerMin; more lines when that does not fit),
// each at most a third of the table; when even those do not fit side by
// side, the widest are cut down to a common level.
func (a *autoTable) minimums() []int {
	n := len(a.template)
	var mins []int
	for relax := 1; ; relax++ {
		mins = make([]int, n)
		for _, c := range a.cells {
			if c.c1-c.c0 != 1 {
				continue
			}
			need := a.units(c.minW)
			if c.header {
				need = max(need, a.headerMin(c, relax), a.units(c.twoChars()))
			}
			mins[c.c0] = max(mins[c.c0], min(need, a.total/3))
		}
		if sumInts(mins) <= a.total || relax >= 3 {
			break
		}
	}
	if sumInts(mins) > a.total {
		// The widest minimums give way first (a long Latin word, a
		// telephone number with an extension), down to one level for all,
		// so that the narrow ones (a code's two characters) stay, and a
		// fifth of the width is left for the texts to grow into.
		room := a.total - a.total/5
		lo, hi := 0, 0
		for _, m := range mins {
			hi = max(hi, m)
		}
		for lo < hi {
			mid := (lo + hi + 1) / 2
			t := 0
			for _, m := range mins {
				t += min(m, mid)
			}
			if t <= room {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		for j := range mins {
			mins[j] = min(mins[j], lo)
		}
	}
	return mins
}

// headerMin is the narrowest width in units at which every line of a
// header cell (one paragraph per official line) keeps to its number of
// lines: a short line (at most shortHeader characters: 投资方, 类别)
// relax+1, a long one (是否首次来潭投资) relax+3. The minimums let a
// short line wrap once (relax 1); the cost, which counts the header's
// every line, keeps it whole unless the rows gain more.
func (a *autoTable) headerMin(c *autoCell, relax int) int {
	lo, hi := a.units(c.minW), a.units(c.maxW)
	fits := func(units int) bool {
		for _, s := range c.paras {
			limit := 1 + relax
			if len(s.Runes) > shortHeader {
				limit = 3 + relax
			}
			if s.Count(float64(float64(units)*widthUnit)-a.padH) > limit {
				return false
			}
		}
		return true
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// bestWidths tries the template (each column at least its minimum), then
// caps on the height of the body cells, from the tallest down: for each
// cap, every column as narrow as its cells allow under the cap and the
// rest shared in the template's proportions. It returns the widths of the
// least cost: the table's height plus deviationCost for every point of
// width away from the template.
func (a *autoTable) bestWidths(mins []int) []int {
	best := a.fill(mins)
	bestCost := a.cost(best)
	top, lead := 0.0, 0.0
	for _, c := range a.cells {
		if c.header || c.c1-c.c0 != 1 {
			continue
		}
		top = max(top, a.height(c, a.span(best, c)))
		if lead == 0 && len(c.paras) > 0 {
			lead = float64(c.paras[0].P.Leading())
		}
	}
	if lead <= 0 {
		return best
	}
	need := make([]int, len(mins))
	for capH := top - lead; capH >= lead+a.padV-1e-9; capH -= max(lead, float64(capH*0.04)) {
		copy(need, mins)
		for _, c := range a.cells {
			if c.c1-c.c0 != 1 {
				continue
			}
			need[c.c0] = max(need[c.c0], a.fit(c, mins[c.c0], max(capH, c.floor)))
		}
		if sumInts(need) > a.total {
			break // a lower cap needs even more
		}
		w := a.fill(need)
		if cost := a.cost(w); cost < bestCost-1e-6 {
			best, bestCost = w, cost
		}
	}
	return best
}

// span returns the width in units of the columns c covers.
func (a *autoTable) span(w []int, c *autoCell) int {
	return sumInts(w[c.c0:c.c1])
}

// fit returns the least width in units, at least lo, at which cell c is no
// taller than limit.
func (a *autoTable) fit(c *autoCell, lo int, limit float64) int {
	hi := max(lo, a.units(c.maxW))
	if a.height(c, lo) <= limit+1e-6 {
		return lo
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if a.height(c, mid) <= limit+1e-6 {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// fill returns widths that add up to the table width: each column the
// larger of need and its template width scaled by one factor for all.
func (a *autoTable) fill(need []int) []int {
	w := make([]int, len(need))
	scaled := func(s float64) int {
		t := 0
		for j := range need {
			t += max(need[j], int(float64(s*a.template[j])))
		}
		return t
	}
	lo, hi := 0.0, 1.0
	for scaled(hi) <= a.total && hi < 1e6 {
		hi *= 2
	}
	for range 50 {
		mid := (lo + hi) / 2
		if scaled(mid) <= a.total {
			lo = mid
		} else {
			hi = mid
		}
	}
	for j := range need {
		w[j] = max(need[j], int(float64(lo*a.template[j])))
	}
	// The few units left over go to the scaled columns, largest remainder first.
	for left := a.total - sumInts(w); left > 0; {
		pick, frac := -1, -1.0
		for j := range w {
			if w[j] < need[j] || float64(lo*a.template[j]) < float64(need[j]) {
				continue
			}
			f := float64(lo*a.template[j]) - float64(w[j])
			if f > frac {
				pick, frac = j, f
			}
		}
		if pick < 0 {
			pick = 0
			for j := range w {
				if w[j] > w[pick] {
					pick = j
				}
			}
		}
		w[pick]++
		left--
	}
	return w
}

// cost is the table's height at widths w plus deviationCost for every
// point of width away from the template.
func (a *autoTable) cost(w []int) float64 {
	cellH := make([]float64, len(a.cells))
	for _, c := range a.cells {
		cellH[c.idx] = a.height(c, a.span(w, c))
	}
	h := a.weighted(cellH)
	dev := 0.0
	for j := range w {
		dev += math.Abs(float64(w[j]) - a.template[j])
	}
	return h + float64(deviationCost*widthUnit*dev)
}

// contentHeightAt is a cell's height (padding included) at a width in points.
func (a *autoTable) contentHeightAt(c *autoCell, width float64) float64 {
	return c.contentHeight(width-a.padH) + a.padV
}

// heightAt is the table's height when each cell is as tall as cellH says.
func (a *autoTable) heightAt(cellH func(*autoCell) float64) float64 {
	h, groups := a.heights(cellH)
	for _, g := range groups {
		h += g
	}
	return h
}

// heights returns the header's height and each body group's when each
// cell is as tall as cellH says. The group slice is reused by the next call.
func (a *autoTable) heights(cellH func(*autoCell) float64) (header float64, groups []float64) {
	own := a.own
	for r := range own {
		own[r] = float64(a.t.Rows[r].MinHeight)
	}
	for _, c := range a.cells {
		if c.rows == 1 {
			own[c.row] = max(own[c.row], cellH(c))
		}
	}
	for r := 0; r < a.bodyStart; r++ {
		header += own[r]
	}
	groups = a.groupH[:0]
	for gi, g := range a.groups {
		gh := 0.0
		for r := g[0]; r < g[1]; r++ {
			gh += own[r]
		}
		for _, c := range a.spans[gi] {
			gh = max(gh, cellH(c))
		}
		groups = append(groups, gh)
	}
	a.groupH = groups
	return header, groups
}

// refine moves width between columns, in steps of 12 and 3 pt, while
// that lowers the cost: from any column that stays at its minimum or more
// to a column holding the tallest cell of a row (only those can make a row
// shorter), the best move first.
func (a *autoTable) refine(w, mins []int) []int {
	w = append([]int(nil), w...)
	byCol := make([][]*autoCell, len(w))
	for _, c := range a.cells {
		for j := c.c0; j < c.c1; j++ {
			byCol[j] = append(byCol[j], c)
		}
	}
	cellH := make([]float64, len(a.cells))
	for _, c := range a.cells {
		cellH[c.idx] = a.height(c, a.span(w, c))
	}
	dev := func(j, units int) float64 { return math.Abs(float64(units) - a.template[j]) }
	devSum := 0.0
	for j := range w {
		devSum += dev(j, w[j])
	}
	cur := a.weighted(cellH) + float64(deviationCost*widthUnit*devSum)
	trial := make([]float64, len(cellH))
	copy(trial, cellH)
	ev := a.newEval()
	var changed []int
	// A column's cells at its width one step wider, one or two narrower,
	// the same for every move of an iteration: computed once each.
	var caches [3][]float64
	var seen [3][]int
	for i := range caches {
		caches[i], seen[i] = make([]float64, len(a.cells)), make([]int, len(a.cells))
	}
	iter := 0
	heightAt := func(c *autoCell, kind int) float64 {
		if c.c1-c.c0 != 1 {
			return a.height(c, a.span(w, c))
		}
		if seen[kind][c.idx] != iter {
			seen[kind][c.idx], caches[kind][c.idx] = iter, a.height(c, w[c.c0])
		}
		return caches[kind][c.idx]
	}
	for _, step := range []int{24, 6} {
		for range 100 {
			iter++
			recv, pairs := a.bottlenecks(cellH)
			ev.reset(cellH)
			bestR, bestR2, bestD, bestCost := -1, -1, -1, cur-minGain
			try := func(r, r2, d int) {
				give := step
				if r2 >= 0 {
					give = 2 * step
				}
				if d == r || d == r2 || w[d]-give < mins[d] {
					return
				}
				old := [3]int{w[r], 0, w[d]}
				w[r] += step
				if r2 >= 0 {
					old[1] = w[r2]
					w[r2] += step
				}
				w[d] -= give
				ds := devSum - dev(r, old[0]) - dev(d, old[2]) + dev(r, w[r]) + dev(d, w[d])
				for _, c := range byCol[r] {
					trial[c.idx] = heightAt(c, 0)
				}
				if r2 >= 0 {
					ds += dev(r2, w[r2]) - dev(r2, old[1])
					for _, c := range byCol[r2] {
						trial[c.idx] = heightAt(c, 0)
					}
				}
				down := 1
				if r2 >= 0 {
					down = 2
				}
				for _, c := range byCol[d] {
					trial[c.idx] = heightAt(c, down)
				}
				w[r], w[d] = old[0], old[2]
				if r2 >= 0 {
					w[r2] = old[1]
				}
				defer func() { // trial back to cellH for the next try
					for _, k := range changed {
						trial[k] = cellH[k]
					}
				}()
				changed = changed[:0]
				for _, j := range [3]int{r, r2, d} {
					if j >= 0 {
						for _, c := range byCol[j] {
							changed = append(changed, c.idx)
						}
					}
				}
				if cost := ev.weighted(trial, changed) + float64(deviationCost*widthUnit*ds); cost < bestCost {
					bestR, bestR2, bestD, bestCost = r, r2, d, cost
				}
			}
			// Donors: the columns that lose least by giving a step (two for a
			// pair), the few cheapest tried with every receiver.
			donors := func(kind, give int) []int {
				type cand struct {
					d    int
					cost float64
				}
				var cs []cand
				for d := range w {
					if w[d]-give < mins[d] {
						continue
					}
					w[d] -= give
					changed = changed[:0]
					for _, c := range byCol[d] {
						trial[c.idx] = heightAt(c, kind)
						changed = append(changed, c.idx)
					}
					w[d] += give
					cost := ev.weighted(trial, changed) + float64(deviationCost*widthUnit*(dev(d, w[d]-give)-dev(d, w[d])))
					for _, k := range changed {
						trial[k] = cellH[k]
					}
					cs = append(cs, cand{d, cost})
				}
				sort.SliceStable(cs, func(i, j int) bool { return cs[i].cost < cs[j].cost })
				var out []int
				for _, c := range cs[:min(len(cs), donorTries)] {
					out = append(out, c.d)
				}
				return out
			}
			one := donors(1, step)
			for _, r := range recv {
				for _, d := range one {
					try(r, -1, d)
				}
			}
			if len(pairs) > 0 {
				two := donors(2, 2*step)
				for _, p := range pairs {
					for _, d := range two {
						try(p[0], p[1], d)
					}
				}
			}
			if bestR < 0 {
				break
			}
			moved := []int{bestR, bestD}
			if bestR2 >= 0 {
				moved = append(moved, bestR2)
			}
			for _, j := range moved {
				devSum -= dev(j, w[j])
			}
			w[bestR] += step
			w[bestD] -= step
			if bestR2 >= 0 {
				w[bestR2] += step
				w[bestD] -= step
			}
			for _, j := range moved {
				devSum += dev(j, w[j])
				for _, c := range byCol[j] {
					cellH[c.idx] = a.height(c, a.span(w, c))
					trial[c.idx] = cellH[c.idx]
				}
			}
			cur = bestCost
		}
	}
	return w
}

// eval computes weighted for cell heights that differ from a base in a
// few cells, touching only their rows and groups.
type eval struct {
	a        *autoTable
	rowCells [][]*autoCell // single-row cells by row
	group    []int         // each row's body group, -1 for header rows
	base     []float64     // the base heights' row heights
	groupH   []float64     // the base groups' heights
	header   float64
	body     float64
	excess   float64
	stamp    int
	rowSeen  []int // stamp of the rows recomputed in this call
	newOwn   []float64
	grpSeen  []int
	touched  []int // groups recomputed in this call
	// top holds each row's three tallest single-row cells of the base
	// (cell index, -1 for none), so that a row's height without the
	// changed cells is found without visiting the others.
	top      [][3]int
	cellSeen []int
	heights  []float64 // the base cell heights
}

func (a *autoTable) newEval() *eval {
	e := &eval{a: a, rowCells: make([][]*autoCell, len(a.t.Rows)), group: make([]int, len(a.t.Rows)),
		base: make([]float64, len(a.t.Rows)), groupH: make([]float64, len(a.groups)),
		rowSeen: make([]int, len(a.t.Rows)), newOwn: make([]float64, len(a.t.Rows)), grpSeen: make([]int, len(a.groups)),
		top: make([][3]int, len(a.t.Rows)), cellSeen: make([]int, len(a.cells))}
	for _, c := range a.cells {
		if c.rows == 1 {
			e.rowCells[c.row] = append(e.rowCells[c.row], c)
		}
	}
	for r := range e.group {
		e.group[r] = -1
	}
	for g, rg := range a.groups {
		for r := rg[0]; r < rg[1]; r++ {
			e.group[r] = g
		}
	}
	return e
}

// reset makes cellH the base.
func (e *eval) reset(cellH []float64) {
	a := e.a
	for r := range e.base {
		e.base[r] = e.own(r, cellH)
		t := [3]int{-1, -1, -1}
		for _, c := range e.rowCells[r] {
			k := c.idx
			for i := range t { // insertion, ties in cell order
				if t[i] < 0 || cellH[k] > cellH[t[i]] {
					k, t[i] = t[i], k
					if k < 0 {
						break
					}
				}
			}
		}
		e.top[r] = t
	}
	e.heights = cellH
	e.header, e.body, e.excess = 0, 0, 0
	for r := 0; r < a.bodyStart; r++ {
		e.header += e.base[r]
	}
	for g := range a.groups {
		e.groupH[g] = e.groupHeight(g, cellH, e.base)
		e.body += e.groupH[g]
		e.excess += max(e.groupH[g]-a.slack, 0)
	}
}

func (e *eval) own(r int, cellH []float64) float64 {
	h := float64(e.a.t.Rows[r].MinHeight)
	for _, c := range e.rowCells[r] {
		h = max(h, cellH[c.idx])
	}
	return h
}

func (e *eval) groupHeight(g int, cellH, own []float64) float64 {
	rg := e.a.groups[g]
	gh := 0.0
	for r := rg[0]; r < rg[1]; r++ {
		gh += own[r]
	}
	for _, c := range e.a.spans[g] {
		gh = max(gh, cellH[c.idx])
	}
	return gh
}

// weighted is autoTable.weighted(cellH) when cellH differs from the base
// only in the cells changed.
func (e *eval) weighted(cellH []float64, changed []int) float64 {
	a := e.a
	e.stamp++
	e.touched = e.touched[:0]
	for _, k := range changed {
		e.cellSeen[k] = e.stamp
	}
	// Each touched row: the tallest unchanged cell of the base, then the
	// changed cells' new heights.
	for _, k := range changed {
		c := a.cells[k]
		if c.rows == 1 && e.rowSeen[c.row] != e.stamp {
			r := c.row
			e.rowSeen[r] = e.stamp
			h, found := float64(a.t.Rows[r].MinHeight), false
			for _, t := range e.top[r] {
				if t >= 0 && e.cellSeen[t] != e.stamp {
					h, found = max(h, e.heights[t]), true
					break
				}
				if t < 0 {
					found = true
					break
				}
			}
			if !found { // the three tallest all changed: look at them all
				for _, o := range e.rowCells[r] {
					if e.cellSeen[o.idx] != e.stamp {
						h = max(h, e.heights[o.idx])
					}
				}
			}
			e.newOwn[r] = h
		}
		if g := e.group[c.row]; g >= 0 && e.grpSeen[g] != e.stamp {
			e.grpSeen[g] = e.stamp
			e.touched = append(e.touched, g)
		}
	}
	header := e.header
	for _, k := range changed {
		if c := a.cells[k]; c.rows == 1 {
			e.newOwn[c.row] = max(e.newOwn[c.row], cellH[k])
		}
	}
	for r := 0; r < a.bodyStart; r++ {
		if e.rowSeen[r] == e.stamp {
			header += e.newOwn[r] - e.base[r]
		}
	}
	body, excess := e.body, e.excess
	for _, g := range e.touched {
		rg := a.groups[g]
		gh := 0.0
		for r := rg[0]; r < rg[1]; r++ {
			if e.rowSeen[r] == e.stamp {
				gh += e.newOwn[r]
			} else {
				gh += e.base[r]
			}
		}
		for _, c := range a.spans[g] {
			gh = max(gh, cellH[c.idx])
		}
		body += gh - e.groupH[g]
		excess += max(gh-a.slack, 0) - max(e.groupH[g]-a.slack, 0)
	}
	pages := 1.0
	if room := a.pageHeight - header; a.pageHeight > 0 && room > 0 {
		pages = max(1, math.Ceil(body/room))
	}
	return float64(header*pages) + excess
}

// bottlenecks returns, in column order, the columns that hold a cell
// within a line of its row's height (or, spanning rows, of the rows it
// spans), and the pairs of columns whose cells are both as tall as their
// row: widening one of two tied cells alone gains nothing.
func (a *autoTable) bottlenecks(cellH []float64) (cols []int, pairs [][2]int) {
	own := a.own
	for r := range own {
		own[r] = 0
	}
	for _, c := range a.cells {
		if c.rows == 1 {
			own[c.row] = max(own[c.row], cellH[c.idx])
		}
	}
	n := len(a.template)
	hit := make([]bool, n)
	byRow := make(map[int][]int)
	for _, c := range a.cells {
		tall := false
		if c.rows == 1 {
			tall = cellH[c.idx] >= own[c.row]-a.lead(c)
		} else {
			span := 0.0
			for r := c.row; r < c.row+c.rows; r++ {
				span += own[r]
			}
			tall = cellH[c.idx] >= span-a.lead(c)
		}
		if tall && cellH[c.idx] > float64(a.t.Rows[c.row].MinHeight)+1e-6 && c.c1-c.c0 == 1 {
			hit[c.c0] = true
			if c.rows == 1 && cellH[c.idx] >= own[c.row]-1e-6 {
				byRow[c.row] = append(byRow[c.row], c.c0) // tied at the row's height
			}
		}
	}
	paired := make([]bool, n*n)
	for r := range a.t.Rows {
		list := byRow[r]
		for i, x := range list {
			for _, y := range list[i+1:] {
				lo, hi := min(x, y), max(x, y)
				if lo != hi && !paired[lo*n+hi] {
					paired[lo*n+hi] = true
				}
			}
		}
	}
	for j, h := range hit {
		if h {
			cols = append(cols, j)
		}
	}
	for x := range n {
		for y := x + 1; y < n; y++ {
			if paired[x*n+y] {
				pairs = append(pairs, [2]int{x, y})
			}
		}
	}
	return cols, pairs
}

// atFloor reports whether no widths can make the table cheaper than w
// does in height: every row short (or as short as its text allows) and
// the header as short as its official lines allow. Blank forms and tables
// of short texts stop here.
func (a *autoTable) atFloor(w []int) bool {
	cellH := make([]float64, len(a.cells))
	floor := make([]float64, len(a.cells))
	for _, c := range a.cells {
		cellH[c.idx] = a.height(c, a.span(w, c))
		floor[c.idx] = c.floor
	}
	return a.weighted(cellH) <= a.weighted(floor)+1e-6
}

// lead is the leading of the cell's first paragraph (a line), a tolerance.
func (a *autoTable) lead(c *autoCell) float64 {
	if len(c.paras) == 0 {
		return 1e-6
	}
	return float64(c.paras[0].P.Leading()) + 1e-6
}

// weighted is what the widths try to make small when cell k is cellH[k]
// tall: the height of every row (or group of rows joined by a merged
// cell) beyond shortRows lines, and the header's, counted once per page
// the table is likely to take (it repeats). Rows of a few lines cost
// nothing: a table of short texts keeps the template's look.
func (a *autoTable) weighted(cellH []float64) float64 {
	header, groups := a.heights(func(c *autoCell) float64 { return cellH[c.idx] })
	body, excess := 0.0, 0.0
	for _, g := range groups {
		body += g
		excess += max(g-a.slack, 0)
	}
	pages := 1.0
	if room := a.pageHeight - header; a.pageHeight > 0 && room > 0 {
		pages = max(1, math.Ceil(body/room))
	}
	return float64(header*pages) + excess
}

func sumInts(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
