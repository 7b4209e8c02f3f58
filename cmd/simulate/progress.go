package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"simulate/internal/study"
)

// Timing of the progress bar: it appears only once the work has taken
// progressDelay (quick work stays silent) and is redrawn every
// progressEvery.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
	progressWidth = 30 // characters of the bar itself
)

// isTerminal reports whether w is a terminal (a character device), where a
// progress bar that redraws itself in place makes sense. Anything else (a
// file, a pipe, a test's buffer) gets no progress bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// startProgress shows the progress of total units of work (done counts
// those finished) on w when it is a terminal, from progressDelay on. The
// returned function stops it and erases the bar.
func startProgress(w io.Writer, what string, total int, done *atomic.Int64) (stop func()) {
	if !isTerminal(w) {
		return func() {}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-quit:
			return
		case <-time.After(progressDelay):
		}
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		shown := 0
		for {
			line := progressLine(what, int(done.Load()), total)
			fmt.Fprintf(w, "\r%s", line)
			shown = max(shown, len(line))
			select {
			case <-quit:
				fmt.Fprintf(w, "\r%s\r", strings.Repeat(" ", shown))
				return
			case <-tick.C:
			}
		}
	})
	return func() {
		close(quit)
		wg.Wait()
	}
}

// progressLine is one drawing of the bar:
// "3.5pct [#########.....................] 3,000/10,000 runs".
func progressLine(what string, done, total int) string {
	done = min(max(done, 0), total)
	filled := 0
	if total > 0 {
		filled = progressWidth * done / total
	}
	return fmt.Sprintf("%s [%s%s] %s/%s runs", what, strings.Repeat("#", filled), strings.Repeat(".", progressWidth-filled),
		study.Thousands(done), study.Thousands(total))
}

// progressOn returns the progress reporter of ensembles for w: a bar when w
// is a terminal (see startProgress).
func progressOn(w io.Writer) func(name string, runs int, done *atomic.Int64) (stop func()) {
	return func(name string, runs int, done *atomic.Int64) func() { return startProgress(w, name, runs, done) }
}
