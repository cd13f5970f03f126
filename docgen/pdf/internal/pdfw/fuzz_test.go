package pdfw

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// FuzzCalls drives a Writer with calls decoded from the input (arbitrary
// numbers, glyph ids, characters and advances): it must never panic, and a
// document it closes without error must read back through its xref.
func FuzzCalls(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add(bytes.Repeat([]byte{1, 64, 36, 0, 0, 0, 0, 0, 0}, 8))
	tiny := mustRead(f, tinyPath)
	seal := sealPNG(f, 8)
	f.Fuzz(func(t *testing.T, in []byte) {
		var buf bytes.Buffer
		w, err := New(&buf, Options{Title: string(in[:min(len(in), 8)])})
		if err != nil {
			t.Fatal(err)
		}
		font, _ := w.AddFont(&fakeFont{data: tiny})
		img, _ := w.AddPNG(seal)
		num := func() float64 {
			if len(in) < 8 {
				return 1
			}
			v := binary.LittleEndian.Uint64(in)
			in = in[8:]
			if v>>63 == 1 { // half the time a small number, half any float64
				return float64(int64(v&0xffff)-0x8000) / 64
			}
			return math.Float64frombits(v)
		}
		p, err := w.BeginPage(200, 100)
		for len(in) > 0 && err == nil {
			op := in[0]
			in = in[1:]
			switch op % 6 {
			case 0:
				var gs []Glyph
				for i := 0; i < int(op/6)%5 && len(in) >= 4; i++ {
					gs = append(gs, Glyph{Orig: uint16(in[0]), Rune: rune(int16(binary.LittleEndian.Uint16(in[1:]))), Advance: int(int8(in[3])) * 10})
					in = in[4:]
				}
				err = p.Text(font, num(), num(), num(), num(), gs)
			case 1:
				err = p.Line(num(), num(), num(), num(), num())
			case 2:
				err = p.Image(img, num(), num(), num(), num(), op&8 != 0)
			case 3:
				if err = w.EndPage(p); err == nil {
					p, err = w.BeginPage(num(), num())
				}
			default:
				err = p.Line(1, 2, 3, 4, 0.5)
			}
		}
		if err != nil {
			return
		}
		if err := w.EndPage(p); err != nil {
			return
		}
		if err := w.Close(); err == nil {
			parsePDF(t, buf.Bytes())
		}
	})
}
