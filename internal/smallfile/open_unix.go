//go:build unix

package smallfile

import "syscall"

// openNonBlocking opens a file without waiting: opening a FIFO for reading
// returns at once instead of blocking until a writer appears.
const openNonBlocking = syscall.O_NONBLOCK
