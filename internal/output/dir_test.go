package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func writeText(dir, name, text string) error {
	return WriteFile(dir, name, func(f *os.File) error {
		_, err := f.WriteString(text)
		return err
	})
}

// writeRunFiles writes a file and the manifest every output directory has.
func writeRunFiles(dir, name, text string) error {
	if err := writeText(dir, name, text); err != nil {
		return err
	}
	return writeText(dir, ManifestName, "{}")
}

func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "runs", "3.5pct") // parents are created
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "new") }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "series.csv")); string(got) != "new" {
		t.Errorf("series.csv = %q, want %q", got, "new")
	}
	if names := entries(t, filepath.Dir(dir)); len(names) != 1 || names[0] != "3.5pct" { // no temporary directory left
		t.Errorf("beside the output: %v, want only 3.5pct (no temporary directory left)", names)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("directory mode %v (%v), want 0755", fi.Mode().Perm(), err)
	}

	// A second run replaces the directory whole: old files go.
	if err := writeText(dir, "stale.png", "old"); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "newer") }); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, dir); len(names) != 2 || names[0] != ManifestName || names[1] != "series.csv" {
		t.Errorf("after a second run: %v, want only manifest.json and series.csv", names)
	}
}

func TestWriteDirFailure(t *testing.T) {
	parent := t.TempDir()
	boom := errors.New("boom")
	half := func(tmp string) error {
		if err := writeText(tmp, "series.csv", "half"); err != nil {
			return err
		}
		return boom
	}

	// A failed first run leaves nothing.
	dir := filepath.Join(parent, "fresh")
	if err := WriteDir(dir, half); !errors.Is(err, boom) {
		t.Fatalf("WriteDir error = %v, want %v", err, boom)
	}
	if names := entries(t, parent); len(names) != 0 {
		t.Errorf("after a failed run: %v, want nothing", names)
	}

	// A failed later run leaves the earlier output untouched.
	dir = filepath.Join(parent, "kept")
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "good") }); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, half); !errors.Is(err, boom) {
		t.Fatalf("WriteDir error = %v, want %v", err, boom)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "series.csv")); string(got) != "good" {
		t.Errorf("series.csv = %q after a failed run, want the earlier %q", got, "good")
	}
	if names := entries(t, parent); len(names) != 1 {
		t.Errorf("after a failed run: %v, want only kept", names)
	}
}

func TestWriteFileError(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	if err := WriteFile(dir, "x", func(*os.File) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("WriteFile error = %v, want %v", err, boom)
	}
	if err := writeText(filepath.Join(dir, "missing"), "x", ""); err == nil {
		t.Error("writing into a missing directory must fail")
	}
}

func TestWriteDirRefusesForeignDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeText(dir, "precious.txt", "mine"); err != nil {
		t.Fatal(err)
	}
	err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "new") })
	want := "will not replace " + dir + ": it is not the output of an earlier run (no manifest.json in it); move it or choose another -out"
	if err == nil || err.Error() != want {
		t.Fatalf("WriteDir over a foreign directory: %v, want %q", err, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "precious.txt")); string(got) != "mine" {
		t.Errorf("precious.txt = %q after a refused write", got)
	}
}

