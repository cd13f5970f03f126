package seal

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image/png"
	"io"
)

// Resample reads its input row by row instead of decoding it whole with
// image/png: for the form Decode writes (8-bit RGB or RGBA, not
// interlaced) it inflates and unfilters one row at a time, which saves
// allocating, clearing and copying the whole image (16 MB for 2000×2000)
// and about a third of the time. Other PNGs are decoded with
// decodePixels and their rows read from the result.

// pixelRows yields the rows of a w×h image, top to bottom: w pixels of bpp
// bytes, 8-bit RGB (bpp 3, opaque) or straight-alpha RGBA (bpp 4). A row
// is valid until the next call of next.
type pixelRows struct {
	w, h, bpp int
	next      func() ([]byte, error)
	streamed  bool // rows are inflated one at a time (for tests)
}

// rowsOf checks data as Decode does, applying its limits, and returns its
// rows. Every error is an *Error.
func rowsOf(data []byte) (pixelRows, error) {
	// The checks Decode makes before decoding (its messages, its limits).
	if len(data) == 0 || len(data) > MaxFileSize || checkSignature(data) != nil {
		return rowsDecoded(data)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || checkHeader(cfg.Width, cfg.Height, data) != nil {
		return rowsDecoded(data)
	}
	// DecodeConfig has read and verified every chunk up to the first IDAT.
	const ihdr = 16
	depth, colour, interlace := data[ihdr+8], data[ihdr+9], data[ihdr+12]
	if depth != 8 || colour != 6 && colour != 2 || interlace != 0 {
		return rowsDecoded(data)
	}
	idat := firstIDAT(data)
	if idat < 0 {
		return rowsDecoded(data)
	}
	z, err := zlib.NewReader(&idatReader{rest: data[idat:]})
	if err != nil {
		return pixelRows{}, errDecode(err)
	}
	bpp := 4
	if colour == 2 {
		bpp = 3
	}
	s := &streamRows{z: z, bpp: bpp, h: cfg.Height, cur: make([]byte, 1+bpp*cfg.Width), prev: make([]byte, 1+bpp*cfg.Width)}
	return pixelRows{w: cfg.Width, h: cfg.Height, bpp: bpp, next: s.next, streamed: true}, nil
}

// rowsDecoded decodes data whole and returns its rows.
func rowsDecoded(data []byte) (pixelRows, error) {
	n, err := decodePixels(data)
	if err != nil {
		return pixelRows{}, err
	}
	w, y := n.Rect.Dx(), 0
	next := func() ([]byte, error) {
		row := n.Pix[y*n.Stride:][:4*w]
		y++
		return row, nil
	}
	return pixelRows{w: w, h: n.Rect.Dy(), bpp: 4, next: next}, nil
}

// firstIDAT returns the offset in data of the first IDAT chunk, or -1 if
// there is none or a tRNS chunk comes first (a transparent colour, which
// rowsDecoded handles).
func firstIDAT(data []byte) int {
	for off := len(pngSignature); off+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		switch string(data[off+4 : off+8]) {
		case "IDAT":
			return off
		case "tRNS":
			return -1
		}
		if n < 0 || n > len(data)-off-12 {
			return -1
		}
		off += 12 + n
	}
	return -1
}

// idatReader reads the data of consecutive IDAT chunks, verifying each
// chunk's CRC before handing out its data, as image/png does.
type idatReader struct {
	rest []byte // the file from the next chunk on
	data []byte // unread data of the current chunk
}

func (r *idatReader) Read(p []byte) (int, error) {
	for len(r.data) == 0 {
		if len(r.rest) < 12 {
			return 0, io.ErrUnexpectedEOF
		}
		n := int(binary.BigEndian.Uint32(r.rest))
		if string(r.rest[4:8]) != "IDAT" {
			return 0, io.EOF // the image data ends
		}
		if n < 0 || n > len(r.rest)-12 {
			return 0, io.ErrUnexpectedEOF
		}
		if crc32.ChecksumIEEE(r.rest[4:8+n]) != binary.BigEndian.Uint32(r.rest[8+n:]) {
			return 0, png.FormatError("invalid checksum")
		}
		r.data, r.rest = r.rest[8:8+n], r.rest[12+n:]
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// streamRows inflates and unfilters an 8-bit, non-interlaced PNG's image
// data one row at a time.
type streamRows struct {
	z         io.ReadCloser
	bpp, h, y int
	cur, prev []byte // filter type byte, then the row; prev starts zero
}

func (s *streamRows) next() ([]byte, error) {
	if _, err := io.ReadFull(s.z, s.cur); err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, errTruncated(err)
		}
		return nil, errDecode(err)
	}
	if err := unfilter(s.cur[0], s.cur[1:], s.prev[1:], s.bpp); err != nil {
		return nil, err
	}
	s.cur, s.prev = s.prev, s.cur
	if s.y++; s.y == s.h {
		// The last row: check that the data ends here, which verifies
		// the zlib checksum, as image/png does.
		var one [1]byte
		n, err := io.ReadFull(s.z, one[:])
		if n != 0 {
			return nil, errDecode(png.FormatError("too much pixel data"))
		}
		if err != io.EOF {
			return nil, errDecode(err)
		}
	}
	return s.prev[1:], nil
}

// unfilter reverses the PNG filter of type ft on the row cdat, given the
// unfiltered previous row pdat (zero above the first row), as image/png
// does.
func unfilter(ft byte, cdat, pdat []byte, bpp int) *Error {
	switch ft {
	case 0: // None
	case 1: // Sub
		for i := bpp; i < len(cdat); i++ {
			cdat[i] += cdat[i-bpp]
		}
	case 2: // Up
		for i, p := range pdat[:len(cdat)] {
			cdat[i] += p
		}
	case 3: // Average
		for i := range bpp {
			cdat[i] += pdat[i] / 2
		}
		for i := bpp; i < len(cdat); i++ {
			cdat[i] += uint8((int(cdat[i-bpp]) + int(pdat[i])) / 2)
		}
	case 4: // Paeth
		unfilterPaeth(cdat, pdat, bpp)
	default:
		return errDecode(png.FormatError("bad filter type"))
	}
	return nil
}

// unfilterPaeth reverses the Paeth filter, channel by channel, as
// image/png's filterPaeth does.
func unfilterPaeth(cdat, pdat []byte, bpp int) {
	for i := range bpp {
		a, c := 0, 0
		for j := i; j < len(cdat); j += bpp {
			b := int(pdat[j])
			pa, pb := b-c, a-c
			pc := abs(pa + pb)
			pa, pb = abs(pa), abs(pb)
			if pa <= pb && pa <= pc {
				// Predict a: keep it.
			} else if pb <= pc {
				a = b
			} else {
				a = c
			}
			a = (a + int(cdat[j])) & 0xff
			cdat[j] = uint8(a)
			c = b
		}
	}
}

// abs is |x| without a branch.
func abs(x int) int {
	m := x >> (intBits - 1)
	return (x ^ m) - m
}

// intBits is the size of an int in bits.
const intBits = 32 << (^uint(0) >> 63)
