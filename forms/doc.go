// Package forms holds the five forms of the closed-loop management of key
// investment-attraction projects (重点招商项目闭环管理, 附件2–6) as Go types,
// decodes them from JSON leniently (Decode), checks them against the
// contract (Validate) and reports every problem in Chinese, worded for the
// clerk who filled the form in (Errors of *FieldError). Parse does both.
//
// # Texts
//
// The long texts are multi-line: 项目基本情况 (overview), 进展情况 /
// 项目进展情况 / 项目落地进展情况 (progress), 存在的困难和问题 (problems),
// 备注 (remarks), 督办内容 (content), 工作要求 (requirements) and each item of
// 任务清单 (tasks). They keep "\n" as a line break and "\t" (printed as a
// space); decoding turns CRLF and a lone CR into "\n". Every other text
// field is one line — 单位, 编号, 签发单位, 督办单位, 项目投资方, 项目名称,
// 承接方, 牵头责任领导, 承接责任单位, each 配合单位, 总部所在地, 项目所在地,
// 联系人, 工商注册名称, 印章, 所属500强 texts — and a line break or tab there
// (CR, LF, TAB, U+0085, U+2028, U+2029) is an error (rule "oneline"):
//
//	第2行【项目名称】不能换行或含制表符（第5个字符），请写在一行内
//
// Other control characters and noncharacters are an error in any text
// (rule "nocontrol"). Blanks and line breaks around a text are trimmed when
// decoding. A form built in Go is validated by the same rules, but is not
// trimmed or normalised: a CR in a long text built in Go is an error.
//
// # Input
//
// Decoding is strict where leniency would lose data: an unknown key
// ("unknown"), a key given twice in one object ("duplicate"; the first
// value is kept), a value of the wrong type ("type"), an escaped lone
// surrogate such as \ud800 that would silently become U+FFFD ("unicode"),
// and malformed or non-UTF-8 JSON ("json") are errors.
//
// # Limits
//
// Every value and every input is bounded, so that no input can make
// decoding, validation, or the rendering of what validation accepts, take
// time or memory out of proportion to it:
//
//   - Amounts (rule "amount"): at most 4 decimals, not negative, at most
//     MaxAmountChars characters and an exponent within ±30 (checked before
//     the text is parsed). Rule "amountmax": 亿元 fields (总投资 and 引进资金
//     of 附件4, 总投资 of 附件5) at most MaxYiYuan, the 万元 field (到位资金 of
//     附件4) at most MaxWanYuan:
//     第1行第1个项目【总投资（亿元）】“123456789”超出合理范围（不超过 100000 亿元），请核对单位
//   - Dates (rule "date"): real calendar dates from FirstDate (1949-01-01)
//     to LastDate (2100-12-31).
//   - Size (rule "max"): at most MaxRows rows in 附件2, 附件3 and 附件5 and
//     MaxRows investors in 附件4, MaxProjects projects in 附件4 in all, and
//     MaxOrders orders in a SupervisionBatch. A longer list is counted
//     before any of its items is decoded and refused whole, with one error:
//     【表格】共 1000000 行，超过上限 5000 行，请分批提交
//   - Errors: at most MaxErrors are listed, those of the first rows
//     (Parse lists them in row order, Decode and Validate in the order they
//     were found); then one FieldError of rule "truncated" says how many
//     more there are (…还有 N 处错误未列出). Messages are only built for the
//     errors listed, and a value quoted in one is cut after 50 characters.
package forms
