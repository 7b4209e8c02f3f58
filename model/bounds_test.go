package model

import (
	"math"
	"strings"
	"testing"
)

// CheckResults is checkResults for the external tests (model_test).
var CheckResults = checkResults

// checkResults fails the test if any reported value is NaN or infinite, any
// quantity is negative, or any index or percentage lies outside [0, 100].
func checkResults(t *testing.T, res *Results) {
	t.Helper()
	bad := 0
	for i, s := range res.Series {
		bounded := strings.HasPrefix(s.Unit, "0–100") || strings.HasPrefix(s.Unit, "%")
		for k, v := range res.Row(i) {
			if !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 && (!bounded || v <= 100) {
				continue
			}
			if bad++; bad <= 10 {
				t.Errorf("%d %s %s = %v (unit %s)", res.Years[k], s.Subject, s.Indicator, v, s.Unit)
			}
		}
	}
	if bad > 10 {
		t.Errorf("... and %d more values out of bounds", bad-10)
	}
}

// TestExtremeInputs runs scenarios at the edges of what a scenario file may
// say and checks that every value stays finite, non-negative and, for
// indices and percentages, within [0, 100].
func TestExtremeInputs(t *testing.T) {
	everyEvent := func(sc *Scenario) {
		for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
			for k := range numEventKinds {
				for a := range NumActors {
					sc.Events = append(sc.Events, Event{Year: y, Kind: k, Actor: a, Severity: 1})
				}
			}
		}
	}
	tests := []struct {
		name   string
		change func(*Scenario)
	}{
		{"as built", func(*Scenario) {}},
		{"zero commitment", func(sc *Scenario) { sc.Alliance.USCommitmentPct = Const(0) }},
		{"zero trust", func(sc *Scenario) {
			sc.Alliance.TrustPct = 0
			sc.Params.TrustEquilibrium = 0
		}},
		{"no trilateral institutions", func(sc *Scenario) { sc.Alliance.Trilateral = 0 }},
		{"zero spending", func(sc *Scenario) {
			for a := range NumActors {
				sc.Actors[a].DefensePct = Const(0)
			}
		}},
		{"huge spending", func(sc *Scenario) {
			for a := range NumActors {
				sc.Actors[a].DefensePct = Const(60)
			}
		}},
		{"zero commitment, no ROK forces", func(sc *Scenario) {
			sc.Alliance.USCommitmentPct = Const(0)
			sc.Actors[ROK].DefensePct = Const(0)
		}},
		{"every event every year", everyEvent},
		{"every event, rules everywhere", func(sc *Scenario) {
			everyEvent(sc)
			for _, a := range []Actor{US, ROK, JPN} {
				sc.Actors[a].InitialDefensePct = sc.Actors[a].DefensePct.At(sc.StartYear)
				sc.Actors[a].DefensePct = Path{}
			}
		}},
		{"huge package", func(sc *Scenario) {
			sc.Investments = []Investment{{From: ROK, To: US, Sector: Shipbuilding, TotalUSDbn: 1e6, StartYear: 2026, EndYear: 2027}}
		}},
		{"prohibitive tariff and a dispute", func(sc *Scenario) {
			sc.Alliance.TariffPct = Const(100)
			sc.Events = append(sc.Events, Event{Year: 2027, Kind: TradeDispute, Severity: 1})
		}},
		{"no people, no personnel, no navies", func(sc *Scenario) {
			for a := range NumActors {
				sc.Actors[a].PopulationM, sc.Actors[a].PersonnelK, sc.Actors[a].NavalKt = 0, Const(0), 0
			}
		}},
		{"boom for a century", func(sc *Scenario) {
			sc.EndYear = 2125
			for a := range NumActors {
				sc.Actors[a].GrowthPct, sc.Actors[a].InflationPct = Const(30), Const(100)
			}
		}},
		{"collapse for three centuries", func(sc *Scenario) {
			sc.EndYear = sc.StartYear + 299
			for a := range NumActors {
				sc.Actors[a].GrowthPct, sc.Actors[a].InflationPct = Const(-30), Const(-20)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			sc.EndYear = 2040
			tt.change(sc)
			res := mustRun(t, sc)
			checkResults(t, res)
		})
	}
}

// TestExtremeParams runs with every coefficient at the low end of its
// plausible range, then at the high end, then alternating, with events.
func TestExtremeParams(t *testing.T) {
	for _, end := range []string{"low", "high", "alternating"} {
		t.Run(end, func(t *testing.T) {
			sc := testScenario()
			sc.EndYear = 2060
			sc.Actors[ROK].InitialDefensePct, sc.Actors[ROK].DefensePct = 2.5, Path{}
			sc.Events = []Event{
				{Year: 2027, Kind: PoliticalCrisis, Actor: ROK, Severity: 1},
				{Year: 2028, Kind: RussiaDPRKCooperation, Severity: 1},
				{Year: 2029, Kind: TaiwanStraitCrisis, Severity: 1},
				{Year: 2030, Kind: TradeDispute, Severity: 1},
			}
			for i, s := range ParamSpecs() {
				for a := range NumActors {
					lo, hi := s.Range(a)
					v := lo
					if end == "high" || end == "alternating" && i%2 == 0 {
						v = hi
					}
					s.Set(&sc.Params, a, v)
				}
			}
			res := mustRun(t, sc)
			checkResults(t, res)
		})
	}
}
