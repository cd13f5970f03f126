package server

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// AuditRecord is one line of the seal audit: a stamped document delivered.
type AuditRecord struct {
	// Time is when the document was delivered, RFC 3339 with nanoseconds.
	Time string `json:"time"`
	// RequestID is the request's X-Request-ID.
	RequestID string `json:"request_id"`
	// Client is the name of the client (empty without tokens).
	Client string `json:"client"`
	// Remote is the address the request came from.
	Remote string `json:"remote"`
	// Seals are the seal ids stamped.
	Seals []string `json:"seals"`
	// Form is the form's id.
	Form string `json:"form"`
	// Format is "pdf" or "docx".
	Format string `json:"format"`
	// SHA256 is the hex SHA-256 of the document, as its ETag holds it.
	SHA256 string `json:"sha256"`
	// Bytes is the document's size.
	Bytes int `json:"bytes"`
	// Orders is how many 督办单 a batch (POST /v1/supervision/batch)
	// holds; absent for one form.
	Orders int `json:"orders,omitempty"`
}

// auditLog appends AuditRecords as JSON lines, one writer at a time, and
// syncs each.
type auditLog struct {
	mu   sync.Mutex
	w    io.Writer
	sync func() error
}

func newAuditLog(w io.Writer, sync func() error) *auditLog {
	if sync == nil {
		if f, ok := w.(*os.File); ok {
			sync = f.Sync
		}
	}
	return &auditLog{w: w, sync: sync}
}

// write appends rec; without a writer it does nothing.
func (a *auditLog) write(rec AuditRecord) error {
	if a.w == nil {
		return nil
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.w.Write(line); err != nil {
		return fmt.Errorf("无法写入盖章审计记录：%w", err)
	}
	if a.sync != nil {
		if err := a.sync(); err != nil {
			return fmt.Errorf("无法同步盖章审计记录到磁盘：%w", err)
		}
	}
	return nil
}

// auditTime formats t for an AuditRecord.
func auditTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
