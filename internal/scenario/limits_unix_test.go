//go:build unix

package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Only regular files are read, as the scenario or through extends: a FIFO
// or a device would block or never end.
func TestLoadOnlyRegularFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"stdin.toml": "extends = \"/dev/stdin\"\n",
		"null.toml":  "extends = \"/dev/null\"\n",
		"fifo.toml":  "extends = \"fifo\"\n",
	})
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	for name, want := range map[string]string{
		fifo:        fifo + ": cannot read the scenario: it is not a regular file (a named pipe); a scenario is read only from a regular file",
		"fifo.toml": `fifo.toml:1: extends: cannot read "fifo": it is not a regular file (a named pipe); a scenario is read only from a regular file (the path is relative to the directory of fifo.toml)`,
		"null.toml": `null.toml:1: extends: cannot read "/dev/null": it is not a regular file (a character device); a scenario is read only from a regular file (the path is relative to the directory of null.toml)`,
	} {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, name)
		}
		done := make(chan error, 1)
		go func() { _, err := Load(path); done <- err }()
		select {
		case err := <-done:
			got := fmt.Sprint(err)
			if !filepath.IsAbs(name) {
				got = strings.TrimPrefix(got, dir+string(os.PathSeparator))
			}
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) blocked", name)
		}
	}
	if _, err := os.Stat("/dev/stdin"); err == nil {
		if _, err := Load(filepath.Join(dir, "stdin.toml")); err == nil || !strings.Contains(err.Error(), "it is not a regular file") {
			t.Errorf("extends = /dev/stdin: got %v, want a refusal", err)
		}
	}
}
