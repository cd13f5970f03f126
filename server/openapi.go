package server

import (
	"fmt"
	"maps"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
	"github.com/zsdoc/zsdoc/workflow"
)

// obj is a JSON object of the OpenAPI document; encoding/json writes its
// keys sorted, so the document is the same bytes every time.
type obj = map[string]any

// ref points at a component.
func ref(kind, name string) obj { return obj{"$ref": "#/components/" + kind + "/" + name} }

// buildOpenAPI makes the OpenAPI 3.1 document of the routes: one
// operation per form and route, so that generated clients get a typed
// body per form, with the forms' schemas (package forms/schema) as
// components. tokens says whether the routes need a bearer token.
func buildOpenAPI(tokens bool) ([]byte, error) {
	comps, err := schema.Components()
	if err != nil {
		return nil, fmt.Errorf("无法生成 OpenAPI 文档的表单 Schema：%w", err)
	}
	schemas := maps.Clone(comps)
	maps.Copy(schemas, ownSchemas())
	paths := obj{}
	str := obj{"type": "string"}
	for _, in := range forms.All() {
		op := camel(string(in.ID))
		name := in.Attachment + " " + in.Title
		body := obj{"required": true, "content": obj{"application/json": obj{"schema": ref("schemas", string(in.ID))}}}
		paths["/v1/forms/"+string(in.ID)] = obj{"post": obj{
			"operationId": "render" + op,
			"tags":        []string{"forms"},
			"summary":     "生成填好并盖章的" + name,
			"description": "输入中的 \"seal\" 印章编号须是调用方获授权的印章（GET /v1/seals）。格式由 ?format= 指定，未指定时按 Accept 请求头，默认 PDF。",
			"parameters":  []any{ref("parameters", "format"), ref("parameters", "paper"), ref("parameters", "ifNoneMatch")},
			"requestBody": body,
			"responses":   documentResponses(true),
		}}
		paths["/v1/forms/"+string(in.ID)+"/blank"] = obj{"get": obj{
			"operationId": "blank" + op,
			"tags":        []string{"forms"},
			"summary":     "生成空白的" + name,
			"parameters":  []any{ref("parameters", "format"), ref("parameters", "paper"), ref("parameters", "ifNoneMatch")},
			"responses":   documentResponses(false),
		}}
		paths["/v1/forms/"+string(in.ID)+"/import"] = obj{"post": obj{
			"operationId": "import" + op,
			"tags":        []string{"forms"},
			"summary":     "读取填好的" + name + "表格（.xlsx，或表格类表单的 .csv），得到其 JSON 输入",
			"description": "表头按官方栏目名识别（列序任意、可有标题行），错误按工作表、行、列指出。?unit= 与 ?date= 补充或覆盖表中的单位与填报日期，?sheet= 指定工作表，?seal= 指定印章编号（表格不含印章）。",
			"parameters": []any{
				obj{"name": "unit", "in": "query", "required": false, "schema": str},
				obj{"name": "date", "in": "query", "required": false, "schema": str},
				obj{"name": "sheet", "in": "query", "required": false, "schema": str},
				obj{"name": "seal", "in": "query", "required": false, "schema": str},
			},
			"requestBody": obj{"required": true, "content": obj{
				mediaXLSX:  obj{"schema": obj{"type": "string", "contentMediaType": mediaXLSX}},
				"text/csv": obj{"schema": obj{"type": "string"}}}},
			"responses": problemResponses(obj{"200": obj{"description": "表格中的表单（JSON 输入）", "content": jsonContent(ref("schemas", string(in.ID)))}},
				"400", "401", "403", "413", "415", "422", "503"),
		}}
		paths["/v1/forms/"+string(in.ID)+"/validate"] = obj{"post": obj{
			"operationId": "validate" + op,
			"tags":        []string{"forms"},
			"summary":     "校验" + name + "的数据，结论与生成一致",
			"parameters":  []any{ref("parameters", "formatQuery"), ref("parameters", "paper")},
			"requestBody": body,
			"responses": problemResponses(obj{"200": obj{"description": "数据合规", "content": jsonContent(ref("schemas", "Valid"))}},
				"400", "401", "403", "406", "413", "415", "422", "503"),
		}}
	}
	wf := workflow.Info()
	paths["/v1/forms/"+string(wf.ID)+"/blank"] = obj{"get": obj{
		"operationId": "blankWorkflow",
		"tags":        []string{"forms"},
		"summary":     wf.Attachment + " " + wf.Title + "（只有空白表；PDF 或 DOCX）",
		"description": "路径中的 workflow 也可写作 附件1 或 1。?annotate=1 在各阶段旁注明对应表单（附件2–6），?stage= 突出显示项目当前所处的阶段（如 项目签约）。",
		"parameters": []any{ref("parameters", "format"), ref("parameters", "ifNoneMatch"),
			obj{"name": "annotate", "in": "query", "required": false, "schema": obj{"type": "string", "enum": []string{"1", "0", "true", "false"}}},
			obj{"name": "stage", "in": "query", "required": false, "schema": str}},
		"responses": documentResponses(false),
	}}
	paths["/v1/supervision/batch"] = obj{"post": batchOperation()}
	paths["/v1/forms"] = obj{"get": public(tokens, obj{
		"operationId": "listForms", "tags": []string{"meta"}, "summary": "全部表单及其栏目名称和 JSON Schema",
		"responses": obj{"200": obj{"description": "表单列表", "content": jsonContent(ref("schemas", "FormList"))}},
	})}
	paths["/v1/openapi.json"] = obj{"get": public(tokens, obj{
		"operationId": "openAPI", "tags": []string{"meta"}, "summary": "本文档（OpenAPI 3.1）",
		"responses": obj{"200": obj{"description": "OpenAPI 文档", "content": jsonContent(obj{"type": "object"})}},
	})}
	paths["/v1/seals"] = obj{"get": obj{
		"operationId": "listSeals", "tags": []string{"seals"}, "summary": "调用方可以使用的印章",
		"responses": problemResponses(obj{"200": obj{"description": "印章列表", "content": jsonContent(ref("schemas", "SealList"))}}, "401"),
	}}
	paths["/v1/seals/{id}.png"] = obj{"get": obj{
		"operationId": "sealImage", "tags": []string{"seals"}, "summary": "印章图片（打印分辨率），仅限获授权的印章",
		"parameters": []any{obj{"name": "id", "in": "path", "required": true, "schema": obj{"type": "string"}}},
		"responses": problemResponses(obj{"200": obj{"description": "PNG 图片",
			"content": obj{"image/png": obj{"schema": obj{"type": "string", "contentMediaType": "image/png"}}}}},
			"401", "403", "404"),
	}}
	for path, summary := range map[string]string{"/healthz": "存活检查", "/readyz": "就绪检查（停止中时为 503）"} {
		paths[path] = obj{"get": public(tokens, obj{
			"operationId": strings.TrimPrefix(path, "/"), "tags": []string{"meta"}, "summary": summary,
			"responses": problemResponses(obj{"200": obj{"description": "正常", "content": jsonContent(obj{"type": "object"})}}, "503"),
		})}
	}
	paths["/metrics"] = obj{"get": public(tokens, obj{
		"operationId": "metrics", "tags": []string{"meta"}, "summary": "Prometheus 指标",
		"responses": obj{"200": obj{"description": "Prometheus 文本格式", "content": obj{"text/plain": obj{"schema": obj{"type": "string"}}}}},
	})}
	doc := obj{
		"openapi": "3.1.0",
		"info": obj{
			"title":       "zsdoc",
			"version":     "1",
			"description": "重点招商项目闭环管理表单（附件2–6）的填报、校验与生成服务。错误均为 application/problem+json（RFC 9457）。",
		},
		"paths": paths,
		"components": obj{
			"schemas":    schemas,
			"responses":  problemComponents(),
			"parameters": parameters(),
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer",
				"description": "管理员用 zsdoc serve hash-token 生成的访问令牌"}},
		},
	}
	if tokens {
		doc["security"] = []any{obj{"bearer": []string{}}}
	}
	return marshalJSON(doc)
}

