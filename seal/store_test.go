package seal

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestSpecimen: the embedded copy is examples/specimen-seal.png, which
// Decode keeps as is, and every Store starts with it.
func TestSpecimen(t *testing.T) {
	orig, err := os.ReadFile("../examples/specimen-seal.png")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(orig, specimenPNG) {
		t.Error("seal/specimen.png differs from examples/specimen-seal.png: copy it again")
	}
	img := Specimen()
	if img.Width != 600 || img.Height != 600 {
		t.Errorf("specimen is %d×%d", img.Width, img.Height)
	}
	checkImage(t, img)
	if again := Specimen(); &again.PNG[0] != &img.PNG[0] {
		t.Error("Specimen decoded twice")
	}
	s := NewStore()
	if ids := s.IDs(); !slices.Equal(ids, []string{SpecimenID}) || !s.Has(SpecimenID) {
		t.Errorf("NewStore holds %q", ids)
	}
	got, err := s.Seal(SpecimenID, 600)
	if err != nil || !bytes.Equal(got.PNG, img.PNG) {
		t.Errorf("Seal(specimen, 600) = %v, %v", got.Width, err)
	}
}

func TestStoreAdd(t *testing.T) {
	s := NewStore()
	small, big := pngOf(t, drawSeal(40)), pngOf(t, drawSeal(60))
	for _, id := range []string{"a", "湘潭市某某建设有限公司", "unit-1_b.v2", "Ab9", strings.Repeat("章", 60), "a."} {
		if err := s.Add(id, small); err != nil {
			t.Errorf("Add(%q): %v", id, err)
		}
	}
	for _, c := range []struct{ id, why string }{
		{"", "不能为空"},
		{".hidden", "不能以“.”开头"},
		{"a b", "不能有空格"},
		{"a/b", "不能有“/”"},
		{"..", "不能以“.”开头"},
		{"a\x00b", "编号只能包含"},
		{"\xff", "编号只能包含"},
		{"公司（一）", "不能有“（”"},
		{strings.Repeat("章", 61), "61 个字符"},
	} {
		err := s.Add(c.id, small)
		if err == nil {
			t.Errorf("Add(%q): no error", c.id)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "印章编号“") || !strings.Contains(msg, c.why) {
			t.Errorf("Add(%q): %v", c.id, err)
		}
		if s.Has(c.id) {
			t.Errorf("Add(%q) failed but stored it", c.id)
		}
	}
	err := s.Add("bad", []byte("GIF89a"))
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeFormat || !strings.HasPrefix(err.Error(), "印章“bad”：印章图片不是 PNG") {
		t.Errorf("Add of a GIF: %v", err)
	}
	if s.Has("bad") {
		t.Error("a refused seal was stored")
	}

	// Adding again replaces the seal, and drops its resampled copies.
	if err := s.Add("a", big); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Seal("a", 30)
	if err := s.Add("a", small); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Seal("a", 30); bytes.Equal(again.PNG, got.PNG) {
		t.Error("Seal returned the replaced seal")
	}
	if err := s.Add(SpecimenID, small); err != nil {
		t.Fatal(err)
	}
	if img, _ := s.Seal(SpecimenID, 1000); img.Width != 40 {
		t.Error("the specimen was not replaced")
	}
	if !slices.IsSorted(s.IDs()) || len(s.IDs()) != 7 {
		t.Errorf("IDs = %q", s.IDs())
	}
}

func TestSealUnknown(t *testing.T) {
	s := NewStore()
	_, err := s.Seal("x", 300)
	if !errors.Is(err, ErrUnknown) || err.Error() != "印章“x”不存在" {
		t.Errorf("Seal(x) = %v", err)
	}
	_, err = s.Seal(strings.Repeat("长", 100)+"\n", 300)
	if !errors.Is(err, ErrUnknown) || strings.Count(err.Error(), "长") != MaxIDLength || strings.Contains(err.Error(), "\n") {
		t.Errorf("Seal(long id) = %v", err)
	}
	var zero Store
	if _, err := zero.Seal(SpecimenID, 300); !errors.Is(err, ErrUnknown) {
		t.Errorf("zero Store: %v", err)
	}
	if _, err := s.Seal(SpecimenID, 0); err == nil || errors.Is(err, ErrUnknown) {
		t.Errorf("Seal at 0 pixels: %v", err)
	}
}

