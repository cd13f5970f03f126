package forms

import (
	"fmt"
	"io"
)

// DefaultInputLimit is the input size ParseReader allows when given a
// limit of 0: 4 MiB, far more than any real form (a 附件4 of 5,000 projects
// with long texts is about 3 MiB).
const DefaultInputLimit = 4 << 20

// TooLargeError is the error of ParseReader for an input over its limit.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("输入超过 %s 的上限，请分批提交", byteSize(e.Limit))
}

// byteSize writes a size for a message: "4 MiB", "512 KiB", "100 字节".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// ParseReader is Parse for input read from r, for servers: it reads at most
// limit bytes (DefaultInputLimit when limit is 0) and gives a
// *TooLargeError, without parsing, when r holds more. A leading UTF-8 byte
// order mark is ignored. Read errors are returned as they are.
func ParseReader(r io.Reader, id ID, limit int64) (Form, error) {
	if _, ok := definitionOf(id); !ok {
		return nil, unknownForm(id)
	}
	if limit <= 0 {
		limit = DefaultInputLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:]
	}
	return Parse(id, data)
}