// batchOperation is POST /v1/supervision/batch.
func batchOperation() obj {
	file := func(ct string) obj { return obj{"schema": obj{"type": "string", "contentMediaType": ct}} }
	str, flag := obj{"type": "string"}, obj{"type": "boolean", "default": false}
	param := func(name, description string, schema obj) obj {
		return obj{"name": name, "in": "query", "required": false, "description": description, "schema": schema}
	}
	header := func(description string, schema obj) obj { return obj{"description": description, "schema": schema} }
	return obj{
		"operationId": "printSupervisionBatch",
		"tags":        []string{"batch"},
		"summary":     "批量生成附件6 督办单：合为一个 PDF，或每份一个 Word 文件的 ZIP",
		"description": "请求体为督办单的 JSON 数组（或 {\"orders\": [...]}）、CSV（UTF-8 或 GB18030，可在 charset 中注明）或 XLSX，" +
			"表头为 编号、日期、督办单位、督办内容、工作要求、开始日期、结束日期、签发单位、签发日期、印章（顺序不限）。" +
			"全部督办单校验通过、调用方对每个印章都有授权之后才开始输出；之后边生成边以分块传输发送，没有 Content-Length 和 ETag。" +
			"清单（每份督办单的序号、编号、督办单位、印章和起止页码或文件名）在 HTTP trailer X-Zsdoc-Manifest 中（紧凑 JSON，非 ASCII 字符转义），" +
			"或在请求头 Accept: multipart/mixed 时作为回答的第二部分。输出开始后出错时连接被中断，客户端得到的是不完整的下载。",
		"parameters": []any{
			param("format", "pdf：一个 PDF；docx：ZIP，每份督办单一个 Word 文件", obj{"type": "string", "enum": []string{"pdf", "docx"}, "default": "pdf"}),
			param("duplex", "双面打印：需要时插入空白页，使每份督办单都从正面开始（1 或 0）", flag),
			param("seal", "未写印章编号的督办单所盖印章的编号", str),
			param("skip_invalid", "跳过不合规的督办单，只生成合规的（1 或 0）；跳过的份数在 X-Zsdoc-Skipped 中", flag),
			param("sheet", "XLSX 中读取的工作表，默认第一个", str),
			obj{"name": "Accept", "in": "header", "required": false, "schema": str,
				"description": "multipart/mixed：回答为 multipart/mixed，第一部分是文件，第二部分是清单（application/json），有跳过的督办单时第三部分是其问题"},
		},
		"requestBody": obj{"required": true, "content": obj{
			mediaJSON: obj{"schema": ref("schemas", "SupervisionBatchInput")},
			mediaCSV:  obj{"schema": str},
			mediaXLSX: file(mediaXLSX),
		}},
		"responses": problemResponses(obj{"200": obj{
			"description": "PDF、ZIP，或 multipart/mixed（文件与清单）",
			"headers": obj{
				"Content-Disposition":    header("attachment，filename* 为中文文件名，如 附件6-市级重点招商项目督办单-批量-100份.pdf", str),
				"Trailer":                header("X-Zsdoc-Manifest, X-Zsdoc-Sha256，有跳过的督办单时还有 X-Zsdoc-Skipped-Errors（multipart/mixed 时没有）", str),
				"X-Zsdoc-Orders":         header("文件中督办单的份数", obj{"type": "integer"}),
				"X-Zsdoc-Skipped":        header("skip_invalid=1 时跳过的不合规督办单份数", obj{"type": "integer"}),
				"X-Zsdoc-Manifest":       header("trailer：清单，BatchManifest 的紧凑 JSON", str),
				"X-Zsdoc-Sha256":         header("trailer：文件的 SHA-256（十六进制）", str),
				"X-Zsdoc-Skipped-Errors": header("trailer：跳过的督办单的问题，FieldError 数组的紧凑 JSON", str),
			},
			"content": obj{
				docgen.PDF.ContentType(): file(docgen.PDF.ContentType()),
				mediaZip:                 file(mediaZip),
				mediaMultipart:           obj{"schema": str},
			},
		}}, "400", "401", "403", "406", "413", "415", "422", "503"),
	}
}

