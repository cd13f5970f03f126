package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math/rand"
	"os"
	"slices"
	"strings"
	"testing"
)

// testFaces returns the faces the subset tests use: tiny.ttf, the embedded
// label subset, and DejaVu Sans where installed.
func testFaces(t *testing.T) map[string]*Face {
	t.Helper()
	faces := map[string]*Face{}
	add := func(name string, data []byte) {
		f, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		faces[name] = f
	}
	tiny, err := os.ReadFile("testdata/tiny.ttf")
	if err != nil {
		t.Fatal(err)
	}
	add("tiny.ttf", tiny)
	add("NotoSansSC-Regular.subset.ttf", embeddedData(t, "NotoSansSC-Regular.subset.ttf"))
	if data, err := os.ReadFile(dejaVu); err == nil {
		add("DejaVuSans.ttf", data)
	}
	return faces
}

const dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

// firstRunes returns, for each glyph of the face, the smallest character
// the face maps to it (0 for none).
func firstRunes(f *Face) []rune {
	runes := make([]rune, f.NumGlyphs())
	f.cmap.each(func(r rune, g uint16) {
		if runes[g] == 0 || r < runes[g] {
			runes[g] = r
		}
	})
	return runes
}

// glyphBytes returns the data of glyph g as loca gives it.
func glyphBytes(t *testing.T, f *Face, g uint16) []byte {
	t.Helper()
	b, err := glyphData(f.tab["loca"], f.tab["glyf"], f.longLoca, int(g))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// components returns the glyph ids a composite glyph's data names.
func components(b []byte) []uint16 {
	var kids []uint16
	if isComposite(b) {
		walkComposite(b, func(_ int, kid uint16) bool { kids = append(kids, kid); return true })
	}
	return kids
}

// checkSubset subsets face and checks the result: it parses with every
// check, has the glyphs of gids in order and then the missing components,
// with their widths, side bearings and data (composites naming the new
// ids), its cmap maps exactly the runes given, and its checksums are
// right. It returns the subset and its glyph order.
func checkSubset(t *testing.T, face *Face, gids []uint16, runes []rune) (*Face, []uint16) {
	t.Helper()
	data, err := face.Subset(gids, runes)
	if err != nil {
		t.Fatalf("%s: %v", face.Name(), err)
	}
	checkChecksums(t, data)
	sub, err := Parse("subset.ttf", data)
	if err != nil {
		t.Fatalf("%s: %v", face.Name(), err)
	}
	// The glyph order: gids, then components breadth first.
	order := slices.Clone(gids)
	for i := 0; i < len(order); i++ {
		for _, kid := range components(glyphBytes(t, face, order[i])) {
			if !slices.Contains(order, kid) {
				order = append(order, kid)
			}
		}
	}
	if sub.NumGlyphs() != len(order) {
		t.Fatalf("%s: %d glyphs, want %d", face.Name(), sub.NumGlyphs(), len(order))
	}
	for i, g := range order {
		if sub.GlyphAdvance(uint16(i)) != face.GlyphAdvance(g) || sub.lsb(uint16(i)) != face.lsb(g) {
			t.Fatalf("%s: glyph %d (was %d): advance %d lsb %d, want %d %d", face.Name(), i, g,
				sub.GlyphAdvance(uint16(i)), sub.lsb(uint16(i)), face.GlyphAdvance(g), face.lsb(g))
		}
		got, want := glyphBytes(t, sub, uint16(i)), glyphBytes(t, face, g)
		if len(got) < len(want) || len(got) > len(want)+3 || slices.ContainsFunc(got[len(want):], func(b byte) bool { return b != 0 }) {
			t.Fatalf("%s: glyph %d (was %d) is %d bytes, want %d and padding", face.Name(), i, g, len(got), len(want))
		}
		got = got[:len(want)]
		if kids := components(got); kids != nil {
			wantKids := components(want)
			for k := range kids {
				if order[kids[k]] != wantKids[k] {
					t.Fatalf("%s: glyph %d component %d is %d (was %d), want a glyph that was %d", face.Name(), i, k, kids[k], order[kids[k]], wantKids[k])
				}
			}
			got = bytes.Clone(got)
			walkComposite(got, func(at int, kid uint16) bool { binary.BigEndian.PutUint16(got[at:], order[kid]); return true })
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: glyph %d (was %d): data differs", face.Name(), i, g)
		}
	}
	want := map[rune]uint16{}
	for i, r := range runes {
		if _, ok := want[r]; !ok && i > 0 && r > 0 && r <= 0x10FFFF && r != 0xFFFF && (r < 0xD800 || r > 0xDFFF) {
			want[r] = uint16(i)
		}
	}
	got := map[rune]uint16{}
	sub.cmap.each(func(r rune, g uint16) { got[r] = g })
	for r, g := range want {
		if got[r] != g || sub.GlyphIndex(r) != g {
			t.Fatalf("%s: U+%04X maps to %d (lookup %d), want %d", face.Name(), r, got[r], sub.GlyphIndex(r), g)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s: the subset maps %d characters, want %d", face.Name(), len(got), len(want))
	}
	checkFormat4(t, sub, want)
	return sub, order
}

// checkFormat4 checks the format 4 subtable of a subset's cmap, which
// lookups pass over when there is a format 12 one: it maps what want
// says, and all of want's BMP characters unless a format 12 subtable
// maps them too.
func checkFormat4(t *testing.T, sub *Face, want map[rune]uint16) {
	t.Helper()
	cmap := sub.tab["cmap"]
	be := binary.BigEndian
	var f4 []byte
	has12 := false
	for i := range int(be.Uint16(cmap[2:])) {
		off := be.Uint32(cmap[8+8*i:])
		switch be.Uint16(cmap[off:]) {
		case 4:
			f4 = cmap[off : off+uint32(be.Uint16(cmap[off+2:]))]
		case 12:
			has12 = true
		}
	}
	if f4 == nil {
		t.Fatal("no format 4 subtable")
	}
	mapped := 0
	eachMapping(4, f4, func(r rune, g uint16) {
		if mapped++; want[r] != g {
			t.Fatalf("format 4 maps U+%04X to %d, want %d", r, g, want[r])
		}
	})
	bmp := 0
	for r := range want {
		if r <= 0xFFFF {
			bmp++
		}
	}
	if mapped != bmp && !has12 {
		t.Fatalf("format 4 maps %d characters, want %d", mapped, bmp)
	}
}

// TestSubsetNotdefAndAll subsets each test face to .notdef alone and to all
// its glyphs in order (the same glyph data and cmap back), and in reverse.
func TestSubsetNotdefAndAll(t *testing.T) {
	for name, face := range testFaces(t) {
		sub, _ := checkSubset(t, face, []uint16{0}, nil)
		if sub.Has('A') || sub.NumGlyphs() != 1 {
			t.Errorf("%s: .notdef alone maps A or has %d glyphs", name, sub.NumGlyphs())
		}
		all := make([]uint16, face.NumGlyphs())
		for i := range all {
			all[i] = uint16(i)
		}
		runes := firstRunes(face)
		checkSubset(t, face, all, runes)
		slices.Reverse(all[1:])
		slices.Reverse(runes[1:])
		checkSubset(t, face, all, runes)
	}
}

// TestSubsetComposite subsets tiny.ttf to its nested composite Å (made of
// the composite Ä and 1; Ä of A and 0): the components come after it,
// breadth first, and the references name their new ids. A component in
// gids keeps its place.
func TestSubsetComposite(t *testing.T) {
	face := testFaces(t)["tiny.ttf"]
	g := face.GlyphIndex
	sub, order := checkSubset(t, face, []uint16{0, g(tinyNested)}, []rune{0, tinyNested})
	if want := []uint16{0, g(tinyNested), g(tinyComposite), g('1'), g('A'), g('0')}; !slices.Equal(order, want) {
		t.Fatalf("glyph order %v, want %v", order, want)
	}
	for id, kids := range map[uint16][]uint16{1: {2, 3}, 2: {4, 5}} {
		if got := components(glyphBytes(t, sub, id)); !slices.Equal(got, kids) {
			t.Errorf("glyph %d names %v, want %v", id, got, kids)
		}
	}
	if sub.GlyphIndex(tinyNested) != 1 || sub.Has(tinyComposite) || sub.Has('A') {
		t.Errorf("the subset's cmap: Å → %d, Ä %v, A %v", sub.GlyphIndex(tinyNested), sub.Has(tinyComposite), sub.Has('A'))
	}
	sub, order = checkSubset(t, face, []uint16{0, g('0'), g(tinyComposite)}, []rune{0, '0', tinyComposite})
	if want := []uint16{0, g('0'), g(tinyComposite), g('A')}; !slices.Equal(order, want) {
		t.Fatalf("glyph order %v, want %v", order, want)
	}
	if got := components(glyphBytes(t, sub, 2)); !slices.Equal(got, []uint16{3, 1}) {
		t.Errorf("Ä names %v, want [3 1]", got)
	}
}

// TestSubsetTables checks the tables of a subset: which are there, what
// they keep of the face and what they change.
func TestSubsetTables(t *testing.T) {
	for name, face := range testFaces(t) {
		gids := []uint16{0, face.GlyphIndex('A'), face.GlyphIndex('0')}
		data, err := face.Subset(gids, []rune{0, 'A', '0'})
		if err != nil {
			t.Fatal(err)
		}
		tab, _, err := readDirectory(data, 0)
		if err != nil {
			t.Fatal(err)
		}
		var tags []string
		for tag := range tab {
			tags = append(tags, tag)
		}
		slices.Sort(tags)
		want := []string{"OS/2", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post"}
		for _, tag := range []string{"cvt ", "fpgm", "prep"} {
			if b, ok := face.tab[tag]; ok {
				want = append(want, tag)
				if !bytes.Equal(tab[tag], b) {
					t.Errorf("%s: %q differs", name, tag)
				}
			}
		}
		if slices.Sort(want); !slices.Equal(tags, want) {
			t.Errorf("%s: tables %q, want %q", name, tags, want)
		}
		be := binary.BigEndian
		head, old := tab["head"], face.tab["head"]
		if !bytes.Equal(head[:8], old[:8]) || !bytes.Equal(head[12:50], old[12:50]) || be.Uint16(head[50:]) != 0 {
			t.Errorf("%s: head differs beyond checkSumAdjustment, or indexToLocFormat %d is not short", name, be.Uint16(head[50:]))
		}
		if maxp := tab["maxp"]; be.Uint16(maxp[4:]) != 3 || !bytes.Equal(maxp[6:], face.tab["maxp"][6:]) {
			t.Errorf("%s: maxp %x, was %x", name, maxp, face.tab["maxp"])
		}
		if post := tab["post"]; len(post) != 32 || be.Uint32(post) != 0x00030000 || !bytes.Equal(post[4:16], face.tab["post"][4:16]) {
			t.Errorf("%s: post %x", name, post)
		}
		if !bytes.Equal(tab["name"], face.tab["name"]) || !bytes.Equal(tab["OS/2"], face.tab["OS/2"]) {
			t.Errorf("%s: name or OS/2 differs", name)
		}
	}
}

// TestSubsetLongLoca checks that a subset whose glyphs take more than
// 128 KiB gets a long loca, and a smaller one a short loca.
func TestSubsetLongLoca(t *testing.T) {
	face := testFaces(t)["NotoSansSC-Regular.subset.ttf"]
	gids := []uint16{0}
	for g := 1; g < 1000; g++ {
		gids = append(gids, uint16(g))
	}
	for _, n := range []int{10, 1000} {
		sub, _ := checkSubset(t, face, gids[:n], nil)
		if size := len(sub.tab["glyf"]); sub.longLoca != (size > 0x1FFFE) {
			t.Errorf("%d glyphs, %d bytes: long loca %v", n, size, sub.longLoca)
		}
	}
}

// TestSubsetDeterministic checks that the same arguments give the same
// bytes and tag, and SubsetTag's form.
func TestSubsetDeterministic(t *testing.T) {
	face := testFaces(t)["NotoSansSC-Regular.subset.ttf"]
	gids, runes := benchGlyphs(face, 300)
	a, _ := face.Subset(gids, runes)
	b, _ := face.Subset(slices.Clone(gids), slices.Clone(runes))
	if !bytes.Equal(a, b) {
		t.Error("two subsets of the same glyphs differ")
	}
	tag := SubsetTag(gids)
	if len(tag) != 6 || strings.Trim(tag, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || SubsetTag(slices.Clone(gids)) != tag {
		t.Errorf("SubsetTag = %q", tag)
	}
	if SubsetTag(gids[:299]) == tag || SubsetTag([]uint16{0, 1}) == SubsetTag([]uint16{0, 256}) {
		t.Errorf("SubsetTag does not tell glyph lists apart")
	}
}

// TestSubsetErrors checks that Subset refuses what it cannot do, in
// Chinese, naming the font.
func TestSubsetErrors(t *testing.T) {
	face := testFaces(t)["tiny.ttf"]
	for _, tc := range []struct {
		gids  []uint16
		runes []rune
		want  string
	}{
		{nil, nil, "第一个字形必须是 0"},
		{[]uint16{1, 0}, nil, "第一个字形必须是 0"},
		{[]uint16{0, 1, 2, 1}, nil, "字形 1 出现了两次"},
		{[]uint16{0, 500}, nil, "没有字形 500"},
		{[]uint16{0, 1}, []rune{0}, "2 个字形却给了 1 个字符"},
	} {
		if _, err := face.Subset(tc.gids, tc.runes); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "tiny.ttf") {
			t.Errorf("Subset(%v, %v): %v, want %q", tc.gids, tc.runes, err, tc.want)
		}
	}
}

// TestSubsetRandom subsets each test face to 200 random glyph sets, in
// random order, with random characters (some repeated, some none, some
// invalid) and checks each.
func TestSubsetRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for name, face := range testFaces(t) {
		first := firstRunes(face)
		for range 200 {
			n := 1 + rng.Intn(min(face.NumGlyphs(), 1+rng.Intn(400)))
			perm := rng.Perm(face.NumGlyphs() - 1)[:n-1]
			gids, runes := []uint16{0}, []rune{0}
			for _, p := range perm {
				g := uint16(p + 1)
				r := first[g]
				switch rng.Intn(10) {
				case 0:
					r = 0
				case 1:
					r = runes[rng.Intn(len(runes))]
				case 2:
					r = []rune{0xD800, 0xFFFF, 0x110000, -1, 0x1F600, 0x10FFFF}[rng.Intn(6)]
				}
				gids, runes = append(gids, g), append(runes, r)
			}
			if rng.Intn(5) == 0 {
				runes = nil
			}
			checkSubset(t, face, gids, runes)
			if t.Failed() {
				t.Fatalf("%s: gids %v", name, gids)
			}
		}
	}
}

// TestSubsetConcurrent subsets one face from several goroutines (run
// with -race): a Face is read-only, and each subset is the same.
func TestSubsetConcurrent(t *testing.T) {
	face := testFaces(t)["NotoSansSC-Regular.subset.ttf"]
	gids, runes := benchGlyphs(face, 200)
	want, err := face.Subset(gids, runes)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := face.Subset(gids, runes)
			if err == nil && !bytes.Equal(got, want) {
				err = errors.New("a concurrent subset differs")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