// TestSealCache: a width is resampled once; widths that give the same
// image share it; the cache holds at most maxWidths widths a seal.
func TestSealCache(t *testing.T) {
	s := NewStore()
	first, err := s.Seal(SpecimenID, 497)
	if err != nil {
		t.Fatal(err)
	}
	if first.Width != 497 || s.resamples.Load() != 1 {
		t.Fatalf("got %d px after %d resamplings", first.Width, s.resamples.Load())
	}
	again, _ := s.Seal(SpecimenID, 497)
	if &again.PNG[0] != &first.PNG[0] || s.resamples.Load() != 1 {
		t.Error("the second call resampled again")
	}
	if allocs := testing.AllocsPerRun(100, func() { s.Seal(SpecimenID, 497) }); allocs != 0 {
		t.Errorf("a cached Seal allocates %v times", allocs)
	}
	s.Seal(SpecimenID, 1)
	s.Seal(SpecimenID, 10)
	s.Seal(SpecimenID, 600) // the seal itself
	if n := s.resamples.Load(); n != 2 {
		t.Errorf("%d resamplings, want 2", n)
	}

	// Eviction, on a smaller seal, quicker to resample.
	if err := s.Add("x", pngOf(t, drawSeal(200))); err != nil {
		t.Fatal(err)
	}
	s.Seal("x", 16)
	for w := range maxWidths - 1 {
		s.Seal("x", 100+w) // 16 is kept
	}
	s.Seal("x", 99) // 16 is dropped, 100 is kept
	if n := s.resamples.Load(); n != 3+maxWidths {
		t.Errorf("%d resamplings, want %d", n, 3+maxWidths)
	}
	s.Seal("x", 100)
	if n := s.resamples.Load(); n != 3+maxWidths {
		t.Error("a recent width was dropped")
	}
	s.Seal("x", 16)
	if n := s.resamples.Load(); n != 4+maxWidths {
		t.Error("the oldest width was kept")
	}
	s.mu.Lock()
	n, order := len(s.seals["x"].sizes), len(s.seals["x"].order)
	s.mu.Unlock()
	if n != maxWidths || order != maxWidths {
		t.Errorf("cache holds %d widths (%d in order), want %d", n, order, maxWidths)
	}
}

// TestSealConcurrent stamps from many goroutines while seals are added;
// run with -race. Each width is resampled once, and every caller gets the
// same image for it.
func TestSealConcurrent(t *testing.T) {
	s := NewStore()
	widths := []int{497, 473, 300, 200}
	var wg sync.WaitGroup
	results := make([][]Image, 8)
	for g := range results {
		wg.Go(func() {
			for i := range 20 {
				w := widths[(g+i)%len(widths)]
				img, err := s.Seal(SpecimenID, w)
				if err != nil {
					t.Error(err)
					return
				}
				if img.Width != w {
					t.Errorf("width %d, want %d", img.Width, w)
				}
				results[g] = append(results[g], img)
			}
		})
	}
	small := pngOf(t, drawSeal(40))
	stop := make(chan struct{})
	for _, read := range []func(){func() { s.Has("unit3") }, func() { s.IDs() }} {
		wg.Go(func() { // a reader, while seals are added
			for {
				select {
				case <-stop:
					return
				default:
					read()
				}
			}
		})
	}
	wg.Go(func() {
		defer close(stop)
		for i := range 20 {
			if err := s.Add(fmt.Sprint("unit", i), small); err != nil {
				t.Error(err)
			}
		}
	})
	wg.Wait()
	if n := s.resamples.Load(); n != int64(len(widths)) {
		t.Errorf("%d resamplings for %d widths", n, len(widths))
	}
	byWidth := map[int]*byte{}
	for _, r := range results {
		for _, img := range r {
			if p, ok := byWidth[img.Width]; ok && p != &img.PNG[0] {
				t.Fatalf("two images for width %d", img.Width)
			}
			byWidth[img.Width] = &img.PNG[0]
		}
	}
	if len(s.IDs()) != 21 {
		t.Errorf("%d seals, want 21", len(s.IDs()))
	}
}