// public marks an operation that needs no token.
func public(tokens bool, op obj) obj {
	if tokens {
		op["security"] = []any{}
	}
	return op
}

// camel turns a form id into the tail of an operation id: "signing" → "Signing".
func camel(id string) string { return strings.ToUpper(id[:1]) + id[1:] }

func jsonContent(s obj) obj { return obj{"application/json": obj{"schema": s}} }

// documentResponses are the answers of a route that returns a document.
func documentResponses(filled bool) obj {
	ok := obj{
		"description": "PDF 或 Word 文件",
		"headers": obj{
			"Content-Disposition": obj{"description": "attachment，filename* 为中文文件名（RFC 5987）", "schema": obj{"type": "string"}},
			"ETag":                obj{"description": "文件内容的 SHA-256", "schema": obj{"type": "string"}},
		},
		"content": obj{},
	}
	for _, f := range formats {
		ok["content"].(obj)[f.ContentType()] = obj{"schema": obj{"type": "string", "contentMediaType": f.ContentType()}}
	}
	codes := []string{"400", "401", "403", "404", "406", "503"}
	if filled {
		codes = append(codes, "413", "415", "422")
	}
	return problemResponses(obj{"200": ok, "304": obj{"description": "If-None-Match 与 ETag 相同，文件未变"}}, codes...)
}

// problemResponses adds the problem answers of codes (and 500) to rs.
func problemResponses(rs obj, codes ...string) obj {
	for _, c := range append(codes, "500") {
		rs[c] = ref("responses", "Problem"+c)
	}
	return rs
}

