package seal

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestMemoBuildsOnce(t *testing.T) {
	var m Memo
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := m.Get("pdf", func() (any, error) { calls.Add(1); return 42, nil })
			if err != nil || v != 42 {
				t.Errorf("Get = %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("built %d times", calls.Load())
	}
	// A failure is not kept.
	boom := errors.New("boom")
	if _, err := m.Get("x", func() (any, error) { return nil, boom }); err != boom {
		t.Fatal(err)
	}
	if v, err := m.Get("x", func() (any, error) { return 1, nil }); err != nil || v != 1 {
		t.Errorf("after a failure: %v, %v", v, err)
	}
}

// A store's seals carry a memo, shared by every copy the store gives.
func TestStoreSealsHaveAMemo(t *testing.T) {
	s := NewStore()
	a, err := s.Seal(SpecimenID, 300)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Seal(SpecimenID, 300)
	if a.Memo == nil || a.Memo != b.Memo {
		t.Errorf("memos %p %p", a.Memo, b.Memo)
	}
	full, _ := s.Seal(SpecimenID, MaxSide)
	if full.Memo == nil || full.Memo == a.Memo {
		t.Error("each size needs its own memo")
	}
}
