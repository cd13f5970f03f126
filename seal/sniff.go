package seal

import (
	"bytes"
	"unicode/utf8"
)

// pngSignature is the 8 bytes every PNG file starts with.
const pngSignature = "\x89PNG\r\n\x1a\n"

// checkSignature returns nil when data starts with the PNG signature, and
// otherwise the *Error that says what data is instead.
func checkSignature(data []byte) *Error {
	switch {
	case len(data) >= len(pngSignature) && string(data[:len(pngSignature)]) == pngSignature:
		return nil
	case len(data) < len(pngSignature) && string(data) == pngSignature[:len(data)]:
		return errTruncated(nil)
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return errMangled()
	}
	kind, advice := sniff(data)
	return errFormat(kind, advice)
}

// magics are file kinds recognised by a fixed prefix, tried in order; an
// empty advice means the usual one (re-save as PNG in an image editor).
var magics = []struct{ prefix, kind, advice string }{
	{"\xff\xd8\xff", " JPEG 图片", ""},
	{"GIF87a", " GIF 图片", ""},
	{"GIF89a", " GIF 图片", ""},
	{"II*\x00", " TIFF 图片", ""},
	{"MM\x00*", " TIFF 图片", ""},
	{"%PDF-", " PDF 文档", adviceDocument},
	{"\x00\x00\x01\x00", " ICO 图标", ""},
	{"8BPS", " Photoshop（PSD）文件", ""},
	{"PK\x03\x04", " ZIP 压缩包或 Word/WPS/OFD 文档", adviceDocument},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/Excel/WPS 文档", adviceDocument},
	{"\x1f\x8b", " gzip 压缩文件", ""},
	{"Rar!\x1a\x07", " RAR 压缩包", ""},
	{"7z\xbc\xaf\x27\x1c", " 7z 压缩包", ""},
	{"iVBORw0KGgo", " Base64 编码的 PNG 文本", adviceBase64},
	{"data:image/", "网页中复制的 Base64 图片文本（data: 地址）", adviceBase64},
}

const (
	adviceBase64   = "请先把这段文本解码为二进制 PNG 文件再使用"
	adviceDocument = "如果印章在文档里，请把其中的印章图片单独另存为透明背景的 PNG"
	adviceDownload = "请重新下载印章文件，或另存为透明背景的 PNG"
)

// sniff names the kind of a non-PNG file in Chinese, with a leading space
// where the name starts with Latin letters ("" when unknown), and returns
// advice when the usual one would not help.
func sniff(data []byte) (kind, advice string) {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.kind, m.advice
		}
	}
	if len(data) >= 14 && string(data[:2]) == "BM" && string(data[6:10]) == "\x00\x00\x00\x00" {
		return " BMP 图片", ""
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		return " WebP 图片", ""
	}
	if len(data) >= 12 && string(data[4:8]) == "ftyp" {
		switch string(data[8:12]) {
		case "avif", "avis":
			return " AVIF 图片", ""
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return " HEIC 图片（手机照片格式）", ""
		}
	}
	head := data[:min(len(data), 1024)]
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	lower := bytes.ToLower(text)
	switch {
	case bytes.HasPrefix(lower, []byte("<svg")), bytes.HasPrefix(lower, []byte("<!doctype svg")),
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<svg")):
		return " SVG 矢量图", ""
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return " HTML 网页（可能是下载失败时保存的错误页面）", adviceDownload
	case bytes.HasPrefix(lower, []byte("<?xml")):
		return " XML 文件", ""
	case isText(head):
		return "文本文件", ""
	}
	return "", ""
}

// isText reports whether head looks like UTF-8 text: valid (allowing a
// rune cut at the end) and free of control characters other than spacing.
func isText(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size <= 1 {
			return len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
		i += size
	}
	return true
}
