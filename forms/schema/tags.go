package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// rules are the validate-tag rules of one value (a field, or the items of
// a list after "dive").
type rules struct {
	required  bool
	omitempty bool
	min, max  int // -1 when absent
	oneline   bool
	nocontrol bool
	date      bool
	amount    bool
	amountPos bool
	amountMax string // the unit of rule "amountmax": "亿元" or "万元"
	code      bool
	yesno     bool
	uscc      bool
	cnphone   bool
	hunanCity bool
	docNumber bool
}

// parseValidate reads a validate tag into the rules of the value and, after
// "dive", of its items. An unknown rule is an error: the schema would not
// express it, so the generator refuses to run until it is taught the rule.
func parseValidate(tag string) (self, items rules, dive bool, err error) {
	self, items = rules{min: -1, max: -1}, rules{min: -1, max: -1}
	cur := &self
	if tag == "" {
		return self, items, false, nil
	}
	for _, tok := range strings.Split(tag, ",") {
		name, param, _ := strings.Cut(tok, "=")
		switch name {
		case "dive":
			if dive {
				return self, items, dive, fmt.Errorf("nested dive in %q", tag)
			}
			dive, cur = true, &items
		case "required":
			cur.required = true
		case "omitempty":
			cur.omitempty = true
		case "min", "max":
			n, perr := strconv.Atoi(param)
			if perr != nil || n < 0 {
				return self, items, dive, fmt.Errorf("bad %s in %q", tok, tag)
			}
			if name == "min" {
				cur.min = n
			} else {
				cur.max = n
			}
		case "oneline":
			cur.oneline = true
		case "nocontrol":
			cur.nocontrol = true
		case "date":
			cur.date = true
		case "amount":
			cur.amount = true
		case "amountpos":
			cur.amountPos = true
		case "amountmax":
			if param != "亿元" && param != "万元" {
				return self, items, dive, fmt.Errorf("unknown unit in %q", tok)
			}
			cur.amountMax = param
		case "code":
			cur.code = true
		case "yesno":
			cur.yesno = true
		case "uscc":
			cur.uscc = true
		case "cnphone":
			cur.cnphone = true
		case "hunancity":
			cur.hunanCity = true
		case "docnumber":
			cur.docNumber = true
		default:
			return self, items, dive, fmt.Errorf("validate rule %q is unknown to package schema; teach tags.go and build.go what it accepts", tok)
		}
	}
	return self, items, dive, nil
}

// multiline reports whether a text keeps line breaks: checked for control
// characters but not held to one line (see forms' package doc, "Texts").
func (r rules) multiline() bool { return r.nocontrol && !r.oneline }

// formatted reports whether the rules give a text a format of its own (a
// date, an amount, a code, 是/否, a credit code, a phone number, a city).
func (r rules) formatted() bool {
	return r.date || r.amount || r.code || r.yesno || r.uscc || r.cnphone || r.hunanCity
}
