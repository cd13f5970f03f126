package seal

// A small PNG writer for tests, independent of image/png: it writes every
// colour type and bit depth, tRNS, and Adam7 interlacing, which image/png's
// encoder never does, and the hostile files of hostile_test.go.

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image/color"
	"testing"
)

// Colour types of the PNG specification.
const (
	ctGrey      = 0
	ctRGB       = 2
	ctPalette   = 3
	ctGreyAlpha = 4
	ctRGBA      = 6
)

// channels is the number of samples per pixel of a colour type.
var channels = map[byte]int{ctGrey: 1, ctRGB: 3, ctPalette: 1, ctGreyAlpha: 2, ctRGBA: 4}

// appendChunk appends a PNG chunk with its length and CRC.
func appendChunk(b []byte, typ string, data []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	start := len(b)
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[start:]))
}

// ihdr is the data of an IHDR chunk.
func ihdr(w, h int, depth, colorType byte, interlace bool) []byte {
	d := binary.BigEndian.AppendUint32(nil, uint32(w))
	d = binary.BigEndian.AppendUint32(d, uint32(h))
	d = append(d, depth, colorType, 0, 0, 0)
	if interlace {
		d[12] = 1
	}
	return d
}

// zlibBytes compresses raw into a zlib stream.
func zlibBytes(raw []byte) []byte {
	var buf bytes.Buffer
	z, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	z.Write(raw)
	z.Close()
	return buf.Bytes()
}

// rawPNG describes a PNG for build.
type rawPNG struct {
	w, h      int
	colorType byte
	depth     byte
	interlace bool
	plte      []color.RGBA // ct 3
	trns      []byte       // tRNS chunk data, if not nil
	// sample returns sample c of pixel (x, y), below 1<<depth.
	sample func(x, y, c int) uint16
}

// adam7 lists the interlace passes: x and y offset, x and y step.
var adam7 = [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}

// scanlines returns the unfiltered image data: one scanline of packed
// samples per row, each after filter type 0, pass by pass if interlaced.
func (p rawPNG) scanlines() []byte {
	passes := [][4]int{{0, 0, 1, 1}}
	if p.interlace {
		passes = adam7[:]
	}
	var raw []byte
	n := channels[p.colorType]
	for _, pass := range passes {
		for y := pass[1]; y < p.h; y += pass[3] {
			if pass[0] >= p.w {
				break // an empty pass has no scanlines at all
			}
			raw = append(raw, 0)
			var acc, bits uint
			for x := pass[0]; x < p.w; x += pass[2] {
				for c := range n {
					v := uint(p.sample(x, y, c))
					switch p.depth {
					case 16:
						raw = append(raw, byte(v>>8), byte(v))
					case 8:
						raw = append(raw, byte(v))
					default:
						acc, bits = acc<<p.depth|v, bits+uint(p.depth)
						if bits == 8 {
							raw, acc, bits = append(raw, byte(acc)), 0, 0
						}
					}
				}
			}
			if bits > 0 {
				raw = append(raw, byte(acc<<(8-bits)))
			}
		}
	}
	return raw
}

// build encodes p as a PNG file.
func (p rawPNG) build() []byte {
	b := []byte(pngSignature)
	b = appendChunk(b, "IHDR", ihdr(p.w, p.h, p.depth, p.colorType, p.interlace))
	if p.plte != nil {
		var d []byte
		for _, c := range p.plte {
			d = append(d, c.R, c.G, c.B)
		}
		b = appendChunk(b, "PLTE", d)
	}
	if p.trns != nil {
		b = appendChunk(b, "tRNS", p.trns)
	}
	b = appendChunk(b, "IDAT", zlibBytes(p.scanlines()))
	return appendChunk(b, "IEND", nil)
}

// scale8 scales a sample of the given depth to 8 bits as PNG decoders do:
// replicating low depths, keeping the high byte of 16-bit samples.
func scale8(v uint16, depth byte) uint8 {
	if depth == 16 {
		return uint8(v >> 8)
	}
	return uint8(uint(v) * 255 / (1<<depth - 1))
}

