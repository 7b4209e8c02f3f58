package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
