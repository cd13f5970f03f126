package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildCollection writes a TrueType collection (version 1.0) of the
// fonts, each copied whole with its table offsets moved.
func buildCollection(fonts ...[]byte) []byte {
	out := be(nil, uint32(0x74746366), uint32(0x00010000), uint32(len(fonts)))
	at := 12 + 4*len(fonts)
	var body []byte
	for _, f := range fonts {
		base := at + len(body)
		out = be(out, uint32(base))
		f = bytes.Clone(f)
		for i := range int(binary.BigEndian.Uint16(f[4:])) {
			rec := f[12+16*i:]
			binary.BigEndian.PutUint32(rec[8:], binary.BigEndian.Uint32(rec[8:])+uint32(base))
		}
		body = append(body, f...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	return append(out, body...)
}

// tinyCollection is a collection of two tiny fonts, ZsdocTest-Regular
// and ZsdocTest-Bold.
func tinyCollection(t *testing.T) []byte {
	return buildCollection(tinyFont(t), tinyFontNamed(t, "ZsdocTest-Bold"))
}

// TestCollection picks faces of a collection by index and by name, and
// checks that each face's Data is a standalone font with the face's
// tables and right checksums, that subsets and parses like the font.
func TestCollection(t *testing.T) {
	ttc := tinyCollection(t)
	tiny := tinyFont(t)
	for _, tc := range []struct {
		selector string
		want     string
	}{
		{"", "ZsdocTest-Regular"}, {"0", "ZsdocTest-Regular"}, {"1", "ZsdocTest-Bold"},
		{"ZsdocTest-Bold", "ZsdocTest-Bold"}, {"zsdoctest-bold", "ZsdocTest-Bold"}, {"Zsdoc Test", "ZsdocTest-Regular"},
	} {
		f, err := ParseCollection("tiny.ttc", ttc, tc.selector)
		if err != nil {
			t.Fatalf("%q: %v", tc.selector, err)
		}
		if f.PostScriptName() != tc.want || f.Name() != "tiny.ttc" {
			t.Errorf("%q: %s (%s), want %s", tc.selector, f.PostScriptName(), f.Name(), tc.want)
		}
		checkChecksums(t, f.Data())
		again, err := Parse("again.ttf", f.Data())
		if err != nil {
			t.Fatal(err)
		}
		want, _ := Parse("tiny.ttf", tiny)
		for tag, b := range want.tab {
			if tag != "name" && tag != "head" && !bytes.Equal(again.tab[tag], b) {
				t.Errorf("%q: table %q differs from the font's", tc.selector, tag)
			}
		}
		checkSubset(t, f, []uint16{0, f.GlyphIndex(tinyNested), f.GlyphIndex('中')}, []rune{0, tinyNested, '中'})
	}
	if f, err := Parse("tiny.ttc", ttc); err != nil || f.PostScriptName() != "ZsdocTest-Regular" {
		t.Errorf("Parse of a collection: %v", err)
	}
	if f, err := ParseCollection("tiny.ttf", tiny, "ZsdocTest-Regular"); err != nil || f.PostScriptName() != "ZsdocTest-Regular" {
		t.Errorf("a font file by its name: %v", err)
	}
}

// TestCollectionNoSuchFace checks the message that lists a collection's
// faces when the selector names none.
func TestCollectionNoSuchFace(t *testing.T) {
	ttc := tinyCollection(t)
	for _, sel := range []string{"Foo", "2", "-1", "01"} {
		_, err := ParseCollection("tiny.ttc", ttc, sel)
		want := "字体集“tiny.ttc”中没有“" + sel + "”，可用的字体：0 ZsdocTest-Regular、1 ZsdocTest-Bold"
		if !errors.Is(err, ErrNoSuchFace) || err.Error() != want {
			t.Errorf("%q: %v", sel, err)
		}
	}
	_, err := ParseCollection("tiny.ttf", tinyFont(t), "1")
	if !errors.Is(err, ErrNoSuchFace) || !strings.Contains(err.Error(), "tiny.ttf") || !strings.Contains(err.Error(), "不是字体集") {
		t.Errorf("a font file with a selector: %v", err)
	}
}

// TestCollectionDamage checks that a damaged collection is refused with a
// message naming the file and, for a face, the face; a damaged face does
// not keep the others from being used.
func TestCollectionDamage(t *testing.T) {
	ttc := tinyCollection(t)
	put := func(at int, v uint32) []byte { d := bytes.Clone(ttc); binary.BigEndian.PutUint32(d[at:], v); return d }
	face1 := int(binary.BigEndian.Uint32(ttc[16:]))
	cff := bytes.Clone(ttc)
	copy(cff[face1:], "OTTO")
	for _, tc := range []struct {
		name     string
		data     []byte
		selector string
		want     string
		is       error
	}{
		{"no-faces", put(8, 0), "", "有 0 个字体", ErrNotFont},
		{"too-many", put(8, 65), "", "有 65 个字体，应在 1 到 64 之间", ErrNotFont},
		{"offsets-cut", ttc[:14], "", "字体目录超出文件末尾", ErrNotFont},
		{"face-outside", put(12, 1<<30), "", "第 0 个字体的位置超出文件末尾", ErrNotFont},
		{"face-directory", put(16, uint32(len(ttc)-12)), "1", "第 1 个字体", ErrNotFont},
		{"cff-face", cff, "1", "第 1 个字体“ZsdocTest-Bold”：这是 CFF", ErrCFF},
		{"face-at-header", put(16, 0), "1", "第 1 个字体", ErrNotFont},
	} {
		_, err := ParseCollection(tc.name+".ttc", tc.data, tc.selector)
		if !errors.Is(err, tc.is) || !strings.HasPrefix(err.Error(), "字体文件“"+tc.name+".ttc”无法使用：") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	// Face 1's directory is damaged: face 0 is still there, by name too,
	// and face 1 is listed without a name.
	d := put(16, uint32(len(ttc)-12))
	if f, err := ParseCollection("x.ttc", d, "ZsdocTest-Regular"); err != nil || f.PostScriptName() != "ZsdocTest-Regular" {
		t.Errorf("the intact face of a damaged collection: %v", err)
	}
	if _, err := ParseCollection("x.ttc", d, "Foo"); err == nil || err.Error() != "字体集“x.ttc”中没有“Foo”，可用的字体：0 ZsdocTest-Regular、1 （无名称）" {
		t.Errorf("listing a damaged face: %v", err)
	}
}

// TestLoadFileCollection loads faces of a collection file by "#index" and
// "#name", and a file whose name has a '#'.
func TestLoadFileCollection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.ttc")
	if err := os.WriteFile(path, tinyCollection(t), 0o644); err != nil {
		t.Fatal(err)
	}
	hash := filepath.Join(dir, "a#1.ttf")
	if err := os.WriteFile(hash, tinyFont(t), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, ps, name string }{
		{path, "ZsdocTest-Regular", "tiny.ttc"},
		{path + "#1", "ZsdocTest-Bold", "tiny.ttc#1"},
		{path + "#ZsdocTest-Bold", "ZsdocTest-Bold", "tiny.ttc#ZsdocTest-Bold"},
		{hash, "ZsdocTest-Regular", "a#1.ttf"},
	} {
		f, err := LoadFile(tc.path)
		if err != nil || f.PostScriptName() != tc.ps || f.Name() != tc.name {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
	}
	_, err := LoadFile(path + "#Foo")
	if !errors.Is(err, ErrNoSuchFace) || !strings.Contains(err.Error(), "字体集“tiny.ttc”中没有“Foo”，可用的字体：0 ZsdocTest-Regular、1 ZsdocTest-Bold") {
		t.Errorf("#Foo: %v", err)
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.ttc#1")); err == nil || !strings.Contains(err.Error(), "无法读取字体文件") {
		t.Errorf("a missing collection: %v", err)
	}
}

// TestSystemCollections reads collections Debian installs, where present:
// WenQuanYi Micro Hei (fonts-wqy-microhei, TrueType: every face parses and
// subsets) and Noto Sans CJK (fonts-noto-cjk, CFF: refused, naming the
// face).
func TestSystemCollections(t *testing.T) {
	found := false
	if data, err := os.ReadFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"); err == nil {
		found = true
		faces, err := readCollection(data)
		if err != nil {
			t.Fatal(err)
		}
		for i := range faces {
			f, err := ParseCollection("wqy-microhei.ttc", data, faces[i].label())
			if err != nil {
				t.Fatal(err)
			}
			gids, runes := []uint16{0}, []rune{0}
			for _, r := range "督办单湘潭经开区ABC，。" {
				gids, runes = append(gids, f.GlyphIndex(r)), append(runes, r)
			}
			checkSubset(t, f, gids, runes)
		}
	}
	for _, path := range []string{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"} {
		if data, err := os.ReadFile(path); err == nil {
			found = true
			_, err := ParseCollection(filepath.Base(path), data, "1")
			if !errors.Is(err, ErrCFF) || !strings.Contains(err.Error(), "第 1 个字体“Noto") {
				t.Errorf("%s: %v", path, err)
			}
		}
	}
	if !found {
		t.Skip("no collection installed (fonts-wqy-microhei, fonts-noto-cjk)")
	}
}
