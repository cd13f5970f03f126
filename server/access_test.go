package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

const (
	tokenA = "token-of-jingkai-bureau"
	tokenB = "token-of-commerce-bureau"
)

// tokenServer is a server with two clients: A may stamp jingkai and render
// every form; B may stamp every seal but render only 附件4 and 附件5.
func tokenServer(t *testing.T, renders *atomic.Int32) (http.Handler, *syncBuffer) {
	t.Helper()
	access, err := ParseAccess([]byte(`{
		"seal_names": {"jingkai": "湘潭经开区管委会"},
		"clients": [
			{"name": "经开区招商局", "token_sha256": "` + HashToken(tokenA) + `", "seals": ["jingkai"]},
			{"name": "市商务局", "token_sha256": "` + strings.ToUpper(HashToken(tokenB)) + `", "seals": ["*"], "forms": ["附件4", "landing"]}
		]}`))
	if err != nil {
		t.Fatal(err)
	}
	var audit syncBuffer
	cfg := Config{Seals: storeWith(t, "jingkai", "gaoxin"), Access: access, Audit: &audit}
	if renders != nil {
		cfg.hooks = &hooks{beforeRender: func(context.Context) { renders.Add(1) }}
	}
	return newHandler(t, cfg), &audit
}

func TestHashToken(t *testing.T) {
	if got := HashToken("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashToken(abc) = %s", got)
	}
}

func TestTokens(t *testing.T) {
	var renders atomic.Int32
	h, audit := tokenServer(t, &renders)
	bearer := func(tok string) []string { return []string{"Authorization", "Bearer " + tok} }
	landing := func(sealID string) []byte { return withSeal(t, forms.LandingID, sealID) }

	// No token, a wrong token, another scheme: 401 with a challenge.
	for _, hdr := range [][]string{nil, bearer("wrong"), {"Authorization", "Basic " + tokenA}, bearer(strings.Repeat("x", 2000))} {
		w := call(t, h, "POST", "/v1/forms/landing?format=docx", landing("jingkai"), hdr...)
		decodeProblem(t, w, http.StatusUnauthorized)
		if !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%v: WWW-Authenticate %q", hdr, w.Header().Get("WWW-Authenticate"))
		}
	}
	for _, path := range []string{"/v1/seals", "/v1/seals/jingkai.png", "/v1/forms/landing/blank"} {
		decodeProblem(t, call(t, h, "GET", path, nil), http.StatusUnauthorized)
	}
	decodeProblem(t, call(t, h, "POST", "/v1/forms/landing/validate", landing(""), "Authorization", "bearer wrong"), http.StatusUnauthorized)
	// Public routes need no token.
	for _, path := range []string{"/healthz", "/readyz", "/metrics", "/v1/forms", "/v1/openapi.json"} {
		if w := call(t, h, "GET", path, nil); w.Code != http.StatusOK {
			t.Errorf("%s without token: status %d", path, w.Code)
		}
	}
	if n := renders.Load(); n != 0 {
		t.Fatalf("%d renders before any authorised request", n)
	}

	// Granted: rendered and audited; the scheme is case-insensitive.
	w := call(t, h, "POST", "/v1/forms/landing?format=docx", landing("jingkai"), "Authorization", "bearer "+tokenA)
	if w.Code != http.StatusOK {
		t.Fatalf("granted seal: status %d: %s", w.Code, w.Body)
	}
	if !strings.Contains(audit.String(), `"client":"经开区招商局"`) {
		t.Errorf("audit lacks the client: %s", audit)
	}
	// Not granted — a real seal, and the specimen, which must be granted
	// too — is 403 and nothing is rendered, by render and validate alike.
	before := renders.Load()
	for _, path := range []string{"/v1/forms/landing?format=docx", "/v1/forms/landing/validate?format=docx"} {
		for _, id := range []string{"gaoxin", seal.SpecimenID} {
			p := decodeProblem(t, call(t, h, "POST", path, landing(id), bearer(tokenA)...), http.StatusForbidden)
			if !strings.Contains(p.Detail, "“"+id+"”") {
				t.Errorf("403 detail %q does not name seal %s", p.Detail, id)
			}
		}
	}
	if renders.Load() != before {
		t.Errorf("a refused seal was rendered")
	}
	// An unknown seal is invalid data, for a client granted every seal too.
	for _, tok := range []string{tokenA, tokenB} {
		decodeProblem(t, call(t, h, "POST", "/v1/forms/landing?format=docx", landing("nosuch"), bearer(tok)...), http.StatusUnprocessableEntity)
	}
	// Unstamped forms need no seal grant.
	if w := call(t, h, "POST", "/v1/forms/tasklist?format=docx", withSeal(t, forms.TaskListID, ""), bearer(tokenA)...); w.Code != http.StatusOK {
		t.Errorf("unstamped form: status %d", w.Code)
	}
	// B may stamp anything, on its forms only.
	if w := call(t, h, "POST", "/v1/forms/landing?format=docx", landing("gaoxin"), bearer(tokenB)...); w.Code != http.StatusOK {
		t.Errorf("B, every seal: status %d: %s", w.Code, w.Body)
	}
	for _, c := range []struct{ method, path string }{{"POST", "/v1/forms/tasklist"}, {"POST", "/v1/forms/2/validate"}, {"GET", "/v1/forms/tasklist/blank"}} {
		p := decodeProblem(t, call(t, h, c.method, c.path, withSeal(t, forms.TaskListID, ""), bearer(tokenB)...), http.StatusForbidden)
		if !strings.Contains(p.Detail, "附件2") {
			t.Errorf("%s: detail %q does not name the form", c.path, p.Detail)
		}
	}
	if w := call(t, h, "GET", "/v1/forms/signing/blank?format=docx", nil, bearer(tokenB)...); w.Code != http.StatusOK {
		t.Errorf("B, blank 附件4: status %d", w.Code)
	}
}