// expect is the colour of pixel (x, y) of p, from the PNG specification.
func (p rawPNG) expect(x, y int) color.NRGBA {
	s := func(c int) uint16 { return p.sample(x, y, c) }
	key := func(c int) uint16 { return binary.BigEndian.Uint16(p.trns[2*c:]) }
	switch p.colorType {
	case ctGrey:
		g := scale8(s(0), p.depth)
		a := uint8(0xff)
		if p.trns != nil && s(0) == key(0) {
			a = 0
		}
		return color.NRGBA{g, g, g, a}
	case ctRGB:
		a := uint8(0xff)
		if p.trns != nil && s(0) == key(0) && s(1) == key(1) && s(2) == key(2) {
			a = 0
		}
		return color.NRGBA{scale8(s(0), p.depth), scale8(s(1), p.depth), scale8(s(2), p.depth), a}
	case ctPalette:
		c := p.plte[s(0)]
		a := uint8(0xff)
		if int(s(0)) < len(p.trns) {
			a = p.trns[s(0)]
		}
		return color.NRGBA{c.R, c.G, c.B, a}
	case ctGreyAlpha:
		g := scale8(s(0), p.depth)
		return color.NRGBA{g, g, g, scale8(s(1), p.depth)}
	default:
		return color.NRGBA{scale8(s(0), p.depth), scale8(s(1), p.depth), scale8(s(2), p.depth), scale8(s(3), p.depth)}
	}
}

// noise is a deterministic pseudo-random sample below 1<<depth.
func noise(x, y, c int, depth byte) uint16 {
	h := uint32(x)*0x9e3779b1 ^ uint32(y)*0x85ebca77 ^ uint32(c)*0xc2b2ae3d
	h ^= h >> 15
	h *= 0x2c1b3c6d
	h ^= h >> 12
	return uint16(h & (1<<depth - 1))
}

// zerosBomb returns a w×h RGBA PNG whose pixels are all zero in a single
// IDAT compressed at deflate's best ratio (about 1000:1), built without
// compressing the whole: every scanline (a filter byte and 4w zero bytes)
// compresses, after a sync flush, to the same bytes once the window is
// full of zeros, so one such segment is repeated.
func zerosBomb(t testing.TB, w, h int) []byte {
	row := make([]byte, 1+4*w)
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	var segs [][]byte
	for range 4 {
		start := buf.Len()
		fw.Write(row)
		fw.Flush()
		segs = append(segs, bytes.Clone(buf.Bytes()[start:]))
	}
	start := buf.Len()
	fw.Close()
	tail := bytes.Clone(buf.Bytes()[start:])
	if !bytes.Equal(segs[1], segs[2]) || !bytes.Equal(segs[2], segs[3]) {
		t.Fatal("zerosBomb: deflate segments differ; cannot repeat one")
	}
	z := []byte{0x78, 0xda} // zlib header: deflate, 32 KiB window, best compression
	z = append(z, segs[0]...)
	for range h - 1 {
		z = append(z, segs[1]...)
	}
	z = append(z, tail...)
	n := uint64(len(row)) * uint64(h) // Adler-32 of n zeros: a = 1, b = n
	z = binary.BigEndian.AppendUint32(z, uint32(n%65521)<<16|1)

	b := appendChunk([]byte(pngSignature), "IHDR", ihdr(w, h, 8, ctRGBA, false))
	b = appendChunk(b, "IDAT", z)
	return appendChunk(b, "IEND", nil)
}

// repairCRCs returns a copy of data with the CRC of every complete chunk
// recomputed, so that mutated files get past the checksums to the decoder.
func repairCRCs(data []byte) []byte {
	out := bytes.Clone(data)
	if !bytes.HasPrefix(out, []byte(pngSignature)) {
		return out
	}
	for i := len(pngSignature); i+12 <= len(out); {
		n := int(binary.BigEndian.Uint32(out[i:]))
		if n < 0 || n > len(out)-i-12 {
			break
		}
		crc := crc32.ChecksumIEEE(out[i+4 : i+8+n])
		binary.BigEndian.PutUint32(out[i+8+n:], crc)
		i += 12 + n
	}
	return out
}
