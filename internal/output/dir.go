package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// ManifestName is the file every output directory of simulate holds; a
// directory without it is not simulate's to replace.
const ManifestName = "manifest.json"

// Replaceable reports, as an error, why dir may not be replaced by a new
// output directory: it is a file, or a non-empty directory without a
// manifest.json (so not the output of an earlier run). A missing dir is
// replaceable. It looks while no other run replaces an output beside dir
// (see WriteDir), so it never sees one half replaced.
func Replaceable(dir string) error {
	unlock, err := lockDir(filepath.Dir(dir), false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no parent, so no dir
	} else if err != nil {
		return err
	}
	defer unlock()
	return replaceable(dir)
}

// replaceable is Replaceable without the lock, for a caller holding it.
func replaceable(dir string) error {
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
// runs.
//
// Runs may write the same dir at once: each fills its own temporary
// directory, named for its process (.NAME.tmp-PID-RANDOM), and the last to
// finish replaces dir whole. A run replaces dir, after checking again that
// it may, while it holds the exclusive lock of dir's parent directory
// (lockDir), so that no other run sees dir missing or half replaced,
// checks it in between or moves it at the same moment. Temporary
// directories left by an interrupted run are removed, but only those whose
// name is exactly of that form and whose process is gone; RemoveLive
// removes this process's own.
func WriteDir(dir string, fill func(tmp string) error) error {
	if err := Replaceable(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	removeStale(parent, filepath.Base(dir))
	tmp, err := live.create(parent, tempPrefix(filepath.Base(dir))+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	fail := func(err error) error {
		live.remove(tmp)
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
	unlock, err := lockDir(parent, true)
	if err != nil {
		return fail(err)
	}
	err = replaceable(dir) // something else may have come to be dir while fill ran
	var old string
	if err == nil {
		old, err = live.swap(tmp, dir)
	}
	unlock()
	if err != nil {
		return fail(err)
	}
	if old != "" {
		live.remove(old)
	}
	return nil
}

// maxSwaps bounds the attempts to move a new output in while other runs
// move theirs in at the same moment.
const maxSwaps = 100

// swap moves the directory tmp in as dir and returns where the earlier dir
// went (a live temporary, for the caller to remove; "" if there was none).
// The earlier output is moved aside first and back if the move in fails,
// so a failure leaves it in place. If another run moved its output in
// between, that output is the earlier one and the move is tried again. It
// holds the registry's lock, so that RemoveLive never runs between the two
// renames (when neither the old output nor the new one is at dir).
func (r *registry) swap(tmp, dir string) (old string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for attempt := 0; attempt < maxSwaps; attempt++ {
		old = ""
		if _, err := os.Lstat(dir); err == nil {
			old = fmt.Sprintf("%s.old%d", tmp, attempt)
			if err := os.Rename(dir, old); err != nil {
				if _, serr := os.Lstat(dir); errors.Is(serr, fs.ErrNotExist) {
					continue // another run moved it aside first
				}
				return "", fmt.Errorf("replacing %s: %w", dir, err)
			}
			r.dirs[old] = true
		}
		err := os.Rename(tmp, dir)
		if err == nil {
			delete(r.dirs, tmp)
			return old, nil
		}
		if _, serr := os.Lstat(dir); serr == nil {
			// Another run's output arrived in between: ours replaces it.
			if old != "" {
				r.removeLocked(old)
			}
			continue
		}
		if old != "" && os.Rename(old, dir) == nil {
			delete(r.dirs, old)
		}
		return "", err
	}
	return "", fmt.Errorf("replacing %s: other runs kept replacing it", dir)
}

// tempPrefix is the start of the names of the temporary directories of
// an output directory named name.
func tempPrefix(name string) string { return "." + name + ".tmp-" }

// removeStale removes the temporary directories beside an output named
// name that an interrupted run left: those named exactly
// .NAME.tmp-PID-DIGITS (or that with .oldN, an earlier output moved aside)
// whose process PID is no longer running. A directory a user named alike,
// and one of a run still writing, are kept.
func removeStale(parent, name string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := tempPrefix(name)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		m := tempName.FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(parent, e.Name()))
	}
}

// tempName is what follows tempPrefix in a temporary directory's name.
var tempName = regexp.MustCompile(`^([1-9][0-9]{0,9})-[0-9]{1,20}(\.old[0-9]{1,3})?$`)

// live is the registry of this process's temporary directories and lock
// files.
var live = &registry{dirs: map[string]bool{}, locks: map[string]bool{}}

// registry knows the temporary directories and the lock files (LockPID) a
// process has on disk, so that they can be removed when the process is
// interrupted.
type registry struct {
	mu     sync.Mutex
	dirs   map[string]bool
	locks  map[string]bool
	closed bool // RemoveLive has run: no new temporary directories or locks
}

// create makes a new temporary directory in parent and records it.
func (r *registry) create(parent, prefix string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return "", errors.New("interrupted")
	}
	tmp, err := os.MkdirTemp(parent, prefix)
	if err == nil {
		r.dirs[tmp] = true
	}
	return tmp, err
}

// remove deletes a temporary directory and forgets it.
func (r *registry) remove(dir string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.removeLocked(dir)
}

func (r *registry) removeLocked(dir string) {
	os.RemoveAll(dir)
	delete(r.dirs, dir)
}

// RemoveLive removes every temporary directory and lock file this process
// has on disk, for a program that is interrupted, and makes any later
// WriteDir or LockPID fail. It waits for a replacement in progress to
// finish. Directories still being filled are removed while their writers
// may still create files in them, so each removal is tried a few times.
func RemoveLive() {
	live.mu.Lock()
	defer live.mu.Unlock()
	live.closed = true
	for dir := range live.dirs {
		for try := 0; try < 5; try++ {
			if os.RemoveAll(dir) == nil {
				break
			}
		}
		delete(live.dirs, dir)
	}
	for path := range live.locks {
		os.Remove(path)
		delete(live.locks, path)
	}
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
