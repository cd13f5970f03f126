package xlsx

import (
	"errors"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/zsdoc/zsdoc/docgen/internal/opc"
)

// The workbook library lists the image types in [Content_Types].xml in map
// order, so two runs of the same document differ there; the parts are
// collected and written with those entries sorted, so that the same
// document gives the same bytes.

var (
	defaultElem  = regexp.MustCompile(`<Default [^>]*>(?:</Default>)?`)
	overrideElem = regexp.MustCompile(`<Override [^>]*>(?:</Override>)?`)
)

// collect is the workbook library's ZipWriter: it keeps the parts, to be
// written by opc.Write with the content types sorted.
type collect struct{ opc.Collector }

// AddFS is not used by the library for a new workbook.
func (c *collect) AddFS(fs.FS) error { return errors.New("xlsx: AddFS is not supported") }

// write stores the collected parts in w, content types sorted.
func (c *collect) write(w io.Writer) error {
	c.Close()
	parts := c.Parts
	for i := range parts {
		if parts[i].Name == "[Content_Types].xml" {
			parts[i].Data = []byte(sortedTypes(string(parts[i].Data)))
		}
	}
	return opc.Write(w, parts)
}

// sortedTypes returns the content types with their Default and Override
// elements each sorted, in place of the original runs.
func sortedTypes(s string) string {
	for _, re := range []*regexp.Regexp{defaultElem, overrideElem} {
		elems := re.FindAllString(s, -1)
		if len(elems) < 2 {
			continue
		}
		sorted := slices.Clone(elems)
		slices.Sort(sorted)
		i := 0
		s = re.ReplaceAllStringFunc(s, func(string) string { i++; return sorted[i-1] })
	}
	return strings.TrimSpace(s)
}
