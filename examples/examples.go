// Package examples holds one realistic, valid input per form (Xiangtan-like
// data with fictional companies). The CLI prints them with `zsdoc example F`
// and the tests render them.
package examples

import (
	"embed"
	"fmt"
)

//go:embed *.json
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
