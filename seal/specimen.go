package seal

import (
	_ "embed"
	"sync"
)

// SpecimenID is the id under which every Store holds the specimen seal.
const SpecimenID = "specimen"

// specimenPNG is a copy of examples/specimen-seal.png (drawn by
// examples/sealgen): a red round seal, 600×600 and transparent, whose text
// says 样章 (specimen) and names no real organisation.
//
//go:embed specimen.png
var specimenPNG []byte

// specimen decodes specimenPNG once, on first use.
var specimen = sync.OnceValues(func() (Image, error) { return Decode(specimenPNG) })

// Specimen returns the built-in specimen seal, for trying out stamping: a
// red round seal, 600×600 pixels on a transparent background, whose text
// says 样章 (specimen) and names no real organisation. It is decoded once;
// every call returns the same Image, whose PNG must not be modified.
func Specimen() Image {
	img, err := specimen()
	if err != nil {
		panic("seal: the embedded specimen seal does not decode: " + err.Error())
	}
	return img
}
