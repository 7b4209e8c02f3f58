package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
)

// riskyScenario is the benchmark ensemble of docs/PERFORMANCE.md.
const riskyScenario = "../../internal/ensemble/testdata/3.5pct-risks.toml"

// TestEnsembleSameOnAnyCores: the same seed gives byte-identical bands.csv,
// runs.csv, draws.csv and shocks.csv with GOMAXPROCS=1 and =2.
func TestEnsembleSameOnAnyCores(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	outputs := map[int]map[string][]byte{}
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		dir := t.TempDir()
		var stdout, stderr bytes.Buffer
		if err := run([]string{"-out", dir, "-runs", "300", "-runs-csv", riskyScenario}, &stdout, &stderr); err != nil {
			t.Fatalf("GOMAXPROCS=%d: %v\n%s", procs, err, stderr.String())
		}
		if stderr.Len() != 0 {
			t.Errorf("GOMAXPROCS=%d: stderr %q, want nothing (no progress bar off a terminal)", procs, stderr.String())
		}
		outputs[procs] = map[string][]byte{}
		for _, name := range []string{"bands.csv", "runs.csv", "draws.csv", "shocks.csv", "series.csv"} {
			data, err := os.ReadFile(filepath.Join(dir, "3.5pct-risks", name))
			if err != nil {
				t.Fatal(err)
			}
			outputs[procs][name] = data
		}
	}
	for name, one := range outputs[1] {
		if !bytes.Equal(one, outputs[2][name]) {
			t.Errorf("%s differs between GOMAXPROCS=1 and =2", name)
		}
	}
	runs := strings.Count(string(outputs[1]["runs.csv"]), "\n") - 1
	series := strings.Count(string(outputs[1]["series.csv"]), "\n") - 1
	if runs != 300*series {
		t.Errorf("runs.csv has %d rows, want 300 runs × %d rows of series.csv", runs, series)
	}
	if !strings.HasPrefix(string(outputs[1]["draws.csv"]), "run,parameter,actor,value\n0,inertia,US,") {
		t.Errorf("draws.csv starts %.60q", outputs[1]["draws.csv"])
	}
}

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
		if isTerminal(w) {
			t.Errorf("%T taken for a terminal", w)
		}
	}
	var done atomic.Int64
	stop := startProgress(f, "x", 10, &done)
	stop()
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a file", st.Size())
	}
}

// BenchmarkEnsembleCommand runs the whole command on the benchmark
// ensemble (10,000 runs, charts and report), for profiles of where the time
// goes:
//
//	go test -run XXX -bench EnsembleCommand -cpuprofile cpu.out ./cmd/simulate
func BenchmarkEnsembleCommand(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		var stderr bytes.Buffer
		if err := run([]string{"-out", dir, riskyScenario}, io.Discard, &stderr); err != nil {
			b.Fatalf("%v\n%s", err, stderr.String())
		}
	}
}
