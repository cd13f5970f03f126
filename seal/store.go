package seal

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// ErrUnknown is wrapped by the error Store.Seal returns for an id the store
// does not hold: test for it with errors.Is.
var ErrUnknown = errors.New("印章不存在")

// MaxIDLength is the longest seal id, in characters.
const MaxIDLength = 60

// maxWidths is how many widths of one seal a Store keeps resampled; a
// server stamps a seal at one or two sizes, so more is a misuse.
const maxWidths = 16

// Store holds seals by id and hands them out at print resolution. It is
// safe for concurrent use.
//
// Seal caches every image it resamples, per id and width, so that a server
// stamping thousands of documents resamples each seal once. The cache is
// bounded: at most 16 widths per seal, the oldest dropped first; memory
// is then at most the seals' own PNGs plus 16 smaller copies of each.
//
// The zero Store is empty, without the specimen, and ready to use.
type Store struct {
	mu    sync.Mutex
	seals map[string]*entry
	// resamples counts the images Seal has resampled, for tests.
	resamples atomic.Int64
}

// entry is one seal of a Store and its resampled copies.
type entry struct {
	img   Image
	sizes map[int]*sized // by output width
	order []int          // the keys of sizes, oldest first
}

// sized is a seal resampled to one width, or being resampled: done is
// closed when img and err are set.
type sized struct {
	done chan struct{}
	img  Image
	err  error
}

// NewStore returns a Store holding only the specimen seal, under
// SpecimenID.
func NewStore() *Store {
	return &Store{seals: map[string]*entry{SpecimenID: {img: withMemo(Specimen())}}}
}

// Add checks a seal PNG with Decode and stores it under id, replacing any
// seal already stored under that id, the specimen included.
//
// An id is 1 to MaxIDLength characters: Unicode letters and digits, '-',
// '_' and '.', not starting with '.'; ids are case-sensitive. A bad id or
// a PNG that Decode refuses is an error whose message, in Chinese, names
// the id; for a refused PNG it wraps Decode's *Error.
func (s *Store) Add(id string, data []byte) error {
	if err := checkID(id); err != nil {
		return fmt.Errorf("印章编号“%s”无效：%s", shownID(id), err)
	}
	img, err := Decode(data)
	if err != nil {
		return fmt.Errorf("印章“%s”：%w", id, err)
	}
	s.put(id, img)
	return nil
}

// Put stores an image already checked by Decode (or Resample) under id,
// as Add does for a file; it replaces a seal of the same id.
func (s *Store) Put(id string, img Image) error {
	if err := checkID(id); err != nil {
		return fmt.Errorf("印章编号“%s”无效：%s", shownID(id), err)
	}
	if len(img.PNG) == 0 || img.Width < MinSide || img.Height < MinSide {
		return fmt.Errorf("印章“%s”：图片为空或过小", id)
	}
	s.put(id, img)
	return nil
}

// put stores img under id, dropping the resampled copies of any seal it
// replaces.
func (s *Store) put(id string, img Image) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seals == nil {
		s.seals = make(map[string]*entry)
	}
	s.seals[id] = &entry{img: withMemo(img)}
}

// IDs returns the ids of the seals in the store, sorted.
func (s *Store) IDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.seals))
	for id := range s.seals {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Has reports whether the store holds a seal under id.
func (s *Store) Has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.seals[id]
	return ok
}

// Seal returns seal id resampled to at most widthPx pixels wide with
// Resample (use PixelsFor to get widthPx from a printed width). A seal no
// wider than widthPx is returned as it was stored.
//
// Results are cached (see Store), and concurrent first calls for one id
// and width wait for a single resampling. The returned Image is shared:
// its PNG must not be modified.
//
// An id the store does not hold gives an error wrapping ErrUnknown, with
// the message 印章“id”不存在; a widthPx below 1 is an error too.
func (s *Store) Seal(id string, widthPx int) (Image, error) {
	if widthPx < 1 {
		return Image{}, fmt.Errorf("印章“%s”的宽度 %d 像素无效，应为正数", shownID(id), widthPx)
	}
	s.mu.Lock()
	e, ok := s.seals[id]
	if !ok {
		s.mu.Unlock()
		return Image{}, unknownError{id: id}
	}
	img := e.img
	dw, _ := targetSize(img.Width, img.Height, widthPx)
	if dw >= img.Width {
		s.mu.Unlock()
		return img, nil
	}
	if r, ok := e.sizes[dw]; ok {
		s.mu.Unlock()
		<-r.done
		return r.img, r.err
	}
	r := &sized{done: make(chan struct{})}
	e.remember(dw, r)
	s.mu.Unlock()

	s.resamples.Add(1)
	r.img, r.err = Resample(img, dw)
	r.img = withMemo(r.img)
	close(r.done)
	if r.err != nil {
		// Do not keep a failure (only a bug can cause one): forget it.
		s.mu.Lock()
		e.forget(dw, r)
		s.mu.Unlock()
	}
	return r.img, r.err
}

// withMemo gives img a Memo of its own, for the renderers of the
// documents it is stamped on.
func withMemo(img Image) Image {
	img.Memo = new(Memo)
	return img
}

// remember adds r to e's cache as width dw, dropping the oldest width when
// the cache is full. The caller holds the store's lock.
func (e *entry) remember(dw int, r *sized) {
	if e.sizes == nil {
		e.sizes = make(map[int]*sized)
	}
	if len(e.order) >= maxWidths {
		delete(e.sizes, e.order[0])
		e.order = slices.Delete(e.order, 0, 1)
	}
	e.sizes[dw] = r
	e.order = append(e.order, dw)
}

// forget removes width dw from e's cache if it is still r. The caller
// holds the store's lock.
func (e *entry) forget(dw int, r *sized) {
	if e.sizes[dw] != r {
		return
	}
	delete(e.sizes, dw)
	e.order = slices.DeleteFunc(e.order, func(w int) bool { return w == dw })
}

// unknownError is the error for an id a Store does not hold.
type unknownError struct{ id string }

func (e unknownError) Error() string { return fmt.Sprintf("印章“%s”不存在", shownID(e.id)) }

func (e unknownError) Unwrap() error { return ErrUnknown }

// checkID returns nil for a valid seal id, and otherwise the reason, in
// Chinese, that it is not.
func checkID(id string) error {
	switch n := utf8.RuneCountInString(id); {
	case n == 0:
		return errors.New("编号不能为空")
	case n > MaxIDLength:
		return fmt.Errorf("编号有 %d 个字符，最多 %d 个", n, MaxIDLength)
	case id[0] == '.':
		return errors.New("编号不能以“.”开头")
	}
	for _, r := range id {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.' {
			if r == ' ' || r == utf8.RuneError || !unicode.IsPrint(r) {
				return errors.New("编号只能包含字母、数字和“-”“_”“.”，不能有空格或其他符号")
			}
			return fmt.Errorf("编号只能包含字母、数字和“-”“_”“.”，不能有“%c”", r)
		}
	}
	return nil
}

// shownID is id as an error message may quote it: control characters and
// invalid UTF-8 replaced, cut to MaxIDLength characters.
func shownID(id string) string {
	var b strings.Builder
	n := 0
	for _, r := range id {
		if n == MaxIDLength {
			b.WriteString("…")
			break
		}
		if !unicode.IsPrint(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
