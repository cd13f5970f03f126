// Package schema generates, from the Go types of package forms and their
// tags (json, label, row, validate), the JSON Schemas of the forms' JSON
// input (For, JSON), the component schemas of the HTTP service's OpenAPI
// document (Components), and the contract reference docs/forms.md (Fields,
// Markdown). Nothing in them is written by hand, so they cannot drift from
// the decoder and validator; the one hand-kept table, hints.go, holds what
// package forms applies in code rather than tags (defaults, suggestions,
// cross-field rules) and is checked against Parse by the tests.
//
// # What a schema says
//
// A schema describes what forms.Parse accepts: every input Parse accepts is
// valid against it (the tests hold it to this, also on thousands of
// randomly mutated inputs). It refuses what is structurally wrong:
//
//   - an unknown key (additionalProperties: false, at every level);
//   - a value of the wrong JSON type, and null for a required key;
//   - a missing required key (the key is required when its zero value
//     fails validation: the "required" rule, or an object with a required
//     key such as company and contact);
//   - a text over its max=N, counted in characters as Parse counts them;
//   - a line break or tab in a one-line text, a control character in any;
//   - a date, amount, integer or 是/否 that the decoder cannot read, with
//     patterns for the lenient spellings ("2026年11月26日", "12.5", "是");
//   - an amount below 0 (or not above 0) or above its bound in 亿元/万元;
//   - a code that is none of the set's, in any of the spellings the decoder
//     maps to a code ("A", "a", "Ａ", "合资", "A—合资", "A类", "A类：工业制造业"):
//     the pattern is exact;
//   - too few or too many items in a list;
//   - for 附件6, anything but one order, an array of orders or
//     {"orders": [...]} (anyOf).
//
// Annotations for a form editor: title (the label tag, "|" removed),
// description (the rules in Chinese), x-order (the field order, since JSON
// objects have none), x-maxLength and x-maxItems (the limits as Parse
// counts them), x-multiline for the long texts, x-codes for coded keys
// ([{"code": "A", "name": "合资", "legend": "A—合资"}]), x-unit for amounts,
// default, and examples from examples/<id>.json.
//
// # What it leaves to Parse
//
// These are looser in the schema than in Parse, on purpose:
//
//   - Length and list limits with trimming. Parse trims blanks around a
//     text, turns CR LF into LF and drops blank items of a list before it
//     counts, so a text with blanks around it or a CR in it is not held to
//     maxLength, and a list with a blank item not to maxItems (anyOf with
//     the pattern that matches them). The limit is also in x-maxLength /
//     x-maxItems, for editors. One string given for a list of texts is
//     not split into lines.
//   - What the patterns cannot check: the calendar (2026-02-30), the
//     range of dates, the decimals and size of an amount given as text,
//     the check character of a 统一社会信用代码, the phone number plan,
//     the document-number style of 督办单编号, escaped lone surrogates
//     (\ud800) and keys given twice.
//   - Cross-field rules: 引进资金 ≤ 总投资, 到位资金 ≤ 引进资金×10000,
//     是否投产 ⇒ 是否开工, 开始日期 ≤ 截止日期, unique 序号, the parts of
//     所属500强名称及排名, at most forms.MaxProjects projects in 附件4.
//     The descriptions name them.
//
// A JSON number for an integer must be exactly an integer for Parse too:
// 3.0000000000000001 and 1e-400 are refused by both, though float64 would
// round them to 3 and 0 (TestIntegerRounding).
//
// Patterns use only syntax that ECMA-262 (u flag) and Go's RE2 read alike.
//
//go:generate go test . -run TestDocs -update
package schema
