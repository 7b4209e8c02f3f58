package smallfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// A regular file of at most max bytes is read whole; a larger one, a
// directory and a missing file are refused, each with its own error.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{"four": "1234", "five": "12345"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const max = 4
	if b, err := Read(filepath.Join(dir, "four"), max); err != nil || string(b) != "1234" {
		t.Errorf("Read(four) = %q, %v; want the file", b, err)
	}
	var large *TooLargeError
	if _, err := Read(filepath.Join(dir, "five"), max); !errors.As(err, &large) || large.Max != max {
		t.Errorf("Read(five) error = %v, want a TooLargeError of %d bytes", err, max)
	}
	var kind *NotRegularError
	if _, err := Read(dir, max); !errors.As(err, &kind) || err.Error() != "it is a directory, not a file" {
		t.Errorf("Read(a directory) error = %v, want a NotRegularError for a directory", err)
	}
	var pe *fs.PathError
	if _, err := Read(filepath.Join(dir, "none"), max); !errors.As(err, &pe) || pe.Op != "open" || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Read(a missing file) error = %v, want the open's *fs.PathError", err)
	}
}

// ReadFS applies the same rules to the files of an fs.FS.
func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a.toml":   {Data: []byte("ab")},
		"big.toml": {Data: []byte(strings.Repeat("x", 10))},
		"pipe":     {Mode: fs.ModeNamedPipe},
		"dir/b":    {Data: []byte("b")},
	}
	if b, err := ReadFS(fsys, "a.toml", 2); err != nil || string(b) != "ab" {
		t.Errorf("ReadFS(a.toml) = %q, %v; want the file", b, err)
	}
	for name, want := range map[string]string{
		"big.toml": "the file is larger than 9 bytes",
		"pipe":     "it is not a regular file (a named pipe)",
		"dir":      "it is a directory, not a file",
	} {
		if _, err := ReadFS(fsys, name, 9); err == nil || err.Error() != want {
			t.Errorf("ReadFS(%s) error = %v, want %q", name, err, want)
		}
	}
	if _, err := ReadFS(fsys, "none", 9); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFS(a missing file) error = %v, want fs.ErrNotExist", err)
	}
}

func TestKind(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		fs.ModeDir:                        "a directory",
		fs.ModeNamedPipe:                  "a named pipe",
		fs.ModeSocket:                     "a socket",
		fs.ModeDevice | fs.ModeCharDevice: "a character device",
		fs.ModeDevice:                     "a device",
		fs.ModeIrregular:                  "a special file",
	} {
		if got := Kind(mode); got != want {
			t.Errorf("Kind(%v) = %q, want %q", mode, got, want)
		}
	}
}

// growingFS holds files that grew after they were stated: Stat reports one
// byte, reading gives all of Data.
type growingFS struct{ fstest.MapFS }

func (g growingFS) Open(name string) (fs.File, error) {
	f, err := g.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return grownFile{f}, nil
}

type grownFile struct{ fs.File }

func (f grownFile) Stat() (fs.FileInfo, error) {
	st, err := f.File.Stat()
	return oneByte{st}, err
}

type oneByte struct{ fs.FileInfo }

func (oneByte) Size() int64 { return 1 }

// Reading stops past the bound, whatever size the file was stated at.
func TestReadFSGrown(t *testing.T) {
	fsys := growingFS{fstest.MapFS{"grown": {Data: []byte(strings.Repeat("x", 100))}}}
	var large *TooLargeError
	if _, err := ReadFS(fsys, "grown", 10); !errors.As(err, &large) {
		t.Errorf("ReadFS(a file grown past the bound) error = %v, want a TooLargeError", err)
	}
}
