package forms

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date held as ISO 8601 text ("2026-11-26"). Input in the
// forms "2026/11/26", "2026.11.26", "2026-1-5" and "2026年11月26日" is
// normalised to ISO when decoding; anything else is kept as typed so that
// validation can quote it. The zero value means "not given".
type Date string

// The range of dates a form may hold (rule "date"): from the founding of
// the People's Republic to the end of the century. A date outside it is
// a typing error (0000-01-01, 2206-11-26).
const (
	FirstDate Date = "1949-01-01"
	LastDate  Date = "2100-12-31"
)

// inDateRange reports whether t is within FirstDate..LastDate.
func inDateRange(t time.Time) bool {
	y := t.Year()
	return y >= 1949 && y <= 2100
}

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date(fmt.Sprintf("%04d-%02d-%02d", y, int(m), d))
}

// Time returns the date at midnight UTC, or an error when the text is not a
// real calendar date (2026-02-30).
func (d Date) Time() (time.Time, error) {
	t, ok := parseISODate(string(d))
	if !ok {
		return time.Time{}, fmt.Errorf("“%s”不是有效日期", string(d))
	}
	return t, nil
}

// IsZero reports whether the date was not given.
func (d Date) IsZero() bool { return d == "" }

// Chinese renders the date as the forms print it: "2026年11月26日" (no zero
// padding, GB/T 9704). An invalid date renders as typed.
func (d Date) Chinese() string {
	t, err := d.Time()
	if err != nil {
		return string(d)
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// MonthDay renders the date without its year: "12月7日".
func (d Date) MonthDay() string {
	t, err := d.Time()
	if err != nil {
		return string(d)
	}
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// Weekday returns the Chinese weekday, "星期一" … "星期日", or "" for an invalid date.
func (d Date) Weekday() string {
	t, err := d.Time()
	if err != nil {
		return ""
	}
	return weekdays[t.Weekday()]
}

var weekdays = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// UnmarshalJSON accepts a string in one of the accepted date forms.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errWantDate
	}
	*d = Date(normalizeDate(trimBlank(s)))
	return nil
}

// dateSeparators maps the separators of the accepted date forms to "-".
var dateSeparators = strings.NewReplacer("年", "-", "月", "-", "/", "-", ".", "-")

// normalizeDate rewrites the accepted variants to ISO; other text is returned unchanged.
func normalizeDate(s string) string {
	t := toHalfWidth(s)
	t = strings.TrimSuffix(t, "日")
	parts := strings.Split(dateSeparators.Replace(t), "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return s
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 {
			return s
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return s
		}
		n[i] = v
	}
	return fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2])
}

// parseISODate parses YYYY-MM-DD strictly and rejects dates that do not exist.
func parseISODate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}
