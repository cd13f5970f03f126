// Package forms is the entry point of zsdoc as a library: the five forms of
// the closed-loop management of key investment-attraction projects
// (重点招商项目闭环管理, 附件2–6) as Go types, their JSON input, and every rule
// of the contract, reported in Chinese for the clerk who filled the form in.
//
// # The public packages
//
//   - forms (this package): the forms, decoding, validation, errors.
//   - docgen: renders a form as the official PDF or Word document (Render,
//     RenderBlank, RenderBatch, Check).
//   - seal: seal images (checked, resampled to print resolution) and the
//     seal store that resolves the ids forms name.
//   - fonts: the embedded default fonts and the unit's own font files.
//   - server: the HTTP service (zsdoc serve), to mount in a program's mux.
//   - forms/schema: the JSON Schemas of the inputs, generated from these types.
//
// The layout model (docgen/layout) and the backends (docgen/pdf,
// docgen/docx) are public for callers that drive a backend themselves
// (docgen.Compose) and for inspecting a PDF's layout in tests; most
// programs need only forms and docgen.
//
// # Getting a form
//
// From JSON, Parse decodes leniently and validates (ParseReader for a
// server, with a size limit); every problem is a *FieldError in Errors,
// with the JSON path (Path, e.g. "rows[2].projects[0].cooperation" — the
// keys the client sent, not the Go field names), the printed label and row,
// a machine code (Rule) and the Chinese message. From Go values — a
// database — fill the structs (TaskList, Followup, Signing, Landing,
// Supervision, SupervisionBatch) and call Normalize, which applies the JSON
// rules (codes by name, dates with slashes, "true" for 是 …), then
// Validate. The value parsers (ParseCooperation, ParseDate, ParseAmount,
// ParseYesNo, AmountOf …) convert one value. The forms are registered by
// id (All, Lookup, LookupName accepts "signing", "附件4", "4" or the title).
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
// decoding. A form built in Go is validated by the same rules, but is only
// trimmed and normalised by Normalize: a CR in a long text built in Go is
// an error until Normalize turns it into "\n".
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
