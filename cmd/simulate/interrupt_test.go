package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The tests here run the built command as a separate process, since what
// they check (signals, several processes writing one -out) lies outside
// run().

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// simulateBinary builds the command once per test binary and returns its
// path.
func simulateBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "simulate-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "simulate")
		if runtime.GOOS == "windows" {
			binaryPath += ".exe"
		}
		gocmd := filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gocmd); err != nil {
			gocmd = "go"
		}
		out, err := exec.Command(gocmd, "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = errors.New("go build: " + err.Error() + "\n" + string(out))
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryPath != "" {
		os.RemoveAll(filepath.Dir(binaryPath))
	}
	os.Exit(code)
}

// SIGINT or SIGTERM during a long ensemble removes the run's temporary
// directory (hundreds of megabytes with -runs-csv) and exits with 130 or
// 143; an earlier output in -out stays as it was.
func TestSignalLeavesNothingBehind(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT or SIGTERM to send")
	}
	bin := simulateBinary(t)
	scenario, err := filepath.Abs(filepath.Join("..", "..", "scenarios", "3.5pct-risks.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			out := t.TempDir()
			// An earlier output, which the interrupted run must leave as it was.
			earlier := filepath.Join(out, "3.5pct-risks")
			if err := os.MkdirAll(earlier, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(earlier, "manifest.json"), []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd := exec.Command(bin, "-out", out, "-runs", "1000000", "-runs-csv", scenario)
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Wait until the run is writing its temporary directory.
			deadline := time.Now().Add(60 * time.Second)
			for {
				tmps, _ := filepath.Glob(filepath.Join(out, ".3.5pct-risks.tmp-*", "runs.csv"))
				if len(tmps) > 0 {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatalf("no temporary directory with runs.csv after 60 s; stderr:\n%s", stderr.String())
				}
				time.Sleep(20 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // let it write for a moment
			if err := cmd.Process.Signal(c.sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 30 s after %v", c.sig)
			}
			if got := cmd.ProcessState.ExitCode(); got != c.code {
				t.Errorf("exit status %d after %v, want %d; stderr:\n%s", got, c.sig, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), "stopped; no output written") {
				t.Errorf("stderr does not say the run stopped:\n%s", stderr.String())
			}
			if names := dirNames(t, out); len(names) != 1 || names[0] != "3.5pct-risks" {
				t.Errorf("in -out after %v: %v, want only the earlier output", c.sig, names)
			}
			if names := dirNames(t, earlier); len(names) != 1 || names[0] != "manifest.json" {
				t.Errorf("the earlier output changed: %v", names)
			}
		})
	}
}

// Four runs of one scenario into one -out at once all succeed, and the
// output is whole: byte for byte the output of the same run made alone.
func TestConcurrentRunsIntoOneOut(t *testing.T) {
	bin := simulateBinary(t)
	scenario, err := filepath.Abs(filepath.Join("..", "..", "scenarios", "3.5pct-risks.toml"))
	if err != nil {
		t.Fatal(err)
	}
	args := func(out string) []string { return []string{"-out", out, "-runs", "10", scenario} }
	alone := t.TempDir()
	if out, err := exec.Command(bin, args(alone)...).CombinedOutput(); err != nil {
		t.Fatalf("a run alone: %v\n%s", err, out)
	}
	want := readTree(t, filepath.Join(alone, "3.5pct-risks"))

	for trial := range 2 {
		out := t.TempDir()
		const n = 4
		errs := make(chan error, n)
		for range n {
			go func() {
				b, err := exec.Command(bin, args(out)...).CombinedOutput()
				if err != nil {
					err = errors.New(err.Error() + "\n" + string(b))
				}
				errs <- err
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Errorf("trial %d: a run failed: %v", trial, err)
			}
		}
		if names := dirNames(t, out); len(names) != 1 || names[0] != "3.5pct-risks" {
			t.Errorf("trial %d: in -out: %v, want only 3.5pct-risks (no temporary left)", trial, names)
		}
		got := readTree(t, filepath.Join(out, "3.5pct-risks"))
		if len(got) != len(want) {
			t.Errorf("trial %d: %d files, want %d", trial, len(got), len(want))
		}
		for name, w := range want {
			if g, ok := got[name]; !ok || !bytes.Equal(g, w) {
				t.Errorf("trial %d: %s differs from the run made alone (present: %v)", trial, name, ok)
			}
		}
	}
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
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

// readTree returns the contents of every file under dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// SIGINT stops simulate serve with 130, and its message says where the
// session is kept (every action is in the log before it is acknowledged),
// not that nothing was written.
func TestSignalStopsServe(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send")
	}
	bin := simulateBinary(t)
	state := filepath.Join(t.TempDir(), "state")
	cmd, stderr := startIdleServe(t, bin, state)
	log := filepath.Join(state, "session.jsonl")
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if got := cmd.ProcessState.ExitCode(); got != 130 {
		t.Errorf("exit status %d after SIGINT, want 130", got)
	}
	want := "\nsimulate: interrupt: stopped; the session is kept in " + log + ": run the same command again to resume it\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%q\nwant:\n%q", stderr.String(), want)
	}
	if _, err := os.Stat(log); err != nil {
		t.Errorf("the session's log: %v", err)
	}
}

// A second server on the -state of a running one is refused with exit 2
// and a message naming the directory; the running one, stopped by SIGINT,
// takes its lock file with it, so the next server starts without a word
// about it.
func TestServeStateInUse(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send")
	}
	bin := simulateBinary(t)
	state := filepath.Join(t.TempDir(), "state")
	first, _ := startIdleServe(t, bin, state)

	second := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-state", state)
	out, _ := second.CombinedOutput()
	want := "simulate: serve: another server (process " + strconv.Itoa(first.Process.Pid) + ") is serving the session in " + state + ": stop it first, or name another directory with -state (if no server runs there, delete its lock file " + filepath.Join(state, "server.lock") + ")\n"
	if code := second.ProcessState.ExitCode(); code != 2 || !strings.HasPrefix(string(out), want) {
		t.Errorf("a second server: exit %d\n%s\nwant exit 2 and\n%s", code, out, want)
	}

	if err := first.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	if _, err := os.Stat(filepath.Join(state, "server.lock")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stopped server left its lock file (%v)", err)
	}
}

// startIdleServe starts `simulate serve` on a free loopback port with the
// state directory given, and returns once it serves: its last line before
// serving says how to stop it. The server is killed when the test ends,
// unless it has been stopped before.
func startIdleServe(t *testing.T, bin, state string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-state", state)
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	started := make(chan bool, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "stop with Ctrl-C") {
				started <- true
			}
		}
		close(started)
	}()
	select {
	case ok := <-started:
		if !ok {
			cmd.Wait()
			t.Fatalf("serve stopped before serving; stderr:\n%s", stderr.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("serve did not start in 60 s; stderr:\n%s", stderr.String())
	}
	return cmd, &stderr
}
