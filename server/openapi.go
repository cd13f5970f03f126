package server

import (
	"fmt"
	"maps"
	"strings"

	"github.com/zsdoc/zsdoc/docgen"
	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/forms/schema"
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
	return obj{
		"FieldError": obj{"type": "object", "required": []string{"path", "label", "rule", "message"},
			"properties": obj{"path": str, "label": str, "row": str, "rule": str, "message": str}},
		"Problem": obj{"type": "object", "required": []string{"type", "title", "status"},
			"properties": obj{"type": obj{"type": "string", "format": "uri-reference"}, "title": str,
				"status": obj{"type": "integer"}, "detail": str, "instance": str, "request_id": str,
				"errors": obj{"type": "array", "items": ref("schemas", "FieldError")}}},
		"Valid": obj{"type": "object", "required": []string{"valid"},
			"properties": obj{"valid": obj{"const": true}}},
		"FormInfo": obj{"type": "object", "required": []string{"id", "attachment", "title", "labels", "schema"},
			"properties": obj{"id": str, "attachment": str, "title": str,
				"labels": obj{"type": "object", "additionalProperties": str},
				"schema": obj{"type": "object"}}},
		"FormList": obj{"type": "object", "required": []string{"forms"},
			"properties": obj{"forms": obj{"type": "array", "items": ref("schemas", "FormInfo")}}},
		"SealInfo": obj{"type": "object", "required": []string{"id", "name", "image"},
			"properties": obj{"id": str, "name": str, "image": str}},
		"SealList": obj{"type": "object", "required": []string{"seals"},
			"properties": obj{"seals": obj{"type": "array", "items": ref("schemas", "SealInfo")}}},
	}
}
