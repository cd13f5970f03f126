package fonts

import (
	"encoding/binary"
	"unicode/utf16"
)

// familyName returns the family name (name ID 16, or 1) from the name
// table, preferring a Windows Unicode English record.
func familyName(b []byte) string { return nameRecord(b, 16, 1) }

// postScriptName returns the PostScript name (name ID 6).
func postScriptName(b []byte) string { return nameRecord(b, 6, 6) }

// nameRecord returns name ID prefer, else name ID other, from the name
// table's Windows Unicode records, English first.
func nameRecord(b []byte, prefer, other uint16) string {
	if len(b) < 6 {
		return ""
	}
	count := int(binary.BigEndian.Uint16(b[2:]))
	strOff := int(binary.BigEndian.Uint16(b[4:]))
	best, bestScore := "", -1
	for i := 0; i < count; i++ {
		rec := 6 + 12*i
		if rec+12 > len(b) {
			break
		}
		pid := binary.BigEndian.Uint16(b[rec:])
		lang := binary.BigEndian.Uint16(b[rec+4:])
		id := binary.BigEndian.Uint16(b[rec+6:])
		ln := int(binary.BigEndian.Uint16(b[rec+8:]))
		off := strOff + int(binary.BigEndian.Uint16(b[rec+10:]))
		if (id != prefer && id != other) || off+ln > len(b) || pid != 3 {
			continue
		}
		score := 0
		if id == prefer {
			score += 2
		}
		if lang == 0x409 {
			score++
		}
		if score > bestScore {
			raw := b[off : off+ln]
			u := make([]uint16, len(raw)/2)
			for j := range u {
				u[j] = binary.BigEndian.Uint16(raw[2*j:])
			}
			best, bestScore = string(utf16.Decode(u)), score
		}
	}
	return best
}

// fullName returns the full font name (name ID 4): "Noto Serif SC Bold".
func fullName(b []byte) string { return nameRecord(b, 4, 4) }
