#!/usr/bin/env bash
# XLSX conformance: render every example of every form, filled and blank
# (and 附件4 on A4, and with a seal) to .xlsx; LibreOffice Calc opens each
# and converts it to PDF, where pdftotext finds every input text; openpyxl
# reads the merges, print titles, paper, orientation, fit to width and the
# number cells back (testdata/conformance.py).
#
#   bash docgen/xlsx/testdata/conformance.sh [OUT_DIR]
#
# Needs soffice with Calc (libreoffice-calc-nogui), pdftotext/pdfinfo
# (poppler-utils), python3-openpyxl and python3-docx (for the shared
# helpers of docgen/docx/testdata/conformance.py).
set -euo pipefail
cd "$(dirname "$0")/../../.."

for tool in soffice pdftotext pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { echo "conformance: $tool is missing" >&2; exit 1; }
done
/usr/bin/python3 -c 'import openpyxl' || { echo "conformance: python3-openpyxl is missing" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work/out}
mkdir -p "$out/xlsx" "$out/pdf" "$work/lo"

echo "== render the examples to .xlsx with zsdoc render"
go build -o "$work/zsdoc" ./cmd/zsdoc
z="$work/zsdoc"
for f in tasklist followup signing landing supervision; do
  "$z" render --form "$f" --format xlsx --in "examples/$f.json" --out "$out/xlsx/$f.xlsx"
  "$z" render --form "$f" --format xlsx --in "examples/$f.json" --seal examples/specimen-seal.png --out "$out/xlsx/$f-seal.xlsx"
  "$z" render --form "$f" --format xlsx --blank --out "$out/xlsx/$f-blank.xlsx"
done
"$z" render --form signing --format xlsx --paper a4 --in examples/signing.json --out "$out/xlsx/signing-a4.xlsx"

. .ci/lofonts.sh
lo_fonts "$work"

echo "== LibreOffice Calc: .xlsx → .pdf"
timeout 900 soffice --headless --norestore "-env:UserInstallation=file://$work/lo" \
  --convert-to pdf --outdir "$out/pdf" "$out"/xlsx/*.xlsx > "$work/soffice.log" 2>&1 ||
  { cat "$work/soffice.log"; echo "conformance: soffice failed" >&2; exit 1; }

if [ -n "${1:-}" ]; then
  mkdir -p "$out/png"
  for pdf in "$out"/pdf/*.pdf; do
    pdftoppm -png -r 60 "$pdf" "$out/png/$(basename "$pdf" .pdf)"
  done
fi

echo "== pdftotext and openpyxl"
/usr/bin/python3 docgen/xlsx/testdata/conformance.py examples "$out/xlsx" "$out/pdf"
