package fonts

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultFaces(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for role, want := range map[Role]string{Title: "NotoSerifSC-Bold", Label: "NotoSansSC-Regular", Body: "NotoSerifSC-Regular"} {
		f := s.Face(role)
		if f.PostScriptName() != want {
			t.Errorf("%s: %s, want %s", role, f.PostScriptName(), want)
		}
		// Every character of the subset list, and the CJK ideographs are one em wide.
		for _, r := range "市级重点招商项目签约情况表，。（）：0123456789ABCxyz—" {
			if !f.Has(r) {
				t.Errorf("%s lacks %q", role, r)
			}
		}
		if a := f.Advance('中'); a != 1 {
			t.Errorf("%s: 中 is %v em wide", role, a)
		}
		if f.Ascent() <= 0 || f.Descent() >= 0 {
			t.Errorf("%s: ascent %v, descent %v", role, f.Ascent(), f.Descent())
		}
	}
	again, _ := Default()
	if again.Face(Body) != s.Face(Body) {
		t.Error("the embedded fonts are parsed again on every call")
	}
}

func TestPickFallback(t *testing.T) {
	s, _ := Default()
	if f, err := s.Pick(Body, '湘'); err != nil || f != s.Face(Body) {
		t.Errorf("湘: %v %v", f, err)
	}
	// 㐀 (U+3400) is outside the subsets and in the full Noto Serif SC.
	f, err := s.Pick(Label, '㐀')
	if err != nil || f == s.Face(Label) || !f.Has('㐀') {
		t.Errorf("㐀: face %v, err %v", f, err)
	}
	_, err = s.Pick(Body, 0x20000)
	var miss *MissingGlyphError
	if !errors.As(err, &miss) || miss.Rune != 0x20000 || !strings.Contains(err.Error(), "U+20000") {
		t.Errorf("𠀀: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	body, _ := Default()
	ttf := body.Face(Body).Data()
	for _, tc := range []struct {
		name string
		data []byte
		want error
		text string
	}{
		{"collection.ttc", append([]byte("ttcf"), ttf[4:64]...), ErrNotFont, "字体集合"},
		{"cff.otf", append([]byte("OTTO"), ttf[4:64]...), ErrCFF, "CFF"},
		{"notes.txt", []byte("hello, this is not a font"), ErrNotFont, "不是 TrueType"},
		{"short.ttf", []byte{0, 1}, ErrNotFont, "不是 TrueType"},
		{"truncated.ttf", ttf[:2000], ErrNotFont, "损坏"},
	} {
		_, err := Parse(tc.name, tc.data)
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.text) || !strings.Contains(err.Error(), tc.name) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func TestConfigureAndEnv(t *testing.T) {
	base, _ := Default()
	dir := t.TempDir()
	label := filepath.Join(dir, "label.ttf")
	if err := os.WriteFile(label, base.Face(Title).Data(), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"ZSDOC_FONT_LABEL": label}
	s, err := FromEnv(base, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if s.Face(Label).Name() != "label.ttf" || s.Face(Body) != base.Face(Body) {
		t.Errorf("label %s, body %s", s.Face(Label).Name(), s.Face(Body).Name())
	}
	if base.Face(Label).Name() == "label.ttf" {
		t.Error("Configure changed the base set")
	}
	env["ZSDOC_FONT_BODY"] = filepath.Join(dir, "missing.ttf")
	if _, err := FromEnv(base, func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "仿宋_GB2312") {
		t.Errorf("a missing body font: %v", err)
	}
}

func TestLicenses(t *testing.T) {
	l := Licenses()
	for _, want := range []string{"NOTICE.txt", "SIL OPEN FONT LICENSE", "Noto Sans SC", "Noto Serif SC", "Adobe"} {
		if !strings.Contains(l, want) {
			t.Errorf("licences lack %q", want)
		}
	}
}

// A role font without Chinese (an English-only font given by mistake) is
// refused with a message naming it; as a fallback font it is accepted.
func TestConfigureRefusesNonChineseRoleFont(t *testing.T) {
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Roles() {
		_, err := Configure(base, map[Role]string{r: "testdata/tiny.ttf"}, nil)
		if err == nil || !strings.Contains(err.Error(), "tiny.ttf") || !strings.Contains(err.Error(), "不是中文字体") {
			t.Errorf("%s: %v", r, err)
		}
	}
	if _, err := Configure(base, nil, []string{"testdata/tiny.ttf"}); err != nil {
		t.Errorf("as a fallback: %v", err)
	}
}
