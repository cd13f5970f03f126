package pdfw

const toUnicodeHead = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
`

const toUnicodeTail = `endcmap
CMapName currentdict /CMap defineresource pop
end
end
`

// maxCMapBlock is the most entries a bfchar or bfrange block may hold.
const maxCMapBlock = 100

// toUnicode returns the ToUnicode CMap of a font's CIDs (CID 0, .notdef,
// maps to nothing): runs of consecutive CIDs drawing consecutive BMP
// characters as bfrange entries, the others as bfchar entries (UTF-16BE,
// a surrogate pair above the BMP).
func toUnicode(cids []cidEntry) []byte {
	type span struct{ first, last int }
	var ranges, singles []span
	for c := 1; c < len(cids); {
		end := c + 1
		for end < len(cids) && rangeable(cids, c, end) {
			end++
		}
		if end-c >= 2 {
			ranges = append(ranges, span{c, end - 1})
		} else {
			singles = append(singles, span{c, c})
		}
		c = end
	}
	b := make([]byte, 0, len(toUnicodeHead)+len(toUnicodeTail)+20*len(cids))
	b = append(b, toUnicodeHead...)
	for i := 0; i < len(ranges); i += maxCMapBlock {
		block := ranges[i:min(i+maxCMapBlock, len(ranges))]
		b = appendInt(b, len(block))
		b = append(b, " beginbfrange\n"...)
		for _, s := range block {
			b = append(b, '<')
			b = appendHex16(b, uint16(s.first))
			b = append(b, "> <"...)
			b = appendHex16(b, uint16(s.last))
			b = append(b, "> <"...)
			b = appendHex16(b, uint16(cids[s.first].r))
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfrange\n"...)
	}
	for i := 0; i < len(singles); i += maxCMapBlock {
		block := singles[i:min(i+maxCMapBlock, len(singles))]
		b = appendInt(b, len(block))
		b = append(b, " beginbfchar\n"...)
		for _, s := range block {
			b = append(b, '<')
			b = appendHex16(b, uint16(s.first))
			b = append(b, "> <"...)
			b = appendUTF16(b, cids[s.first].r)
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, toUnicodeTail...)
}

// rangeable reports whether CID next extends the bfrange that starts at
// CID first: the next character, both in the BMP, with only the last byte
// of the CID and of the character changing across the range.
func rangeable(cids []cidEntry, first, next int) bool {
	r0, r := cids[first].r, cids[next].r
	d := rune(next - first)
	return r == r0+d && r < 0x10000 && first>>8 == next>>8 && r0>>8 == r>>8
}
