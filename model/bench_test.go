package model_test

import (
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

func loadBench(b *testing.B, path string) *model.Scenario {
	b.Helper()
	l, err := scenario.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	return l.Scenario
}

// BenchmarkStep times one model year with all five agents, from the start
// state of model-ally.toml (policy paths, rules, two investment packages).
func BenchmarkStep(b *testing.B) {
	m, err := model.NewModel(loadBench(b, "../scenarios/model-ally.toml"))
	if err != nil {
		b.Fatal(err)
	}
	s := m.Initial()
	events := []model.Event{{Year: s.Year + 1, Kind: model.PoliticalCrisis, Actor: model.ROK, Severity: 0.5}}
	var next model.State
	b.ReportAllocs()
	for b.Loop() {
		next = m.Step(&s, events)
	}
	if next.Year != s.Year+1 {
		b.Fatal("Step did not advance the year")
	}
}

// BenchmarkRun times one full run of 3.5pct.toml (2025–2040), recording
// every series.
func BenchmarkRun(b *testing.B) {
	sc := loadBench(b, "../scenarios/3.5pct.toml")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := model.Run(sc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecord records every series of a 16-year run's states, as the
// run loop hands them over: the recording's share of BenchmarkRun.
func BenchmarkRecord(b *testing.B) {
	m, err := model.NewModel(loadBench(b, "../scenarios/3.5pct.toml"))
	if err != nil {
		b.Fatal(err)
	}
	var states []model.State
	m.Simulate(func(int) []model.Event { return nil }, func(_ int, s *model.State) { states = append(states, *s) })
	res := model.NewResults(states[0].Year, len(states))
	b.ReportAllocs()
	for b.Loop() {
		for t := range states {
			res.Record(t, &states[t])
		}
	}
	if res.Values[len(res.Values)-1] == 0 {
		b.Fatal("nothing recorded")
	}
}

// BenchmarkShocks draws one run's shocks of 3.5pct-risks.toml: 15 years of
// its three risks (an ROK crisis, 5% a year; a DPRK provocation, 30%; a
// trade dispute, 10%).
func BenchmarkShocks(b *testing.B) {
	sc := loadBench(b, "../scenarios/3.5pct-risks.toml")
	if len(sc.Risks) == 0 {
		b.Fatal("3.5pct-risks.toml declares no risks")
	}
	var events []model.Event
	for run := 0; b.Loop(); run++ {
		for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
			events = sc.Shocks(events[:0], run, y)
		}
	}
}
