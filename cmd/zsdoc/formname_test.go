package main

import (
	"strings"
	"testing"
)

// A clerk names a form as the notice does: 附件4, 4, its title, or the id.
func TestFormNames(t *testing.T) {
	for _, name := range []string{"signing", "SIGNING", "附件4", "4", "４", " 附件4 ", "市级重点招商项目签约情况表"} {
		r := zsdoc(t, nil, "validate", "--form", name, "--in", "../../examples/signing.json")
		if r.code != 0 {
			t.Errorf("--form %q: exit %d, %s%s", name, r.code, r.stdout, r.stderr)
		}
	}
	if r := zsdoc(t, nil, "example", "附件6"); r.code != 0 || !strings.Contains(r.stdout, `"issuer"`) {
		t.Errorf("example 附件6: exit %d, %s", r.code, r.stderr)
	}
	// zsdoc example takes no --form: its error must not talk about one.
	r := zsdoc(t, nil, "example", "nosuch")
	if r.code != 2 || strings.Contains(r.stderr, "--form") || !strings.Contains(r.stderr, "未知的表单“nosuch”") {
		t.Errorf("example nosuch: exit %d, %q", r.code, r.stderr)
	}
	for _, bad := range []string{"7", "附件7", "签约"} {
		if r := zsdoc(t, nil, "render", "--form", bad, "--blank", "--out", "-"); r.code != 2 {
			t.Errorf("--form %q: exit %d", bad, r.code)
		}
	}
}
