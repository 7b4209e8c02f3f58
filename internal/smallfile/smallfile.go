// Package smallfile reads the small input files a user names (scenarios,
// roles and session files, a record of the past): only regular files, and
// no more than a bound. A named pipe or a device is refused before it is
// opened, because opening or reading one can wait for ever (a FIFO with no
// writer, /dev/stdin) or never end (/dev/zero); the opened file is checked
// again, so that what is read is what was checked; and reading stops past
// the bound even if the file grows while it is read.
//
// Errors of the operating system come back as it gives them (an
// *fs.PathError); a file that is not regular is a *NotRegularError and
// one too large a *TooLargeError, each for the caller to word.
package smallfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError says a file is not a regular file: a directory, a named
// pipe, a device, a socket.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	if e.Mode.IsDir() {
		return "it is a directory, not a file"
	}
	return "it is not a regular file (" + Kind(e.Mode) + ")"
}

// TooLargeError says a file is larger than Max bytes.
type TooLargeError struct {
	Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is larger than %d bytes", e.Max)
}

// Kind names the kind of a file that is not regular ("a named pipe", "a
// character device"), for messages that refuse it.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Read reads the file at path, a regular file of at most max bytes. It is
// opened without blocking where the system allows it, in case the path
// became a FIFO after it was checked. A path that cannot be stated is left
// for the open to report.
func Read(path string, max int64) ([]byte, error) {
	if st, err := os.Stat(path); err == nil {
		if err := check(st, max); err != nil {
			return nil, err
		}
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return ReadOpen(fh, max)
}

// Open opens the file at path for reading, a regular file of any size,
// for a caller that reads it in parts and bounds each part (a session
// log, line by line). It is refused before it is opened, and checked
// again once open, as Read does.
func Open(path string) (*os.File, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, &NotRegularError{Mode: st.Mode()}
	}
	fh, err := os.OpenFile(path, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = &NotRegularError{Mode: st.Mode()}
	}
	if err != nil {
		fh.Close()
		return nil, err
	}
	return fh, nil
}

// ReadFS is Read for the file name in fsys.
func ReadFS(fsys fs.FS, name string, max int64) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err == nil {
		if err := check(st, max); err != nil {
			return nil, err
		}
	}
	fh, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return ReadOpen(fh, max)
}

// ReadOpen reads an open file, a regular file of at most max bytes.
func ReadOpen(fh fs.File, max int64) ([]byte, error) {
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if err := check(st, max); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Max: max}
	}
	return data, nil
}

// check refuses a file that is not regular or is larger than max bytes.
func check(st fs.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return &NotRegularError{Mode: st.Mode()}
	}
	if st.Size() > max {
		return &TooLargeError{Max: max}
	}
	return nil
}
