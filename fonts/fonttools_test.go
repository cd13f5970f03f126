package fonts

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fontTools returns ttx and a python3 that imports fontTools (Debian:
// fonttools, python3-fonttools). Without them the test is skipped, or
// fails when ZSDOC_REQUIRE_TOOLS=1 (CI installs the tools and sets it).
func fontTools(t *testing.T) (ttx, python string) {
	t.Helper()
	ttx, err := exec.LookPath("ttx")
	if err == nil {
		for _, py := range []string{"python3", "/usr/bin/python3"} {
			if exec.Command(py, "-c", "import fontTools").Run() == nil {
				return ttx, py
			}
		}
	}
	if os.Getenv("ZSDOC_REQUIRE_TOOLS") == "1" {
		t.Fatal("ttx or python3's fontTools is missing: apt-get install fonttools")
	}
	t.Skip("ttx or python3's fontTools is missing (apt-get install fonttools)")
	return "", ""
}

// fontToolsReport is what fontToolsScript says of a font.
type fontToolsReport struct {
	NumGlyphs  int              `json:"numGlyphs"`
	Cmap       map[string]int   `json:"cmap"`       // decimal code point → glyph id
	Components map[string][]int `json:"components"` // composite glyph id → component ids
	Advances   []int            `json:"advances"`
	Tables     []string         `json:"tables"`
}

// fontToolsScript opens fonts with fontTools, checking every table's
// checksum, decompiles every table and reports what it read of each.
const fontToolsScript = `
import json, sys
from fontTools.ttLib import TTFont
reports = []
for path in sys.argv[1:]:
    font = TTFont(path, checkChecksums=2)
    font.ensureDecompiled()
    order = font.getGlyphOrder()
    gid = {name: i for i, name in enumerate(order)}
    glyf = font["glyf"]
    comps = {}
    for name in order:
        g = glyf[name]
        if g.isComposite():
            comps[str(gid[name])] = [gid[c.glyphName] for c in g.components]
        g.recalcBounds(glyf)  # resolves components
    cmap = font.getBestCmap() or {}
    reports.append({
        "numGlyphs": font["maxp"].numGlyphs,
        "cmap": {str(r): gid[n] for r, n in cmap.items()},
        "components": comps,
        "advances": [font["hmtx"][n][0] for n in order],
        "tables": sorted(font.keys()),
    })
print(json.dumps(reports))
`

// TestSubsetFontTools reads subsets with fontTools: ttx lists and
// decompiles them to XML and compiles the XML back, and fontTools reads
// every table (checksums checked) and finds the glyphs, components,
// widths and characters the subset should have.
func TestSubsetFontTools(t *testing.T) {
	ttx, python := fontTools(t)
	dir := t.TempDir()
	faces := testFaces(t)
	coll, err := Parse("tiny.ttc", buildCollection(tinyFontNamed(t, "ZsdocTest-A"), tinyFont(t)))
	if err != nil {
		t.Fatal(err)
	}
	faces["tiny.ttc"] = coll
	var names, paths []string
	var subs []*Face
	for name, face := range faces {
		gids, runes := benchGlyphs(face, min(face.NumGlyphs(), 300))
		for _, r := range string(tinyNested) + "AÄéñǺ" { // composites, in DejaVu nested ones
			if g := face.GlyphIndex(r); g != 0 && !slices.Contains(gids, g) {
				gids, runes = append(gids, g), append(runes, r)
			}
		}
		data, err := face.Subset(gids, runes)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := Parse("subset.ttf", data)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, strconv.Itoa(len(paths))+".ttf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		names, paths, subs = append(names, name), append(paths, path), append(subs, sub)
	}
	// List, decompile to XML and compile back, all subsets at once.
	xml, back := filepath.Join(dir, "xml"), filepath.Join(dir, "back")
	for _, d := range []string{xml, back} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var ttxFiles []string
	for _, p := range paths {
		ttxFiles = append(ttxFiles, filepath.Join(xml, strings.TrimSuffix(filepath.Base(p), ".ttf")+".ttx"))
	}
	for _, args := range [][]string{
		append([]string{"-q", "-l"}, paths...),
		append([]string{"-q", "-d", xml}, paths...),
		append([]string{"-q", "-d", back}, ttxFiles...),
	} {
		if out, err := exec.Command(ttx, args...).CombinedOutput(); err != nil {
			t.Fatalf("ttx %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	out, err := exec.Command(python, append([]string{"-c", fontToolsScript}, paths...)...).Output()
	if err != nil {
		t.Fatalf("fontTools: %v", err)
	}
	var reps []fontToolsReport
	if err := json.Unmarshal(out, &reps); err != nil || len(reps) != len(paths) {
		t.Fatalf("%v: %s", err, out)
	}
	for i, rep := range reps {
		checkReport(t, names[i], subs[i], rep)
		// What fontTools compiled back from the XML is the same font to us.
		data, err := os.ReadFile(filepath.Join(back, filepath.Base(paths[i])))
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse("back.ttf", data)
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		if again.NumGlyphs() != subs[i].NumGlyphs() {
			t.Errorf("%s: compiled back with %d glyphs, want %d", names[i], again.NumGlyphs(), subs[i].NumGlyphs())
		}
		subs[i].cmap.each(func(r rune, g uint16) {
			if again.GlyphIndex(r) != g || again.GlyphAdvance(g) != subs[i].GlyphAdvance(g) {
				t.Errorf("%s: compiled back, U+%04X → %d, want %d", names[i], r, again.GlyphIndex(r), g)
			}
		})
		if names[i] != "NotoSansSC-Regular.subset.ttf" && len(rep.Components) < 2 {
			t.Errorf("%s: the subset has %d composite glyphs, want some to test", names[i], len(rep.Components))
		}
	}
}

// checkReport compares what fontTools read with what Parse read.
func checkReport(t *testing.T, name string, sub *Face, rep fontToolsReport) {
	t.Helper()
	if rep.NumGlyphs != sub.NumGlyphs() || len(rep.Advances) != sub.NumGlyphs() {
		t.Fatalf("%s: fontTools reads %d glyphs (%d widths), want %d", name, rep.NumGlyphs, len(rep.Advances), sub.NumGlyphs())
	}
	for g, a := range rep.Advances {
		if a != sub.GlyphAdvance(uint16(g)) {
			t.Errorf("%s: glyph %d is %d wide for fontTools, %d for us", name, g, a, sub.GlyphAdvance(uint16(g)))
		}
	}
	mapped := 0
	sub.cmap.each(func(r rune, g uint16) {
		mapped++
		if rep.Cmap[strconv.Itoa(int(r))] != int(g) {
			t.Errorf("%s: U+%04X → %d for fontTools, %d for us", name, r, rep.Cmap[strconv.Itoa(int(r))], g)
		}
	})
	if mapped != len(rep.Cmap) {
		t.Errorf("%s: fontTools maps %d characters, we %d", name, len(rep.Cmap), mapped)
	}
	for g := range sub.NumGlyphs() {
		want := components(glyphBytes(t, sub, uint16(g)))
		got := rep.Components[strconv.Itoa(g)]
		if len(want) != len(got) || !slices.EqualFunc(want, got, func(a uint16, b int) bool { return int(a) == b }) {
			t.Errorf("%s: glyph %d has components %v for fontTools, %v for us", name, g, got, want)
		}
	}
	for _, tag := range []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"} {
		if !slices.Contains(rep.Tables, tag) {
			t.Errorf("%s: fontTools finds no %q in %v", name, tag, rep.Tables)
		}
	}
}
