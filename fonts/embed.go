package fonts

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sync"
)

// The default fonts (SIL OFL 1.1; see NOTICE.txt): subsets of Noto Serif SC
// and Noto Sans SC covering GB2312, the 通用规范汉字表, ASCII, Latin-1 and CJK
// punctuation, and the full Noto Serif SC as coverage fallback.
//
// The three subsets are embedded uncompressed: the program reads them in
// place, and a render touches only the pages of the tables and glyphs it
// uses, instead of gunzipping 10 MB (about 150 ms) first. The full font
// (15 MB, 8.5 MB gzipped), loaded only for a rare character, stays
// gzipped.
var (
	//go:embed NotoSerifSC-Bold.subset.ttf
	titleTTF []byte
	//go:embed NotoSansSC-Regular.subset.ttf
	labelTTF []byte
	//go:embed NotoSerifSC-Regular.subset.ttf
	bodyTTF []byte
	//go:embed NotoSerifSC-Regular.full.ttf.gz
	fallbackGz []byte
)

//go:embed NOTICE.txt OFL-NotoSerifSC.txt OFL-NotoSansSC.txt
var licenseFiles embed.FS

// An embedded font: its file name in this directory, how it is named to
// users, and how to get its bytes.
type embedded struct {
	file, name string
	data       func() ([]byte, error)
}

var (
	embeddedTitle    = embedded{"NotoSerifSC-Bold.subset.ttf", "Noto Serif SC Bold（内置，代替方正小标宋简体）", inPlace(titleTTF)}
	embeddedLabel    = embedded{"NotoSansSC-Regular.subset.ttf", "Noto Sans SC（内置，代替黑体）", inPlace(labelTTF)}
	embeddedBody     = embedded{"NotoSerifSC-Regular.subset.ttf", "Noto Serif SC（内置，代替仿宋_GB2312）", inPlace(bodyTTF)}
	embeddedFallback = embedded{"NotoSerifSC-Regular.full.ttf.gz", "Noto Serif SC 完整版（内置，补缺字）", gunzip(fallbackGz)}
	embeddedFonts    = []embedded{embeddedTitle, embeddedLabel, embeddedBody, embeddedFallback}
)

func inPlace(b []byte) func() ([]byte, error) { return func() ([]byte, error) { return b, nil } }

func gunzip(gz []byte) func() ([]byte, error) {
	return func() ([]byte, error) {
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
}

// load parses an embedded font without checking every glyph and
// character mapping (parse's trusted mode): TestEmbeddedFontsValid checks
// that each passes Parse's full checks, and they cannot change after the
// build.
func (e embedded) load() (*Face, error) {
	data, err := e.data()
	if err != nil {
		return nil, fmt.Errorf("内置字体 %s 已损坏：%w", e.file, err)
	}
	return parseNamed(e.name, data, true)
}

// The embedded faces are parsed once per process, on first use; after
// that they are read-only.
var (
	defaultTitle    = sync.OnceValues(embeddedTitle.load)
	defaultLabel    = sync.OnceValues(embeddedLabel.load)
	defaultBody     = sync.OnceValues(embeddedBody.load)
	defaultFallback = sync.OnceValues(embeddedFallback.load)
)

// Licenses returns the notice and licence texts of the embedded fonts, to be
// shown to users (`zsdoc licenses`).
func Licenses() string {
	var b bytes.Buffer
	for _, name := range []string{"NOTICE.txt", "OFL-NotoSerifSC.txt", "OFL-NotoSansSC.txt"} {
		data, _ := licenseFiles.ReadFile(name)
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "==== %s ====\n\n", name)
		b.Write(data)
	}
	return b.String()
}
