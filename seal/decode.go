package seal

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"runtime/debug"
	"strings"
	"sync"
)

// Limits Decode applies before decoding any pixel.
const (
	// MaxFileSize is the largest seal file accepted, in bytes (8 MiB).
	// A 600×600 seal is typically 20–80 KB.
	MaxFileSize = 8 << 20
	// MinSide and MaxSide bound the width and the height, in pixels. A
	// 42 mm seal printed at 600 dpi needs about 1000 pixels.
	MinSide, MaxSide = 16, 4096
	// MaxAspect bounds the ratio of the longer side to the shorter: seals
	// are round, oval or square, so 3:1 is already generous.
	MaxAspect = 3
	// MaxPixelBytes bounds the memory the PNG decoder may allocate for
	// pixels: width × height × 4 bytes (8 for 16-bit images), doubled for
	// interlaced images, which the decoder holds twice. It admits a
	// 4096×4096 8-bit image; Decode itself needs about as much again for
	// the converted image and the encoder's buffers.
	MaxPixelBytes = 64 << 20
)

// Compression: zlib levels of the PNG Decode writes, chosen by measurement
// (BenchmarkEncode). On a drawn 600×600 seal DefaultCompression writes
// 14.1 KB in 13 ms, BestSpeed 17.5 KB in 9 ms, BestCompression 13.3 KB in
// 92 ms; on examples/specimen-seal.png 69.9, 73.0 and 67.8 KB at about 50,
// 50 and 590 ms. But DefaultCompression's lazy matching degrades on
// low-entropy noise (pixels of random 0/1 bits): 1 s or more for a
// megapixel, against 0.1 s at BestSpeed, which stays linear. So images up
// to defaultMaxPixels, which real seals are, get DefaultCompression, and
// larger ones BestSpeed, which bounds the worst case to seconds at any size
// within the limits. The choice depends only on the size, so Decode stays
// deterministic and idempotent.
const defaultMaxPixels = 1 << 20

// compressionFor is the compression level for a w×h image.
func compressionFor(w, h int) png.CompressionLevel {
	if w*h <= defaultMaxPixels {
		return png.DefaultCompression
	}
	return png.BestSpeed
}

// Image is a seal ready for the backends: an 8-bit, non-interlaced PNG with
// straight (non-premultiplied) alpha, and its size in pixels.
type Image struct {
	// PNG is the re-encoded image: colour type 6 (RGBA), or colour type 2
	// (RGB) when every pixel is opaque, as image/png writes an
	// *image.NRGBA. Decoding it yields an *image.NRGBA or, for an opaque
	// image, an *image.RGBA with the same pixel values.
	PNG []byte
	// Width and Height are the size in pixels, within MinSide..MaxSide.
	Width, Height int
	// Memo, when set, keeps what renderers derive from the image (a PDF's
	// compressed image streams) across documents; the images a Store
	// gives have one, so a seal stamped on thousands of documents is
	// encoded once. Copies of an Image share it.
	Memo *Memo
}

// Memo holds values derived from an image, each built once, by key. It is
// safe for concurrent use; the zero value is ready.
type Memo struct {
	mu sync.Mutex
	m  map[string]*memoEntry
}

type memoEntry struct {
	done chan struct{}
	v    any
	err  error
}

// Get returns the value of key, calling build the first time (concurrent
// callers of the same key wait for it). A failed build is not kept.
func (m *Memo) Get(key string, build func() (any, error)) (any, error) {
	m.mu.Lock()
	if e, ok := m.m[key]; ok {
		m.mu.Unlock()
		<-e.done
		return e.v, e.err
	}
	if m.m == nil {
		m.m = map[string]*memoEntry{}
	}
	e := &memoEntry{done: make(chan struct{})}
	m.m[key] = e
	m.mu.Unlock()
	e.v, e.err = build()
	close(e.done)
	if e.err != nil {
		m.mu.Lock()
		delete(m.m, key)
		m.mu.Unlock()
	}
	return e.v, e.err
}

// Decode checks seal file bytes and normalises them into an Image.
//
// It accepts any standard PNG that converts faithfully to 8-bit RGBA:
// palette (with or without tRNS transparency), grey, grey with alpha, RGB,
// RGBA, 1- to 16-bit (16-bit samples keep their high byte), interlaced or
// not. An animated PNG gives its default image. Bytes after the IEND chunk
// are ignored. The same input always gives the same output bytes, and
// decoding an Image's own PNG gives that Image again.
//
// Every refusal is an *Error whose Message, in Chinese, says what to do:
// an empty file, a file that is not a PNG (naming what it looks like), one
// larger than MaxFileSize, sides outside MinSide..MaxSide, a shape more
// elongated than MaxAspect:1, pixels needing more than MaxPixelBytes, a
// truncated or corrupt PNG, or a fully transparent one. The limits are
// checked on the header alone, before the pixels are decompressed.
//
// Decode never panics: a panic inside it is returned as an *Error with
// CodeInternal.
func Decode(data []byte) (Image, error) {
	return safely(func() (Image, error) { return decode(data) })
}

