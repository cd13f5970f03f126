package seal_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/zsdoc/zsdoc/seal"
)

// Decode checks a seal file before it is stamped; a refusal carries a
// Chinese message for the user and a code for programs.
func ExampleDecode() {
	data := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00") // a JPEG saved as seal.png
	img, err := seal.Decode(data)
	var e *seal.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code)
		fmt.Println(e.Message)
		return
	}
	// img.PNG is ready for docgen.WithSeal.
	os.Stdout.Write(img.PNG)
	// Output:
	// format
	// 印章图片不是 PNG 文件（看起来是 JPEG 图片）：请用图片软件打开印章并另存为透明背景的 PNG，仅修改扩展名无效
}
