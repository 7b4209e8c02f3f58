//go:build unix

package smallfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A FIFO without a writer and a character device are refused at once: an
// open of the FIFO would wait for a writer, and /dev/zero never ends.
func TestReadRefusesPipesAndDevices(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	for path, want := range map[string]string{
		fifo:        "it is not a regular file (a named pipe)",
		"/dev/zero": "it is not a regular file (a character device)",
	} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		done := make(chan error, 1)
		go func() { _, err := Read(path, 1<<20); done <- err }()
		select {
		case err := <-done:
			var kind *NotRegularError
			if !errors.As(err, &kind) || err.Error() != want {
				t.Errorf("Read(%s) error = %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Read(%s) blocked", path)
		}
	}
}

// Open refuses a FIFO without a writer at once, as Read does, and opens a
// regular file of any size.
func TestOpenRefusesPipes(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		fh, err := Open(fifo)
		if err == nil {
			fh.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		var kind *NotRegularError
		if !errors.As(err, &kind) || err.Error() != "it is not a regular file (a named pipe)" {
			t.Errorf("Open(a FIFO) error = %v, want a NotRegularError for a named pipe", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open(a FIFO) blocked")
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	fh, err := Open(file)
	if err != nil {
		t.Fatalf("Open(a regular file): %v", err)
	}
	fh.Close()
}
