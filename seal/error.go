package seal

import (
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"
)

// Code classifies why a seal image was refused, for programs (an HTTP
// server may map it to a status or a form field); people read Message.
type Code string

// The codes an *Error carries.
const (
	// CodeEmpty: the file has no bytes at all.
	CodeEmpty Code = "empty"
	// CodeFormat: the file is not a PNG (a JPEG renamed to .png, a PDF …).
	CodeFormat Code = "format"
	// CodeSize: the file is larger than MaxFileSize.
	CodeSize Code = "size"
	// CodeDimensions: the width or height is outside MinSide..MaxSide, or
	// decoding would need more than MaxPixelBytes of memory.
	CodeDimensions Code = "dimensions"
	// CodeAspect: the image is more than MaxAspect times wider than tall
	// or taller than wide.
	CodeAspect Code = "aspect"
	// CodeCorrupt: the PNG is truncated, fails a checksum, or does not
	// follow the PNG specification.
	CodeCorrupt Code = "corrupt"
	// CodeTransparent: every pixel is fully transparent; nothing would show.
	CodeTransparent Code = "transparent"
	// CodeInternal: Decode panicked and recovered. This is a bug in this
	// package or the standard library, never the user's fault; tests and
	// the fuzz target treat it as a failure.
	CodeInternal Code = "internal"
)

// Error is the error Decode returns for every refused seal image.
type Error struct {
	// Code is the machine-readable reason.
	Code Code
	// Message is a complete sentence in Chinese for the user: what is
	// wrong and what to do about it.
	Message string
	// Err is the underlying cause, if any (often an English error from
	// image/png), for logs; Unwrap returns it.
	Err error
}

// Error returns the Chinese Message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying cause, or nil.
func (e *Error) Unwrap() error { return e.Err }

func newError(code Code, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: cause}
}

// resave is the advice ending most messages: re-export from an image editor.
const resave = "请用图片软件打开印章并另存为透明背景的 PNG"

func errEmpty() *Error {
	return newError(CodeEmpty, nil, "印章图片文件是空的（0 字节）：请重新导出或重新复制印章 PNG 文件")
}

// errFormat is for a file that is not a PNG; kind names what it seems to
// be ("" when unknown) and advice replaces the usual advice when not "".
func errFormat(kind, advice string) *Error {
	if advice == "" {
		advice = resave + "，仅修改扩展名无效"
	}
	if kind == "" {
		return newError(CodeFormat, nil, "印章图片不是 PNG 文件（无法识别文件类型）：%s", advice)
	}
	return newError(CodeFormat, nil, "印章图片不是 PNG 文件（看起来是%s）：%s", kind, advice)
}

func errSize(n int) *Error {
	return newError(CodeSize, nil, "印章图片文件过大（%.1f MB，上限 %d MB）：请把印章缩小到 600×600 像素左右后另存为 PNG",
		float64(n)/(1<<20), MaxFileSize>>20)
}

func errSides(w, h int) *Error {
	return newError(CodeDimensions, nil, "印章图片为 %d×%d 像素，宽和高都应在 %d 到 %d 像素之间：请把印章调整到 600×600 像素左右后另存为 PNG",
		w, h, MinSide, MaxSide)
}

func errPixelBytes(w, h int, need int64) *Error {
	return newError(CodeDimensions, nil, "印章图片为 %d×%d 像素，解码需要约 %d MB 内存，超过上限 %d MB：请把印章缩小到 600×600 像素左右，另存为 8 位、非隔行扫描的 PNG",
		w, h, (need+(1<<20)-1)>>20, MaxPixelBytes>>20)
}

func errAspect(w, h int) *Error {
	return newError(CodeAspect, nil, "印章图片为 %d×%d 像素，宽高之比超过 %d:1，不像印章：印章应为圆形、椭圆形或方形，请裁掉多余的空白、只保留印章后另存为 PNG",
		w, h, MaxAspect)
}

func errTransparent() *Error {
	return newError(CodeTransparent, nil, "印章图片是全透明的，没有任何可见的印迹：请检查导出设置（图层是否隐藏、透明度是否为 0），重新导出印章 PNG")
}

func errInternal(cause error) *Error {
	return newError(CodeInternal, cause, "处理印章图片时发生内部错误：请换一个印章文件重试，并把原文件发给技术支持")
}

// errTruncated is for a file that stops part-way (a short download or copy).
func errTruncated(cause error) *Error {
	return newError(CodeCorrupt, cause, "印章图片文件不完整，可能在下载或复制时被截断：请重新复制或重新导出该 PNG 文件")
}

// errMangled is for a PNG signature whose line endings were rewritten, the
// mark of a file sent as text (FTP ASCII mode, a text editor, e-mail).
func errMangled() *Error {
	return newError(CodeCorrupt, nil, "印章图片文件头已被改动（文件可能被当作文本传输，换行符被转换）：请以二进制方式重新复制该 PNG 文件")
}

// errDecode maps an error from image/png to an *Error.
func errDecode(err error) *Error {
	var fe png.FormatError
	var ue png.UnsupportedError
	var ce flate.CorruptInputError
	msg := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.As(err, &fe) && strings.Contains(msg, "not enough pixel data"):
		return errTruncated(err)
	case errors.As(err, &fe) && strings.Contains(msg, "invalid checksum"):
		return newError(CodeCorrupt, err, "印章图片文件已损坏（数据校验失败）：请重新复制或重新导出该 PNG 文件")
	case errors.As(err, &ce), errors.Is(err, zlib.ErrChecksum), errors.Is(err, zlib.ErrHeader),
		errors.Is(err, zlib.ErrDictionary), strings.Contains(msg, "zlib"), strings.Contains(msg, "flate"):
		return newError(CodeCorrupt, err, "印章图片的图像数据已损坏（无法解压）：请重新复制或重新导出该 PNG 文件")
	case errors.As(err, &ue):
		return newError(CodeCorrupt, err, "印章图片使用了不符合 PNG 标准的编码方式：%s", resave)
	default:
		return newError(CodeCorrupt, err, "印章图片文件已损坏或不符合 PNG 标准：%s", resave)
	}
}
