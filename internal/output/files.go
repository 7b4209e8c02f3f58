package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// File is one output file in memory: its path inside the output directory
// (slash-separated, e.g. "series.csv" or "charts/gdp.svg") and its bytes.
type File struct {
	Name string
	Data []byte
}

// Encode returns the file that write produces, for writers of an
// io.Writer such as WriteSeriesCSV.
func Encode(name string, write func(io.Writer) error) (File, error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return File{}, err
	}
	return File{Name: name, Data: b.Bytes()}, nil
}

// Names returns the files' names, sorted as ListFiles sorts a directory.
func Names(files []File, more ...string) []string {
	out := slices.Clone(more)
	for _, f := range files {
		out = append(out, f.Name)
	}
	slices.Sort(out)
	return out
}

// WriteFiles writes the files into dir (a directory being filled by
// WriteDir), creating the subdirectories their names need. A name that is
// absolute or leaves dir is an error, before anything is written.
//
// The files are written on every core: each is a few system calls
// (creating it, writing it, closing it) whose time is the kernel's, and an
// ensemble's output is 63 files.
func WriteFiles(dir string, files []File) error {
	paths := make([]string, len(files))
	for i, f := range files {
		clean := path.Clean(f.Name)
		if f.Name == "" || path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
			return fmt.Errorf("internal error: output file name %q is not inside the output directory", f.Name)
		}
		paths[i] = filepath.Join(dir, filepath.FromSlash(clean))
	}
	made := map[string]bool{}
	for _, p := range paths {
		if sub := filepath.Dir(p); !made[sub] {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
			made[sub] = true
		}
	}
	errs := make([]error, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				errs[i] = os.WriteFile(paths[i], files[i].Data, 0o644)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Creator returns a function that creates files in dir (a directory being
// filled by WriteDir) for output streamed as it is computed, such as every
// run of a large ensemble.
func Creator(dir string) func(name string) (io.WriteCloser, error) {
	return func(name string) (io.WriteCloser, error) {
		return os.Create(filepath.Join(dir, filepath.FromSlash(name)))
	}
}
