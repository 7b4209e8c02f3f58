//go:build !unix

package smallfile

// openNonBlocking is 0 where there are no FIFOs to block on opening, or no
// O_NONBLOCK (js/wasm, where the explorer page runs the scenario loader).
const openNonBlocking = 0
