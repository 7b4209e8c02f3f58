package ensemble

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeepDefers: a cell whose samples another worker is making is left
// until the chunk's other cells are copied, and then gets its values: keep
// copies every other cell while that cell's lock is held, and every cell
// ends with base's value in the runs before the chunk and the chunk's own
// values in its runs.
func TestKeepDefers(t *testing.T) {
	const (
		cells    = 3 * keepTile
		runs     = 4 // the chunk's
		first    = 4 // its first run
		busy     = 5 // the cell another worker is making
		patience = 10 * time.Second
	)
	e := &engine{base: make([]float64, cells), kept: first + runs,
		samples: make([]atomic.Pointer[[]float64], cells), grow: make([]sync.Mutex, cells)}
	vals := make([]float64, runs*cells) // every value differs from base's 0
	for i := range vals {
		vals[i] = float64(i + 1)
	}
	e.grow[busy].Lock()
	done := make(chan struct{})
	var later []int
	go func() {
		e.keep(vals, first, runs, &later)
		close(done)
	}()
	deadline := time.Now().Add(patience)
	for c := range cells {
		for c != busy && e.samples[c].Load() == nil {
			if time.Now().After(deadline) {
				t.Fatalf("cell %d not copied while cell %d's samples were being made: keep waited", c, busy)
			}
			runtime.Gosched()
		}
	}
	if e.samples[busy].Load() != nil {
		t.Fatalf("cell %d's samples made while its lock was held", busy)
	}
	e.grow[busy].Unlock()
	<-done
	for c := range cells {
		x := *e.samples[c].Load()
		for r, v := range x {
			want := 0.0
			if r >= first {
				want = vals[(r-first)*cells+c]
			}
			if v != want {
				t.Fatalf("cell %d, run %d: %v, want %v", c, r, v, want)
			}
		}
	}
}
