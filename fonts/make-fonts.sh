#!/usr/bin/env bash
# Rebuilds the embedded default fonts from their published sources: the
# static Noto Serif SC / Noto Sans SC TrueType (glyf) builds of the npm
# packages @expo-google-fonts/noto-serif-sc and noto-sans-sc 0.4.3, subset to
# chars-gb2312-tygf.txt (GB2312 + 通用规范汉字表 + ASCII, Latin-1, CJK
# punctuation) with fontTools, composite glyphs flattened (signintech/gopdf
# drops glyphs used only as components). The subsets (*.subset.ttf) are kept
# uncompressed: the program reads them in place, without gunzipping 10 MB on
# every start. The full Noto Serif SC, the coverage fallback loaded only for
# a rare character, is kept whole and gzipped (NotoSerifSC-Regular.full.ttf.gz).
#
#   bash fonts/make-fonts.sh            # needs npm and python3-fonttools
#
# Licence: SIL OFL 1.1 (NOTICE.txt, OFL-*.txt); keep them beside the fonts.
set -euo pipefail
PYTHON=${PYTHON:-python3} # needs fontTools (Debian: python3-fonttools)
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent @expo-google-fonts/noto-serif-sc@0.4.3 @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null)
tar xzf "$work"/expo-google-fonts-noto-serif-sc-0.4.3.tgz -C "$work" --transform 's,^package,serif,'
tar xzf "$work"/expo-google-fonts-noto-sans-sc-0.4.3.tgz -C "$work" --transform 's,^package,sans,'

subset() { # subset SRC OUT
  "$PYTHON" -m fontTools.subset "$1" --unicodes-file=chars-gb2312-tygf.txt --output-file="$2" \
    --layout-features='' --no-hinting --drop-tables+=BASE,STAT,VORG,vhea,vmtx,gasp,GDEF,GPOS,GSUB \
    --name-IDs='*' --name-languages='*' --name-legacy --notdef-outline
  "$PYTHON" - "$2" <<'PY'
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.ttGlyphPen import TTGlyphPen
path = sys.argv[1]
font = TTFont(path)
glyf = font["glyf"]
gs = font.getGlyphSet()
for name in font.getGlyphOrder():
    if glyf[name].isComposite():  # draw through the glyph set: components become contours
        pen = TTGlyphPen(gs)
        gs[name].draw(pen)
        glyf[name] = pen.glyph()
name = font["name"]
for rec in name.names:
    if rec.nameID in (3, 10):
        rec.string = rec.toUnicode() + " (subset for zsdoc)"
font.save(path)
PY
}
subset "$work/serif/400Regular/NotoSerifSC_400Regular.ttf" "$work/NotoSerifSC-Regular.subset.ttf"
subset "$work/serif/700Bold/NotoSerifSC_700Bold.ttf" "$work/NotoSerifSC-Bold.subset.ttf"
subset "$work/sans/400Regular/NotoSansSC_400Regular.ttf" "$work/NotoSansSC-Regular.subset.ttf"
cp "$work/serif/400Regular/NotoSerifSC_400Regular.ttf" "$work/NotoSerifSC-Regular.full.ttf"

for f in NotoSerifSC-Regular.subset NotoSerifSC-Bold.subset NotoSansSC-Regular.subset; do
  cp "$work/$f.ttf" "$f.ttf"
  echo "$f.ttf: $(stat -c %s "$f.ttf") bytes"
done
gzip -9 -n -c "$work/NotoSerifSC-Regular.full.ttf" > NotoSerifSC-Regular.full.ttf.gz
echo "NotoSerifSC-Regular.full.ttf.gz: $(stat -c %s NotoSerifSC-Regular.full.ttf.gz) bytes"
