// Package fontstest mutates font files for the tests of the packages that
// read fonts (fonts, and the PDF writer): the same mutation everywhere, so
// a damaged font that one of them survives is tried on the others too.
package fontstest

import (
	"bytes"
	"encoding/binary"
	"math/rand"
	"slices"
)

// Mutate returns a copy of a TrueType font with one to eight bytes
// changed, mostly inside a table picked at random from its directory (so
// that the small tables a parser or writer reads get as many hits as glyf),
// or the copy cut short. The same rng state gives the same mutation.
func Mutate(rng *rand.Rand, font []byte) []byte {
	data := bytes.Clone(font)
	n := int(binary.BigEndian.Uint16(data[4:]))
	var spans [][2]int
	for i := range n {
		rec := data[12+16*i:]
		off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if ln > 0 && off+ln <= len(data) {
			spans = append(spans, [2]int{off, ln})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	spans = append(spans, [2]int{0, 12 + 16*n})
	for range 1 + rng.Intn(8) {
		s := spans[rng.Intn(len(spans))]
		if rng.Intn(4) == 0 {
			s = [2]int{0, len(data)}
		}
		at := s[0] + rng.Intn(s[1])
		switch rng.Intn(4) {
		case 0:
			data[at] = 0
		case 1:
			data[at] = 0xFF
		case 2:
			data[at]++
		default:
			data[at] = byte(rng.Intn(256))
		}
	}
	if rng.Intn(20) == 0 {
		data = data[:rng.Intn(len(data))]
	}
	return data
}
