package progress

import (
	"bytes"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"simulate/internal/plaintext"
)

// TestProgress: the bar reads as a fraction of the runs; off a terminal
// (a buffer, a file) nothing is drawn, however long the work.
func TestProgress(t *testing.T) {
	for _, c := range []struct {
		done, total int
		want        string
	}{
		{0, 10000, "x [..............................] 0/10,000 runs"},
		{2500, 10000, "x [#######.......................] 2,500/10,000 runs"},
		{10000, 10000, "x [##############################] 10,000/10,000 runs"},
		{12, 10, "x [##############################] 10/10 runs"},
	} {
		if got := progressLine("x", c.done, c.total); got != c.want {
			t.Errorf("progressLine(%d, %d) = %q, want %q", c.done, c.total, got, c.want)
		}
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	for _, w := range []interface{ Write([]byte) (int, error) }{&buf, f} {
		if _, ok := terminal(w); ok {
			t.Errorf("%T taken for a terminal", w)
		}
	}
	// A character device is found through a writer that wraps it.
	if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		defer null.Close()
		if st, err := null.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			if got, ok := terminal(plaintext.NewTerminalWriter(null)); !ok || got != null {
				t.Errorf("terminal(TerminalWriter(%s)) = %v, %v; want the device", os.DevNull, got, ok)
			}
		}
	}
	var done atomic.Int64
	stop := Start(f, "x", 10, &done)
	stop()
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a file", st.Size())
	}
}
