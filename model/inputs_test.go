package model

import "testing"

// TestForParams: a model made by ForParams, sharing another's evaluated
// paths, runs exactly as NewModel of the same scenario does, for
// parameters that move the start state, the escalation and the rules; and
// it leaves the model it came from as it was.
func TestForParams(t *testing.T) {
	sc := testScenario()
	sc.Investments = []Investment{
		{Name: "ships", From: ROK, To: US, Sector: Shipbuilding, TotalUSDbn: 150, StartYear: 2026, EndYear: 2029},
		{Name: "yards", From: JPN, To: US, Sector: Shipbuilding, TotalUSDbn: 40, StartYear: 2025, EndYear: 2027},
	}
	sc.Events = []Event{{Year: 2027, Kind: PoliticalCrisis, Actor: ROK, Severity: 0.5}}
	base := newTestModel(t, sc)
	before, err := base.Run(base.EventsByYear())
	if err != nil {
		t.Fatal(err)
	}
	drawn := *sc
	drawn.Params.Inertia[ROK] = 0.4
	drawn.Params.WarshipEscalationPct = 3.1
	drawn.Params.CapitalDepreciation[CHN] = 0.09
	drawn.Params.CapacityLagYears = 1
	want, err := newTestModel(t, &drawn).Run(base.EventsByYear())
	if err != nil {
		t.Fatal(err)
	}
	got, err := base.ForParams(&drawn).Run(base.EventsByYear())
	if err != nil {
		t.Fatal(err)
	}
	for c, v := range want.Values {
		if got.Values[c] != v {
			t.Fatalf("cell %d: ForParams gives %v, NewModel %v", c, got.Values[c], v)
		}
	}
	again, err := base.Run(base.EventsByYear())
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for c, v := range before.Values {
		if again.Values[c] != v {
			t.Fatalf("cell %d: the base model now gives %v, before %v", c, again.Values[c], v)
		}
		changed = changed || want.Values[c] != v
	}
	if !changed {
		t.Fatal("the drawn parameters change nothing: the test shows nothing")
	}
}

// TestInputsPastHorizon: a step past the scenario's last year reads its
// paths as the step always did, evaluated for that year.
func TestInputsPastHorizon(t *testing.T) {
	sc := testScenario()
	sc.Actors[ROK].GrowthPct = PathOf(map[int]float64{2025: 2, 2035: 1})
	m := newTestModel(t, sc)
	in := m.inputsAt(2033)
	if in.realGrowth[ROK] != 1+1.2/100 {
		t.Errorf("2033: growth factor %v, want %v from the path", in.realGrowth[ROK], 1+1.2/100)
	}
	if in := m.inputsAt(2027); in != &m.inputs[2] {
		t.Error("2027: not the prepared inputs")
	}
}
