//go:build unix

package serve

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"simulate/internal/scenario"
)

// A session log, or a lock file, that is a named pipe is refused at once,
// naming the file and its kind, by a replay and by a server resuming from
// its state directory: reading a pipe with no writer waited for ever.
func TestLogRefusesPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, LogName)
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	lockDir := filepath.Join(t.TempDir(), "state")
	os.Mkdir(lockDir, 0o700)
	lockFIFO := filepath.Join(lockDir, LockName)
	if err := syscall.Mkfifo(lockFIFO, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		do   func() error
		want string
	}{
		"replay": {func() error { _, err := Replay(fifo, t.TempDir(), nil); return err },
			fifo + ": it is not a regular file (a named pipe); a session log is a regular file"},
		"resume": {func() error { _, err := Open(nil, Options{StateDir: dir}); return err },
			fifo + ": it is not a regular file (a named pipe); a session log is a regular file"},
		"lock": {func() error { _, err := Open(bundledConfig(t), Options{StateDir: lockDir}); return err },
			lockFIFO + ": it is not a regular file (a named pipe); a lock file is a regular file that holds a process id: remove it"},
	} {
		done := make(chan error, 1)
		go func() { done <- c.do() }()
		select {
		case err := <-done:
			var se *scenario.Error
			if !errors.As(err, &se) || err.Error() != c.want {
				t.Errorf("%s: %v\nwant %s", name, err, c.want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: blocked on the named pipe", name)
		}
	}
}
