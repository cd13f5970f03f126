package docgen

import (
	"slices"
	"testing"
)

func TestNumberedFollowsTheRuleOfRowNumbers(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"a", "b"}, []string{"1.a", "2.b"}},
		{[]string{"3.x", "y"}, []string{"3.x", "4.y"}},
		{[]string{"x", "（5）y", "z"}, []string{"1.x", "（5）y", "6.z"}},
		{[]string{"2、x", "1．y", "z"}, []string{"2、x", "1．y", "2.z"}},
		{[]string{"2026年完成", "0.5亩"}, []string{"1.2026年完成", "2.0.5亩"}},
		{[]string{"1234567.x"}, []string{"1.1234567.x"}},
	} {
		if got := numbered(c.in); !slices.Equal(got, c.want) {
			t.Errorf("numbered(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