// deadPID returns the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Only temporaries named exactly for a process that is gone are removed:
// not a user's directory that merely starts alike, nor a live run's.
func TestWriteDirRemovesStaleTemporaries(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not asked about there; nothing is removed")
	}
	parent := t.TempDir()
	dead := strconv.Itoa(deadPID(t))
	parentPID := strconv.Itoa(os.Getppid())
	stale := []string{".run.tmp-" + dead + "-123", ".run.tmp-" + dead + "-4567.old0"}
	kept := []string{
		".run.tmp-" + parentPID + "-99", // a live run's
		".run.tmp-notes",                // a user's
		".run.tmp-12345",                // not of the form
		".run.tmp-" + dead + "-1-mine",
		".runs.tmp-" + dead + "-1", // another output's
	}
	for _, name := range append(stale, kept...) {
		if err := os.Mkdir(filepath.Join(parent, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteDir(filepath.Join(parent, "run"), func(tmp string) error { return writeRunFiles(tmp, "series.csv", "x") }); err != nil {
		t.Fatal(err)
	}
	want := append(append([]string(nil), kept...), "run")
	sort.Strings(want)
	if got := entries(t, parent); !slices.Equal(got, want) {
		t.Errorf("after a write: %v, want %v (only the ended run's temporaries removed)", got, want)
	}
}

// Runs writing one output at once all succeed, and the output is whole:
// one run's files, all of them, and no temporary left.
func TestWriteDirConcurrent(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	const n = 8
	errs := make(chan error, n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			errs <- WriteDir(dir, func(tmp string) error {
				for f := range 20 {
					if err := writeText(tmp, fmt.Sprintf("f%02d.csv", f), strconv.Itoa(i)); err != nil {
						return err
					}
				}
				return writeText(tmp, ManifestName, strconv.Itoa(i))
			})
		}()
	}
	start.Done()
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	checkWhole(t, parent, dir, 21, "run")
}

// RemoveLive removes the temporary directory of a write in progress and
// the lock files held, and later writes fail.
func TestRemoveLive(t *testing.T) {
	defer func() { live.mu.Lock(); live.closed = false; live.mu.Unlock() }()
	parent := t.TempDir()
	filling, stop := make(chan string), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- WriteDir(filepath.Join(parent, "run"), func(tmp string) error {
			filling <- tmp
			<-stop
			return writeRunFiles(tmp, "series.csv", "x")
		})
	}()
	tmp := <-filling
	lock, err := LockPID(filepath.Join(parent, "serve.lock"))
	if err != nil {
		t.Fatal(err)
	}
	RemoveLive()
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary directory is still there (%v)", err)
	}
	if err := lock.Unlock(); err != nil {
		t.Errorf("Unlock after RemoveLive: %v, want nothing left to do", err)
	}
	close(stop)
	if err := <-done; err == nil {
		t.Error("the interrupted write succeeded")
	}
	if got := entries(t, parent); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
	if err := WriteDir(filepath.Join(parent, "later"), func(tmp string) error { return writeRunFiles(tmp, "a", "b") }); err == nil {
		t.Error("a write after RemoveLive succeeded")
	}
}

func TestWriteDirRequiresManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	err := WriteDir(dir, func(tmp string) error { return writeText(tmp, "series.csv", "x") })
	if err == nil {
		t.Fatal("WriteDir accepted an output without manifest.json")
	}
	if _, serr := os.Stat(dir); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a refused output left %s behind", dir)
	}
}

// writerDirEnv names, for the test binary run as a writer process (see
// TestWriteDirConcurrentProcesses), the output directory to write.
const writerDirEnv = "SIMULATE_OUTPUT_TEST_WRITER_DIR"

// writerRounds is how many outputs each writer process writes in a row.
const writerRounds = 15

// TestWriteDirWriterProcess is not a test of its own: it is the writer of
// TestWriteDirConcurrentProcesses, which runs the test binary as several
// processes writing one output directory.
func TestWriteDirWriterProcess(t *testing.T) {
	dir := os.Getenv(writerDirEnv)
	if dir == "" {
		t.Skip("run as a writer process by TestWriteDirConcurrentProcesses")
	}
	for round := range writerRounds {
		who := fmt.Sprintf("%d-%d", os.Getpid(), round)
		if err := WriteDir(dir, func(tmp string) error {
			for f := range 10 {
				if err := writeText(tmp, fmt.Sprintf("f%02d.csv", f), who); err != nil {
					return err
				}
			}
			return writeText(tmp, ManifestName, who)
		}); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
}

// Processes writing one output at once, over and over, all succeed, and the
// output is whole: one write's files, all of them, and no temporary left.
// Each process has its own registry of temporaries, so only what happens
// on disk keeps them apart.
func TestWriteDirConcurrentProcesses(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "run")
	const n = 4
	errs := make(chan error, n)
	for range n {
		go func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriteDirWriterProcess$", "-test.count=1")
			cmd.Env = append(os.Environ(), writerDirEnv+"="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				err = fmt.Errorf("a writer failed: %v\n%s", err, out)
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	checkWhole(t, parent, dir, 11, "write")
}

// checkWhole checks that dir, alone in parent, holds files files, each
// written by the same writer as its manifest (each file holds its
// writer's number): one whole output, not a mix. writer names what wrote
// them in the message.
func checkWhole(t *testing.T, parent, dir string, files int, writer string) {
	t.Helper()
	if got := entries(t, parent); len(got) != 1 || got[0] != "run" {
		t.Errorf("beside the output: %v, want only run", got)
	}
	names := entries(t, dir)
	if len(names) != files {
		t.Fatalf("%d files, want %d: %v", len(names), files, names)
	}
	who, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	for _, name := range names {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != string(who) {
			t.Errorf("%s is from %s %s, the manifest from %s %s: the output is not whole", name, writer, b, writer, who)
		}
	}
}
