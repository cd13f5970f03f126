package sheet

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/tabular"
)

// CellText returns a cell's value as the JSON input would give it: the
// text; for an Excel date cell the date ("2026-11-26") without a time of
// day; for a number the number as Excel shows it in the General format.
func CellText(c tabular.Cell) string {
	if c.Kind == tabular.Empty {
		return ""
	}
	if c.Kind == tabular.Date {
		d, _, _ := strings.Cut(c.Text, " ")
		return d
	}
	return c.Text
}

// value returns what column c puts in the JSON input for a cell's text:
// a string, a list of strings or an object; nil when the cell is blank.
func (c *column) value(text string) any {
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return nil
	}
	switch {
	case c.typ == typeTextList:
		return listItems(text)
	case c.typ == typeTextOrObj:
		return top500(text)
	case c.typ == typeObject:
		return objectLines(text, c.fields)
	case strings.HasPrefix(c.typ, typeAmountUnit):
		unit := strings.TrimSuffix(strings.TrimPrefix(c.typ, typeAmountUnit), "）")
		return strings.TrimSuffix(strings.TrimSpace(text), unit)
	}
	return text
}

// lines splits a cell's text at its line breaks, dropping blank lines.
func lines(text string) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if strings.TrimFunc(l, unicode.IsSpace) != "" {
			out = append(out, l)
		}
	}
	return out
}

// listItems reads a list cell (任务清单, 配合单位): one item a line. When
// the first line is numbered ("1." "1、" "（1）"), as the printed 任务清单
// is, a line without a number continues the item above it.
func listItems(text string) []string {
	ls := lines(text)
	if len(ls) == 0 || !numberedLine(ls[0]) {
		return ls
	}
	var out []string
	for _, l := range ls {
		if numberedLine(l) || len(out) == 0 {
			out = append(out, l)
		} else {
			out[len(out)-1] += "\n" + l
		}
	}
	return out
}

// itemNumber matches the number an item starts with.
var itemNumber = regexp.MustCompile(`^\s*(?:\d{1,6}[.、．]|（\d{1,6}）|\(\d{1,6}\))`)

func numberedLine(s string) bool { return itemNumber.MatchString(s) }

// printedTop500 is 所属500强名称及排名 as printed: "2025年世界500强第123位".
var printedTop500 = regexp.MustCompile(`^(\d{4})年(` + forms.Top500World + `|` + forms.Top500China + `|` + forms.Top500Private + `)第(\d{1,3})位$`)

// top500 reads 所属500强名称及排名: the printed form of a list entry gives the
// object (list, year, rank), which prints the same; other text stays text.
func top500(text string) any {
	t := strings.TrimSpace(text)
	m := printedTop500.FindStringSubmatch(t)
	if m == nil {
		return text
	}
	year, _ := strconv.Atoi(m[1])
	rank, _ := strconv.Atoi(m[3])
	if year < 1990 || year > 2100 || rank < 1 || rank > 500 || m[3][0] == '0' {
		return text
	}
	return map[string]any{"list": m[2], "year": year, "rank": rank}
}

// objectLines reads a cell that prints an object one field a line (附件4's
// 项目联系人及电话: the name, then the phone). Lines may be labelled
// ("电话：…"); a single line of two fields is split before the number it
// ends with ("刘某某 13807320001").
func objectLines(text string, fields []field) map[string]any {
	obj := map[string]any{}
	var rest []string
	for _, l := range lines(text) {
		if f, v, ok := labelled(l, fields); ok {
			obj[f] = v
			continue
		}
		rest = append(rest, strings.TrimSpace(l))
	}
	if len(rest) == 1 && len(fields) == 2 && len(obj) == 0 {
		if name, num, ok := splitTrailingNumber(rest[0]); ok {
			rest = []string{name, num}
		}
	}
	k := 0
	for _, f := range fields {
		if _, done := obj[f.key]; done {
			continue
		}
		if k < len(rest) {
			obj[f.key] = rest[k]
			k++
		}
	}
	if k < len(rest) && len(fields) > 0 { // more lines than fields: keep them in the last
		last := fields[len(fields)-1].key
		obj[last] = obj[last].(string) + "\n" + strings.Join(rest[k:], "\n")
	}
	return obj
}

// sharedLines splits a cell that prints its own text and, under it, the
// fields of objects as "label：value" lines (附件4's 项目进展情况 with
// 工商注册名称 and 统一社会信用代码): the text without those lines, and the
// objects' values.
func sharedLines(text string, shared []sharedObject) (string, map[string]map[string]any) {
	objs := map[string]map[string]any{}
	var own []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		found := false
		for _, s := range shared {
			if f, v, ok := labelled(l, s.fields); ok {
				if objs[s.key] == nil {
					objs[s.key] = map[string]any{}
				}
				objs[s.key][f] = v
				found = true
				break
			}
		}
		if !found {
			own = append(own, l)
		}
	}
	return strings.Join(own, "\n"), objs
}

// labelled reports whether line is "label：value" for one of fields (the
// colon full- or half-width, blanks around it ignored).
func labelled(line string, fields []field) (key, value string, ok bool) {
	l := strings.TrimSpace(line)
	for _, f := range fields {
		rest, found := strings.CutPrefix(l, f.label)
		if !found {
			continue
		}
		rest = strings.TrimSpace(rest)
		if v, ok := strings.CutPrefix(rest, "："); ok {
			return f.key, strings.TrimSpace(v), true
		}
		if v, ok := strings.CutPrefix(rest, ":"); ok {
			return f.key, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// splitTrailingNumber splits "刘某某 13807320001" (or "刘某某/0731-5761998")
// into the text and the telephone number it ends with: a run of digits,
// '+', '-', '(' and ')' holding at least 7 digits.
func splitTrailingNumber(s string) (string, string, bool) {
	rs := []rune(s)
	i, digits := len(rs), 0
	for i > 0 {
		r := rs[i-1]
		if r >= '0' && r <= '9' {
			digits++
		} else if !strings.ContainsRune("+-()（） ", r) {
			break
		}
		i--
	}
	num := strings.TrimSpace(string(rs[i:]))
	name := strings.TrimRightFunc(string(rs[:i]), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("/／,，:：;；、", r)
	})
	if digits < 7 || name == "" {
		return "", "", false
	}
	return name, num, true
}
