# Sourced by the conformance scripts: lo_fonts WORK maps the official font
# names (仿宋_GB2312, 宋体, 黑体, 方正小标宋简体) to the project's own fonts
# (fonts/*.ttf, the PDF's defaults) for LibreOffice, through a fontconfig
# file in WORK, so that its pages look like our PDF. Run from the repo root.
lo_fonts() {
  local work=$1
  mkdir -p "$work/fonts"
  gunzip -c fonts/NotoSerifSC-Regular.full.ttf.gz > "$work/fonts/NotoSerifSC-Regular.full.ttf"
  cp fonts/NotoSerifSC-Bold.subset.ttf fonts/NotoSansSC-Regular.subset.ttf "$work/fonts/"
  _lo_alias() { # NAME FAMILY [WEIGHT]
    echo "<match target=\"pattern\"><test name=\"family\"><string>$1</string></test>"
    echo "<edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>$2</string></edit>"
    [ -n "${3:-}" ] && echo "<edit name=\"weight\" mode=\"assign\" binding=\"strong\"><const>$3</const></edit>"
    echo "</match>"
  }
  {
    echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    echo '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    echo "<dir>$work/fonts</dir><cachedir>$work/fontcache</cachedir>"
    _lo_alias 仿宋_GB2312 "Noto Serif SC"
    _lo_alias 宋体 "Noto Serif SC"
    _lo_alias 黑体 "Noto Sans SC"
    _lo_alias 方正小标宋简体 "Noto Serif SC" bold
    echo '</fontconfig>'
  } > "$work/fonts.conf"
  export FONTCONFIG_FILE="$work/fonts.conf"
}
