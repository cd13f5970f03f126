package server

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/zsdoc/zsdoc/forms"
	"github.com/zsdoc/zsdoc/seal"
)

// AllSeals in a client's Seals grants every seal the server holds.
const AllSeals = "*"

// maxAccessFile bounds the configuration file LoadAccess reads.
const maxAccessFile = 1 << 20

// maxTokenLength bounds the bearer token a request may present.
const maxTokenLength = 1024

// Access is the configuration of who may stamp what (`zsdoc serve
// --config FILE`), read from JSON such as
//
//	{
//	  "seal_names": {"jingkai": "湘潭经开区管委会"},
//	  "clients": [
//	    {"name": "经开区招商局", "token_sha256": "5e88…", "seals": ["jingkai"], "forms": ["signing", "附件5"]},
//	    {"name": "市商务局", "token_sha256": "9f86…", "seals": ["*"]}
//	  ]
//	}
//
// Only the SHA-256 of each token is stored (see HashToken). A client may
// stamp the seals it lists ("*" for all the server holds; the specimen seal
// too must be listed) and render the forms it lists (any name
// forms.LookupName knows; all forms when it lists none).
type Access struct {
	// SealNames are display names of seals by id, shown by GET /v1/seals.
	SealNames map[string]string `json:"seal_names,omitempty"`
	// Clients are the callers, each with its own token.
	Clients []Client `json:"clients"`
}

// Client is one caller of the service and what it may do.
type Client struct {
	// Name identifies the client in logs and the seal audit.
	Name string `json:"name"`
	// TokenSHA256 is the hex SHA-256 of the client's bearer token.
	TokenSHA256 string `json:"token_sha256"`
	// Seals are the seal ids the client may stamp, or "*" for all.
	Seals []string `json:"seals,omitempty"`
	// Forms are the forms the client may render and validate; none means
	// all.
	Forms []string `json:"forms,omitempty"`
}

// HashToken returns the hex SHA-256 of a token, as Client.TokenSHA256
// holds it.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// LoadAccess reads and checks an access configuration file.
func LoadAccess(path string) (*Access, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取授权配置文件：%w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxAccessFile+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取授权配置文件：%w", err)
	}
	if len(data) > maxAccessFile {
		return nil, fmt.Errorf("授权配置文件“%s”超过 %d KB，不像是配置文件", path, maxAccessFile>>10)
	}
	a, err := ParseAccess(data)
	if err != nil {
		return nil, fmt.Errorf("授权配置文件“%s”有误：%w", path, err)
	}
	return a, nil
}

// ParseAccess decodes an access configuration and checks it: every client
// has a unique name and a unique, well-formed token hash, seal ids are
// non-empty, and forms are names forms.LookupName knows. Unknown keys are
// errors. Whether the seals exist is checked by New against its seals.
func ParseAccess(data []byte) (*Access, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var a Access
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("不是有效的 JSON 配置：%v", err)
	}
	if dec.More() {
		return nil, errors.New("JSON 配置之后还有多余内容")
	}
	if err := a.check(); err != nil {
		return nil, err
	}
	return &a, nil
}

// check verifies what can be verified without the seals.
func (a *Access) check() error {
	if len(a.Clients) == 0 {
		return errors.New("没有配置任何客户端（clients）")
	}
	names := map[string]bool{}
	hashes := map[string]bool{}
	for i, c := range a.Clients {
		where := fmt.Sprintf("第%d个客户端", i+1)
		if strings.TrimSpace(c.Name) == "" || utf8.RuneCountInString(c.Name) > 100 || !utf8.ValidString(c.Name) {
			return fmt.Errorf("%s的名称（name）不能为空，且不超过 100 个字符", where)
		}
		where = fmt.Sprintf("客户端“%s”", c.Name)
		if names[c.Name] {
			return fmt.Errorf("%s重复出现", where)
		}
		names[c.Name] = true
		h := strings.ToLower(c.TokenSHA256)
		if b, err := hex.DecodeString(h); err != nil || len(b) != sha256.Size {
			return fmt.Errorf("%s的 token_sha256 应为 64 位十六进制的 SHA-256 值（用 zsdoc serve hash-token 生成），而不是令牌本身", where)
		}
		if hashes[h] {
			return fmt.Errorf("%s的令牌与另一个客户端相同，每个客户端应有自己的令牌", where)
		}
		hashes[h] = true
		for _, id := range c.Seals {
			if strings.TrimSpace(id) == "" {
				return fmt.Errorf("%s的印章列表（seals）中有空编号", where)
			}
		}
		for _, f := range c.Forms {
			if _, ok := forms.LookupName(f); !ok {
				return fmt.Errorf("%s的表单列表（forms）中“%s”不是已知的表单", where, f)
			}
		}
	}
	return nil
}

