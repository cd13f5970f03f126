package docx_test

import (
	"fmt"
	"strings"
	"testing"
)

// schemaOrder gives, for every parent element the writer makes, the order
// of its children in ECMA-376 (transitional): a list of groups, each a
// space-separated set of names that share a place (an xsd:choice, or the
// members of an xsd:all). Children must come in non-decreasing group
// order, and a child not listed is an error.
var schemaOrder = map[string][]string{
	// word/document.xml
	"w:document": {"w:background", "w:body"},
	"w:body":     {"w:p w:tbl", "w:sectPr"},
	"w:p":        {"w:pPr", "w:r w:hyperlink w:fldSimple"},
	"w:pPr": words(`w:pStyle w:keepNext w:keepLines w:pageBreakBefore w:framePr w:widowControl w:numPr
		w:suppressLineNumbers w:pBdr w:shd w:tabs w:suppressAutoHyphens w:kinsoku w:wordWrap w:overflowPunct
		w:topLinePunct w:autoSpaceDE w:autoSpaceDN w:bidi w:adjustRightInd w:snapToGrid w:spacing w:ind
		w:contextualSpacing w:mirrorIndents w:suppressOverlap w:jc w:textDirection w:textAlignment
		w:textboxTightWrap w:outlineLvl w:divId w:cnfStyle w:rPr w:sectPr w:pPrChange`),
	"w:rPr": words(`w:rStyle w:rFonts w:b w:bCs w:i w:iCs w:caps w:smallCaps w:strike w:dstrike w:outline
		w:shadow w:emboss w:imprint w:noProof w:snapToGrid w:vanish w:webHidden w:color w:spacing w:w w:kern
		w:position w:sz w:szCs w:highlight w:u w:effect w:bdr w:shd w:fitText w:vertAlign w:rtl w:cs w:em
		w:lang w:eastAsianLayout w:specVanish w:oMath`),
	"w:r":          {"w:rPr", "w:t w:tab w:br w:drawing w:fldChar w:instrText w:cr"},
	"w:tabs":       {"w:tab"},
	"w:tbl":        {"w:tblPr", "w:tblGrid", "w:tr"},
	"w:tblPr":      words(`w:tblStyle w:tblpPr w:tblOverlap w:bidiVisual w:tblStyleRowBandSize w:tblStyleColBandSize w:tblW w:jc w:tblCellSpacing w:tblInd w:tblBorders w:shd w:tblLayout w:tblCellMar w:tblLook w:tblCaption w:tblDescription`),
	"w:tblBorders": {"w:top", "w:left w:start", "w:bottom", "w:right w:end", "w:insideH", "w:insideV"},
	"w:tblCellMar": {"w:top", "w:left w:start", "w:bottom", "w:right w:end"},
	"w:tblGrid":    {"w:gridCol"},
	"w:tr":         {"w:tblPrEx", "w:trPr", "w:tc"},
	"w:trPr":       words(`w:cnfStyle w:divId w:gridBefore w:gridAfter w:wBefore w:wAfter w:cantSplit w:trHeight w:tblHeader w:tblCellSpacing w:jc w:hidden`),
	"w:tc":         {"w:tcPr", "w:p w:tbl"},
	"w:tcPr":       words(`w:cnfStyle w:tcW w:gridSpan w:hMerge w:vMerge w:tcBorders w:shd w:noWrap w:tcMar w:textDirection w:tcFitText w:vAlign w:hideMark`),
	"w:sectPr": append([]string{"w:headerReference w:footerReference"}, words(`w:footnotePr w:endnotePr w:type w:pgSz w:pgMar
		w:paperSrc w:pgBorders w:lnNumType w:pgNumType w:cols w:formProt w:vAlign w:noEndnote w:titlePg w:textDirection
		w:bidi w:rtlGutter w:docGrid w:printerSettings w:sectPrChange`)...),
	// drawings
	"w:drawing": {"wp:anchor wp:inline"},
	"wp:anchor": {"wp:simplePos", "wp:positionH", "wp:positionV", "wp:extent", "wp:effectExtent",
		"wp:wrapNone wp:wrapSquare wp:wrapTight wp:wrapThrough wp:wrapTopAndBottom", "wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"},
	"wp:positionH":         {"wp:align wp:posOffset"},
	"wp:positionV":         {"wp:align wp:posOffset"},
	"wp:cNvGraphicFramePr": {"a:graphicFrameLocks"},
	"a:graphic":            {"a:graphicData"},
	"a:graphicData":        {"pic:pic"},
	"pic:pic":              {"pic:nvPicPr", "pic:blipFill", "pic:spPr"},
	"pic:nvPicPr":          {"pic:cNvPr", "pic:cNvPicPr"},
	"pic:blipFill":         {"a:blip", "a:srcRect", "a:tile a:stretch"},
	"a:stretch":            {"a:fillRect"},
	"pic:spPr":             {"a:xfrm", "a:custGeom a:prstGeom", "a:noFill a:solidFill", "a:ln"},
	"a:xfrm":               {"a:off", "a:ext"},
	"a:prstGeom":           {"a:avLst"},
	// footers
	"w:ftr": {"w:p w:tbl"},
	// word/styles.xml
	"w:styles":      {"w:docDefaults", "w:latentStyles", "w:style"},
	"w:docDefaults": {"w:rPrDefault", "w:pPrDefault"},
	"w:rPrDefault":  {"w:rPr"},
	"w:pPrDefault":  {"w:pPr"},
	"w:style": words(`w:name w:aliases w:basedOn w:next w:link w:autoRedefine w:hidden w:uiPriority w:semiHidden
		w:unhideWhenUsed w:qFormat w:locked w:personal w:personalCompose w:personalReply w:rsid w:pPr w:rPr
		w:tblPr w:trPr w:tcPr w:tblStylePr`),
	// word/settings.xml
	"w:settings": words(`w:writeProtection w:view w:zoom w:removePersonalInformation w:removeDateAndTime
		w:doNotDisplayPageBoundaries w:displayBackgroundShape w:printPostScriptOverText w:printFractionalCharacterWidth
		w:printFormsData w:embedTrueTypeFonts w:embedSystemFonts w:saveSubsetFonts w:saveFormsData w:mirrorMargins
		w:alignBordersAndEdges w:bordersDoNotSurroundHeader w:bordersDoNotSurroundFooter w:gutterAtTop
		w:hideSpellingErrors w:hideGrammaticalErrors w:activeWritingStyle w:proofState w:formsDesign
		w:attachedTemplate w:linkStyles w:stylePaneFormatFilter w:stylePaneSortMethod w:documentType w:mailMerge
		w:revisionView w:trackRevisions w:doNotTrackMoves w:doNotTrackFormatting w:documentProtection
		w:autoFormatOverride w:styleLockTheme w:styleLockQFSet w:defaultTabStop w:autoHyphenation
		w:consecutiveHyphenLimit w:hyphenationZone w:doNotHyphenateCaps w:showEnvelope w:summaryLength
		w:clickAndTypeStyle w:defaultTableStyle w:evenAndOddHeaders w:bookFoldRevPrinting w:bookFoldPrinting
		w:bookFoldPrintingSheets w:drawingGridHorizontalSpacing w:drawingGridVerticalSpacing
		w:displayHorizontalDrawingGridEvery w:displayVerticalDrawingGridEvery w:doNotUseMarginsForDrawingGridOrigin
		w:drawingGridHorizontalOrigin w:drawingGridVerticalOrigin w:doNotShadeFormData w:noPunctuationKerning
		w:characterSpacingControl w:printTwoOnOne w:strictFirstAndLastChars w:noLineBreaksAfter
		w:noLineBreaksBefore w:savePreviewPicture w:doNotValidateAgainstSchema w:saveInvalidXml
		w:ignoreMixedContent w:alwaysShowPlaceholderText w:doNotDemarcateInvalidXml w:saveXmlDataOnly
		w:useXSLTWhenSaving w:saveThroughXslt w:showXMLTags w:alwaysMergeEmptyNamespace w:updateFields
		w:hdrShapeDefaults w:footnotePr w:endnotePr w:compat w:docVars w:rsids m:mathPr w:attachedSchema
		w:themeFontLang w:clrSchemeMapping w:doNotIncludeSubdocsInStats w:doNotAutoCompressPictures
		w:forceUpgrade w:captions w:readModeInkLockDown w:smartTagType sl:schemaLibrary w:shapeDefaults
		w:doNotEmbedSmartTags w:decimalSymbol w:listSeparator`),
	"w:compat": {"w:compatSetting"},
	// word/fontTable.xml
	"w:fonts": {"w:font"},
	"w:font": words(`w:altName w:panose1 w:charset w:family w:notTrueType w:pitch w:sig w:embedRegular w:embedBold
		w:embedItalic w:embedBoldItalic`),
	// package parts
	"ct:Types":          {"ct:Default ct:Override"},
	"rel:Relationships": {"rel:Relationship"},
	"cp:coreProperties": {`cp:category cp:contentStatus dcterms:created dc:creator dc:description dc:identifier
		cp:keywords dc:language cp:lastModifiedBy cp:lastPrinted dcterms:modified cp:revision dc:subject dc:title cp:version`},
}

