#!/usr/bin/python3
"""Conformance check of zsdoc's .xlsx files against LibreOffice Calc and openpyxl.

usage: conformance.py EXAMPLES_DIR XLSX_DIR PDF_DIR

For every XLSX_DIR/<form>[-variant].xlsx (written by `zsdoc render` in
conformance.sh) it checks:
  - LibreOffice opened it: PDF_DIR/<same name>.pdf exists, has pages, on
    the form's paper and orientation;
  - pdftotext of that PDF holds the title, the column headers and every
    input string of examples/<form>.json (whitespace removed);
  - openpyxl reads: one sheet named 附件N; paper size, orientation, fit to
    one page wide; the header rows as print titles; the title merged across
    the table; 附件4's investor cells merged over their projects and its
    legend row merged 5/6/6/6 columns; amounts as number cells, 序号 too.
The expectations come from the official forms (docgen/docx/testdata's
tables), not from the Go code. Prints one line per failure and closes with
"N passed, N failed".
"""

import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import openpyxl  # python3-openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "docx", "testdata"))
from conformance import HEADERS, SUPERVISION_LABELS, TITLES, squash, texts  # noqa: E402

PAPER = {"signing": (8, "landscape"), "supervision": (9, "portrait")}  # else A4 landscape
PDF_SIZE = {8: (1190, 842), 9: (842, 595)}

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def header_row(ws, form):
    """The 1-based row whose cells are the form's headers, or 0."""
    want = squash(HEADERS[form][1]) if form in HEADERS else squash(SUPERVISION_LABELS[0])
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and squash(c.value) == want:
                return c.row
    return 0


def check_sheet(name, form, data, path, a4):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == [TITLES[form][0]], "%s: sheets %r" % (name, wb.sheetnames))
    ws = wb.worksheets[0]
    size, orient = PAPER.get(form, (9, "landscape"))
    if a4:
        size = 9
    check(int(ws.page_setup.paperSize or 0) == size, "%s: paper %r, want %d" % (name, ws.page_setup.paperSize, size))
    check(ws.page_setup.orientation == orient, "%s: orientation %r" % (name, ws.page_setup.orientation))
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
          "%s: fitToPage not set" % name)
    check(int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0,
          "%s: fit to %r × %r pages" % (name, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight))
    check("&P" in (ws.oddFooter.right.text or ""), "%s: no page number in the footer" % name)
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    # The title is merged across the whole width.
    title_cells = [c for row in ws.iter_rows() for c in row if c.value == TITLES[form][1]]
    check(len(title_cells) == 1, "%s: title cells %r" % (name, title_cells))
    if title_cells:
        t = title_cells[0]
        check(any(m[0] == t.row and m[1] == 1 and m[3] == ws.max_column for m in merges),
              "%s: the title is not merged across A:%d" % (name, ws.max_column))
    hr = header_row(ws, form)
    check(hr > 0, "%s: no header row" % name)
    if form == "supervision":
        return
    check((ws.print_title_rows or "").replace("$", "") == "%d:%d" % (hr, hr), "%s: print titles %r, want rows %d" % (name, ws.print_title_rows, hr))
    for c, want in enumerate(HEADERS[form]):
        got = ws.cell(hr, c + 1).value
        check(squash(got or "") == want, "%s: header %d is %r, want %r" % (name, c + 1, got, want))
    if data is None:
        return
    r = hr + 1
    if form == "signing":
        for inv in data["rows"]:
            n = len(inv["projects"])
            for col in range(1, 5):
                if n > 1:
                    check((r, col, r + n - 1, col) in merges, "%s: investor cell %d,%d not merged over %d rows" % (name, r, col, n))
            for j, pr in enumerate(inv["projects"]):
                for col, key in ((8, "totalInvestment"), (9, "introducedFunds")):
                    c = ws.cell(r + j, col)
                    check(c.data_type == "n" and Decimal(str(c.value)) == Decimal(str(pr[key])),
                          "%s: %s at %s is %r (%s), want the number %s" % (name, key, c.coordinate, c.value, c.data_type, pr[key]))
                c = ws.cell(r + j, 5)
                check(c.data_type == "n" and c.value == j + 1, "%s: project 序号 at %s is %r" % (name, c.coordinate, c.value))
            r += n
        for col, span, start in ((1, 5, "签约类型："), (6, 6, "合作方式："), (12, 6, "产业类别："), (18, 6, "投资方类别：")):
            check((r, col, r, col + span - 1) in merges, "%s: legend cell at row %d column %d not merged over %d" % (name, r, col, span))
            check(str(ws.cell(r, col).value or "").startswith(start), "%s: legend %r" % (name, ws.cell(r, col).value))
    elif form == "landing":
        for i, row in enumerate(data["rows"]):
            c = ws.cell(r + i, 5)
            check(c.data_type == "n" and Decimal(str(c.value)) == Decimal(str(row["totalInvestment"])) and "亿元" in c.number_format,
                  "%s: 总投资 at %s is %r (%s, %r)" % (name, c.coordinate, c.value, c.data_type, c.number_format))


def main():
    examples_dir, xlsx_dir, pdf_dir = sys.argv[1:4]
    names = sorted(n for n in os.listdir(xlsx_dir) if n.endswith(".xlsx"))
    check(len(names) >= 16, "only %d .xlsx files" % len(names))
    for n in names:
        base = n[:-len(".xlsx")]
        form = base.split("-")[0]
        blank = base.endswith("-blank")
        data = None if blank else json.load(open(os.path.join(examples_dir, form + ".json"), encoding="utf-8"))

        pdf = os.path.join(pdf_dir, base + ".pdf")
        if not os.path.exists(pdf):
            check(False, "%s: LibreOffice made no PDF" % n)
            continue
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
        check(pages >= 1, "%s: PDF has no pages" % n)
        m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
        size, orient = PAPER.get(form, (9, "landscape"))
        if base.endswith("-a4"):
            size = 9
        w, h = PDF_SIZE[size]
        if orient == "portrait":
            w, h = h, w
        check(m is not None and abs(float(m.group(1)) - w) < 2 and abs(float(m.group(2)) - h) < 2,
              "%s: LibreOffice printed on %s, want %dx%d" % (n, m and m.group(0), w, h))
        print("%-24s %d page(s)" % (n, pages))

        text = squash(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout)
        wanted = list(TITLES[form]) + HEADERS.get(form, SUPERVISION_LABELS)
        if data is not None:
            wanted += texts(data)
        for w_ in wanted:
            check(squash(w_) in text, "%s: %r not in the PDF text" % (n, w_))

        check_sheet(n, form, data, os.path.join(xlsx_dir, n), base.endswith("-a4"))

    print("conformance: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
