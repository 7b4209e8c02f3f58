//go:build unix

package output

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id is running (or may
// be: one of another user answers EPERM).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
