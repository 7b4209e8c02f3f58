//go:build unix

package output

import (
	"errors"
	"os"
	"syscall"

	"simulate/internal/scenario"
	"simulate/internal/smallfile"
)

// lockDir takes the advisory lock (flock(2)) of the directory dir, shared
// to look at what it holds or exclusive to change it, waiting while
// another process holds it; unlock releases it. The kernel releases it
// too when the process ends, however it ends, so it is never stale.
//
// A dir that is not a directory is refused, naming it (a *scenario.Error,
// since dir comes from the user's -out or -state), and it is opened
// without waiting: opening a named pipe would wait for a writer for ever.
func lockDir(dir string, exclusive bool) (unlock func(), err error) {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		kind := "a file"
		if !st.Mode().IsRegular() {
			kind = smallfile.Kind(st.Mode())
		}
		return nil, &scenario.Error{File: dir, Msg: "it is " + kind + ", not a directory"}
	}
	f, err := os.OpenFile(dir, os.O_RDONLY|syscall.O_NONBLOCK, 0)
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
