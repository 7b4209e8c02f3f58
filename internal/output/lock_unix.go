//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes the advisory lock (flock(2)) of the directory dir, shared
// to look at what it holds or exclusive to change it, waiting while
// another process holds it; unlock releases it. The kernel releases it
// too when the process ends, however it ends, so it is never stale.
func lockDir(dir string, exclusive bool) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		if err = syscall.Flock(int(f.Fd()), how); !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, &os.PathError{Op: "lock", Path: dir, Err: err}
	}
	return func() { f.Close() }, nil
}
