package seal

import (
	"fmt"
	"image"
	"math"
)

// PrintDPI is the resolution, in dots per inch, at which a seal is embedded
// in a document: enough for a sharp print, and little enough that a PDF
// does not hand out a high-resolution copy of a unit's seal.
const PrintDPI = 300

// mmPerInch is the number of millimetres in an inch.
const mmPerInch = 25.4

// PixelsFor returns the width in pixels of a seal printed mm millimetres
// wide at PrintDPI: ceil(mm / 25.4 × 300), so 42 mm gives 497 pixels. It
// returns 0 for a width that is not positive (or NaN) and at most MaxSide,
// as no seal is wider than that.
func PixelsFor(mm float64) int {
	if !(mm > 0) {
		return 0
	}
	// The tolerance keeps float noise (21.59 mm → 255.00000000000003)
	// from adding a pixel.
	px := math.Ceil(mm*PrintDPI/mmPerInch - 1e-9)
	if px > MaxSide {
		return MaxSide
	}
	return max(int(px), 1)
}

// Resample returns img scaled down to at most maxWidth pixels wide, for
// embedding at print resolution (see PixelsFor).
//
// When img is no wider than maxWidth, it returns img itself, the same PNG
// bytes. Otherwise it scales the image down, keeping its aspect ratio (the
// height is rounded to the nearest pixel), with an area-averaging (box)
// filter: every output pixel is the exact area-weighted mean of the input
// pixels it covers, computed in premultiplied alpha so that the colour of
// transparent pixels does not bleed into the seal's edges. The result is
// re-encoded like Decode's output (8-bit RGBA, or RGB when fully opaque,
// at the compression level Decode would use) and Decode returns it
// unchanged. The result keeps Image's invariant that both sides are at
// least MinSide pixels: for a maxWidth too small for that, it is the
// smallest such image, which is wider than maxWidth.
//
// The pixel arithmetic is integer only, so the output is the same, byte
// for byte, on every architecture. img.PNG is decoded under Decode's
// checks and limits, so the work is bounded: time linear in the input's
// pixels (about 40 ms for a 2000×2000 seal to 496 pixels wide, mostly
// decompressing the input and compressing the output). An input in
// Decode's form is read one row at a time, so memory is a few rows and the
// output (about 1.3 MB in that case); any other PNG is decoded whole first
// (4 bytes a pixel, at most MaxPixelBytes).
//
// A maxWidth below 1 is an error, as are a PNG whose header or image data
// Decode would refuse and one whose size is not img's; all are *Error
// values.
func Resample(img Image, maxWidth int) (Image, error) {
	if maxWidth < 1 {
		return Image{}, errInternal(fmt.Errorf("seal: Resample to %d pixels wide", maxWidth))
	}
	if img.Width <= maxWidth {
		return img, nil
	}
	return safely(func() (Image, error) { return resample(img, maxWidth) })
}

func resample(img Image, maxWidth int) (Image, error) {
	src, err := rowsOf(img.PNG)
	if err != nil {
		return Image{}, err
	}
	if src.w != img.Width || src.h != img.Height {
		return Image{}, errInternal(fmt.Errorf("seal: Image says %d×%d, its PNG is %d×%d", img.Width, img.Height, src.w, src.h))
	}
	dw, dh := targetSize(src.w, src.h, maxWidth)
	if dw >= src.w {
		return img, nil
	}
	dst, err := boxDown(src, dw, dh)
	if err != nil {
		return Image{}, err
	}
	out, err := encode(dst)
	if err != nil {
		return Image{}, errInternal(err)
	}
	return Image{PNG: out, Width: dw, Height: dh}, nil
}

// targetSize is the size of a w×h image scaled to maxWidth pixels wide:
// the height rounded to the nearest pixel, then both sides raised as
// little as needed to keep them at least MinSide and within MaxAspect.
func targetSize(w, h, maxWidth int) (dw, dh int) {
	// Raise the width so that the height is at least MinSide: h·dw/w ≥
	// MinSide when dw ≥ ceil(MinSide·w/h).
	dw = max(maxWidth, MinSide, (MinSide*w+h-1)/h)
	if dw >= w {
		return w, h
	}
	dh = (2*h*dw + w) / (2 * w) // round(h·dw/w)
	// Rounding down can tip an image of exactly MaxAspect:1 over it.
	dh = max(dh, (dw+MaxAspect-1)/MaxAspect, 1)
	return dw, dh
}

// axisMap tells, for each input pixel along one axis scaled from n to m
// pixels (m < n), which output pixel it starts in and how much of it falls
// there. Lengths are in units of 1/(n·m) of the whole axis: an input pixel
// is m units long, an output pixel n units, so the weights of the input
// pixels covering an output pixel sum to n.
type axisMap struct {
	first []int32  // output pixel where input pixel i starts
	w1    []uint32 // weight of input pixel i in first[i]; m−w1[i] goes to first[i]+1
}

func newAxisMap(n, m int) axisMap {
	a := axisMap{first: make([]int32, n), w1: make([]uint32, n)}
	for i := range n {
		start, end := i*m, (i+1)*m
		o := start / n
		a.first[i] = int32(o)
		a.w1[i] = uint32(min(end, (o+1)*n) - start)
	}
	return a
}

