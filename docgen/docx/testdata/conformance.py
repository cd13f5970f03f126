#!/usr/bin/python3
"""Conformance check of zsdoc's .docx files against LibreOffice and python-docx.

usage: conformance.py EXAMPLES_DIR DOCX_DIR PDF_DIR

For every DOCX_DIR/<form>[-variant].docx (written by `zsdoc render` in
conformance.sh) it checks:
  - LibreOffice opened it: PDF_DIR/<same name>.pdf exists and has pages;
  - pdftotext of that PDF holds every input string of examples/<form>.json
    (filled forms) and the title and column headers (all forms), compared
    with whitespace removed, since LibreOffice breaks lines inside strings
    (-raw: in content order, so that a cell's lines stay together);
  - python-docx reads the table and finds the headers and the input texts
    in the right cells (the column of each JSON key is given below, from
    the official forms, independently of the Go code).
Prints one line per failure and closes with "N passed, N failed".
"""

import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import docx  # python3-docx

TITLES = {
    "tasklist": ("附件2", "市级重点招商项目对接跟进任务清单"),
    "followup": ("附件3", "市级重点招商项目协调跟进情况表"),
    "signing": ("附件4", "市级重点招商项目签约情况表"),
    "landing": ("附件5", "市级重点招商项目落地进展情况表"),
    "supervision": ("附件6", "市级重点招商项目督办单"),
}

TASK_HEADERS = ["序号", "企业（项目）名称", "项目基本情况", "牵头责任领导", "承接责任单位", "配合单位", "任务清单"]
HEADERS = {
    "tasklist": TASK_HEADERS,
    "followup": TASK_HEADERS + ["进展情况", "存在的困难和问题"],
    "signing": ["序号", "项目投资方", "所属500强名称及排名", "总部所在地（国别/省市）", "项目序号", "项目名称",
                "项目承接方", "总投资（亿元）", "引进资金（亿元）", "签约类型", "合作方式", "产业类别", "投资方类别",
                "项目基本情况", "项目所在地", "所属市州", "是否首次来潭投资", "到位资金（万元）",
                "项目进展情况（工商注册名称及代码必填）", "是否履约（必填）", "是否开工（必填）", "是否投产",
                "项目联系人及电话"],
    "landing": ["序号", "项目名称", "项目承接方", "项目投资方", "总投资", "项目基本情况", "项目落地进展情况", "备注"],
}
SUPERVISION_LABELS = ["督办单位：", "督办内容：", "工作要求：", "完成时限：", "督办单签发单位"]
BLANK_ROWS = {"tasklist": 4, "followup": 5, "signing": 11, "landing": 4}

# Column (0-based) of each JSON key in the table forms.
TASK_COLUMNS = {"name": 1, "overview": 2, "leader": 3, "owner": 4, "partners": 5, "tasks": 6}
COLUMNS = {
    "tasklist": TASK_COLUMNS,
    "followup": dict(TASK_COLUMNS, progress=7, problems=8),
    "landing": {"name": 1, "undertaker": 2, "investor": 3, "totalInvestment": 4, "overview": 5, "progress": 6,
                "remarks": 7},
}
INVESTOR_COLUMNS = {"investor": 1, "hq": 3}
PROJECT_COLUMNS = {"name": 5, "undertaker": 6, "totalInvestment": 7, "introducedFunds": 8, "signType": 9,
                   "cooperation": 10, "industry": 11, "investorType": 12, "overview": 13, "location": 14,
                   "city": 15, "firstTime": 16, "fundsInPlace": 17, "progress": 18, "fulfilled": 19,
                   "started": 20, "producing": 21}

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


def squash(s):
    return re.sub(r"\s+", "", s)


def printed(key, v):
    """The texts a JSON value prints as (one per line), or []."""
    if isinstance(v, bool):
        return ["是" if v else "否"]
    if isinstance(v, (int, float, Decimal)):
        return [format(Decimal(str(v)).normalize(), "f")]
    if not isinstance(v, str) or key == "seal":
        return []
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        return ["%d月%d日" % (int(m.group(2)), int(m.group(3)))]
    if re.fullmatch(r"\d+\.\d+", v):
        return [format(Decimal(v).normalize(), "f")]
    if v in ("是", "否"):
        return [v]
    return [line.strip() for line in v.split("\n") if line.strip()]


def texts(v, key=""):
    """Every printed text of a JSON input."""
    if isinstance(v, dict):
        return [t for k, x in v.items() for t in texts(x, k)]
    if isinstance(v, list):
        return [t for x in v for t in texts(x, key)]
    return printed(key, v)


def cell_text(cell):
    # Word joiners (U+2060) keep a NoBreak span (a date with its weekday)
    # on one line and print nothing.
    return "\n".join(p.text for p in cell.paragraphs).replace("\u2060", "")


# Keys whose cell holds the printed value and nothing else.
EXACT = {"no", "signType", "cooperation", "industry", "investorType", "firstTime", "fulfilled", "started",
         "producing", "introducedFunds", "fundsInPlace", "city", "location"}


def expect_cell(name, table, r, c, value, key):
    want = [t for x in (value if isinstance(value, list) else [value]) for t in printed(key, x)]
    got = cell_text(table.rows[r].cells[c])
    for w in want:
        ok = got.strip() == w if key in EXACT else w in got
        check(ok, "%s: row %d column %d (%s): %r not in %r" % (name, r + 1, c + 1, key, w, got))


