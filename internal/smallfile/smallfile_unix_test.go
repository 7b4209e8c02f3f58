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

// A FIFO without a writer and a character device are refused at once, by
// Read and by Open: an open of the FIFO would wait for a writer, and
// /dev/zero never ends. Open opens a regular file of any size.
func TestReadRefusesPipesAndDevices(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	readers := map[string]func(string) error{
		"Read": func(p string) error { _, err := Read(p, 1<<20); return err },
		"Open": func(p string) error {
			fh, err := Open(p)
			if err == nil {
				fh.Close()
			}
			return err
		},
	}
	for path, want := range map[string]string{
		fifo:        "it is not a regular file (a named pipe)",
		"/dev/zero": "it is not a regular file (a character device)",
	} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		for name, read := range readers {
			done := make(chan error, 1)
			go func() { done <- read(path) }()
			select {
			case err := <-done:
				var kind *NotRegularError
				if !errors.As(err, &kind) || err.Error() != want {
					t.Errorf("%s(%s) error = %v, want %q", name, path, err, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s(%s) blocked", name, path)
			}
		}
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := readers["Open"](file); err != nil {
		t.Errorf("Open(a regular file): %v", err)
	}
}
