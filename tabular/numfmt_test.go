package tabular

import "testing"

func TestClassifyFormat(t *testing.T) {
	cases := map[string]fmtClass{
		"General":                      classNumber,
		"0.00":                         classNumber,
		"#,##0.00_);[Red](#,##0.00)":   classNumber,
		`[$¥-804]#,##0.00`:             classNumber,
		"0.00E+00":                     classNumber,
		`0.00 "d"`:                     classNumber,
		`0\d`:                          classNumber,
		"@":                            classNumber,
		"yyyy-mm-dd":                   classDate,
		`yyyy"年"m"月"d"日"`:              classDate,
		`[$-804]yyyy"年"m"月"d"日";@`:     classDate,
		"[$-F800]dddd, mmmm dd, yyyy":  classDate,
		"mmm-yy":                       classDate,
		`m"月"`:                         classDate,
		"m/d/yy h:mm":                  classDate,
		"h:mm AM/PM":                   classTime,
		"hh:mm:ss":                     classTime,
		"[h]:mm:ss":                    classTime,
		"[mm]:ss":                      classTime,
		"mm:ss.0":                      classTime,
		`上午/下午h"时"mm"分"`:               classTime,
		`0;"yy"`:                       classNumber, // second section ignored
		`[Red][<=100]0;yyyy`:           classNumber,
		"[Blue]yyyy":                   classDate,
		`"unterminated`:                classNumber,
		"[unterminated":                classNumber,
		`#,##0.00" 元";"-"#,##0.00" 元"`: classNumber,
	}
	for code, want := range cases {
		if got := classifyFormat(code); got != want {
			t.Errorf("classifyFormat(%q) = %d, want %d", code, got, want)
		}
	}
	for id, want := range map[int]fmtClass{0: classNumber, 2: classNumber, 13: classNumber, 14: classDate, 17: classDate,
		18: classTime, 21: classTime, 22: classDate, 27: classDate, 31: classDate, 32: classTime, 35: classTime,
		36: classDate, 37: classNumber, 44: classNumber, 45: classTime, 47: classTime, 49: classNumber,
		50: classDate, 54: classDate, 55: classTime, 56: classTime, 57: classDate, 58: classDate, 59: classNumber} {
		if got := builtinClass(id); got != want {
			t.Errorf("builtinClass(%d) = %d, want %d", id, got, want)
		}
	}
}

func TestSerialText(t *testing.T) {
	cases := []struct {
		v        float64
		class    fmtClass
		date1904 bool
		want     string // "" for no date
	}{
		{1, classDate, false, "1900-01-01"},
		{59, classDate, false, "1900-02-28"},
		{60, classDate, false, "1900-02-29"}, // Lotus's day that never was
		{61, classDate, false, "1900-03-01"},
		{46352, classDate, false, "2026-11-26"},
		{46352.999999999, classDate, false, "2026-11-27"}, // rounds to the second
		{46352.5, classDate, false, "2026-11-26 12:00:00"},
		{2958465, classDate, false, "9999-12-31"},
		{2958466, classDate, false, ""},
		{0, classDate, false, ""},
		{0.25, classDate, false, ""},
		{-1, classDate, false, ""},
		{0, classDate, true, "1904-01-01"},
		{44890, classDate, true, "2026-11-26"},
		{2957003, classDate, true, "9999-12-31"},
		{2957004, classDate, true, ""},
		{0.75, classTime, false, "18:00:00"},
		{1.5, classTime, false, "12:00:00"},
		{0.9999999, classTime, false, "00:00:00"},
		{-0.5, classTime, false, ""},
	}
	for _, c := range cases {
		got, ok := serialText(c.v, c.class, c.date1904)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("serialText(%v, %d, %v) = %q, %v; want %q", c.v, c.class, c.date1904, got, ok, c.want)
		}
	}
	for in, want := range map[string]string{
		"2026-11-26":                  "2026-11-26",
		"2026-11-26T00:00:00":         "2026-11-26",
		"2026-11-26T14:30:00Z":        "2026-11-26 14:30:00",
		"2026-11-26T14:30:00.4":       "2026-11-26 14:30:00",
		"2026-11-26T23:59:59.9+08:00": "2026-11-27",
		"26/11/2026":                  "",
	} {
		if got, ok := isoDateText(in); got != want || ok != (want != "") {
			t.Errorf("isoDateText(%q) = %q, %v", in, got, ok)
		}
	}
}

func TestNumberText(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "12.5": "12.5", "12.50": "12.5", "-0": "0", "+3": "3", "007": "7", ".5": "0.5", "5.": "5",
		"123456789012345":       "123456789012345",
		"1234567890123456":      "1234567890123460",
		"0.000000000000000001":  "0.000000000000000001",
		"1E+2":                  "100",
		"1e-3":                  "0.001",
		"-2.5E-1":               "-0.25",
		"4.94065645841247E-324": "0." + zeros(323) + "494065645841247",
		"12.499999999999998":    "12.5",
		"99999999999999999":     "100000000000000000",
		"1e400":                 "", "abc": "", "": "", "1e": "", ".": "", "-": "", "1.2.3": "", "0x10": "", "1_0": "", " 1": "", "NaN": "", "Inf": "",
	} {
		got, ok := numberText(in)
		if got != want || ok != (want != "") {
			t.Errorf("numberText(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 10: "K", 25: "Z", 26: "AA", 27: "AB", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD", -1: ""} {
		if got := ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
		if i < 0 || i > 16383 {
			continue
		}
		if col, row, ok := parseCellRef(want + "7"); !ok || col != i || row != 7 {
			t.Errorf("parseCellRef(%q) = %d, %d, %v", want+"7", col, row, ok)
		}
	}
	for _, bad := range []string{"", "7", "A0", "A01", "XFE1", "AAAA1", "A1048577", "A-1", "A1B"} {
		if _, _, ok := parseCellRef(bad); ok {
			t.Errorf("parseCellRef(%q) accepted", bad)
		}
	}
	if _, _, ok := parseCellRef("$B$3"); !ok {
		t.Error("parseCellRef($B$3) refused")
	}
}

func TestDecodeXString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":           "plain",
		"a_x000D_b":       "a\rb",
		"_x005F_x000D_":   "_x000D_",
		"_x00":            "_x00",
		"_xZZZZ_":         "_xZZZZ_",
		"_xD800_":         "_xD800_",
		"x_x4E2D__x6587_": "x中文",
	} {
		if got := decodeXString(in); got != want {
			t.Errorf("decodeXString(%q) = %q, want %q", in, got, want)
		}
	}
}
