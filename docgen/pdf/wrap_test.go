package pdf

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// lines breaks s with every character 1 wide (Latin 0.5) into lines of width w.
func lines(s string, w float64) []string {
	runes := []rune(s)
	adv := make([]float64, len(runes))
	for i, r := range runes {
		adv[i] = 1
		if r < 0x2E80 {
			adv[i] = 0.5
		}
	}
	starts := breakLines(runes, adv, nil, w)
	var out []string
	for k, st := range starts {
		end := len(runes)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		out = append(out, strings.TrimRight(string(runes[st:end]), " "))
	}
	return out
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		w    float64
		want []string
	}{
		{"CJK at any character", "湘潭经开区管委会", 3, []string{"湘潭经", "开区管", "委会"}},
		{"closing punctuation never starts a line", "湘潭经，开区", 3, []string{"湘潭", "经，开", "区"}},
		{"closing quote and bracket", "甲乙丙”）丁", 3, nil},
		{"opening punctuation never ends a line", "甲乙（丙丁）", 3, nil},
		{"Latin word kept whole", "建设Automation生产线", 6, nil},
		{"blank between words is a break", "Motor Control Unit", 4, []string{"Motor", "Control", "Unit"}},
		{"number kept whole", "总投资12345.678亿", 5, nil},
		{"word wider than the line is cut", "ABCDEFGHIJ", 2, []string{"ABCD", "EFGH", "IJ"}},
		{"break after a hyphen before a letter", "Hunan-Xiangtan", 4, []string{"Hunan-", "Xiangtan"}},
		{"no break after a hyphen before a digit (UAX #14 LB25)", "0731-58888888 x", 5, []string{"0731-58888", "888 x"}},
		{"empty", "", 3, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lines(tt.in, tt.w)
			if tt.want == nil { // property checks only
				checkKinsoku(t, got)
				if strings.Join(got, "") != strings.ReplaceAll(tt.in, " ", "") && strings.Join(got, " ") != tt.in {
					t.Errorf("lines %q lose text of %q", got, tt.in)
				}
				return
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// checkKinsoku fails when a line starts with closing or ends with opening punctuation.
func checkKinsoku(t *testing.T, ls []string) {
	t.Helper()
	for i, l := range ls {
		r := []rune(l)
		if len(r) == 0 {
			continue
		}
		if i > 0 && isClosing(r[0]) {
			t.Errorf("line %d %q starts with closing punctuation (%q)", i, l, ls)
		}
		if i < len(ls)-1 && isOpening(r[len(r)-1]) {
			t.Errorf("line %d %q ends with opening punctuation (%q)", i, l, ls)
		}
	}
}

func TestBreakLinesWords(t *testing.T) {
	got := lines("建设Automation生产线", 5.5)
	want := []string{"建设", "Automation", "生产线"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	got = lines("总投资12345.678亿", 5)
	for _, l := range got {
		if strings.Contains(l, "123") && !strings.Contains(l, "12345.678") {
			t.Errorf("number split: %q", got)
		}
	}
	got = lines("甲乙（丙丁）", 3)
	checkKinsoku(t, got)
	got = lines("甲乙丙”）丁", 3)
	checkKinsoku(t, got)
}

// Every punctuation pair at every width: text kept, rules held.
func TestBreakLinesKinsokuExhaustive(t *testing.T) {
	text := "项目（一期）已签约，“十四五”期间达产。《协议》约定：A—合资、B—合作；总投资12.5亿元！是否开工？"
	for w := 2.0; w <= 12; w++ {
		got := lines(text, w)
		checkKinsoku(t, got)
		if strings.Join(got, "") != text {
			t.Fatalf("width %v: lines %q lose text", w, got)
		}
		for _, l := range got {
			if width(l) > w && len([]rune(l)) > 1 {
				t.Errorf("width %v: line %q is %.1f wide", w, l, width(l))
			}
		}
	}
}

func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2E80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// After a break at the last opportunity the rest of the line must be
// measured again: "1 WWWWW" once left "WWWWW" 1.4 pt outside its cell.
func TestBreakLinesRemeasuresAfterBreak(t *testing.T) {
	runes := []rune("1 WWWWW")
	adv := []float64{0.5, 0.25, 0.95, 0.95, 0.95, 0.95, 0.95}
	starts := breakLines(runes, adv, nil, 3.7)
	// "1 " | "WWW" | "WW": the word is cut because "WWWW" (3.8) is wider than the box.
	if want := []int{0, 2, 5}; !slices.Equal(starts, want) {
		t.Errorf("starts %v, want %v", starts, want)
	}
}

// Random texts at random widths: every line fits (unless it is one glyph
// wider than the box), and no character is lost, duplicated or reordered.
func TestBreakLinesRandomFit(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []rune("项目签约投资建设产业园一期二期ABCDEFGWMiil0123456789-/.,，。、；：？！）》”（《“ 　")
	for n := 0; n < 20000; n++ {
		runes := make([]rune, 1+rng.IntN(60))
		adv := make([]float64, len(runes))
		for i := range runes {
			runes[i] = alphabet[rng.IntN(len(alphabet))]
			adv[i] = 0.2 + rng.Float64()*1.3
		}
		maxW := 0.5 + rng.Float64()*12
		starts := breakLines(runes, adv, nil, maxW)
		var joined []rune
		for k, st := range starts {
			end := len(runes)
			if k+1 < len(starts) {
				end = starts[k+1]
			}
			if end <= st {
				t.Fatalf("case %d: empty line %d in %v", n, k, starts)
			}
			w, j := trimmedWidth(runes, adv, st, end)
			if w > maxW+1e-6 && j-st > 1 {
				t.Fatalf("case %d: line %q is %.3f wide, box %.3f", n, string(runes[st:end]), w, maxW)
			}
			joined = append(joined, runes[st:end]...)
		}
		if string(joined) != string(runes) {
			t.Fatalf("case %d: lines %v of %q lose text", n, starts, string(runes))
		}
	}
}