func TestSealsRoute(t *testing.T) {
	h, _ := tokenServer(t, nil)
	list := func(tok string) []SealInfo {
		w := call(t, h, "GET", "/v1/seals", nil, "Authorization", "Bearer "+tok)
		var body struct{ Seals []SealInfo }
		if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &body) != nil {
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
		return body.Seals
	}
	if got := list(tokenA); len(got) != 1 || got[0] != (SealInfo{"jingkai", "湘潭经开区管委会", "/v1/seals/jingkai.png"}) {
		t.Errorf("A's seals: %+v", got)
	}
	if got := list(tokenB); len(got) != 3 || got[0].ID != "gaoxin" || got[2].ID != "specimen" || !hasHan(got[2].Name) {
		t.Errorf("B's seals: %+v", got)
	}
	w := call(t, h, "GET", "/v1/seals/jingkai.png", nil, "Authorization", "Bearer "+tokenA)
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "image/png" || !strings.HasPrefix(w.Body.String(), "\x89PNG") {
		t.Errorf("granted image: status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
	decodeProblem(t, call(t, h, "GET", "/v1/seals/gaoxin.png", nil, "Authorization", "Bearer "+tokenA), http.StatusForbidden)
	decodeProblem(t, call(t, h, "GET", "/v1/seals/nosuch.png", nil, "Authorization", "Bearer "+tokenA), http.StatusNotFound)
}

// Without Access: no token, the specimen seal only.
func TestOpenMode(t *testing.T) {
	h := newHandler(t, Config{})
	if w := call(t, h, "POST", "/v1/forms/landing?format=docx", withSeal(t, forms.LandingID, seal.SpecimenID)); w.Code != http.StatusOK {
		t.Errorf("specimen: status %d", w.Code)
	}
	decodeProblem(t, call(t, h, "POST", "/v1/forms/landing", withSeal(t, forms.LandingID, "jingkai")), http.StatusUnprocessableEntity)
	w := call(t, h, "GET", "/v1/seals", nil, "Authorization", "Bearer whatever")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"id":"specimen"`) || strings.Count(w.Body.String(), `"id"`) != 1 {
		t.Errorf("open seals: %d %s", w.Code, w.Body)
	}

	// Real seals need Access, or Open.
	store := storeWith(t, "jingkai")
	if _, err := New(Config{Seals: store}); err == nil || !strings.Contains(err.Error(), "jingkai") {
		t.Errorf("real seals without access: %v", err)
	}
	replaced := seal.NewStore()
	if err := replaced.Add(seal.SpecimenID, mustPNG(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{Seals: replaced}); err == nil {
		t.Errorf("a replaced specimen without access was accepted")
	}
	h = newHandler(t, Config{Seals: store, Open: true})
	if w := call(t, h, "POST", "/v1/forms/landing?format=docx", withSeal(t, forms.LandingID, "jingkai")); w.Code != http.StatusOK {
		t.Errorf("--open: status %d", w.Code)
	}
	access, _ := ParseAccess([]byte(`{"clients":[{"name":"a","token_sha256":"` + HashToken("a") + `"}]}`))
	if _, err := New(Config{Seals: store, Access: access, Open: true}); err == nil {
		t.Errorf("Access and Open together were accepted")
	}
}

func TestParseAccess(t *testing.T) {
	hash := HashToken("t")
	for _, c := range []struct{ name, json, want string }{
		{"unknown key", `{"clients":[{"name":"a","token_sha256":"` + hash + `","seal":["x"]}]}`, "seal"},
		{"no clients", `{"clients":[]}`, "客户端"},
		{"raw token", `{"clients":[{"name":"a","token_sha256":"secret"}]}`, "hash-token"},
		{"same name", `{"clients":[{"name":"a","token_sha256":"` + hash + `"},{"name":"a","token_sha256":"` + HashToken("u") + `"}]}`, "重复"},
		{"same token", `{"clients":[{"name":"a","token_sha256":"` + hash + `"},{"name":"b","token_sha256":"` + hash + `"}]}`, "令牌"},
		{"unknown form", `{"clients":[{"name":"a","token_sha256":"` + hash + `","forms":["附件9"]}]}`, "附件9"},
		{"empty seal", `{"clients":[{"name":"a","token_sha256":"` + hash + `","seals":[" "]}]}`, "空"},
		{"trailing", `{"clients":[{"name":"a","token_sha256":"` + hash + `"}]} {}`, "多余"},
	} {
		if _, err := ParseAccess([]byte(c.json)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	// A seal granted or named must exist.
	for _, js := range []string{
		`{"clients":[{"name":"a","token_sha256":"` + hash + `","seals":["nosuch"]}]}`,
		`{"seal_names":{"nosuch":"x"},"clients":[{"name":"a","token_sha256":"` + hash + `"}]}`,
	} {
		a, err := ParseAccess([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := New(Config{Access: a}); err == nil || !strings.Contains(err.Error(), "nosuch") {
			t.Errorf("%s: New error %v", js, err)
		}
	}
}
