//go:build ignore

// Sealgen draws the specimen seal of examples/specimen-seal.png: a red
// round seal whose text says it is a specimen (样章) and names no real
// organisation. It writes a PDF to stdout; make the PNG with
//
//	go run examples/sealgen/main.go > /tmp/seal.pdf
//	pdftocairo -png -transp -singlefile -scale-to 600 /tmp/seal.pdf examples/specimen-seal
package main

import (
	"log"
	"math"
	"os"

	"github.com/signintech/gopdf"

	"github.com/zsdoc/zsdoc/fonts"
)

func main() {
	set, err := fonts.Default()
	if err != nil {
		log.Fatal(err)
	}
	const size = 42 * 72 / 25.4 // 42 mm in points
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: size, H: size}, Unit: gopdf.UnitPT})
	gp.AddPage()
	if err := gp.AddTTFFontData("title", set.Face(fonts.Title).Data()); err != nil {
		log.Fatal(err)
	}
	red := func() { gp.SetStrokeColor(220, 20, 30); gp.SetFillColor(220, 20, 30); gp.SetTextColor(220, 20, 30) }
	red()
	c := size / 2
	gp.SetLineWidth(3.2)
	gp.Oval(3, 3, size-3, size-3)

	// Five-pointed star in the middle.
	var pts []gopdf.Point
	for i := 0; i < 10; i++ {
		r := 15.0
		if i%2 == 1 {
			r = 6
		}
		a := math.Pi/2 + float64(i)*math.Pi/5
		pts = append(pts, gopdf.Point{X: c + r*math.Cos(a), Y: c - r*math.Sin(a)})
	}
	gp.Polygon(pts, "F")

	// Text along the upper arc, each character turned to face outwards.
	arc := []rune("示例单位印章专用样章")
	const fs = 12.5
	if err := gp.SetFont("title", "", fs); err != nil {
		log.Fatal(err)
	}
	radius := c - 6 - fs
	from, to := 205.0, -25.0 // degrees, left to right over the top
	for i, r := range arc {
		deg := from + (to-from)*float64(i)/float64(len(arc)-1)
		a := deg * math.Pi / 180
		x, y := c+radius*math.Cos(a), c-radius*math.Sin(a)
		w, _ := gp.MeasureTextWidth(string(r))
		gp.Rotate(deg-90, x, y)
		gp.SetXY(x-w/2, y+fs*0.38)
		if err := gp.Text(string(r)); err != nil {
			log.Fatal(err)
		}
		gp.RotateReset()
	}
	// "样章" under the star and "SPECIMEN" at the bottom.
	center := func(text string, size, y float64) {
		if err := gp.SetFont("title", "", size); err != nil {
			log.Fatal(err)
		}
		w, _ := gp.MeasureTextWidth(text)
		gp.SetXY(c-w/2, y)
		if err := gp.Text(text); err != nil {
			log.Fatal(err)
		}
	}
	center("样　章", 14, c+31)
	center("SPECIMEN", 7, size-11)
	if _, err := gp.WriteTo(os.Stdout); err != nil {
		log.Fatal(err)
	}
}
