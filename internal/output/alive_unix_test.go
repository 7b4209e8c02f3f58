//go:build unix

package output

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// The state letter of a /proc/PID/stat line is the one after the
// command's name, however many parentheses and spaces the name holds.
func TestProcState(t *testing.T) {
	for line, want := range map[string]byte{
		"4242 (simulate) S 1 4242 4242 0 -1":   'S',
		"4242 (simulate) Z 1 4242 4242 0 -1":   'Z',
		"4242 (a) Z (b) R 1 4242 4242 0 -1":    'R',
		"4242 (sleep 1) X 1 4242 4242 0 -1\n":  'X',
		"4242 ((sd-pam)) S 1 4242 4242 0 -1\n": 'S',
		"4242 (x)) ) D 1 4242 4242 0 -1\n":     'D',
		"4242 (no state)":                      0,
		"not a stat line":                      0,
	} {
		got, ok := procState([]byte(line))
		if ok != (want != 0) || got != want {
			t.Errorf("procState(%q) = %q, %v; want %q", line, got, ok, want)
		}
	}
}

// A zombie, a child that has ended but that its parent has not waited
// for, is not alive, though kill(2) answers for it; a running process,
// this one, is.
func TestProcessAliveZombie(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here: a zombie cannot be told from a running process")
	}
	if !processAlive(os.Getpid()) {
		t.Error("this process is not alive")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	pid := cmd.Process.Pid
	stat := "/proc/" + strconv.Itoa(pid) + "/stat"
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		b, err := os.ReadFile(stat)
		if err != nil {
			t.Fatal(err)
		}
		if s, _ := procState(b); s == 'Z' {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the child did not end: %s", b)
		}
	}
	if processAlive(pid) {
		t.Errorf("the zombie process %d is taken to be alive", pid)
	}
}
