package forms

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// member is one key and its raw value in a JSON object.
type member struct {
	key    string
	rawKey []byte // the key as written, quotes and escapes included
	value  []byte
}

// splitObject returns the members of a JSON object in input order, their
// values as raw JSON without surrounding blanks. The input must be valid
// JSON (Decode checks it first): the scan only finds where values end, so
// that decoding a nested form reads each byte a few times, not a few times
// per level. ok is false when raw is not an object.
func splitObject(raw []byte) (members []member, ok bool) {
	return appendMembers(nil, raw)
}

// appendMembers is splitObject appending to members, so that a caller can
// reuse its memory.
func appendMembers(members []member, raw []byte) ([]member, bool) {
	if len(raw) == 0 || raw[0] != '{' {
		return members, false
	}
	i := skipBlank(raw, 1)
	if i < len(raw) && raw[i] == '}' {
		return members, true
	}
	for i < len(raw) && raw[i] == '"' {
		end := scanValue(raw, i)
		keyTok := raw[i:end]
		key, kok := jsonString(keyTok)
		if !kok {
			return nil, false
		}
		i = skipBlank(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipBlank(raw, i+1)
		end = scanValue(raw, i)
		if end <= i {
			return nil, false
		}
		members = append(members, member{key, keyTok, raw[i:end]})
		i = skipBlank(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlank(raw, i+1)
			continue
		}
		return members, i < len(raw) && raw[i] == '}'
	}
	return nil, false
}

// splitArray returns the items of a JSON array as raw JSON (see splitObject).
func splitArray(raw []byte) (items [][]byte, ok bool) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	i := skipBlank(raw, 1)
	if i < len(raw) && raw[i] == ']' {
		return [][]byte{}, true
	}
	for i < len(raw) {
		end := scanValue(raw, i)
		if end <= i {
			return nil, false
		}
		items = append(items, raw[i:end])
		i = skipBlank(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlank(raw, i+1)
			continue
		}
		return items, i < len(raw) && raw[i] == ']'
	}
	return nil, false
}

// countItems returns the number of items of a JSON array without
// splitting it (see splitArray), so that a list too long to decode can be
// refused before anything is allocated for its items.
func countItems(raw []byte) (n int, ok bool) {
	if len(raw) == 0 || raw[0] != '[' {
		return 0, false
	}
	i := skipBlank(raw, 1)
	if i < len(raw) && raw[i] == ']' {
		return 0, true
	}
	for i < len(raw) {
		end := scanValue(raw, i)
		if end <= i {
			return 0, false
		}
		n++
		i = skipBlank(raw, end)
		if i < len(raw) && raw[i] == ',' {
			i = skipBlank(raw, i+1)
			continue
		}
		return n, i < len(raw) && raw[i] == ']'
	}
	return 0, false
}

// scanValue returns the end of the JSON value that starts at raw[i].
func scanValue(raw []byte, i int) int {
	if i >= len(raw) {
		return i
	}
	switch raw[i] {
	case '"':
		for j := i + 1; j < len(raw); j++ {
			switch raw[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(raw)
	case '{', '[':
		depth := 0
		for j := i; j < len(raw); j++ {
			switch raw[j] {
			case '"':
				j = scanValue(raw, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(raw)
	}
	j := i // a number, true, false or null
	for j < len(raw) && !strings.ContainsRune(",}] \t\r\n", rune(raw[j])) {
		j++
	}
	return j
}

func skipBlank(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n') {
		i++
	}
	return i
}

// jsonString decodes a JSON string token.
func jsonString(tok []byte) (string, bool) {
	if len(tok) < 2 || tok[0] != '"' || tok[len(tok)-1] != '"' {
		return "", false
	}
	if bytes.IndexByte(tok, '\\') < 0 && utf8.Valid(tok) {
		return string(tok[1 : len(tok)-1]), true
	}
	var s string
	return s, json.Unmarshal(tok, &s) == nil
}

// loneSurrogate finds, in valid JSON text, the first \uXXXX escape that is
// half of a UTF-16 surrogate pair without its other half: a high surrogate
// (\ud800–\udbff) not followed by an escaped low one, or a low surrogate
// (\udc00–\udfff) on its own. encoding/json would silently decode it as
// U+FFFD. It returns the escape as written ("\ud800").
func loneSurrogate(raw []byte) (string, bool) {
	for i := 0; i < len(raw); i++ {
		j := bytes.IndexByte(raw[i:], '\\')
		if j < 0 {
			return "", false
		}
		i += j
		if i+1 >= len(raw) || raw[i+1] != 'u' || i+6 > len(raw) {
			i++ // skip the escaped character
			continue
		}
		r := hex4(raw[i+2 : i+6])
		switch {
		case r >= 0xD800 && r < 0xDC00:
			if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if lo := hex4(raw[i+8 : i+12]); lo >= 0xDC00 && lo < 0xE000 {
					i += 11 // a valid pair
					continue
				}
			}
			return string(raw[i : i+6]), true
		case r >= 0xDC00 && r < 0xE000:
			return string(raw[i : i+6]), true
		}
		i += 5
	}
	return "", false
}

// hex4 decodes four hexadecimal digits, or returns -1.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}
