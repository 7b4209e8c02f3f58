package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// LogName is the session log's file name in the state directory.
const LogName = "session.jsonl"

// Record is one line of the session log: every accepted move and every
// teacher action, in order. The first record (type "session") holds the
// session's texts, its room code and its teacher token, so that the log
// alone resumes or replays the session.
type Record struct {
	Seq  int       `json:"seq"`
	Time time.Time `json:"time"`
	Type string    `json:"type"` // session, join, move, start, close, reveal, inject, rename, remove, end

	Session *Texts `json:"session_files,omitempty"` // session
	Room    string `json:"room,omitempty"`          // session
	Token   string `json:"token,omitempty"`         // session (the teacher's), join (the team's)

	Team  string `json:"team,omitempty"` // join, move, rename, remove: the team's id
	Name  string `json:"name,omitempty"` // join, rename
	Role  string `json:"role,omitempty"` // join
	Round int    `json:"round,omitempty"`
	Move  *Move  `json:"move,omitempty"`   // move
	Shot  string `json:"inject,omitempty"` // inject: its id
	Year  int    `json:"year,omitempty"`   // inject
	By    string `json:"by,omitempty"`     // close: "deadline" when the deadline closed the round

	// checked is set on a live move already checked against its round
	// (the round's files do not change while it is open).
	checked bool
	// export is a reveal's export, computed outside the session's lock.
	export *exported
}

// Log appends records to a file. Write adds a record; Sync makes every
// record written so far durable. Records written while a sync is under
// way share the next one (a group commit), so that a class's moves at the
// same moment wait for one or two syncs, not one each.
type Log struct {
	mu      sync.Mutex
	f       *os.File
	written int64 // bytes written
	synced  int64 // bytes known to be on disk
	syncing bool
	done    *sync.Cond
	err     error // a failed write or sync: the log takes no more records
}

// ReadLog reads the records of a log. A last line that is not a whole
// record (the server stopped while writing it) is left out and reported
// in torn; it is never an error. good is the length of the file up to the
// end of the last whole record.
func ReadLog(path string) (recs []Record, good int64, torn string, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, "", err
	}
	line := 0
	for len(data) > 0 {
		line++
		end := bytes.IndexByte(data, '\n')
		var rec Record
		if end < 0 || json.Unmarshal(data[:end], &rec) != nil {
			if end < 0 || len(bytes.TrimSpace(data[end+1:])) == 0 {
				return recs, good, fmt.Sprintf("%s:%d: the last line is not a whole record (%d bytes; the server stopped while writing it): ignored", path, line, len(data)), nil
			}
			return nil, 0, "", fmt.Errorf("%s:%d: not a record of a session log", path, line)
		}
		if rec.Seq != len(recs)+1 {
			return nil, 0, "", fmt.Errorf("%s:%d: record %d where %d was expected", path, line, rec.Seq, len(recs)+1)
		}
		recs = append(recs, rec)
		good += int64(end + 1)
		data = data[end+1:]
	}
	return recs, good, "", nil
}

// OpenLog opens the log at path for appending, cutting it to good bytes
// (dropping a torn last line).
func OpenLog(path string, good int64) (*Log, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	if good == 0 {
		// The file is new: make its directory entry durable too.
		if d, err := os.Open(filepath.Dir(path)); err == nil {
			d.Sync()
			d.Close()
		}
	}
	l := &Log{f: f, written: good, synced: good}
	l.done = sync.NewCond(&l.mu)
	return l, nil
}

// Write appends rec as one line and returns the offset a Sync must
// reach for it to be durable.
func (l *Log) Write(rec *Record) (int64, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return 0, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return 0, l.err
	}
	if _, err := l.f.Write(append(b, '\n')); err != nil {
		l.err = err
		return 0, err
	}
	l.written += int64(len(b) + 1)
	return l.written, nil
}

// Sync returns once the log is on disk up to offset end.
func (l *Log) Sync(end int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.synced < end && l.err == nil {
		if l.syncing {
			l.done.Wait()
			continue
		}
		l.syncing = true
		target := l.written
		l.mu.Unlock()
		err := l.f.Sync()
		l.mu.Lock()
		l.syncing = false
		if err != nil {
			l.err = err
		} else {
			l.synced = target
		}
		l.done.Broadcast()
	}
	return l.err
}

// Append writes rec and syncs it.
func (l *Log) Append(rec *Record) error {
	end, err := l.Write(rec)
	if err != nil {
		return err
	}
	return l.Sync(end)
}

// Close closes the log's file.
func (l *Log) Close() error {
	if l == nil {
		return nil
	}
	return l.f.Close()
}

var errNoLog = errors.New("no session log")
