//go:build unix

package output

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"simulate/internal/scenario"
)

// A lock file that is a named pipe is refused at once, naming it: reading
// it would wait for a writer for ever.
func TestLockPIDRefusesPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.lock")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		l, err := LockPID(path)
		if err == nil {
			l.Unlock()
		}
		done <- err
	}()
	select {
	case err := <-done:
		var se *scenario.Error
		want := path + ": it is not a regular file (a named pipe); a lock file is a regular file that holds a process id: remove it"
		if !errors.As(err, &se) || err.Error() != want {
			t.Errorf("LockPID(a FIFO) error = %v\nwant %s", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LockPID(a FIFO) blocked")
	}
}
