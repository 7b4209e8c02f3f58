package ensemble

import (
	"fmt"
	"runtime"
	"testing"

	"simulate/internal/scenario"
)

// BenchmarkEnsemble runs testdata/3.5pct-risks.toml (3.5pct.toml with
// three risks and eight uncertain coefficients, 2025–2040) as ensembles of
// 1,000, 10,000 and 100,000 runs (the last binned: see Run), bands
// included, on every core:
//
//	go test -run XXX -bench Ensemble -benchmem ./internal/ensemble
//	GOMAXPROCS=1 go test -run XXX -bench Ensemble -benchmem ./internal/ensemble
//
// ns/run is the time per run; B/op includes the samples kept for exact
// quantiles (8 bytes per series, year and run).
func BenchmarkEnsemble(b *testing.B) {
	l, err := scenario.Load("testdata/3.5pct-risks.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, runs := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(l.Scenario, Options{Runs: runs}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*runs), "ns/run")
			b.ReportMetric(float64(runtime.GOMAXPROCS(0)), "procs")
		})
	}
}
