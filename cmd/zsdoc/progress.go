package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress shows how a batch goes on a terminal: orders done of the
// total, pages, rate and time left, redrawn at most five times a second.
// It shows nothing when stderr is not a terminal.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			return &progress{w: w, start: time.Now()}
		}
	}
	return nil
}

// update shows that done orders (of total, 0 when unknown) and pages
// (0 when unknown) are printed.
func (p *progress) update(done, total, pages int) {
	if p == nil {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && done != total {
		return
	}
	p.last = now
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 0.001)
	line := fmt.Sprintf("\r已完成 %d", done)
	if total > 0 {
		line += fmt.Sprintf("/%d", total)
	}
	line += " 份"
	if pages > 0 {
		line += fmt.Sprintf("，%d 页", pages)
	}
	line += fmt.Sprintf("，%.0f 份/秒", rate)
	if total > 0 && rate > 0 {
		line += fmt.Sprintf("，约剩 %d 秒", int(float64(total-done)/rate+0.5))
	}
	fmt.Fprint(p.w, line+"\x1b[K")
	p.shown = true
}

// done ends the progress line.
func (p *progress) done() {
	if p != nil && p.shown {
		fmt.Fprintln(p.w)
	}
}
