package serve

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"simulate/internal/scenario"
	"simulate/internal/smallfile"
	"simulate/internal/team"
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
	// live is set on a move a team sends now (not one read from the log).
	live bool
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

// Bounds on reading a session log. A log is read line by line, each
// record applied as it is read, so that what it holds in memory is the
// session's state, not the whole file; and a line is bounded, so that a
// file that is not a log (a disk image, one endless line) is refused
// after at most maxRecordBytes rather than filling memory.
const (
	// jsonEscapeBytes is the most bytes JSON writes for one byte of a
	// string (\u003c for <).
	jsonEscapeBytes = 6
	// recordFieldsBytes bounds what a record holds besides its files'
	// texts: the files' names (at most a path's length each), the room,
	// a token, the time.
	recordFieldsBytes = 1 << 20
	// maxRecordBytes bounds a line of the log. The longest record is the
	// session record: the session file and the roles file (each at most
	// team.MaxFileBytes, as the session reads them) and the base's chain
	// (at most scenario.MaxChainBytes), as JSON strings. A move comes
	// from a request's body of at most maxBody bytes, far less.
	maxRecordBytes = jsonEscapeBytes*(2*team.MaxFileBytes+scenario.MaxChainBytes) + recordFieldsBytes
)

// ReadLog reads the records of the log at path, in order, and gives each
// to apply, stopping at the first error apply returns. A last line that
// is not a whole record (the server stopped while writing it) is left out
// and reported in torn; it is never an error. good is the length of the
// file up to the end of the last whole record. A path that is not a
// regular file (a named pipe, a device) is refused before it is opened.
func ReadLog(path string, apply func(*Record) error) (good int64, torn string, err error) {
	return readLog(path, maxRecordBytes, apply)
}

// readLog is ReadLog with lines of at most max bytes.
func readLog(path string, max int, apply func(*Record) error) (good int64, torn string, err error) {
	f, err := smallfile.Open(path)
	if err != nil {
		var kind *smallfile.NotRegularError
		if errors.As(err, &kind) {
			return 0, "", &scenario.Error{File: path, Msg: kind.Error() + "; a session log is a regular file"}
		}
		return 0, "", err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	for line := 1; ; line++ {
		text, whole, err := readLine(r, max)
		switch {
		case err == io.EOF:
			return good, "", nil
		case errors.Is(err, errLongLine):
			return 0, "", &scenario.Error{File: path, Line: line, Msg: fmt.Sprintf("a line longer than %d bytes: not a record of a session log", max)}
		case err != nil:
			return 0, "", err
		}
		var rec Record
		if !whole || json.Unmarshal(text, &rec) != nil {
			if rest, blank := blankRest(r); !whole || blank {
				size := len(text) + rest
				if whole {
					size++
				}
				return good, fmt.Sprintf("%s:%d: the last line is not a whole record (%d bytes; the server stopped while writing it): ignored", path, line, size), nil
			}
			return 0, "", &scenario.Error{File: path, Line: line, Msg: "not a record of a session log"}
		}
		if rec.Seq != line {
			return 0, "", &scenario.Error{File: path, Line: line, Msg: fmt.Sprintf("record %d where %d was expected", rec.Seq, line)}
		}
		if err := apply(&rec); err != nil {
			return 0, "", err
		}
		good += int64(len(text) + 1)
	}
}

// errLongLine is readLine's error for a line longer than its bound.
var errLongLine = errors.New("line too long")

// readLine returns the next line of r without its newline, and whether it
// ended with one (the last line may not); io.EOF once nothing is left. A
// line longer than max bytes is errLongLine, found reading at most max+1
// bytes of it.
func readLine(r *bufio.Reader, max int) (line []byte, whole bool, err error) {
	for {
		chunk, err := r.ReadSlice('\n')
		if n := len(line) + len(chunk); n > max+1 || n == max+1 && err != nil {
			return nil, false, errLongLine
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			return line[:len(line)-1], true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(line) > 0:
			return line, false, nil
		}
		return nil, false, err
	}
}

// blankRest reads what is left of r and reports its length and whether
// it is nothing but white space (it stops at the first byte that is not).
func blankRest(r *bufio.Reader) (n int, blank bool) {
	for {
		b, err := r.ReadByte()
		if err != nil {
			return n, true
		}
		if !strings.ContainsRune(" \t\n\v\f\r", rune(b)) {
			return n, false
		}
		n++
	}
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

// Err returns the error that stopped the log, or nil.
func (l *Log) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// Close closes the log's file.
func (l *Log) Close() error {
	if l == nil {
		return nil
	}
	return l.f.Close()
}

var errNoLog = errors.New("no session log")

// logError is an error in the content of the log at path, in its line
// (0 if none): an invalid input (exit status 2), as a scenario's error is.
func logError(path string, line int, err error) error {
	var se *scenario.Error
	if errors.As(err, &se) {
		return fmt.Errorf("%s: %w", path, err)
	}
	return &scenario.Error{File: path, Line: line, Msg: err.Error()}
}
