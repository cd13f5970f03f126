package seal_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

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

// A server loads its folder of seals once at start, then stamps each at
// print resolution: a 42 mm seal at 300 dpi is 497 pixels wide.
func ExampleLoadDir() {
	dir, err := os.MkdirTemp("", "seals")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	// An office's seal file, here a copy of the specimen.
	if err := os.WriteFile(filepath.Join(dir, "湘潭示例公司.png"), seal.Specimen().PNG, 0o644); err != nil {
		panic(err)
	}

	store, err := seal.LoadDir(dir)
	if err != nil {
		fmt.Println(err) // names the bad file and says why, in Chinese
		return
	}
	fmt.Println(store.IDs())
	img, err := store.Seal("湘潭示例公司", seal.PixelsFor(42))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d×%d\n", img.Width, img.Height) // img.PNG is ready for docgen.WithSealImage
	_, err = store.Seal("某某公司", seal.PixelsFor(42))
	fmt.Println(err, errors.Is(err, seal.ErrUnknown))
	// Output:
	// [specimen 湘潭示例公司]
	// 497×497
	// 印章“某某公司”不存在 true
}
