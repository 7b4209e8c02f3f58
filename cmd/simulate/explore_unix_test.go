//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// explore writes its page by a rename over -o, which would replace a named
// pipe or a device itself (-o /dev/null run as root replaced the device by
// a regular file): a target that exists and is not a regular file is a
// usage error, and it is left as it was.
func TestExploreRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "page.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	var stderr bytes.Buffer
	err := run([]string{"explore", "-o", fifo}, io.Discard, &stderr)
	if code := exitCode(err, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	want := "simulate: explore: -o " + fifo + " is a named pipe, not a regular file; name the HTML file to write, e.g. -o explore.html\nrun 'simulate -h' for usage\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the named pipe was replaced: %v %v", st.Mode(), err)
	}
}
