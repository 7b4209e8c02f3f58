//go:build !unix

package scenario

// openNonBlocking is 0 where there are no FIFOs to block on opening, or no
// O_NONBLOCK (js/wasm, where the explorer page runs the loader).
const openNonBlocking = 0
