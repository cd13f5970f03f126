package forms

import (
	"reflect"
	"strings"
	"testing"
)

// The test vectors of the contract (§5).
var (
	validUSCCs = []string{
		"91350100M000100Y43", "914403001922038216", "91110108795101314G",
		"91430300184711279E", "914303007170577687",
	}
	invalidUSCC = "91350211M00013FA1N"
)

func TestValidUSCC(t *testing.T) {
	for _, code := range validUSCCs {
		if !ValidUSCC(code) {
			t.Errorf("ValidUSCC(%q) = false, want true (%s)", code, usccProblem(code))
		}
		c, ok := USCCCheckChar(code[:17])
		if !ok || c != code[17] {
			t.Errorf("USCCCheckChar(%q) = %q, %v; want %q", code[:17], c, ok, code[17])
		}
	}
	for _, tc := range []struct{ code, problem string }{
		{invalidUSCC, "校验位不正确（第18位应为“3”），请核对是否抄错"},
		{"91430300184711279", "应为18位，现为17位"},
		{"91430300184711279EE", "应为18位，现为19位"},
		{"", "应为18位，现为0位"},
		{"91430300184711279e", "第18位“e”应为大写字母"},
		{"91430300ma4l12345l", "第9位“m”应为大写字母"},
		// Letters outside the charset, upper or lower case.
		{"9143030018471127IE", "第17位“I”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		{"9143030018471127iE", "第17位“i”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		{"914303001847112O9E", "第16位“O”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		{"91430300184711279S", "第18位“S”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		{"91430300184711279-", "第18位“-”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		// Full-width and CJK characters are named, not garbled.
		{"9143030018471127９E", "第17位“９”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
		{"914303湘潭4711279E12", "第7位“湘”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）"},
	} {
		if ValidUSCC(tc.code) {
			t.Errorf("ValidUSCC(%q) = true, want false", tc.code)
		}
		if got := usccProblem(tc.code); got != tc.problem {
			t.Errorf("usccProblem(%q) = %q, want %q", tc.code, got, tc.problem)
		}
	}
	for _, in := range []string{"9143030018471127I", "914303001847112", "91430300184711279E", "9143030018471127" + strings.Repeat("湘", 1)} {
		if _, ok := USCCCheckChar(in); ok {
			t.Errorf("USCCCheckChar(%q) ok, want not ok", in)
		}
	}
}

func TestValidPhone(t *testing.T) {
	for _, p := range []string{
		"13807320001", "19912345678", "+8613807320001", "+86 138 0732 0001", "86-13807320001",
		"0731-57619998", "073157619998", "0731 5761 9998", "0731-57619998-8021", "010-12345678",
		"0731-5761999", "021-1234567-1",
	} {
		if !ValidPhone(p) {
			t.Errorf("ValidPhone(%q) = false, want true", p)
		}
	}
	if !ValidPhone("１３８０７３２０００１") {
		t.Error("ValidPhone rejects a full-width mobile number")
	}
	for _, p := range []string{
		"12807320001", "1380732000", "138073200011", "0731-576199", "731-57619998",
		"+86 0731-57619998", "13807320001转123", "13807320001-123", "abc", "0731-57619998-1234567",
		"+1 4155550123", "110",
	} {
		if ValidPhone(p) {
			t.Errorf("ValidPhone(%q) = true, want false", p)
		}
	}
}

func TestHunanCities(t *testing.T) {
	want := []string{"长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市",
		"张家界市", "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州"}
	if got := HunanCities(); !reflect.DeepEqual(got, want) {
		t.Errorf("HunanCities() = %v", got)
	}
	for _, c := range want {
		if !validHunanCity(c) {
			t.Errorf("validHunanCity(%q) = false", c)
		}
	}
	for _, c := range []string{"湘潭", "湘西州", "武汉市", "湘潭县", "长沙", ""} {
		if validHunanCity(c) {
			t.Errorf("validHunanCity(%q) = true", c)
		}
	}
	HunanCities()[0] = "x" // a copy
	if HunanCities()[0] != "长沙市" {
		t.Error("HunanCities returns the package's array")
	}
	locs := XiangtanLocations()
	if len(locs) != 10 || locs[0] != "雨湖区" || locs[9] != "湘潭天易经开区" {
		t.Errorf("XiangtanLocations() = %v", locs)
	}
}

func TestValidDocNumber(t *testing.T) {
	for _, n := range []string{"督办〔2026〕12号", "湘招督〔2026〕1号", "12号", "督办〔2026〕120号"} {
		if !validDocNumber(n) {
			t.Errorf("validDocNumber(%q) = false", n)
		}
	}
	for _, n := range []string{
		"督办〔2026〕第12号", "督办[2026]12号", "督办(2026)12号", "督办（2026）12号", "督办【2026】12号",
		"督办［2026］12号", "督办［２０２６］12号", "督办（２０２６）12号", "督办{2026}12号", "督办《2026》12号",
	} {
		if validDocNumber(n) {
			t.Errorf("validDocNumber(%q) = true", n)
		}
	}
}

func TestControlProblem(t *testing.T) {
	for _, tc := range []struct {
		in  string
		pos int
		r   rune
	}{
		{"湘潭\u0007", 3, 0x07},
		{"\u0000", 1, 0},
		{"ab\u007fc", 3, 0x7f},
		{"湘\u0085潭", 2, 0x85},
		{"a\u000bb", 2, 0x0b},
		{"a\u000cb", 2, 0x0c},
		{"a\u001bb", 2, 0x1b},
		{"a\u009fb", 2, 0x9f},
		{"a\uFFFEb", 2, 0xFFFE},
		{"a\uFDD0b", 2, 0xFDD0},
		{"a\U0001FFFFb", 2, 0x1FFFF},
		{"a\xffb", 2, 0xFFFD}, // not UTF-8
	} {
		pos, r, bad := controlProblem(tc.in)
		if !bad || pos != tc.pos || r != tc.r {
			t.Errorf("controlProblem(%q) = %d, %U, %v; want %d, %U", tc.in, pos, r, bad, tc.pos, tc.r)
		}
	}
	for _, s := range []string{"第一行\n第二行", "a\tb", "湘潭\uFFFD", "😀", "", "Ａ１"} {
		if _, _, bad := controlProblem(s); bad {
			t.Errorf("controlProblem(%q) reports a problem", s)
		}
	}
}

func TestCodeNormalize(t *testing.T) {
	for _, tc := range []struct {
		set      CodeSet
		in, want string
	}{
		{cooperationSet, "A", "A"},
		{cooperationSet, "a", "A"},
		{cooperationSet, "Ａ", "A"},
		{cooperationSet, "ａ", "A"},
		{cooperationSet, " B ", "B"},
		{cooperationSet, "合资", "A"},
		{cooperationSet, "A—合资", "A"},
		{cooperationSet, "A-合资", "A"},
		{cooperationSet, "A－合资", "A"},
		{cooperationSet, "A–合资", "A"},
		{cooperationSet, "A：合资", "A"},
		{cooperationSet, "A 合资", "A"},
		{cooperationSet, "Ａ—合资", "A"},
		{cooperationSet, "e—其他", "E"},
		{cooperationSet, "D—产、股权转让", "D"},
		{cooperationSet, "产、股权转让", "D"},
		{industrySet, "A类—工业制造业", "A"},
		{industrySet, "A类-工业制造业", "A"},
		{industrySet, "A类", "A"},
		{industrySet, "a类", "A"},
		{industrySet, "工业制造业", "A"},
		{industrySet, "B类—能源与城市基础设施", "B"},
		{industrySet, "C—农业产业化", "C"},
		{industrySet, "D", "D"},
		{investorTypeSet, "C类—境外投资者投资", "C"},
		{investorTypeSet, "央企投资", "A"},
		{investorTypeSet, "B类", "B"},
		{signTypeSet, "合同", "合同"},
		{signTypeSet, " 协议 ", "协议"},
		// Not a value: returned trimmed, to be quoted by validation.
		{cooperationSet, "F", "F"},
		{cooperationSet, " f ", "f"},
		{cooperationSet, "A—合作", "A—合作"}, // code and name disagree
		{cooperationSet, "AB", "AB"},
		{cooperationSet, "合资企业", "合资企业"},
		{cooperationSet, "A类", "A"}, // lenient: 合作方式 prints no 类, but the letter is clear
		{industrySet, "E", "E"},
		{industrySet, "A类—农业产业化", "A类—农业产业化"},
		{signTypeSet, "合同签约", "合同签约"},
		{signTypeSet, "A", "A"},
		{cooperationSet, "", ""},
	} {
		if got := tc.set.normalize(tc.in); got != tc.want {
			t.Errorf("%s.normalize(%q) = %q, want %q", tc.set.Label, tc.in, got, tc.want)
		}
	}
}

func TestCodeSets(t *testing.T) {
	// The legend texts of the seed, in order.
	for _, tc := range []struct {
		set     CodeSet
		label   string
		legends []string
		codes   string
	}{
		{SignTypes(), "签约类型", []string{"合同", "协议"}, "合同、协议"},
		{Cooperations(), "合作方式", []string{"A—合资", "B—合作", "C—独资", "D—产、股权转让", "E—其他"}, "A、B、C、D、E"},
		{Industries(), "产业类别", []string{"A类—工业制造业", "B类—能源与城市基础设施", "C类—农业产业化", "D类—第三产业及其他"}, "A、B、C、D"},
		{InvestorTypes(), "投资方类别", []string{"A类—央企投资", "B类—民营企业投资", "C类—境外投资者投资"}, "A、B、C"},
	} {
		var legends []string
		for _, e := range tc.set.Entries {
			legends = append(legends, e.Legend)
		}
		if tc.set.Label != tc.label || !reflect.DeepEqual(legends, tc.legends) || tc.set.Codes() != tc.codes {
			t.Errorf("code set %q: legends %v, codes %q", tc.set.Label, legends, tc.set.Codes())
		}
	}
	if CoopTransfer.Name() != "产、股权转让" || IndustryInfrastructure.Name() != "能源与城市基础设施" ||
		InvestorForeign.Name() != "境外投资者投资" || Cooperation("F").Name() != "" {
		t.Error("Name() of a code is wrong")
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct{ in, want []int }{
		{[]int{0, 0, 0}, []int{1, 2, 3}},
		{[]int{5, 0, 0}, []int{5, 6, 7}},
		{[]int{0, 3, 0}, []int{1, 3, 4}},
		{[]int{2, 1}, []int{2, 1}},
		{[]int{3, 0, 1, 0}, []int{3, 4, 1, 2}},
		{[]int{-1, 0}, []int{1, 2}},
		{[]int{}, []int{}},
	} {
		if got := Numbers(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Numbers(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
