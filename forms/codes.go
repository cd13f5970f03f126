package forms

import (
	"encoding/json"
	"strings"
)

// CodeEntry is one value of a coded field: its code and its official name.
type CodeEntry struct {
	Code   string // "A", or "合同" for 签约类型 whose codes are their names
	Name   string // "合资"
	Legend string // the legend line exactly as the seed prints it: "A—合资", "A类—工业制造业", "合同"
}

// CodeSet is the list of values of one coded field, in legend order.
type CodeSet struct {
	Label   string // "合作方式"
	Entries []CodeEntry
}

// Codes returns the codes joined for a message: "A、B、C、D、E".
func (s CodeSet) Codes() string {
	codes := make([]string, len(s.Entries))
	for i, e := range s.Entries {
		codes[i] = e.Code
	}
	return strings.Join(codes, "、")
}

// lookup returns the entry with this code.
func (s CodeSet) lookup(code string) (CodeEntry, bool) {
	for _, e := range s.Entries {
		if e.Code == code {
			return e, true
		}
	}
	return CodeEntry{}, false
}

// normalize maps what a user may type ("A", "a", "合资", "A—合资", "A-合资",
// "A类—工业制造业", "A类") to the code. It returns the trimmed input unchanged
// when it names no entry (or names two different ones), so validation can
// quote it back.
func (s CodeSet) normalize(in string) string {
	t := trimBlank(toHalfWidth(in))
	if t == "" {
		return ""
	}
	up := strings.ToUpper(t)
	for _, e := range s.Entries {
		if up == e.Code || t == e.Name || t == e.Legend || up == e.Code+"类" {
			return e.Code
		}
	}
	// "<code>[类]<sep><name>" with any dash, colon or blank as separator.
	for _, e := range s.Entries {
		rest, ok := strings.CutPrefix(up, e.Code)
		if !ok || e.Code == e.Name {
			continue
		}
		rest = strings.TrimPrefix(rest, "类")
		trimmed := strings.TrimLeft(rest, "—-–－―~～:：、. \t")
		if trimmed != rest && trimBlank(trimmed) == e.Name {
			return e.Code
		}
	}
	return t
}

// toHalfWidth maps full-width ASCII letters and digits (Ａ, １) to half width.
func toHalfWidth(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ') || (r >= '０' && r <= '９') {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// Official code sets of 附件4, with the legend texts of the seed.
var (
	signTypeSet = CodeSet{Label: "签约类型", Entries: []CodeEntry{
		{"合同", "合同", "合同"},
		{"协议", "协议", "协议"},
	}}
	cooperationSet = CodeSet{Label: "合作方式", Entries: []CodeEntry{
		{"A", "合资", "A—合资"},
		{"B", "合作", "B—合作"},
		{"C", "独资", "C—独资"},
		{"D", "产、股权转让", "D—产、股权转让"},
		{"E", "其他", "E—其他"},
	}}
	industrySet = CodeSet{Label: "产业类别", Entries: []CodeEntry{
		{"A", "工业制造业", "A类—工业制造业"},
		{"B", "能源与城市基础设施", "B类—能源与城市基础设施"},
		{"C", "农业产业化", "C类—农业产业化"},
		{"D", "第三产业及其他", "D类—第三产业及其他"},
	}}
	investorTypeSet = CodeSet{Label: "投资方类别", Entries: []CodeEntry{
		{"A", "央企投资", "A类—央企投资"},
		{"B", "民营企业投资", "B类—民营企业投资"},
		{"C", "境外投资者投资", "C类—境外投资者投资"},
	}}
)

// codeValue is implemented by the code types; the validator's "code" rule uses it.
type codeValue interface {
	codeSet() CodeSet
	String() string
}

// validCode reports whether v holds one of its set's codes.
func validCode(v codeValue) bool {
	_, ok := v.codeSet().lookup(v.String())
	return ok
}

// SignType is 签约类型: 合同 or 协议.
type SignType string

// Values of SignType.
const (
	SignContract  SignType = "合同"
	SignAgreement SignType = "协议"
)

// Cooperation is 合作方式, code A–E.
type Cooperation string

// Values of Cooperation.
const (
	CoopJointVenture Cooperation = "A" // 合资
	CoopCooperation  Cooperation = "B" // 合作
	CoopSoleVenture  Cooperation = "C" // 独资
	CoopTransfer     Cooperation = "D" // 产、股权转让
	CoopOther        Cooperation = "E" // 其他
)

// Industry is 产业类别, code A–D.
type Industry string

// Values of Industry.
const (
	IndustryManufacturing  Industry = "A" // 工业制造业
	IndustryInfrastructure Industry = "B" // 能源与城市基础设施
	IndustryAgriculture    Industry = "C" // 农业产业化
	IndustryServices       Industry = "D" // 第三产业及其他
)

// InvestorType is 投资方类别, code A–C.
type InvestorType string

// Values of InvestorType.
const (
	InvestorCentralSOE InvestorType = "A" // 央企投资
	InvestorPrivate    InvestorType = "B" // 民营企业投资
	InvestorForeign    InvestorType = "C" // 境外投资者投资
)

// SignTypes returns the code set of 签约类型 with its legend.
func SignTypes() CodeSet { return signTypeSet }

// Cooperations returns the code set of 合作方式 with its legend.
func Cooperations() CodeSet { return cooperationSet }

// Industries returns the code set of 产业类别 with its legend.
func Industries() CodeSet { return industrySet }

// InvestorTypes returns the code set of 投资方类别 with its legend.
func InvestorTypes() CodeSet { return investorTypeSet }

func (SignType) codeSet() CodeSet     { return signTypeSet }
func (Cooperation) codeSet() CodeSet  { return cooperationSet }
func (Industry) codeSet() CodeSet     { return industrySet }
func (InvestorType) codeSet() CodeSet { return investorTypeSet }

func (c SignType) String() string     { return string(c) }
func (c Cooperation) String() string  { return string(c) }
func (c Industry) String() string     { return string(c) }
func (c InvestorType) String() string { return string(c) }

// Name returns the official name of the code ("合资"), or "" for an invalid code.
func (c Cooperation) Name() string { return codeName(c) }

// Name returns the official name of the code ("工业制造业"), or "" for an invalid code.
func (c Industry) Name() string { return codeName(c) }

// Name returns the official name of the code ("央企投资"), or "" for an invalid code.
func (c InvestorType) Name() string { return codeName(c) }

func codeName(c codeValue) string {
	e, _ := c.codeSet().lookup(c.String())
	return e.Name
}

// UnmarshalJSON accepts the code, the name or both ("合同", "合同签约" is not accepted).
func (c *SignType) UnmarshalJSON(b []byte) error { return unmarshalCode(b, (*string)(c), signTypeSet) }

// UnmarshalJSON accepts "A", "合资", "A—合资" or "A-合资".
func (c *Cooperation) UnmarshalJSON(b []byte) error {
	return unmarshalCode(b, (*string)(c), cooperationSet)
}

// UnmarshalJSON accepts "A", "工业制造业", "A类", "A类—工业制造业".
func (c *Industry) UnmarshalJSON(b []byte) error { return unmarshalCode(b, (*string)(c), industrySet) }

// UnmarshalJSON accepts "A", "央企投资", "A类", "A类—央企投资".
func (c *InvestorType) UnmarshalJSON(b []byte) error {
	return unmarshalCode(b, (*string)(c), investorTypeSet)
}

func unmarshalCode(b []byte, dst *string, set CodeSet) error {
	if string(b) == "null" {
		*dst = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errWantText
	}
	*dst = set.normalize(s)
	return nil
}
