package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/sheet"
)

// exportXLSX renders an example to a workbook with the CLI.
func exportXLSX(t *testing.T, form, out string) {
	t.Helper()
	r := zsdoc(t, nil, "render", "--form", form, "--format", "xlsx", "--in", "../../examples/"+form+".json", "--out", out)
	if r.code != 0 {
		t.Fatalf("export %s: exit %d: %s", form, r.code, r.stderr)
	}
}

// render and validate read a workbook by its content, and a CSV file by
// its name; --unit and --date override the sheet's; the flags of a sheet
// on JSON input are a usage error.
func TestRenderSheetInput(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "附件4.xlsx")
	exportXLSX(t, "signing", book)
	direct, fromSheet := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	if r := zsdoc(t, nil, "render", "--form", "signing", "--in", "../../examples/signing.json", "--out", direct); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := zsdoc(t, nil, "render", "--form", "signing", "--in", book, "--seal-id", "specimen", "--out", fromSheet); r.code != 0 {
		t.Fatal(r.stderr)
	}
	a, _ := os.ReadFile(direct)
	b, _ := os.ReadFile(fromSheet)
	if !bytes.Equal(a, b) {
		t.Error("the PDF of the exported workbook differs from the JSON's")
	}
	if r := zsdoc(t, nil, "validate", "--form", "signing", "--in", book); r.code != 0 || r.stdout != "" {
		t.Errorf("validate: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	csv := filepath.Join(dir, "落地.csv")
	data := "序号,项目名称,项目承接方,项目投资方,总投资,项目基本情况,项目落地进展情况,备注\n1,甲项目,经开区,某公司,12.5亿元,概况,进展,\n2,乙项目,经开区,某公司,F,概况,进展,\n"
	if err := os.WriteFile(csv, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	r := zsdoc(t, nil, "validate", "--form", "landing", "--in", csv, "--unit", "湘潭经开区", "--date", "2026年11月26日")
	if r.code != 1 || !strings.Contains(r.stdout, "第3行 E列【总投资】") || strings.Contains(r.stdout, "单位") {
		t.Errorf("csv: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	r = zsdoc(t, strings.NewReader(data), "validate", "--form", "landing", "--input-format", "csv", "--unit", "u", "--date", "2026-11-26")
	if r.code != 1 || !strings.Contains(r.stdout, "第3行 E列【总投资】") {
		t.Errorf("csv on stdin: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	r = zsdoc(t, nil, "validate", "--form", "signing", "--in", "../../examples/signing.json", "--unit", "x")
	if r.code != 2 || !strings.Contains(r.stderr, "只用于表格") {
		t.Errorf("--unit on JSON: exit %d: %s", r.code, r.stderr)
	}
	r = zsdoc(t, nil, "render", "--form", "signing", "--in", book, "--input-format", "ods")
	if r.code != 2 {
		t.Errorf("--input-format ods: exit %d: %s", r.code, r.stderr)
	}
}

// merge takes JSON, XLSX and CSV inputs, groups 附件4's investors, dates
// the result by the latest input, and writes the 汇总统计 sheet in XLSX.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "a.xlsx")
	exportXLSX(t, "signing", book)
	out := filepath.Join(dir, "city.xlsx")
	r := zsdoc(t, nil, "merge", "--form", "附件4", "--unit", "湘潭市商务局", "--out", out, book, "../../examples/signing.json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	sheets := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
			sheets++
		}
	}
	if sheets != 2 {
		t.Errorf("%d sheets, want the form and 汇总统计", sheets)
	}
	got, err := sheet.Read(bytes.NewReader(data), forms.SigningID, sheet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := got.(*forms.Signing)
	if s.Unit != "湘潭市商务局" || s.Date != "2026-11-26" || len(s.Rows) != 6 || len(s.Rows[0].Projects) != 6 {
		t.Errorf("merged: %s %s, %d investors, first with %d projects", s.Unit, s.Date, len(s.Rows), len(s.Rows[0].Projects))
	}
	if r := zsdoc(t, nil, "merge", "--form", "signing", "--unit", "湘潭市", "--keep-units", "--format", "pdf", "--out", filepath.Join(dir, "c.pdf"), book, book); r.code != 0 {
		t.Errorf("keep units to PDF: exit %d: %s", r.code, r.stderr)
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"unit": "x", "date": "2026-11-26", "rows": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	r = zsdoc(t, nil, "merge", "--form", "signing", "--unit", "湘潭市", "--out", filepath.Join(dir, "d.xlsx"), book, bad)
	if r.code != 1 || !strings.Contains(r.stderr, bad+"：") {
		t.Errorf("invalid input: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "d.xlsx")); err == nil {
		t.Error("an output was written for invalid input")
	}
	for _, args := range [][]string{
		{"merge", "--form", "signing", "--out", out, book},
		{"merge", "--form", "signing", "--unit", "u", "--out", out},
		{"merge", "--form", "supervision", "--unit", "u", book},
	} {
		if r := zsdoc(t, nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
}
