// Package progress draws a progress bar on a terminal for long work, such
// as a large ensemble, and nothing anywhere else (a file, a pipe, a test's
// buffer).
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"simulate/internal/output"
	"simulate/internal/plaintext"
)

// Timing of the progress bar: it appears only once the work has taken
// progressDelay (quick work stays silent) and is redrawn every
// progressEvery.
const (
	progressDelay = 500 * time.Millisecond
	progressEvery = 100 * time.Millisecond
	progressWidth = 30 // characters of the bar itself
)

// terminal returns the terminal that w writes to (a character device),
// where a progress bar that redraws itself in place makes sense, looking
// through writers that wrap another (an Unwrap method, as
// plaintext.TerminalWriter has). Anything else (a file, a pipe, a test's
// buffer) gets no progress bar.
func terminal(w io.Writer) (*os.File, bool) {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			break
		}
		w = u.Unwrap()
	}
	f, ok := w.(*os.File)
	if !ok {
		return nil, false
	}
	st, err := f.Stat()
	return f, err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Start shows the progress of total units of work (done counts
// those finished) on w when it is a terminal, from progressDelay on. The
// returned function stops it and erases the bar. The bar is drawn on the
// terminal itself, its carriage returns included; what, which may be a
// file name, is written with its control characters escaped.
func Start(w io.Writer, what string, total int, done *atomic.Int64) (stop func()) {
	tty, ok := terminal(w)
	if !ok {
		return func() {}
	}
	w = tty
	what = strings.NewReplacer("\n", " ", "\t", " ").Replace(plaintext.Terminal(what))
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
		output.Thousands(done), output.Thousands(total))
}

// On returns the progress reporter of ensembles for w: Start's bar, for
// study.RunOptions.Progress.
func On(w io.Writer) func(name string, runs int, done *atomic.Int64) (stop func()) {
	return func(name string, runs int, done *atomic.Int64) func() { return Start(w, name, runs, done) }
}
