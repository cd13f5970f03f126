//go:build unix

package seal

import (
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

// TestLoadDirFIFO: a FIFO named like a seal is ignored, not opened (which
// would block until something writes to it).
func TestLoadDirFIFO(t *testing.T) {
	dir := sealDir(t, map[string][]byte{"a.png": pngOf(t, drawSeal(40))})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Skip("cannot make a FIFO:", err)
	}
	var s *Store
	var err error
	done := make(chan struct{})
	go func() {
		s, err = LoadDir(dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("LoadDir blocked: it opened the FIFO")
	}
	if err != nil {
		t.Fatal(err)
	}
	if ids := s.IDs(); !slices.Equal(ids, []string{"a", SpecimenID}) {
		t.Errorf("IDs = %q", ids)
	}
}
