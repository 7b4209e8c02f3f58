//go:build unix

package output

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"
)

// processAlive reports whether a process with this id is running (or may
// be: one of another user answers EPERM). A zombie — a process that has
// ended but that its parent has not yet waited for — answers kill(2) as a
// running one does, so where /proc tells a process's state (Linux), a
// zombie is taken to have ended: it runs no more code and holds nothing.
func processAlive(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc here, or the process ended since
	}
	state, ok := procState(stat)
	return !ok || !ended(state)
}

// procState returns the state of a process from its /proc/PID/stat line,
// "PID (COMM) STATE ...": the letter after the command's name, which is in
// parentheses and may itself hold spaces and parentheses (so the last
// ") " ends it). ok is false if the line is not of that form.
func procState(stat []byte) (state byte, ok bool) {
	i := bytes.LastIndex(stat, []byte(") "))
	if i < 0 || i+2 >= len(stat) {
		return 0, false
	}
	return stat[i+2], true
}

// ended reports whether a /proc state letter is one of a process that has
// ended: Z (a zombie) or X (dead, being removed).
func ended(state byte) bool { return state == 'Z' || state == 'X' }
