package serve

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// A second server on a state directory in use is refused, naming the
// directory and the server's process, and leaves the log alone; once the
// first is closed its lock file is gone and a server resumes there.
func TestStateInUse(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, bundledConfig(t), Options{})
	lockPath := filepath.Join(dir, LockName)
	if got, want := string(must(os.ReadFile(lockPath))), strconv.Itoa(os.Getpid())+"\n"; got != want {
		t.Errorf("the lock file holds %q, want %q", got, want)
	}
	logBefore := must(os.ReadFile(filepath.Join(dir, LogName)))
	_, err := Open(bundledConfig(t), Options{StateDir: dir})
	var inUse *InUseError
	want := "another server (process " + strconv.Itoa(os.Getpid()) + ") is serving the session in " + dir + ": stop it first, or name another directory with -state (if no server runs there, delete its lock file " + lockPath + ")"
	if !errors.As(err, &inUse) || err.Error() != want {
		t.Errorf("a second server: %v\nwant %s", err, want)
	}
	if got := must(os.ReadFile(filepath.Join(dir, LogName))); string(got) != string(logBefore) {
		t.Error("the refused server changed the log")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lockPath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Close the lock file is still there (%v)", err)
	}
	b := openTest(t, dir, nil, Options{})
	if b.Room() != a.Room() {
		t.Errorf("the next server's room %s, want the resumed %s", b.Room(), a.Room())
	}
}

// A server that fails to open leaves no lock file behind, nor the state
// directory it made.
func TestStateLockReleasedOnFailure(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(nil, Options{StateDir: dir}); !errors.Is(err, errNoLog) {
		t.Fatalf("Open without a session or a log: %v, want errNoLog", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed Open left its lock file (%v)", err)
	}
	made := filepath.Join(dir, "state")
	if _, err := Open(nil, Options{StateDir: made}); !errors.Is(err, errNoLog) {
		t.Fatalf("Open without a session or a log: %v, want errNoLog", err)
	}
	if _, err := os.Stat(made); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed Open left the state directory it made (%v)", err)
	}
}

// The lock file of a server whose process has ended is taken over, with a
// warning naming it.
func TestStateStaleLock(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("processes are not asked about there; every lock file is held")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := cmd.Process.Pid
	dir := t.TempDir()
	lockPath := filepath.Join(dir, LockName)
	if err := os.WriteFile(lockPath, []byte(strconv.Itoa(dead)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	openTest(t, dir, bundledConfig(t), Options{Warn: func(w string) { warnings = append(warnings, w) }})
	want := lockPath + " was left by a server that has ended (process " + strconv.Itoa(dead) + "): this one takes the session over"
	if len(warnings) != 1 || warnings[0] != want {
		t.Errorf("warnings %q, want %q", warnings, want)
	}
	if got, want := string(must(os.ReadFile(lockPath))), strconv.Itoa(os.Getpid())+"\n"; got != want {
		t.Errorf("the lock file taken over holds %q, want %q", got, want)
	}
}
