// Package sealpng draws a stand-in seal for tests: a red ring with a star
// on a transparent background, encoded as PNG.
package sealpng

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
)

// Make returns an n×n PNG of a round red seal with a transparent
// background.
func Make(n int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red := color.NRGBA{R: 220, G: 20, B: 30, A: 230}
	c := float64(float64(n) / 2)
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			r := math.Hypot(dx, dy) / c
			if (r > 0.90 && r < 0.98) || inStar(dx/c, dy/c, 0.28) {
				img.SetNRGBA(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory image cannot fail
	}
	return buf.Bytes()
}

// inStar reports whether (x, y) lies in a five-pointed star of radius r
// centred on the origin, point up.
func inStar(x, y, r float64) bool {
	d := math.Hypot(x, y)
	if d > r {
		return false
	}
	a := math.Atan2(x, -y) // 0 at the top, clockwise
	seg := math.Mod(a+2*math.Pi, 2*math.Pi/5) - math.Pi/5
	// The star's edge at angle seg from a point: inner radius 0.382·r.
	inner := 0.382 * r
	t := math.Abs(seg) / (math.Pi / 5)
	return d <= float64(r*(1-t))+float64(inner*t)
}
