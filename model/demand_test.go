package model

import (
	"fmt"
	"testing"
)

// TestBudgetShareIsTheStepsRule: the exported rule, fed last year's state,
// gives the share the yearly step chose, for every actor without a policy
// path, in years when rival pressure, threat and commitment all move.
func TestBudgetShareIsTheStepsRule(t *testing.T) {
	sc := testScenario()
	for a := range NumActors {
		in := &sc.Actors[a]
		if in.DefensePct.IsSet() {
			in.InitialDefensePct = in.DefensePct.At(sc.StartYear)
			in.DefensePct = Path{}
		}
		in.GrowthPct = Const(float64(a)) // relative growth moves rival pressure
	}
	sc.Alliance.USCommitmentPct = PathOf(map[int]float64{2025: 100, 2030: 60})
	sc.Events = []Event{{Year: 2026, Kind: DPRKProvocation, Severity: 0.8}, {Year: 2028, Kind: TaiwanStraitCrisis, Severity: 1}}
	m := newTestModel(t, sc)
	s := m.Initial()
	ref := func(a Actor) BudgetInputs {
		return BudgetInputs{SharePct: m.refShare[a], RivalPressure: m.refRival[a], Threat: m.refThreat[a], Commitment: m.refCommit}
	}
	moved := 0
	for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
		var evs []Event
		for _, e := range sc.Events {
			if e.Year == y {
				evs = append(evs, e)
			}
		}
		next := m.Step(&s, evs)
		for a := range NumActors {
			var spending PerActor
			for j := range NumActors {
				spending[j] = s.Actors[j].DefenseSpending
			}
			in := BudgetInputs{
				SharePct:      s.Actors[a].DefenseShare,
				RivalPressure: RivalPressure(m.P, a, spending, s.Actors[a].GDP),
				Threat:        m.perceivedThreat(&s, a),
				Commitment:    s.USCommitment,
			}
			got, want := BudgetShare(m.P, a, ref(a), in), next.Actors[a].DefenseShare
			checkClose(t, fmt.Sprintf("BudgetShare(%s, %d)", a, y), got, want, 1e-12)
			if !near(want, in.SharePct, 1e-9) {
				moved++
			}
		}
		s = next
	}
	if moved < int(NumActors) {
		t.Fatalf("only %d actor-years changed their share: the test does not exercise the rule", moved)
	}
}
