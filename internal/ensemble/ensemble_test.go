package ensemble

import (
	"errors"
	"math"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat"

	"simulate/internal/scenario"
	"simulate/model"
)

// riskyScenario is 3.5pct.toml with three risks and three uncertain
// coefficients, the kind of ensemble a class would run.
func riskyScenario(t testing.TB, runs int) *model.Scenario {
	t.Helper()
	l, err := scenario.Load("../../scenarios/3.5pct.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc := l.Scenario
	sc.Runs, sc.Seed = runs, 42
	sc.Risks = []model.Risk{
		{Kind: model.PoliticalCrisis, Actor: model.ROK, Probability: 0.05, SeverityMin: 0.2, SeverityMax: 0.8},
		{Kind: model.DPRKProvocation, Probability: 0.3, SeverityMin: 0.1, SeverityMax: 0.6},
		{Kind: model.TradeDispute, Probability: 0.1, SeverityMin: 0.5, SeverityMax: 0.5, FromYear: 2027},
	}
	for _, a := range []model.Actor{model.US, model.ROK, model.DPRK, model.CHN, model.JPN} {
		sc.Uncertain = append(sc.Uncertain, model.ParamRef{Key: "inertia", Actor: a})
	}
	sc.Uncertain = append(sc.Uncertain, model.ParamRef{Key: "rok_resolve"}, model.ParamRef{Key: "decoupling_max"})
	return sc
}

func mustRun(t *testing.T, sc *model.Scenario, opt Options) *Bands {
	t.Helper()
	b, err := Run(sc, opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBandsIndependentOfWorkers: the same seed gives the same bands with
// one worker or several, and with GOMAXPROCS 1 or 2 (the CLI's default of
// one worker per core).
func TestBandsIndependentOfWorkers(t *testing.T) {
	sc := riskyScenario(t, 300)
	want := mustRun(t, sc, Options{Workers: 1})
	for _, w := range []int{2, 3, 7} {
		if got := mustRun(t, sc, Options{Workers: w}); !reflect.DeepEqual(got.Values, want.Values) {
			t.Errorf("%d workers: the bands differ from one worker's", w)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		if got := mustRun(t, sc, Options{}); !reflect.DeepEqual(got.Values, want.Values) {
			t.Errorf("GOMAXPROCS=%d: the bands differ from one worker's", procs)
		}
	}
	other := *sc
	other.Seed++
	if got := mustRun(t, &other, Options{}); reflect.DeepEqual(got.Values, want.Values) {
		t.Error("another seed gave the same bands")
	}
}

// collect streams an ensemble and returns each run's values, in the order
// Write saw them.
func collect(t *testing.T, sc *model.Scenario, workers int) (runs []int, values [][]float64, b *Bands) {
	t.Helper()
	var mu sync.Mutex
	encoded := 0
	b = mustRun(t, sc, Options{Workers: workers,
		Encode: func(r *Replication) {
			mu.Lock()
			encoded++
			mu.Unlock()
		},
		Write: func(r *Replication) error {
			runs = append(runs, r.Run)
			values = append(values, slices.Clone(r.Values))
			return nil
		}})
	if encoded != sc.Runs {
		t.Errorf("Encode called %d times for %d runs", encoded, sc.Runs)
	}
	return runs, values, b
}

// TestStreamInRunOrder: Write sees every run once, in run order, with the
// same values whatever the number of workers; the bands are the mean and
// stat.Quantile (Empirical) of those values.
func TestStreamInRunOrder(t *testing.T) {
	sc := riskyScenario(t, 60)
	runs, values, b := collect(t, sc, 3)
	for i, r := range runs {
		if r != i || len(runs) != sc.Runs {
			t.Fatalf("Write saw runs %v, want 0..%d in order", runs, sc.Runs-1)
		}
	}
	_, one, _ := collect(t, sc, 1)
	if !reflect.DeepEqual(values, one) {
		t.Error("three workers streamed other values than one worker")
	}
	ny := len(b.Years)
	varied := 0
	for i := range b.Series {
		for tt := range b.Years {
			x := make([]float64, len(values))
			for r := range values {
				x[r] = values[r][i*ny+tt]
			}
			slices.Sort(x)
			st := b.At(i, tt)
			if st.Q[P50] != stat.Quantile(0.5, stat.Empirical, x, nil) || st.Q[P05] != x[2] || st.Q[P95] != x[56] {
				t.Fatalf("%s %s %d: quantiles %v, want those of the streamed values", b.Series[i].Indicator, b.Series[i].Subject, b.Years[tt], st.Q)
			}
			if math.Abs(st.Mean-stat.Mean(x, nil)) > 1e-9*math.Max(1, math.Abs(st.Mean)) {
				t.Fatalf("mean %v, want %v", st.Mean, stat.Mean(x, nil))
			}
			if x[0] != x[len(x)-1] {
				varied++
			}
		}
	}
	if varied == 0 {
		t.Error("no value varied across the runs: the risks and draws did nothing")
	}
}

// TestReplicationIsReproducible: a run computed by hand from the scenario,
// its draws and its shocks gives the values the ensemble streamed for it.
func TestReplicationIsReproducible(t *testing.T) {
	sc := riskyScenario(t, 20)
	_, values, b := collect(t, sc, 2)
	const r = 13
	run := *sc
	sampler, err := model.NewSampler(sc)
	if err != nil {
		t.Fatal(err)
	}
	sampler.Draw(&run.Params, r, nil)
	m, err := model.NewModel(&run)
	if err != nil {
		t.Fatal(err)
	}
	events := m.EventsByYear()
	for k := range events {
		events[k] = run.Shocks(events[k], r, sc.StartYear+k)
	}
	res, err := m.Run(events)
	if err != nil {
		t.Fatal(err)
	}
	ny := len(b.Years)
	for i := range res.Series {
		for tt := range res.Years {
			if got, want := values[r][i*ny+tt], res.At(i, tt); got != want {
				t.Fatalf("run %d: %s %s in %d: streamed %v, by hand %v", r, res.Series[i].Indicator, res.Series[i].Subject, res.Years[tt], got, want)
			}
		}
	}
}

// TestEnsembleWithoutRandomness: with no risks and no uncertain
// coefficients every run is the reference run, and so is every band.
func TestEnsembleWithoutRandomness(t *testing.T) {
	sc := riskyScenario(t, 25)
	sc.Risks, sc.Uncertain = nil, nil
	b := mustRun(t, sc, Options{})
	ref, err := model.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Series {
		for tt := range b.Years {
			st, v := b.At(i, tt), ref.At(i, tt)
			if st.Mean != v || slices.ContainsFunc(st.Q[:], func(q float64) bool { return q != v }) {
				t.Fatalf("%s %s %d: %+v, want every statistic %v", b.Series[i].Indicator, b.Series[i].Subject, b.Years[tt], st, v)
			}
		}
	}
}

// TestStreamWriteError: a failing Write stops the ensemble with its error
// (and does not hang the workers).
func TestStreamWriteError(t *testing.T) {
	sc := riskyScenario(t, 200)
	boom := errors.New("disk full")
	_, err := Run(sc, Options{Workers: 2, Write: func(r *Replication) error {
		if r.Run == 17 {
			return boom
		}
		return nil
	}})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want %v", err, boom)
	}
}

// TestRunRejects an ensemble of no runs and a scenario whose uncertain
// coefficient cannot be drawn.
func TestRunRejects(t *testing.T) {
	sc := riskyScenario(t, 1)
	sc.Runs = 0
	if _, err := Run(sc, Options{}); err == nil || !strings.Contains(err.Error(), "at least one run") {
		t.Errorf("no runs: error %v, want one asking for at least one run", err)
	}
	sc.Runs = 1
	sc.Uncertain = []model.ParamRef{{Key: "sma_step_year"}}
	if _, err := Run(sc, Options{Runs: 2}); err == nil {
		t.Error("a coefficient with no range to draw from: no error")
	}
}

// TestBinnedBands checks the bands of an ensemble too large to keep every
// run: means as exact as the exact path's, quantiles within half a bin of
// the exact ones (a bin is a 2,048th of the pilot runs' spread), and the
// same bands with any number of workers.
func TestBinnedBands(t *testing.T) {
	const runs = 3000 // above pilotRuns, so that binning is used
	sc := riskyScenario(t, runs)
	var pilotMin, pilotMax []float64 // per cell, over the pilot runs
	exact := mustRun(t, sc, Options{Workers: 2, Write: func(r *Replication) error {
		if pilotMin == nil {
			pilotMin, pilotMax = slices.Clone(r.Values), slices.Clone(r.Values)
		}
		if r.Run < pilotRuns {
			for c, v := range r.Values {
				pilotMin[c], pilotMax[c] = math.Min(pilotMin[c], v), math.Max(pilotMax[c], v)
			}
		}
		return nil
	}})
	binned := mustRun(t, sc, Options{Workers: 2, MaxSampleBytes: 1})
	if exact.Binned || !binned.Binned || !strings.Contains(binned.Method(), "binned") {
		t.Errorf("Binned: exact %v, binned %v (%q)", exact.Binned, binned.Binned, binned.Method())
	}
	ny := len(exact.Years)
	moved := 0
	for i := range exact.Series {
		for y := range exact.Years {
			c := i*ny + y
			halfBin := (pilotMax[c] - pilotMin[c]) / numBins
			want, got := exact.At(i, y), binned.At(i, y)
			if d := math.Abs(got.Mean - want.Mean); d > 1e-12*math.Max(1, math.Abs(want.Mean)) {
				t.Errorf("%s %d: mean %v, want %v", exact.Series[i].Indicator, exact.Years[y], got.Mean, want.Mean)
			}
			for k := range Probs {
				if d := math.Abs(got.Q[k] - want.Q[k]); d > halfBin*(1+1e-9) {
					t.Errorf("%s for %s in %d: p%02.0f %v, want %v ± %v", exact.Series[i].Indicator, exact.Series[i].Subject,
						exact.Years[y], 100*Probs[k], got.Q[k], want.Q[k], halfBin)
				}
			}
			if want.Q[P05] != want.Q[P95] {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Fatal("no cell varies across the runs: the test shows nothing")
	}
	for _, w := range []int{1, 3} {
		if got := mustRun(t, sc, Options{Workers: w, MaxSampleBytes: 1}); !reflect.DeepEqual(got.Values, binned.Values) {
			t.Errorf("binned, %d workers: the bands differ from two workers'", w)
		}
	}
}
