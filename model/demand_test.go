package model

import (
	"fmt"
	"testing"
)

// TestBudgetShareIsTheStepsRule: the exported rule, fed a record of last
// year's state built here from the state itself (observedOf) against the
// start year's, gives the share the yearly step chose, for every actor
// without a policy path, in years when rival pressure, threat and the US
// spill-in all move: the step reads the inputs the record describes and
// measures change against the start year.
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
	// The reference values are what the rule reads from the start year.
	start := observedOf(m, &s)
	ref := func(a Actor) BudgetInputs { return BudgetInputsOf(m.P, a, &start) }
	moved := 0
	for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
		var evs []Event
		for _, e := range sc.Events {
			if e.Year == y {
				evs = append(evs, e)
			}
		}
		next := m.Step(&s, evs)
		o := observedOf(m, &s)
		for a := range NumActors {
			in := BudgetInputsOf(m.P, a, &o)
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

// observedOf is what a record of state s would say.
func observedOf(m *Model, s *State) Observed {
	o := Observed{Commitment: s.USCommitment}
	for j := range NumActors {
		o.GDP[j], o.Spending[j], o.SharePct[j] = s.Actors[j].GDP, s.Actors[j].DefenseSpending, s.Actors[j].DefenseShare
		o.Threat[j] = m.perceivedThreat(s, j)
	}
	return o
}

// Every coefficient the rule offers for estimation is in the registry, and
// moving it across its range moves the rule's choice for some input.
func TestBudgetCoefficients(t *testing.T) {
	ref := BudgetInputs{SharePct: 2, RivalPressure: 0.01, Threat: 40, SpillIn: 1}
	in := BudgetInputs{SharePct: 2.2, RivalPressure: 0.015, Threat: 60, SpillIn: 0.7}
	for _, key := range BudgetCoefficients() {
		spec, ok := LookupParam(key)
		if !ok {
			t.Errorf("%q is not a coefficient of the registry", key)
			continue
		}
		moved := false
		for a := range NumActors {
			lo, hi := spec.Range(a)
			p, q := DefaultParams(), DefaultParams()
			spec.Set(&p, a, lo)
			spec.Set(&q, a, hi)
			if BudgetShare(&p, a, ref, in) != BudgetShare(&q, a, ref, in) {
				moved = true
			}
		}
		if !moved {
			t.Errorf("%s: no value in its range changes the rule's choice", key)
		}
	}
}
