package server

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zsdoc/zsdoc/forms"
)

// Every stamped document delivered is one JSON line of the audit file,
// synced; unstamped and blank forms, validations and 304s are not.
func TestAuditFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syncs := 0
	h := newHandler(t, Config{Seals: storeWith(t, "jingkai"), Open: true, Audit: f, AuditSync: func() error {
		syncs++
		return f.Sync()
	}})
	stamped := []struct {
		id   forms.ID
		seal string
	}{{forms.LandingID, "jingkai"}, {forms.SigningID, "specimen"}, {forms.SupervisionID, "specimen"}}
	var docs [][]byte
	for _, s := range stamped {
		body := example(t, s.id)
		if s.id != forms.SupervisionID {
			body = withSeal(t, s.id, s.seal)
		}
		w := call(t, h, "POST", "/v1/forms/"+string(s.id)+"?format=docx", body, "X-Request-ID", "req-"+string(s.id))
		if w.Code != http.StatusOK {
			t.Fatalf("%s: status %d", s.id, w.Code)
		}
		docs = append(docs, w.Body.Bytes())
		// Asked again with its ETag: 304, not a new delivery.
		call(t, h, "POST", "/v1/forms/"+string(s.id)+"?format=docx", body, "If-None-Match", w.Header().Get("ETag"))
	}
	call(t, h, "POST", "/v1/forms/landing?format=docx", withSeal(t, forms.LandingID, ""))
	call(t, h, "POST", "/v1/forms/landing/validate", withSeal(t, forms.LandingID, "jingkai"))
	call(t, h, "GET", "/v1/forms/landing/blank", nil)

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != len(stamped) || syncs != len(stamped) {
		t.Fatalf("%d audit lines, %d syncs, want %d:\n%s", len(lines), syncs, len(stamped), data)
	}
	for i, line := range lines {
		var rec AuditRecord
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		sum := sha256.Sum256(docs[i])
		s := stamped[i]
		if rec.Form != string(s.id) || rec.Format != "docx" || len(rec.Seals) != 1 || rec.Seals[0] != s.seal ||
			rec.SHA256 != hex.EncodeToString(sum[:]) || rec.Bytes != len(docs[i]) || rec.RequestID != "req-"+string(s.id) {
			t.Errorf("record %+v", rec)
		}
		if _, err := time.Parse(time.RFC3339Nano, rec.Time); err != nil {
			t.Errorf("time %q: %v", rec.Time, err)
		}
	}
}

// failingWriter refuses every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// A stamped document whose audit record cannot be written is not
// delivered.
func TestAuditFailureWithholdsDocument(t *testing.T) {
	h := newHandler(t, Config{Audit: failingWriter{}})
	w := call(t, h, "POST", "/v1/forms/landing?format=docx", example(t, forms.LandingID))
	decodeProblem(t, w, http.StatusInternalServerError)
	if w := call(t, h, "POST", "/v1/forms/landing?format=docx", withSeal(t, forms.LandingID, "")); w.Code != http.StatusOK {
		t.Errorf("an unstamped form: status %d", w.Code)
	}
}

// The audit file written concurrently holds whole lines.
func TestAuditConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("renders many forms")
	}
	var buf syncBuffer
	h := newHandler(t, Config{Audit: &buf})
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 3 {
				call(t, h, "POST", "/v1/forms/supervision?format=docx", example(t, forms.SupervisionID))
			}
		}()
	}
	for range 8 {
		<-done
	}
	sc := bufio.NewScanner(strings.NewReader(buf.String()))
	n := 0
	for sc.Scan() {
		if !json.Valid(sc.Bytes()) {
			t.Errorf("line %q is not JSON", sc.Text())
		}
		n++
	}
	if n != 24 {
		t.Errorf("%d lines, want 24", n)
	}
}
