// Package sheet reads the forms from spreadsheets: the table forms
// (附件2–5) from the .xlsx workbooks zsdoc exports, from sheets that clerks
// type by hand in Excel, WPS 表格 or LibreOffice Calc, and from CSV files
// (UTF-8, with or without BOM, or GB18030); 附件6 from the printed 督办单
// zsdoc exports, one order a sheet (a table of orders, one a row, is
// package batch's). It reads with package tabular and parses with package forms,
// so a sheet is held to exactly the rules of the JSON input:
//
//	f, err := sheet.Read(file, forms.SigningID, sheet.Options{})
//	var problems forms.Errors // "Sheet1 第7行 K列【合作方式】“F”不是有效代码…"
//	if errors.As(err, &problems) { … }
//
// The columns are the forms' own (forms/schema: labels, types, which
// fields are required), found by their labels in a header row anywhere in
// the first rows, in any order. A cell holds what the form prints there:
// codes, amounts, dates and 是/否 in every form the JSON accepts (Excel
// date and number cells too), lists one item a line, 附件4's 项目进展情况
// with its 工商注册名称：… and 统一社会信用代码：… lines, its contact's name
// and phone on two lines (or in columns of their own).
//
// Read never panics (a defect comes back as an error wrapping ErrInternal)
// and bounds what it reads (MaxBytes, and the tabular package's limits).
package sheet
