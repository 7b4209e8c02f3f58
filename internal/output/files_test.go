package output

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestWriteFiles: every file lands at its name, in the subdirectories the
// names need, on one core or several; a name outside the directory is an
// error before any file is written.
func TestWriteFiles(t *testing.T) {
	var files []File
	for i := range 40 {
		name := fmt.Sprintf("f%d.txt", i)
		if i%3 > 0 {
			name = fmt.Sprintf("d%d/sub/f%d.txt", i%3, i)
		}
		files = append(files, File{Name: name, Data: []byte(strings.Repeat(name, i))})
	}
	for _, procs := range []int{1, 4} {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir := t.TempDir()
		if err := WriteFiles(dir, files); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
			if err != nil || string(got) != string(f.Data) {
				t.Errorf("GOMAXPROCS %d: %s: %q, %v; want %q", procs, f.Name, got, err, f.Data)
			}
		}
	}
	for _, bad := range []string{"", "/abs", "..", "../x", "a/../../x"} {
		dir := t.TempDir()
		err := WriteFiles(dir, append(files[:3:3], File{Name: bad}))
		if err == nil || !strings.Contains(err.Error(), "not inside the output directory") {
			t.Errorf("name %q: error %v", bad, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("name %q: %d entries written before the error", bad, len(entries))
		}
	}
}