// words splits a whitespace-separated list: one group per name.
func words(s string) []string { return strings.Fields(s) }

// checkOrder returns every element in the tree whose children are not in
// schema order or are not allowed, and every parent the table lacks.
func checkOrder(part string, root *node) []string {
	var problems []string
	var walk func(n *node, where string)
	walk = func(n *node, where string) {
		where += "/" + n.name
		if len(n.children) > 0 {
			order, ok := schemaOrder[n.name]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: %s: parent not in the schema table", part, where))
			} else {
				rank := map[string]int{}
				for i, group := range order {
					for _, name := range strings.Fields(group) {
						rank[name] = i
					}
				}
				last, lastName := -1, ""
				for _, c := range n.children {
					r, ok := rank[c.name]
					switch {
					case !ok:
						problems = append(problems, fmt.Sprintf("%s: %s: child %s not allowed", part, where, c.name))
					case r < last:
						problems = append(problems, fmt.Sprintf("%s: %s: %s after %s", part, where, c.name, lastName))
					default:
						last, lastName = r, c.name
					}
				}
			}
		}
		for _, c := range n.children {
			walk(c, where)
		}
	}
	walk(root, "")
	return problems
}

// TestSchemaOrder checks every XML part of every rendering against the
// schema order table.
func TestSchemaOrder(t *testing.T) {
	for _, v := range variants() {
		t.Run(v.name, func(t *testing.T) {
			p := unzip(t, v.data(t))
			for _, name := range p.order {
				if tree := p.trees[name]; tree != nil {
					for _, problem := range checkOrder(name, tree) {
						t.Error(problem)
					}
				}
			}
		})
	}
}

