package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// SOURCE_DATE_EPOCH sets the PDF's creation date; a bad value is a usage error.
func TestSourceDateEpoch(t *testing.T) {
	run1 := func(epoch string) (int, string, string) {
		var out, errOut bytes.Buffer
		e := env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return epoch
			}
			return ""
		}}
		code := exitCode(run(context.Background(), []string{"render", "--form", "supervision", "--in", "../../examples/supervision.json", "--out", "-"}, e), &errOut)
		return code, out.String(), errOut.String()
	}
	code, pdf, stderr := run1("981173106")
	if code != 0 || !strings.Contains(pdf, "(D:20010203040506") {
		t.Errorf("exit %d (%s): the creation date is not SOURCE_DATE_EPOCH's", code, stderr)
	}
	if code, _, stderr := run1("yesterday"); code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: exit %d, %s", code, stderr)
	}
}