// client is a configured client ready for use.
type client struct {
	name     string
	hash     []byte
	allSeals bool
	seals    map[string]bool
	forms    map[forms.ID]bool // nil: all forms
}

// accessIndex is Access checked against the seals the server holds.
type accessIndex struct {
	clients   []client
	sealNames map[string]string
}

// index checks a against the store: every seal granted or named exists.
func (a *Access) index(store *seal.Store) (*accessIndex, error) {
	if err := a.check(); err != nil {
		return nil, fmt.Errorf("授权配置有误：%w", err)
	}
	idx := &accessIndex{sealNames: map[string]string{}}
	for id, name := range a.SealNames {
		if !store.Has(id) {
			return nil, fmt.Errorf("授权配置有误：seal_names 中的印章“%s”不在印章目录中", id)
		}
		idx.sealNames[id] = name
	}
	for _, c := range a.Clients {
		h, _ := hex.DecodeString(strings.ToLower(c.TokenSHA256))
		cl := client{name: c.Name, hash: h, seals: map[string]bool{}}
		for _, id := range c.Seals {
			switch {
			case id == AllSeals:
				cl.allSeals = true
			case !store.Has(id):
				return nil, fmt.Errorf("授权配置有误：客户端“%s”获授权的印章“%s”不在印章目录中", c.Name, id)
			default:
				cl.seals[id] = true
			}
		}
		if len(c.Forms) > 0 {
			cl.forms = map[forms.ID]bool{}
			for _, f := range c.Forms {
				in, _ := forms.LookupName(f)
				cl.forms[in.ID] = true
			}
		}
		idx.clients = append(idx.clients, cl)
	}
	return idx, nil
}

// lookup finds the client whose token hashes to sum, comparing with every
// client in constant time.
func (idx *accessIndex) lookup(token string) *client {
	sum := sha256.Sum256([]byte(token))
	var found *client
	for i := range idx.clients {
		if subtle.ConstantTimeCompare(sum[:], idx.clients[i].hash) == 1 {
			found = &idx.clients[i]
		}
	}
	return found
}

// principal is who is calling and what it may do.
type principal struct {
	name     string // the client's name, "" when anonymous
	allSeals bool
	seals    map[string]bool
	forms    map[forms.ID]bool // nil: all
}

// mayStamp reports whether the caller may stamp seal id.
func (p *principal) mayStamp(id string) bool { return p.allSeals || p.seals[id] }

// mayRender reports whether the caller may render form id.
func (p *principal) mayRender(id forms.ID) bool { return p.forms == nil || p.forms[id] }

// authenticate finds the caller of r; without a valid token (in token
// mode) it answers 401 and returns nil.
func (s *server) authenticate(w http.ResponseWriter, r *http.Request) *principal {
	switch s.mode {
	case modeOpen:
		return &principal{allSeals: true}
	case modeSpecimen:
		return &principal{seals: map[string]bool{seal.SpecimenID: true}}
	}
	auth := r.Header.Get("Authorization")
	scheme, token, _ := strings.Cut(auth, " ")
	token = strings.TrimSpace(token)
	if auth == "" || !strings.EqualFold(scheme, "Bearer") || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zsdoc"`)
		s.problem(w, r, errUnauthorized, "请在请求头中提供访问令牌：Authorization: Bearer <令牌>")
		return nil
	}
	var c *client
	if len(token) <= maxTokenLength {
		c = s.access.lookup(token)
	}
	if c == nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zsdoc", error="invalid_token"`)
		s.problem(w, r, errUnauthorized, "访问令牌无效，请向管理员核对令牌")
		return nil
	}
	infoOf(r).client = c.name
	return &principal{name: c.name, allSeals: c.allSeals, seals: c.seals, forms: c.forms}
}

// grantedSeals returns the seal ids the caller may stamp, sorted.
func (s *server) grantedSeals(p *principal) []string {
	var ids []string
	for _, id := range s.store.IDs() {
		if p.mayStamp(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// sealName is the display name of seal id.
func (s *server) sealName(id string) string {
	if s.access != nil {
		if n, ok := s.access.sealNames[id]; ok {
			return n
		}
	}
	if id == seal.SpecimenID && s.builtin {
		return "样章（示例印章，不代表任何单位）"
	}
	return id
}

// forbid answers 403 naming what was refused.
func (s *server) forbid(w http.ResponseWriter, r *http.Request, detail string) {
	if s.mode == modeTokens {
		w.Header().Set("WWW-Authenticate", `Bearer realm="zsdoc", error="insufficient_scope"`)
	}
	s.problem(w, r, errForbidden, detail)
}