// TestCheckOrderCatches makes sure the order check fails on misordered
// children, unknown children and unknown parents.
func TestCheckOrderCatches(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	for _, bad := range []string{
		`<w:rPr ` + w + `><w:sz w:val="2"/><w:rFonts w:ascii="x"/></w:rPr>`,
		`<w:pPr ` + w + `><w:jc w:val="center"/><w:spacing w:line="240"/></w:pPr>`,
		`<w:tcPr ` + w + `><w:vAlign w:val="top"/><w:tcW w:w="1"/></w:tcPr>`,
		`<w:tblPr ` + w + `><w:tblLayout w:type="fixed"/><w:tblW w:w="1"/></w:tblPr>`,
		`<w:sectPr ` + w + `><w:pgMar w:top="1"/><w:pgSz w:w="1"/></w:sectPr>`,
		`<w:sectPr ` + w + `><w:pgSz w:w="1"/><w:footerReference w:type="default"/></w:sectPr>`,
		`<w:body ` + w + `><w:sectPr/><w:p/></w:body>`,
		`<w:tc ` + w + `><w:p/><w:tcPr/></w:tc>`,
		`<w:tr ` + w + `><w:tc><w:p/></w:tc><w:trPr/></w:tr>`,
		`<w:trPr ` + w + `><w:tblHeader/><w:cantSplit/></w:trPr>`,
		`<w:pPr ` + w + `><w:bogus/></w:pPr>`,
		`<w:unknownParent ` + w + `><w:p/></w:unknownParent>`,
	} {
		if problems := checkOrder("test", parseXML(t, "test", []byte(bad))); len(problems) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := `<w:rPr ` + w + `><w:rFonts w:ascii="x"/><w:sz w:val="2"/><w:szCs w:val="2"/><w:lang w:val="en-US"/></w:rPr>`
	if problems := checkOrder("test", parseXML(t, "test", []byte(good))); len(problems) > 0 {
		t.Errorf("problems in a good rPr: %v", problems)
	}
}
