package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"simulate/internal/scenario"
	"simulate/internal/smallfile"
)

// LockedError says a lock file is held by a process that is running.
type LockedError struct {
	Path string
	PID  int
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is held by process %d", e.Path, e.PID)
}

// maxLockBytes bounds what is read of a lock file: a process id and a
// newline, with room to spare. A larger file names no process.
const maxLockBytes = 64

// maxLockAttempts bounds LockPID's attempts to create a lock file that
// keeps being there after the stale one was removed (a process that does
// not take the directory's lock, creating it again each time).
const maxLockAttempts = 10

// PIDLock is a lock file that holds the id of the process holding it.
type PIDLock struct {
	path     string
	stale    int  // the id the stale lock file taken over named (0 for none)
	tookOver bool // a stale lock file was taken over
}

// TookOver reports whether taking the lock took over a stale lock file,
// and the id of the process that left it (0 if it named none).
func (l *PIDLock) TookOver() (pid int, ok bool) { return l.stale, l.tookOver }

// LockPID takes the lock file at path: it creates it, exclusively
// (O_EXCL), with this process's id in it. A lock file that names a
// running process, this one included, is held: LockPID fails with a
// *LockedError. One left by a process that has ended (a zombie
// included, see processAlive) or that names none (its process ended
// before it wrote its id) is stale: it is
// taken over (see TookOver), for the caller to warn about. The lock of
// the file's directory (lockDir) is held meanwhile, so that two processes
// never both take over one stale file, nor read one not yet written.
// Where processes cannot be asked about (see processAlive), every lock
// file is held. A lock file that is not a regular file (a named pipe,
// which could not be read without waiting for a writer) is refused with
// a *scenario.Error naming it.
//
// The lock file is removed by Unlock and, on an interrupt, by RemoveLive.
func LockPID(path string) (*PIDLock, error) {
	unlock, err := lockDir(filepath.Dir(path), true)
	if err != nil {
		return nil, err
	}
	defer unlock()
	l := &PIDLock{path: path}
	for attempt := 0; attempt < maxLockAttempts; attempt++ {
		if err := live.createLock(path); !errors.Is(err, fs.ErrExist) {
			if err != nil {
				return nil, err
			}
			return l, nil
		}
		b, err := smallfile.Read(path, maxLockBytes)
		var kind *smallfile.NotRegularError
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue // unlocked in between
		case errors.As(err, &kind):
			// Opening a named pipe would wait for ever; no process made it.
			return nil, &scenario.Error{File: path, Msg: kind.Error() + "; a lock file is a regular file that holds a process id: remove it"}
		case errors.As(err, new(*smallfile.TooLargeError)):
			b = nil // no process id: stale
		case err != nil:
			return nil, err
		}
		pid, perr := strconv.Atoi(strings.TrimSpace(string(b)))
		if perr == nil && pid > 0 && processAlive(pid) {
			return nil, &LockedError{Path: path, PID: pid}
		}
		if perr != nil || pid < 0 {
			pid = 0
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		l.stale, l.tookOver = pid, true
	}
	return nil, fmt.Errorf("%s: other processes kept taking it", path)
}

// Unlock removes the lock file.
func (l *PIDLock) Unlock() error {
	return live.removeLock(l.path)
}

// createLock creates the lock file path holding this process's id and
// records it, for RemoveLive.
func (r *registry) createLock(path string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return errors.New("interrupted")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, os.Getpid())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	r.locks[path] = true
	return nil
}

// removeLock removes a lock file this process holds and forgets it.
func (r *registry) removeLock(path string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.locks[path] {
		return nil // removed already, by RemoveLive
	}
	delete(r.locks, path)
	return os.Remove(path)
}
