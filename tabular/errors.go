package tabular

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Sentinel errors, for errors.Is. Every error from this package about a
// file's content is an *Error wrapping one of them.
var (
	// ErrLimit: the file exceeds one of the bounds of Options.
	ErrLimit = errors.New("tabular: file exceeds a limit")
	// ErrFormat: the file is not a readable CSV or .xlsx file, or it is
	// damaged.
	ErrFormat = errors.New("tabular: unsupported or damaged file")
	// ErrEncoding: a CSV file holds bytes that are invalid in its encoding.
	ErrEncoding = errors.New("tabular: invalid text encoding")
	// ErrInternal: reading panicked; the panic was recovered.
	ErrInternal = errors.New("tabular: internal error")
)

// Error is a problem with a file. Its message is Chinese, for the person who
// made the file.
type Error struct {
	// Where is the position, e.g. "第12行" or "Sheet1 第7行 K列"; empty
	// when the problem concerns the whole file.
	Where string
	// Msg says what is wrong, in Chinese.
	Msg string
	// Err is the cause: one of the sentinel errors, or an error from the
	// io.Reader the file is read from.
	Err error
}

// Error returns Where and Msg joined by a full-width colon.
func (e *Error) Error() string {
	if e.Where == "" {
		return e.Msg
	}
	return e.Where + "：" + e.Msg
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func newError(cause error, where, format string, args ...any) *Error {
	return &Error{Where: where, Msg: fmt.Sprintf(format, args...), Err: cause}
}

// recoverTo turns a panic into an ErrInternal error stored in *err. Deferred
// at every exported entry point that parses.
func recoverTo(err *error) {
	if p := recover(); p != nil {
		*err = &Error{
			Msg: fmt.Sprintf("读取表格时程序内部出错（%v），文件可能已损坏；请把文件交给技术人员检查", p),
			Err: ErrInternal,
		}
	}
}

// sizeText writes a byte count for messages: "32 KiB", "64 MiB",
// "128.2 MiB", "4 GiB", "100 字节".
func sizeText(n int64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift {
			v := strconv.FormatFloat(float64(n)/float64(int64(1)<<u.shift), 'f', 1, 64)
			return strings.TrimSuffix(v, ".0") + " " + u.name
		}
	}
	return fmt.Sprintf("%d 字节", n)
}
