//go:build unix

package forecast

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A record named by a named pipe is refused at once: opening the pipe
// would wait for a writer that never comes.
func TestReadRecordRefusesPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "record.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() { _, err := ReadRecord(fifo); done <- err }()
	select {
	case err := <-done:
		if want := fifo + ": not a regular file"; err == nil || err.Error() != want {
			t.Errorf("got %v, want %s", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ReadRecord blocked on a named pipe")
	}
}
