//go:build unix

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// lockDir refuses a named pipe or a file, naming it, at once: an -out or
// -state that names a pipe made a run wait for a writer for ever.
func TestLockDirRefusesNonDirectory(t *testing.T) {
	dir := t.TempDir()
	fifo, file := filepath.Join(dir, "fifo"), filepath.Join(dir, "file")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo: fifo + ": it is a named pipe, not a directory",
		file: file + ": it is a file, not a directory",
	} {
		done := make(chan error, 1)
		go func() {
			unlock, err := lockDir(path, false)
			if err == nil {
				unlock()
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("lockDir(%s) error = %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("lockDir(%s) blocked", path)
		}
	}
	unlock, err := lockDir(dir, true)
	if err != nil {
		t.Fatalf("lockDir(a directory): %v", err)
	}
	unlock()
}
