package pdf

import (
	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Line breaking is layout's (layout.BreakLines and its classes), so that
// the PDF, the DOCX's predictions and the composers' column widths break
// the same text at the same places; these are the short names this
// package uses.

func isClosing(r rune) bool { return layout.IsClosing(r) }

func isOpening(r rune) bool { return layout.IsOpening(r) }

func isSpace(r rune) bool { return layout.IsSpace(r) }

func breakLines(runes []rune, adv []float64, glued []bool, maxW float64) []int {
	return layout.BreakLines(runes, adv, glued, maxW)
}

func sum(xs []float64) float64 { return layout.Sum(xs) }

func trimmedWidth(runes []rune, adv []float64, i, j int) (float64, int) {
	return layout.TrimmedWidth(runes, adv, i, j)
}
