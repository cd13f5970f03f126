package forms

import (
	"cmp"
	"container/heap"
	"fmt"
	"slices"
)

// collector gathers the errors of one input. It lists at most MaxErrors of
// them — the first ones in row order (errors outside the table first, then
// by the row they are in), the order they were reported in breaking ties —
// and only counts the others. An error's message is built only when it is
// listed, so a million problems cost little more than checking for them.
type collector struct {
	kept   listedHeap      // the listed errors; a max-heap once full
	total  int             // every error reported, listed or not
	covers map[string]bool // paths of decoding errors (see covered)
}

// listed is one listed error with its sort key.
type listed struct {
	idx []int // the list indexes of its path: its row
	seq int   // the order it was reported in
	err *FieldError
}

// compare orders errors by row, then by the order they were reported in.
func (a listed) compare(b listed) int {
	if c := slices.Compare(a.idx, b.idx); c != 0 {
		return c
	}
	return cmp.Compare(a.seq, b.seq)
}

func (a listed) before(b listed) bool { return a.compare(b) < 0 }

// listedHeap is a max-heap: its root is the error listed last.
type listedHeap []listed

func (h listedHeap) Len() int           { return len(h) }
func (h listedHeap) Less(i, j int) bool { return h[j].before(h[i]) }
func (h listedHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *listedHeap) Push(x any)        { *h = append(*h, x.(listed)) }
func (h *listedHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// add reports an error at path. build makes it, and is called only when
// the error is among the ones listed so far.
func (c *collector) add(path string, build func() *FieldError) {
	c.addAt(pathIndexes(path), build)
}

// addAt is add for an error whose path has the list indexes idx.
func (c *collector) addAt(idx []int, build func() *FieldError) {
	c.total++
	e := listed{idx: idx, seq: c.total}
	if len(c.kept) < MaxErrors {
		e.err = build()
		heap.Push(&c.kept, e)
		return
	}
	if !e.before(c.kept[0]) {
		return // after every listed error: only counted
	}
	e.err = build()
	c.kept[0] = e
	heap.Fix(&c.kept, 0)
}

// addError reports a ready-made error.
func (c *collector) addError(e *FieldError) {
	c.add(e.Path, func() *FieldError { return e })
}

// cover records that the value at path could not be decoded, so that a
// validation error about it or about anything below it is not reported
// too (a value of the wrong type is not also "missing").
func (c *collector) cover(path string) {
	if c.covers == nil {
		c.covers = map[string]bool{}
	}
	c.covers[path] = true
}

// hasCovers reports whether any value could not be decoded (see cover).
func (c *collector) hasCovers() bool { return len(c.covers) > 0 }

// covered reports whether a decoding error covers path (see cover).
func (c *collector) covered(path string) bool {
	if len(c.covers) == 0 {
		return false
	}
	if c.covers[path] || c.covers[""] { // "": the whole input was of the wrong type
		return true
	}
	for i := 0; i < len(path); i++ {
		if (path[i] == '.' || path[i] == '[') && c.covers[path[:i]] {
			return true
		}
	}
	return false
}

// errors returns the listed errors, in row order when byRow and otherwise
// in the order they were reported, followed by a "truncated" error when
// some were left out; nil when there were none.
func (c *collector) errors(byRow bool) Errors {
	if c.total == 0 {
		return nil
	}
	kept := slices.Clone([]listed(c.kept))
	if byRow {
		slices.SortFunc(kept, listed.compare)
	} else {
		slices.SortFunc(kept, func(a, b listed) int { return cmp.Compare(a.seq, b.seq) })
	}
	out := make(Errors, 0, len(kept)+1)
	for _, e := range kept {
		out = append(out, e.err)
	}
	if left := c.total - len(kept); left > 0 {
		out = append(out, &FieldError{Rule: "truncated", Message: fmt.Sprintf("…还有 %d 处错误未列出", left)})
	}
	return out
}
