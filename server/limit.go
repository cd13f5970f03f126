package server

import (
	"context"
	"errors"
	"time"
)

// errQueueFull is the error of acquire when no slot freed in time.
var errQueueFull = errors.New("render slots busy")

// limiter bounds the renders running at once; a request waits for a slot
// at most wait.
type limiter struct {
	slots chan struct{}
	wait  time.Duration
}

func newLimiter(n int, wait time.Duration) *limiter {
	return &limiter{slots: make(chan struct{}, n), wait: wait}
}

// acquire takes a slot, waiting at most l.wait and no longer than ctx
// lives. It returns how long it waited, and errQueueFull or ctx's error
// when it got no slot. A slot taken is given back with release.
func (l *limiter) acquire(ctx context.Context) (time.Duration, error) {
	select {
	case l.slots <- struct{}{}:
		return 0, nil
	default:
	}
	start := time.Now()
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return time.Since(start), nil
	case <-t.C:
		return time.Since(start), errQueueFull
	case <-ctx.Done():
		return time.Since(start), ctx.Err()
	}
}

// release gives back a slot acquire took.
func (l *limiter) release() { <-l.slots }

// retryAfter is the Retry-After of a 503: the queue wait in whole seconds,
// at least 1.
func (l *limiter) retryAfter() int {
	s := int((l.wait + time.Second - 1) / time.Second)
	return max(s, 1)
}
