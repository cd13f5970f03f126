// Package examples holds one realistic, valid input per form (Xiangtan-like
// data with fictional companies). The CLI prints them with `zsdoc example F`
// and the tests render them.
package examples

import (
	"embed"
	"fmt"
)

//go:embed *.json specimen-seal.png
var files embed.FS

// Input returns the example JSON input of form id ("tasklist", "followup",
// "signing", "landing", "supervision").
func Input(id string) ([]byte, error) {
	data, err := files.ReadFile(id + ".json")
	if err != nil {
		return nil, fmt.Errorf("没有表单“%s”的示例", id)
	}
	return data, nil
}

// SpecimenSeal returns the specimen seal image (PNG, transparent, 600×600):
// a red round seal whose text says 样章 (specimen) and names no real
// organisation, for trying out stamping. examples/sealgen draws it.
func SpecimenSeal() []byte {
	data, _ := files.ReadFile("specimen-seal.png")
	return data
}