// boxDown scales src down to dw×dh, dw below its width and dh at most its
// height, averaging premultiplied samples over each output pixel's area.
// At least one output pixel is visible; if src is fully transparent, the
// error is errTransparent. Errors reading src are returned as they are.
//
// The sums are exact integers: a premultiplied sample (at most 255·255)
// times a horizontal weight sums to at most 65025·w per output pixel,
// which fits a uint32 for w ≤ MaxSide; times the vertical weights the sum
// reaches 65025·w·h, which needs a uint64.
func boxDown(src pixelRows, dw, dh int) (*image.NRGBA, error) {
	xs, ys := newAxisMap(src.w, dw), newAxisMap(src.h, dh)
	// row: one input row scaled horizontally, R·A, G·A, B·A, A per output
	// pixel, with a spare pixel for the second weight of the last input.
	row := make([]uint32, 4*(dw+1))
	// cur and next accumulate output rows oy and oy+1.
	cur, next := make([]uint64, 4*dw), make([]uint64, 4*dw)
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	f := finisher{total: uint64(src.w) * uint64(src.h)}
	oy := 0
	for y := range src.h {
		pix, err := src.next()
		if err != nil {
			return nil, err
		}
		if o := int(ys.first[y]); o != oy {
			f.finish(dst.Pix[oy*dst.Stride:][:4*dw], cur, oy)
			cur, next = next, cur
			clear(next)
			oy = o
		}
		if src.bpp == 3 {
			scaleRowRGB(row, pix[:3*src.w], xs)
		} else if !scaleRow(row, pix[:4*src.w], xs) {
			continue // fully transparent: adds nothing
		}
		wy1 := uint64(ys.w1[y])
		wy2 := uint64(dh) - wy1
		r, c, n := row[:4*dw], cur[:4*dw], next[:4*dw]
		for i, v := range r {
			c[i] += uint64(v) * wy1
			n[i] += uint64(v) * wy2
		}
		clear(row)
	}
	f.finish(dst.Pix[oy*dst.Stride:][:4*dw], cur, oy)
	if !f.visible {
		if f.bestA == 0 {
			return nil, errTransparent()
		}
		// Every output pixel rounded to fully transparent, yet some input
		// pixel was not: keep the most covered one faintly visible, as
		// Decode refuses a fully transparent seal.
		p := dst.Pix[f.best : f.best+4]
		p[0], p[1], p[2], p[3] = f.bestRGB[0], f.bestRGB[1], f.bestRGB[2], 1
	}
	return dst, nil
}

// scaleRow adds the input row pix (RGBA pixels) into row (zeroed), scaled
// horizontally by xs, premultiplying each pixel. It reports whether any
// pixel was not fully transparent; if not, row is still zero.
func scaleRow(row []uint32, pix []byte, xs axisMap) bool {
	total := uint32(len(row)/4 - 1) // the output width: a whole input pixel's weight
	any := false
	first, w1 := xs.first[:len(pix)/4], xs.w1[:len(pix)/4]
	for i := range first {
		p := pix[4*i : 4*i+4 : 4*i+4]
		a := uint32(p[3])
		if a == 0 {
			continue
		}
		any = true
		r, g, b := uint32(p[0])*a, uint32(p[1])*a, uint32(p[2])*a
		o := int(first[i])
		q := row[4*o : 4*o+8 : 4*o+8]
		k1 := w1[i]
		k2 := total - k1
		q[0] += r * k1
		q[1] += g * k1
		q[2] += b * k1
		q[3] += a * k1
		q[4] += r * k2
		q[5] += g * k2
		q[6] += b * k2
		q[7] += a * k2
	}
	return any
}

// scaleRowRGB is scaleRow for an opaque row of RGB pixels.
func scaleRowRGB(row []uint32, pix []byte, xs axisMap) {
	total := uint32(len(row)/4 - 1)
	first, w1 := xs.first[:len(pix)/3], xs.w1[:len(pix)/3]
	for i := range first {
		p := pix[3*i : 3*i+3 : 3*i+3]
		r, g, b := uint32(p[0])*0xff, uint32(p[1])*0xff, uint32(p[2])*0xff
		o := int(first[i])
		q := row[4*o : 4*o+8 : 4*o+8]
		k1 := w1[i]
		k2 := total - k1
		q[0] += r * k1
		q[1] += g * k1
		q[2] += b * k1
		q[3] += 0xff * k1
		q[4] += r * k2
		q[5] += g * k2
		q[6] += b * k2
		q[7] += 0xff * k2
	}
}

// finisher turns accumulated output rows into straight-alpha pixels.
type finisher struct {
	total   uint64  // weight of a fully covered output pixel: w·h
	visible bool    // some output pixel has a non-zero alpha
	bestA   uint64  // the largest alpha sum seen
	best    int     // offset in the output's Pix of the pixel with bestA
	bestRGB [3]byte // its colour
}

// finish writes output row oy, pix, from its sums acc: alpha is the mean
// coverage, rounded; colour is the premultiplied sum over the alpha sum,
// rounded, which undoes the premultiplication exactly. A pixel whose alpha
// rounds to zero is written as zero throughout.
func (f *finisher) finish(pix []byte, acc []uint64, oy int) {
	acc = acc[:len(pix)]
	for i := 0; i < len(pix); i += 4 {
		sa := acc[i+3]
		a := (sa + f.total/2) / f.total
		if a == 0 {
			if sa > f.bestA {
				f.bestA, f.best, f.bestRGB = sa, oy*len(pix)+i, unpremultiply(acc[i:i+3], sa)
			}
			clear(pix[i : i+4])
			continue
		}
		f.visible = true
		rgb := unpremultiply(acc[i:i+3], sa)
		pix[i], pix[i+1], pix[i+2], pix[i+3] = rgb[0], rgb[1], rgb[2], uint8(a)
	}
}

// unpremultiply returns the straight colour of premultiplied sums rgb
// whose alpha sum is sa (not zero), rounded: each sum over sa.
func unpremultiply(rgb []uint64, sa uint64) [3]byte {
	half := sa / 2
	return [3]byte{uint8((rgb[0] + half) / sa), uint8((rgb[1] + half) / sa), uint8((rgb[2] + half) / sa)}
}