// problemComponents are the problem answers, one per status.
func problemComponents() obj {
	out := obj{}
	for _, k := range []kind{errBadRequest, errUnauthorized, errForbidden, errNotFound, errNotAcceptable,
		errTooLarge, errMediaType, errInvalid, errInternal, errBusy} {
		r := obj{"description": k.title, "content": obj{"application/problem+json": obj{"schema": ref("schemas", "Problem")}}}
		if k.status == 503 {
			r["description"] = "服务繁忙、生成超时或正在停止，Retry-After 秒后重试"
			r["headers"] = obj{"Retry-After": obj{"schema": obj{"type": "integer"}}}
		}
		if k.status == 400 {
			r["description"] = "JSON 格式错误或请求参数有误"
		}
		out[fmt.Sprintf("Problem%d", k.status)] = r
	}
	return out
}

// parameters are the query and header parameters shared by the routes.
func parameters() obj {
	var names []string
	for _, f := range formats {
		names = append(names, string(f))
	}
	return obj{
		"format": obj{"name": "format", "in": "query", "required": false,
			"description": "输出格式；不指定时按 Accept 请求头（application/pdf 或 Word 的 MIME 类型），默认 pdf",
			"schema":      obj{"type": "string", "enum": names}},
		"formatQuery": obj{"name": "format", "in": "query", "required": false,
			"description": "按哪种输出格式校验（pdf 还检查字体是否有每个字的字形），默认 pdf",
			"schema":      obj{"type": "string", "enum": names, "default": string(docgen.PDF)}},
		"paper": obj{"name": "paper", "in": "query", "required": false,
			"description": "纸张：附件4 默认 A3，其余 A4；附件6 只能用 A4",
			"schema":      obj{"type": "string", "enum": []string{"a3", "a4"}}},
		"ifNoneMatch": obj{"name": "If-None-Match", "in": "header", "required": false,
			"description": "上次得到的 ETag；文件相同时答 304", "schema": obj{"type": "string"}},
	}
}

// ownSchemas are the schemas of the server's own JSON answers.
func ownSchemas() obj {
	str := obj{"type": "string"}
	orders := obj{"type": "array", "minItems": 1, "maxItems": forms.MaxOrders, "items": ref("schemas", string(forms.SupervisionID))}
	return obj{
		"FieldError": obj{"type": "object", "required": []string{"path", "label", "rule", "message"},
			"properties": obj{"path": str, "label": str, "row": str, "rule": str, "message": str}},
		"Problem": obj{"type": "object", "required": []string{"type", "title", "status"},
			"properties": obj{"type": obj{"type": "string", "format": "uri-reference"}, "title": str,
				"status": obj{"type": "integer"}, "detail": str, "instance": str, "request_id": str,
				"errors": obj{"type": "array", "items": ref("schemas", "FieldError")}}},
		"Valid": obj{"type": "object", "required": []string{"valid"},
			"properties": obj{"valid": obj{"const": true}}},
		"FormInfo": obj{"type": "object", "required": []string{"id", "attachment", "title", "labels", "kinds", "schema"},
			"properties": obj{"id": str, "attachment": str, "title": str,
				"labels":    obj{"type": "object", "additionalProperties": str},
				"kinds":     obj{"type": "object", "additionalProperties": str, "description": "每个栏目的取值种类：text、multiline、integer、amount、date、bool、code、list、textOrObject、object、array"},
				"schema":    obj{"type": "object"},
				"blankOnly": obj{"type": "boolean", "description": "无需填写（附件1 流程图）：只有空白表"},
				"formats":   obj{"type": "array", "items": str, "description": "此表只能生成的格式；缺省为 FormList.formats 全部"},
				"imports":   obj{"type": "array", "items": str, "description": "POST /v1/forms/{form}/import 可读取的表格文件：xlsx、csv"}}},
		"FormList": obj{"type": "object", "required": []string{"forms", "formats"},
			"properties": obj{"forms": obj{"type": "array", "items": ref("schemas", "FormInfo")},
				"formats": obj{"type": "array", "items": str, "description": "可生成的格式（?format= 的取值）"}}},
		"SealInfo": obj{"type": "object", "required": []string{"id", "name", "image"},
			"properties": obj{"id": str, "name": str, "image": str}},
		"SupervisionBatchInput": obj{"oneOf": []any{orders,
			obj{"type": "object", "required": []string{"orders"}, "additionalProperties": false, "properties": obj{"orders": orders}}}},
		"BatchEntry": obj{"type": "object", "required": []string{"index", "number", "target", "seal"},
			"properties": obj{"index": obj{"type": "integer", "description": "在输入中的序号，从 1 起"}, "number": str, "target": str, "seal": str,
				"firstPage": obj{"type": "integer"}, "lastPage": obj{"type": "integer"}, "file": str}},
		"BatchManifest": obj{"type": "array", "items": ref("schemas", "BatchEntry")},
		"SealList": obj{"type": "object", "required": []string{"seals"},
			"properties": obj{"seals": obj{"type": "array", "items": ref("schemas", "SealInfo")}}},
	}
}
