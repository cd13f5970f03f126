package pdfw

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// maxPixels bounds the images AddPNG accepts (a seal is far smaller).
const maxPixels = 1 << 26

// ImageRef is an image added to a Writer, written once and drawn by
// Page.Image on any number of pages.
type ImageRef struct {
	w             *Writer
	index         int // the image is /Im<index+1> in page resources
	num           int
	pageGen       uint64
	width, height int
	smask         bool
}

// Size returns the image's size in pixels.
func (r *ImageRef) Size() (width, height int) { return r.width, r.height }

// EncodedImage is a PNG image compressed for a PDF: what AddImage writes.
// EncodePNG makes one without a Writer, so that an image drawn by many
// documents (a seal) is decoded and compressed once. It is immutable.
type EncodedImage struct {
	key           [sha256.Size]byte
	width, height int
	samples       []byte // zlib RGB samples, or the PNG's IDAT data (predictor)
	predictor     bool
	alpha         []byte // zlib alpha samples; nil when every pixel is opaque
}

// EncodePNG decodes a PNG image and compresses it at the flate level
// (1..9) as an image XObject's streams: 8-bit DeviceRGB samples and, when
// a pixel is not fully opaque, a DeviceGray soft mask of the alpha
// channel. An opaque 8-bit RGB non-interlaced PNG is passed through as it
// is (its IDAT data with the PNG predictor).
func EncodePNG(data []byte, level int) (*EncodedImage, error) {
	if level < 1 || level > 9 {
		return nil, fmt.Errorf("pdfw: compress level %d out of range 1..9", level)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("pdfw: PNG image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("pdfw: PNG image of %d x %d pixels is too large", cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("pdfw: PNG image: %w", err)
	}
	e := &EncodedImage{key: sha256.Sum256(data), width: cfg.Width, height: cfg.Height}
	if _, ok := img.(*image.RGBA); ok { // Go decodes 8-bit RGB without tRNS as *image.RGBA
		if idat, ok := plainRGB(data); ok {
			e.samples, e.predictor = idat, true
			return e, nil
		}
	}
	rgb, alpha := samples(img)
	z := compressor{level: level}
	defer z.release()
	e.samples = bytes.Clone(z.compress(rgb))
	if alpha != nil {
		e.alpha = bytes.Clone(z.compress(alpha))
	}
	return e, nil
}

// AddPNG is AddImage of EncodePNG at the Writer's compression level.
// Adding the same bytes again returns the same ImageRef.
func (w *Writer) AddPNG(data []byte) (*ImageRef, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	if r, ok := w.byPNG[sha256.Sum256(data)]; ok {
		return r, nil
	}
	e, err := EncodePNG(data, w.z.level)
	if err != nil {
		return nil, w.fail(err)
	}
	return w.AddImage(e)
}

// AddImage writes an encoded image as an image XObject (and its soft
// mask). Adding an image of the same PNG bytes again returns the same
// ImageRef.
func (w *Writer) AddImage(e *EncodedImage) (*ImageRef, error) {
	if err := w.check(); err != nil {
		return nil, err
	}
	if r, ok := w.byPNG[e.key]; ok {
		return r, nil
	}
	r := &ImageRef{w: w, index: len(w.images), width: e.width, height: e.height}
	r.num = w.reserve()
	dict := w.imageDict(r.width, r.height, "/DeviceRGB")
	switch {
	case e.predictor:
		dict = append(dict, " /DecodeParms << /Predictor 15 /Colors 3 /BitsPerComponent 8 /Columns "...)
		dict = appendInt(dict, r.width)
		dict = append(dict, " >>"...)
		w.stream(r.num, dict, "/FlateDecode", e.samples)
	case e.alpha != nil:
		r.smask = true
		smask := w.reserve()
		dict = append(dict, " /SMask "...)
		dict = appendRef(dict, smask)
		w.stream(r.num, dict, "/FlateDecode", e.samples)
		w.stream(smask, w.imageDict(r.width, r.height, "/DeviceGray"), "/FlateDecode", e.alpha)
	default:
		w.stream(r.num, dict, "/FlateDecode", e.samples)
	}
	return w.added(e.key, r)
}

// added records a written image.
func (w *Writer) added(key [sha256.Size]byte, r *ImageRef) (*ImageRef, error) {
	if w.err != nil {
		return nil, w.err
	}
	w.images = append(w.images, r)
	w.byPNG[key] = r
	return r, nil
}

// imageDict returns the entries of an 8-bit image XObject's dictionary.
func (w *Writer) imageDict(width, height int, space string) []byte {
	b := append(w.tmp[:0], " /Type /XObject /Subtype /Image /Width "...)
	b = appendInt(b, width)
	b = append(b, " /Height "...)
	b = appendInt(b, height)
	b = append(b, " /ColorSpace "...)
	b = append(b, space...)
	b = append(b, " /BitsPerComponent 8"...)
	w.tmp = b
	return b
}

// plainRGB returns the concatenated IDAT data of a PNG whose header says
// 8-bit truecolour, not interlaced, when it is one.
func plainRGB(data []byte) ([]byte, bool) {
	const sig = 8
	if len(data) < sig+8+13 || string(data[sig+4:sig+8]) != "IHDR" {
		return nil, false
	}
	ihdr := data[sig+8:]
	if ihdr[8] != 8 || ihdr[9] != 2 || ihdr[12] != 0 { // bit depth, colour type, interlace
		return nil, false
	}
	var idat []byte
	for p := sig; p+12 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[p:]))
		if n < 0 || p+12+n > len(data) {
			return nil, false
		}
		switch string(data[p+4 : p+8]) {
		case "IDAT":
			idat = append(idat, data[p+8:p+8+n]...)
		case "tRNS":
			return nil, false
		}
		p += 12 + n
	}
	return idat, len(idat) > 0
}

// samples returns an image's 8-bit RGB samples and its alpha samples, or
// nil alpha when every pixel is opaque.
func samples(img image.Image) (rgb, alpha []byte) {
	bounds := img.Bounds()
	wd, ht := bounds.Dx(), bounds.Dy()
	rgb = make([]byte, 0, 3*wd*ht)
	alpha = make([]byte, 0, wd*ht)
	opaque := true
	put := func(c color.NRGBA) {
		rgb = append(rgb, c.R, c.G, c.B)
		alpha = append(alpha, c.A)
		opaque = opaque && c.A == 0xff
	}
	switch m := img.(type) {
	case *image.NRGBA:
		for y := 0; y < ht; y++ {
			row := m.Pix[y*m.Stride : y*m.Stride+4*wd]
			for i := 0; i < len(row); i += 4 {
				put(color.NRGBA{row[i], row[i+1], row[i+2], row[i+3]})
			}
		}
	default:
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			for x := bounds.Min.X; x < bounds.Max.X; x++ {
				put(color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA))
			}
		}
	}
	if opaque {
		alpha = nil
	}
	return rgb, alpha
}