// safely runs f, turning a panic into an *Error with CodeInternal.
func safely(f func() (Image, error)) (img Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = Image{}, errInternal(fmt.Errorf("seal: panic: %v\n%s", r, debug.Stack()))
		}
	}()
	return f()
}

func decode(data []byte) (Image, error) {
	n, err := decodePixels(data)
	if err != nil {
		return Image{}, err
	}
	if !visible(n) {
		return Image{}, errTransparent()
	}
	w, h := n.Rect.Dx(), n.Rect.Dy()
	if out, ok := canonical(data); ok {
		// Already what the backends take: keep its pixel data as it is
		// compressed (re-encoding a 600×600 seal costs tens of ms).
		return Image{PNG: out, Width: w, Height: h}, nil
	}
	out, err := encode(n)
	if err != nil {
		return Image{}, errInternal(err)
	}
	return Image{PNG: out, Width: w, Height: h}, nil
}

// decodePixels applies Decode's checks and limits to data and decodes its
// pixels to 8-bit straight alpha, with Rect.Min at the origin. It does not
// check that any pixel is visible. Every error is an *Error.
func decodePixels(data []byte) (*image.NRGBA, error) {
	if len(data) == 0 {
		return nil, errEmpty()
	}
	if err := checkSignature(data); err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, errSize(len(data))
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if strings.Contains(err.Error(), "dimension overflow") && len(data) >= 24 {
			// Valid but beyond what image/png handles: say how large.
			return nil, errSides(int(binary.BigEndian.Uint32(data[16:])), int(binary.BigEndian.Uint32(data[20:])))
		}
		return nil, errDecode(err)
	}
	if err := checkHeader(cfg.Width, cfg.Height, data); err != nil {
		return nil, err
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, errDecode(err)
	}
	n := toNRGBA(m)
	if b := n.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, errInternal(fmt.Errorf("seal: decoded %v, header says %d×%d", b, cfg.Width, cfg.Height))
	}
	return n, nil
}

// checkHeader applies the limits on the dimensions w×h that DecodeConfig
// read from the IHDR chunk of data, which it has validated and which
// image/png requires to be the first chunk.
func checkHeader(w, h int, data []byte) *Error {
	if w < MinSide || h < MinSide || w > MaxSide || h > MaxSide {
		return errSides(w, h)
	}
	if w > MaxAspect*h || h > MaxAspect*w {
		return errAspect(w, h)
	}
	// IHDR data follows the signature (8), chunk length (4) and type (4):
	// width 4, height 4, bit depth, colour type, compression, filter,
	// interlace method.
	const ihdr = 16
	if len(data) < ihdr+13 || string(data[12:16]) != "IHDR" ||
		binary.BigEndian.Uint32(data[ihdr:]) != uint32(w) || binary.BigEndian.Uint32(data[ihdr+4:]) != uint32(h) {
		return errInternal(fmt.Errorf("seal: IHDR not where expected"))
	}
	depth, interlaced := data[ihdr+8], data[ihdr+12] != 0
	need := int64(w) * int64(h) * 4
	if depth == 16 {
		need *= 2
	}
	if interlaced {
		need *= 2
	}
	if need > MaxPixelBytes {
		return errPixelBytes(w, h, need)
	}
	return nil
}

