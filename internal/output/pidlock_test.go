package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// lockHolder returns the process id a lock file holds.
func lockHolder(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A lock file holds its process's id; while it is there, taking it again
// fails naming that process, and once unlocked it is gone and can be
// taken again.
func TestLockPID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.lock")
	l, err := LockPID(path)
	if err != nil {
		t.Fatal(err)
	}
	if pid, ok := l.TookOver(); ok {
		t.Errorf("a new lock took over a stale one of process %d", pid)
	}
	if got, want := lockHolder(t, path), strconv.Itoa(os.Getpid())+"\n"; got != want {
		t.Errorf("the lock file holds %q, want %q", got, want)
	}
	var held *LockedError
	if _, err := LockPID(path); !errors.As(err, &held) || held.PID != os.Getpid() || held.Path != path {
		t.Errorf("LockPID of a held lock: err = %v, want a LockedError naming process %d", err, os.Getpid())
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Unlock the lock file is still there (%v)", err)
	}
	l, err = LockPID(path)
	if err != nil {
		t.Fatalf("LockPID after Unlock: %v", err)
	}
	l.Unlock()
}

// A lock file left by a process that has ended, or one that names no
// process, is taken over, and the caller learns whose it was.
func TestLockPIDStale(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not asked about there; every lock file is held")
	}
	dead := deadPID(t)
	tooLong := strings.Repeat("1", maxLockBytes+1) // no process id: larger than one
	for text, want := range map[string]int{strconv.Itoa(dead) + "\n": dead, "": 0, "not a pid\n": 0, tooLong: 0} {
		path := filepath.Join(t.TempDir(), "serve.lock")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := LockPID(path)
		if err != nil {
			t.Fatalf("LockPID over %q: %v", text, err)
		}
		if pid, ok := l.TookOver(); !ok || pid != want {
			t.Errorf("LockPID over %q: TookOver = %d, %v; want %d, true", text, pid, ok, want)
		}
		if got, want := lockHolder(t, path), strconv.Itoa(os.Getpid())+"\n"; got != want {
			t.Errorf("the lock file taken over holds %q, want %q", got, want)
		}
		l.Unlock()
	}
}
