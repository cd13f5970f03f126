package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// checkSyntax reports malformed JSON with its line and column in the input.
func checkSyntax(data []byte) *FieldError {
	if len(bytes.TrimSpace(data)) == 0 {
		return &FieldError{Rule: "json", Message: "输入为空：需要 JSON 格式的表单数据"}
	}
	var syn *json.SyntaxError
	err := json.Unmarshal(data, new(json.RawMessage))
	if err == nil {
		if !utf8.Valid(data) {
			line, col := lineCol(data, int64(invalidUTF8At(data)+1))
			return &FieldError{Rule: "json", Message: fmt.Sprintf("输入不是 UTF-8 编码（输入第%d行第%d列附近），"+
				"可能是 GBK 等其他编码：请将文件另存为 UTF-8 后重试", line, col)}
		}
		return nil
	}
	if errors.As(err, &syn) {
		off := syn.Offset // just after the offending character
		if strings.Contains(syn.Error(), "unexpected end") {
			off = int64(len(data)) + 1 // where the missing text would start
		}
		line, col := lineCol(data, off)
		return &FieldError{Rule: "json", Message: fmt.Sprintf("JSON 格式错误（输入第%d行第%d列附近）：%s（%s）",
			line, col, syntaxHint(syn.Error()), syn.Error())}
	}
	return &FieldError{Rule: "json", Message: "JSON 格式错误：" + err.Error()}
}

// syntaxHint says in Chinese what a JSON syntax error usually means.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "unexpected end"):
		return "输入不完整，可能缺少结尾的 } 或 ]"
	case strings.Contains(msg, "looking for beginning of object key"):
		return "此处应为带英文双引号的字段名，可能多了一个逗号"
	case strings.Contains(msg, "after object key:value pair"):
		return "两个字段之间缺少逗号，或缺少右花括号 }"
	case strings.Contains(msg, "after object key"):
		return "字段名后缺少英文冒号 :"
	case strings.Contains(msg, "after array element"):
		return "两项之间缺少逗号，或缺少右方括号 ]"
	case strings.Contains(msg, "in string literal"):
		return "文本中有未转义的控制字符，换行请写作 \\n"
	case strings.Contains(msg, "looking for beginning of value"):
		return "此处应为一个值；文本要用英文双引号括起来，末尾不能多逗号"
	case strings.Contains(msg, "after top-level value"):
		return "完整的 JSON 之后还有多余内容"
	}
	return "语法错误"
}

// invalidUTF8At is the byte offset of the first byte that is not UTF-8.
func invalidUTF8At(data []byte) int {
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && size == 1 {
			return off
		}
		off += size
	}
	return len(data)
}

// lineCol returns the 1-based line and column (in characters) of the
// character that ends at byte offset off; an offset past the end counts the
// missing characters after it.
func lineCol(data []byte, off int64) (line, col int) {
	extra := 0
	if off > int64(len(data)) {
		extra = int(off - int64(len(data)))
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + extra
	return line, col
}