// toNRGBA converts what image/png decodes to 8-bit straight alpha, keeping
// the high byte of 16-bit samples, as color.NRGBAModel does.
func toNRGBA(m image.Image) *image.NRGBA {
	if n, ok := m.(*image.NRGBA); ok && n.Rect.Min == (image.Point{}) && n.Stride == 4*n.Rect.Dx() {
		return n
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	n := image.NewNRGBA(image.Rect(0, 0, w, h))
	// row returns the y-th row of a source's Pix (its Rect is b).
	row := func(pix []byte, stride, bpp, y int) []byte {
		return pix[y*stride:][:w*bpp]
	}
	var table *[256]color.NRGBA
	if p, ok := m.(*image.Paletted); ok {
		table = paletteTable(p.Palette)
	}
	for y := range h {
		dst := n.Pix[y*n.Stride:][:4*w]
		switch m := m.(type) {
		case *image.Gray:
			for x, v := range row(m.Pix, m.Stride, 1, y) {
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = v, v, v, 0xff
			}
			continue
		case *image.Gray16:
			src := row(m.Pix, m.Stride, 2, y)
			for x := range w {
				v := src[2*x]
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = v, v, v, 0xff
			}
			continue
		case *image.NRGBA:
			copy(dst, row(m.Pix, m.Stride, 4, y))
			continue
		case *image.NRGBA64:
			src := row(m.Pix, m.Stride, 8, y)
			for i := range dst {
				dst[i] = src[2*i]
			}
			continue
		case *image.Paletted:
			for x, i := range row(m.Pix, m.Stride, 1, y) {
				c := &table[i]
				dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = c.R, c.G, c.B, c.A
			}
			continue
		case *image.RGBA: // opaque, from truecolour without tRNS
			if src := row(m.Pix, m.Stride, 4, y); opaque8(src) {
				copy(dst, src)
				continue
			}
		case *image.RGBA64: // likewise, 16-bit
			if src := row(m.Pix, m.Stride, 8, y); opaque16(src) {
				for i := range dst {
					dst[i] = src[2*i]
				}
				continue
			}
		}
		for x := range w {
			c := color.NRGBAModel.Convert(m.At(b.Min.X+x, b.Min.Y+y)).(color.NRGBA)
			dst[4*x], dst[4*x+1], dst[4*x+2], dst[4*x+3] = c.R, c.G, c.B, c.A
		}
	}
	return n
}

// opaque8 reports whether every alpha sample of an RGBA row is 0xff.
func opaque8(rgba []byte) bool {
	for i := 3; i < len(rgba); i += 4 {
		if rgba[i] != 0xff {
			return false
		}
	}
	return true
}

// opaque16 reports whether every alpha sample of an RGBA64 row is 0xffff.
func opaque16(rgba64 []byte) bool {
	for i := 6; i < len(rgba64); i += 8 {
		if rgba64[i] != 0xff || rgba64[i+1] != 0xff {
			return false
		}
	}
	return true
}

// paletteTable converts a palette to straight alpha, indexable by any byte:
// entries past the palette are opaque black, as image/png renders them.
func paletteTable(p color.Palette) *[256]color.NRGBA {
	var t [256]color.NRGBA
	for i := range t {
		t[i] = color.NRGBA{A: 0xff}
		if i < len(p) {
			t[i] = color.NRGBAModel.Convert(p[i]).(color.NRGBA)
		}
	}
	return &t
}

// visible reports whether any pixel of n is not fully transparent.
func visible(n *image.NRGBA) bool {
	for i := 3; i < len(n.Pix); i += 4 {
		if n.Pix[i] != 0 {
			return true
		}
	}
	return false
}

// encoderBuffers lets successive encodes share their working buffers.
var encoderBuffers pool

type pool struct{ p sync.Pool }

func (p *pool) Get() *png.EncoderBuffer { b, _ := p.p.Get().(*png.EncoderBuffer); return b }

func (p *pool) Put(b *png.EncoderBuffer) { p.p.Put(b) }

func encode(n *image.NRGBA) ([]byte, error) {
	return encodeAt(n, compressionFor(n.Rect.Dx(), n.Rect.Dy()))
}

// encodeAt encodes n at a compression level; BenchmarkEncode compares them.
func encodeAt(n *image.NRGBA, level png.CompressionLevel) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(64 << 10)
	enc := png.Encoder{CompressionLevel: level, BufferPool: &encoderBuffers}
	if err := enc.Encode(&buf, n); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// canonical returns the PNG data reduced to its IHDR, IDAT and IEND chunks
// when it is already in the form Decode writes — 8-bit RGBA, or 8-bit RGB
// without a transparent colour, not interlaced — and ok. The caller has
// decoded data successfully, so its chunks up to IEND are well formed and
// their checksums verified; ancillary chunks (colour profiles, text, APNG
// frames) and bytes after IEND are dropped.
func canonical(data []byte) ([]byte, bool) {
	const ihdr = 16 // IHDR's data, after the signature, length and type
	depth, colour, interlace := data[ihdr+8], data[ihdr+9], data[ihdr+12]
	if depth != 8 || colour != 6 && colour != 2 || interlace != 0 {
		return nil, false
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:8]...)
	for off := 8; off+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		end := off + 12 + n
		if n < 0 || end > len(data) {
			return nil, false
		}
		switch typ := string(data[off+4 : off+8]); typ {
		case "tRNS":
			return nil, false // an RGB image with a transparent colour: re-encode as RGBA
		case "IHDR", "IDAT":
			out = append(out, data[off:end]...)
		case "IEND":
			return append(out, data[off:end]...), true
		}
		off = end
	}
	return nil, false
}