def check_headers(name, form, table):
    cells = table.rows[0].cells
    for c, want in enumerate(HEADERS[form]):
        got = squash(cell_text(cells[c])) if c < len(cells) else None
        check(got == want, "%s: header %d is %r, want %r" % (name, c + 1, got, want))


def check_table_form(name, form, data, table):
    check_headers(name, form, table)
    if data is None:
        extra = 1 if form == "signing" else 0
        check(len(table.rows) == 1 + BLANK_ROWS[form] + extra,
              "%s: %d rows in the blank form" % (name, len(table.rows)))
        return
    if form == "signing":
        check_signing(name, data, table)
        return
    for i, row in enumerate(data["rows"]):
        expect_cell(name, table, i + 1, 0, str(row.get("no", i + 1)), "no")
        for key, col in COLUMNS[form].items():
            if key in row:
                expect_cell(name, table, i + 1, col, row[key], key)
        if form == "landing":
            got = cell_text(table.rows[i + 1].cells[4])
            check(got.endswith("亿元"), "%s: 总投资 %r lacks 亿元" % (name, got))


def check_signing(name, data, table):
    r = 1
    for i, inv in enumerate(data["rows"]):
        first = table.rows[r].cells
        expect_cell(name, table, r, 0, str(inv.get("no", i + 1)), "no")
        for key, col in INVESTOR_COLUMNS.items():
            expect_cell(name, table, r, col, inv[key], key)
        for j, pr in enumerate(inv["projects"]):
            cells = table.rows[r].cells
            if j > 0:  # the investor's four cells are merged down
                for col in range(4):
                    check(cells[col]._tc is first[col]._tc,
                          "%s: row %d column %d is not merged with the investor's first row" % (name, r + 1, col + 1))
            expect_cell(name, table, r, 4, str(pr.get("no", j + 1)), "no")
            for key, col in PROJECT_COLUMNS.items():
                if key in pr:
                    expect_cell(name, table, r, col, pr[key], key)
            expect_cell(name, table, r, 18, [pr["company"]["name"], pr["company"]["creditCode"]], "company")
            expect_cell(name, table, r, 22, [pr["contact"]["name"], pr["contact"]["phone"]], "contact")
            r += 1
    legend = table.rows[r].cells
    for c, start in ((0, "签约类型："), (5, "合作方式："), (11, "产业类别："), (17, "投资方类别：")):
        check(cell_text(legend[c]).startswith(start), "%s: legend column %d: %r" % (name, c + 1, cell_text(legend[c])))
    check(r == len(table.rows) - 1, "%s: %d rows after the legend" % (name, len(table.rows) - 1 - r))


def check_supervision(name, data, table):
    for r, label in enumerate(SUPERVISION_LABELS):
        check(squash(cell_text(table.rows[r].cells[0])) == label,
              "%s: label %d is %r" % (name, r + 1, cell_text(table.rows[r].cells[0])))
    if data is None:
        check("星期" in cell_text(table.rows[3].cells[1]), "%s: blank deadline skeleton" % name)
        return
    for r, key in enumerate(["target", "content", "requirements"]):
        expect_cell(name, table, r, 1, data[key], key)
    expect_cell(name, table, 3, 1, [data["from"], data["to"]], "from/to")
    expect_cell(name, table, 4, 1, data["issuer"], "issuer")
    expect_cell(name, table, 4, 1, data.get("issueDate", data["date"]), "issueDate")


def main():
    examples_dir, docx_dir, pdf_dir = sys.argv[1:4]
    names = sorted(n for n in os.listdir(docx_dir) if n.endswith(".docx"))
    check(len(names) >= 10, "only %d .docx files" % len(names))
    for n in names:
        base = n[:-len(".docx")]
        form = base.split("-")[0]
        blank = base.endswith("-blank")
        data = None if blank else json.load(open(os.path.join(examples_dir, form + ".json"), encoding="utf-8"))

        # LibreOffice opened it and made pages.
        pdf = os.path.join(pdf_dir, base + ".pdf")
        if not os.path.exists(pdf):
            check(False, "%s: LibreOffice made no PDF" % n)
            continue
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
        check(pages >= 1, "%s: PDF has no pages" % n)
        print("%-24s %d page(s)" % (n, pages))

        # Every input string, the title and the headers are in the PDF text.
        text = squash(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True, text=True).stdout)
        wanted = list(TITLES[form]) + HEADERS.get(form, SUPERVISION_LABELS)
        if data is not None:
            wanted += texts(data)
        for w in wanted:
            check(squash(w) in text, "%s: %r not in the PDF text" % (n, w))

        # python-docx finds the texts in the right cells.
        d = docx.Document(os.path.join(docx_dir, n))
        check(len(d.tables) >= 1, "%s: python-docx finds no table" % n)
        if not d.tables:
            continue
        paras = "\n".join(p.text for p in d.paragraphs).replace("\u2060", "")
        for w in TITLES[form]:
            check(w in paras, "%s: %r not in the paragraphs" % (n, w))
        if form == "supervision":
            check_supervision(n, data, d.tables[0])
        else:
            check_table_form(n, form, data, d.tables[0])
            if data is not None:
                check(data["unit"] in paras, "%s: unit not in the meta line" % n)

    print("conformance: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
