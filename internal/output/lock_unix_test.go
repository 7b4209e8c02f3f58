//go:build unix

package output

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"simulate/internal/scenario"
)

// A named pipe or a file where a directory to lock is expected, and a
// named pipe as a lock file, are refused at once, naming them: opening a
// pipe waited for a writer for ever (simulate -out PIPE, a state
// directory's server.lock made a pipe).
func TestLocksRefuseNonDirectoryAndPipe(t *testing.T) {
	dir := t.TempDir()
	fifo, file := filepath.Join(dir, "fifo"), filepath.Join(dir, "file")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	lockDirOf := func(path string) error {
		unlock, err := lockDir(path, false)
		if err == nil {
			unlock()
		}
		return err
	}
	lockPIDOf := func(path string) error {
		l, err := LockPID(path)
		if err == nil {
			l.Unlock()
		}
		return err
	}
	for _, c := range []struct {
		what string
		lock func(string) error
		path string
		want string
	}{
		{"lockDir", lockDirOf, fifo, fifo + ": it is a named pipe, not a directory"},
		{"lockDir", lockDirOf, file, file + ": it is a file, not a directory"},
		{"LockPID", lockPIDOf, fifo, fifo + ": it is not a regular file (a named pipe); a lock file is a regular file that holds a process id: remove it"},
	} {
		done := make(chan error, 1)
		go func() { done <- c.lock(c.path) }()
		select {
		case err := <-done:
			var se *scenario.Error
			if !errors.As(err, &se) || err.Error() != c.want {
				t.Errorf("%s(%s) error = %v\nwant %s", c.what, c.path, err, c.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s(%s) blocked", c.what, c.path)
		}
	}
	if err := lockDirOf(dir); err != nil {
		t.Errorf("lockDir(a directory): %v", err)
	}
}
