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
//go:embed NotoSerifSC-Bold.subset.ttf.gz NotoSerifSC-Regular.subset.ttf.gz NotoSansSC-Regular.subset.ttf.gz NotoSerifSC-Regular.full.ttf.gz
var fontFiles embed.FS

//go:embed NOTICE.txt OFL-NotoSerifSC.txt OFL-NotoSansSC.txt
var licenseFiles embed.FS

// loadEmbedded gunzips and parses one embedded font.
func loadEmbedded(file, name string) (*Face, error) {
	gz, err := fontFiles.ReadFile(file)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("内置字体 %s 已损坏：%w", file, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("内置字体 %s 已损坏：%w", file, err)
	}
	return Parse(name, data)
}

// The embedded faces are decompressed and parsed once per process, on first
// use; after that they are read-only.
var (
	defaultTitle = sync.OnceValues(func() (*Face, error) {
		return loadEmbedded("NotoSerifSC-Bold.subset.ttf.gz", "Noto Serif SC Bold（内置，代替方正小标宋简体）")
	})
	defaultLabel = sync.OnceValues(func() (*Face, error) {
		return loadEmbedded("NotoSansSC-Regular.subset.ttf.gz", "Noto Sans SC（内置，代替黑体）")
	})
	defaultBody = sync.OnceValues(func() (*Face, error) {
		return loadEmbedded("NotoSerifSC-Regular.subset.ttf.gz", "Noto Serif SC（内置，代替仿宋_GB2312）")
	})
	defaultFallback = sync.OnceValues(func() (*Face, error) {
		return loadEmbedded("NotoSerifSC-Regular.full.ttf.gz", "Noto Serif SC 完整版（内置，补缺字）")
	})
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
