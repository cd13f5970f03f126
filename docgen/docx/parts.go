package docx

import (
	"fmt"
	"time"

	"github.com/zsdoc/zsdoc/docgen/layout"
)

// Namespaces of the parts.
const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"
)

// contentTypes is [Content_Types].xml.
func (b *builder) contentTypes() []byte {
	var x xmlw
	x.header()
	x.raw(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	if len(b.media) > 0 {
		x.raw(`<Default Extension="png" ContentType="image/png"/>`)
	}
	x.raw(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>`)
	for _, f := range b.footers {
		x.raw(`<Override PartName="/` + f.name + `" ContentType="` + ctFooter + `"/>`)
	}
	x.raw(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	x.raw(`</Types>`)
	return x.buf.Bytes()
}

// packageRels is _rels/.rels.
func packageRels() []byte {
	var x xmlw
	x.header()
	x.raw(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`</Relationships>`)
	return x.buf.Bytes()
}

// documentRels is word/_rels/document.xml.rels.
func (b *builder) documentRels() []byte {
	var x xmlw
	x.header()
	x.raw(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range b.rels {
		x.raw(`<Relationship Id="` + r.id + `" Type="` + r.typ + `" Target="` + r.target + `"/>`)
	}
	x.raw(`</Relationships>`)
	return x.buf.Bytes()
}

// core is docProps/core.xml: title, subject, creator and the document's
// creation date when it has one (never the clock, so that the same input
// gives the same bytes).
func (b *builder) core() ([]byte, error) {
	var x xmlw
	x.header()
	x.raw(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, e := range [...]struct{ tag, text, source string }{
		{"dc:title", b.doc.Title, "文档标题"},
		{"dc:subject", b.doc.Subject, "文档主题"},
		{"dc:creator", b.doc.Creator, "文档作者"},
	} {
		if e.text == "" {
			continue
		}
		x.raw("<" + e.tag + ">")
		x.escape(e.text, e.source)
		x.raw("</" + e.tag + ">")
	}
	if !b.doc.Created.IsZero() {
		x.raw(`<dcterms:created xsi:type="dcterms:W3CDTF">` + b.doc.Created.Format(time.RFC3339) + `</dcterms:created>`)
	}
	x.raw(`</cp:coreProperties>`)
	return x.buf.Bytes(), x.err
}

// styles is word/styles.xml: the defaults (body font, Chinese language,
// no extra spacing, no automatic space between Chinese and Latin text, so
// that lines measure as in the PDF) and the styles Word expects to exist.
func (b *builder) styles() ([]byte, error) {
	var x xmlw
	x.header()
	x.raw(`<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>`)
	b.fonts(&x, b.opts.fontName(layout.RoleBody))
	x.raw(`<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>` +
		`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>` +
		`<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:widowControl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>` +
		`<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
		`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>` +
		`<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>` +
		`<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`</w:styles>`)
	return x.buf.Bytes(), x.err
}

// settings is word/settings.xml. Odd and even pages get different footers
// when any section has page numbers (GB/T 9704: odd right, even left).
func (b *builder) settings() []byte {
	var x xmlw
	x.header()
	x.raw(`<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="420"/>`)
	if len(b.footers) > 0 {
		x.raw(`<w:evenAndOddHeaders/>`)
	}
	x.raw(`<w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>` +
		`</w:settings>`)
	return x.buf.Bytes()
}

// altNames are the names Word also tries for the official fonts (English
// systems list SimSun and SimHei; Windows 10 has 仿宋 but not 仿宋_GB2312).
var altNames = map[string]string{
	"宋体":        "SimSun",
	"黑体":        "SimHei",
	"仿宋_GB2312": "仿宋",
}

// fontTable is word/fontTable.xml: the fonts the document names, each
// declared as a GB2312 (charset 86) font.
func (b *builder) fontTable() ([]byte, error) {
	var x xmlw
	x.header()
	x.raw(`<w:fonts xmlns:w="` + nsW + `">`)
	b.used[layout.RoleBody] = true // the default font of styles.xml
	var seen []string
	for role, used := range b.used {
		name := b.opts.fontName(layout.Role(role))
		if !used || contains(seen, name) {
			continue
		}
		seen = append(seen, name)
		x.raw(`<w:font`)
		x.attr("w:name", name)
		x.raw(`>`)
		if alt, ok := altNames[name]; ok {
			x.raw(`<w:altName w:val="` + alt + `"/>`)
		}
		x.raw(`<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
	}
	x.raw(`</w:fonts>`)
	if x.err != nil {
		return nil, fmt.Errorf("字体名称不能写入 Word 文件：%w", x.err)
	}
	return x.buf.Bytes(), nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
