package model

import (
	"reflect"
	"testing"
)

// TestStepIsPure: Step reads its previous state without changing it, and a
// copy of that state steps to the identical next state.
func TestStepIsPure(t *testing.T) {
	sc := testScenario()
	sc.Investments = []Investment{{From: ROK, To: US, Sector: Shipbuilding, TotalUSDbn: 150, StartYear: 2026, EndYear: 2035}}
	events := []Event{{Kind: PoliticalCrisis, Actor: ROK, Severity: 0.5}, {Kind: TradeDispute, Severity: 0.3}}
	m := newTestModel(t, sc)
	s := m.Initial()
	for range 3 {
		s = m.Step(&s, nil)
	}
	frozen := s // State holds only values: this is a deep copy
	copied := s
	a := m.Step(&s, events)
	b := m.Step(&copied, events)
	if s != frozen {
		t.Error("Step changed the state it was given")
	}
	if a != b {
		t.Error("Step of a copy differs from Step of the original")
	}
	if again := m.Step(&s, events); again != a {
		t.Error("a second Step of the same state differs from the first")
	}
}

// TestDecisionsReadLastYear: every decision in a year reads last year's
// frozen state, so a change to one agent's new value in year t reaches the
// other agents' decisions only in year t+1, whichever agent is visited first.
// A phase that read the new state of an agent visited earlier (US and ROK
// come before DPRK and CHN in the model's order) would let the change in
// within the same year.
func TestDecisionsReadLastYear(t *testing.T) {
	const year = 2028
	for _, changed := range []Actor{US, ROK, JPN} {
		for _, bump := range []float64{0.5, 2} {
			base := testScenario()
			bumped := testScenario()
			share := base.Actors[changed].DefensePct.At(year)
			bumped.Actors[changed].DefensePct = PathOf(map[int]float64{year - 1: share, year: share + bump, year + 1: share})
			resBase := mustRun(t, base)
			resBumped := mustRun(t, bumped)
			if got := valueOf(t, resBumped, "defense_share", changed.String(), year); got != share+bump {
				t.Fatalf("%s share in %d = %v, want %v (test set-up)", changed, year, got, share+bump)
			}
			for _, decider := range []Actor{DPRK, CHN} {
				if base.Params.RivalOf[changed][decider] == 0 {
					continue
				}
				same := valueOf(t, resBase, "defense_share", decider.String(), year)
				got := valueOf(t, resBumped, "defense_share", decider.String(), year)
				if got != same {
					t.Errorf("%s raised by %v pp in %d: %s share in the same year moved %v → %v", changed, bump, year, decider, same, got)
				}
				// The reaction does come, a year later: the test can see it.
				next0 := valueOf(t, resBase, "defense_share", decider.String(), year+1)
				next1 := valueOf(t, resBumped, "defense_share", decider.String(), year+1)
				if !(next1 > next0) {
					t.Errorf("%s raised by %v pp in %d: %s share in %d did not rise (%v → %v)", changed, bump, year, decider, year+1, next0, next1)
				}
			}
		}
	}
}

// TestEventOrderWithinYear: the events of a year commute; listing them in
// another order gives the same run.
func TestEventOrderWithinYear(t *testing.T) {
	events := []Event{
		{Year: 2027, Kind: PoliticalCrisis, Actor: ROK, Severity: 0.9},
		{Year: 2027, Kind: TradeDispute, Severity: 0.8},
		{Year: 2027, Kind: DPRKProvocation, Severity: 0.9},
		{Year: 2027, Kind: PoliticalCrisis, Actor: DPRK, Severity: 0.9},
		{Year: 2027, Kind: RussiaDPRKCooperation, Severity: 0.7},
		{Year: 2027, Kind: TaiwanStraitCrisis, Severity: 0.9},
		{Year: 2027, Kind: PoliticalCrisis, Actor: CHN, Severity: 0.9},
	}
	run := func(evs []Event) *Results {
		sc := testScenario()
		sc.Events = evs
		return mustRun(t, sc)
	}
	want := run(events)
	reversed := make([]Event, len(events))
	for i, e := range events {
		reversed[len(events)-1-i] = e
	}
	if got := run(reversed); !reflect.DeepEqual(got.Values, want.Values) {
		t.Error("reversing the order of a year's events changed the run")
	}
}

// TestRunRepeatable: two runs of the same scenario give identical results.
func TestRunRepeatable(t *testing.T) {
	sc := testScenario()
	sc.Events = []Event{{Year: 2027, Kind: PoliticalCrisis, Actor: ROK, Severity: 0.5}}
	a := mustRun(t, sc)
	b := mustRun(t, sc)
	if !reflect.DeepEqual(a.Years, b.Years) || !reflect.DeepEqual(a.Values, b.Values) {
		t.Error("two runs of the same scenario differ")
	}
}
