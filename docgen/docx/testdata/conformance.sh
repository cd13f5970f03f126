#!/usr/bin/env bash
# DOCX conformance: render every example of every form, filled and blank
# (and 附件4 on A4, and with a seal) to .docx; LibreOffice opens each and
# converts it to PDF; pdftotext and python-docx find the input texts
# (testdata/conformance.py).
#
#   bash docgen/docx/testdata/conformance.sh [OUT_DIR]
#
# Needs soffice (libreoffice-writer-nogui), pdftotext/pdfinfo/pdftoppm
# (poppler-utils) and python3-docx. LibreOffice gets the project's own
# fonts (fonts/*.ttf.gz, the PDF's defaults) under the official font names,
# so its pages look like our PDF. With OUT_DIR the .docx, .pdf and 60 dpi
# PNG pages are kept there for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/../../.."

for tool in soffice pdftotext pdfinfo pdftoppm; do
  command -v "$tool" >/dev/null || { echo "conformance: $tool is missing" >&2; exit 1; }
done
/usr/bin/python3 -c 'import docx' || { echo "conformance: python3-docx is missing" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work/out}
mkdir -p "$out/docx" "$out/pdf" "$work/fonts" "$work/lo"

echo "== render the examples to .docx with zsdoc render"
go build -o "$work/zsdoc" ./cmd/zsdoc
z="$work/zsdoc"
for f in tasklist followup signing landing supervision; do
  "$z" render --form "$f" --format docx --in "examples/$f.json" --out "$out/docx/$f.docx"
  "$z" render --form "$f" --format docx --in "examples/$f.json" --seal examples/specimen-seal.png --out "$out/docx/$f-seal.docx"
  "$z" render --form "$f" --format docx --blank --out "$out/docx/$f-blank.docx"
done
"$z" render --form signing --format docx --paper a4 --in examples/signing.json --out "$out/docx/signing-a4.docx"

# The official fonts' names mapped to the project's fonts.
. .ci/lofonts.sh
lo_fonts "$work"

echo "== LibreOffice: .docx → .pdf"
timeout 900 soffice --headless --norestore "-env:UserInstallation=file://$work/lo" \
  --convert-to pdf --outdir "$out/pdf" "$out"/docx/*.docx > "$work/soffice.log" 2>&1 ||
  { cat "$work/soffice.log"; echo "conformance: soffice failed" >&2; exit 1; }

if [ -n "${1:-}" ]; then
  mkdir -p "$out/png"
  for pdf in "$out"/pdf/*.pdf; do
    pdftoppm -png -r 60 "$pdf" "$out/png/$(basename "$pdf" .pdf)"
  done
fi

echo "== pdftotext and python-docx"
/usr/bin/python3 docgen/docx/testdata/conformance.py examples "$out/docx" "$out/pdf"
