package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// ManifestName is the file every output directory of simulate holds; a
// directory without it is not simulate's to replace.
const ManifestName = "manifest.json"

// Replaceable reports, as an error, why dir may not be replaced by a new
// output directory: it is a file, or a non-empty directory without a
// manifest.json (so not the output of an earlier run). A missing dir is
// replaceable.
func Replaceable(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("will not replace %s: it is a file, not the output of an earlier run; move it or choose another -out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil {
		return fmt.Errorf("will not replace %s: it is not the output of an earlier run (no %s in it); move it or choose another -out", dir, ManifestName)
	}
	return nil
}

// WriteDir creates dir with the files fill writes into it, whole or not at
// all: fill writes into a fresh temporary directory beside dir, which
// replaces dir only if fill succeeds and wrote a manifest.json. On failure
// nothing is left behind and an existing dir is untouched. An existing dir
// that is not an earlier output (see Replaceable) is refused before fill
// runs. Temporary directories left by an interrupted earlier run are
// removed first.
func WriteDir(dir string, fill func(tmp string) error) error {
	if err := Replaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	prefix := "." + filepath.Base(dir) + ".tmp-"
	stale, _ := filepath.Glob(filepath.Join(parent, prefix+"*"))
	for _, s := range stale {
		os.RemoveAll(s)
	}
	tmp, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return err
	}
	fail := func(err error) error {
		os.RemoveAll(tmp)
		return err
	}
	if err := fill(tmp); err != nil {
		return fail(err)
	}
	if _, err := os.Stat(filepath.Join(tmp, ManifestName)); err != nil {
		return fail(fmt.Errorf("internal error: %s was not written to %s", ManifestName, dir))
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	// Move the old output aside, the new one in, then delete the old: a
	// failed rename leaves the earlier output in place.
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fail(fmt.Errorf("replacing %s: %w", dir, err))
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fail(err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

// WriteFile writes a file inside a directory being filled by WriteDir.
func WriteFile(dir, name string, write func(f *os.File) error) error {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ListFiles returns the paths of the regular files under dir, relative to
// it, with forward slashes, sorted.
func ListFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(out)
	return out, err
}
