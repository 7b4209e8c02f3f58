package model_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"simulate/model"
)

// powerComponents are the power share's components of s, in PowerShare's
// order (population, GDP, defense spending, personnel, capital).
func powerComponents(s *model.State) []model.PerActor {
	comps := make([]model.PerActor, 5)
	for a := range model.NumActors {
		as := &s.Actors[a]
		comps[0][a], comps[1][a], comps[2][a] = as.Population, as.GDP, as.DefenseSpending
		comps[3][a], comps[4][a] = as.Personnel, as.MilitaryCapital
	}
	return comps
}

// samePowerShare fails the test unless s's power share is PowerShare of its
// components, bit for bit.
func samePowerShare(t *testing.T, what string, s *model.State) {
	t.Helper()
	want := model.PowerShare(powerComponents(s))
	for a := range model.NumActors {
		if got := s.Ind.PowerShare[a]; math.Float64bits(got) != math.Float64bits(want[a]) {
			t.Fatalf("%s, %d: %v's power share %v, PowerShare of its components %v", what, s.Year, model.Actor(a), got, want[a])
		}
	}
}

// TestStepPowerShareOfAnyState: the step's power share, which takes the
// shares of population, GDP and personnel from the model's own run where
// the state has them, is PowerShare of the new state's components bit for
// bit: in every year of every bundled scenario, and from states the
// model's run never reaches (another GDP, population or personnel, a zero
// component).
func TestStepPowerShareOfAnyState(t *testing.T) {
	files, err := filepath.Glob("../scenarios/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios (%v)", err)
	}
	changes := map[string]func(s *model.State){
		"US GDP +1%":        func(s *model.State) { s.Actors[model.US].GDP *= 1.01 },
		"ROK population −0": func(s *model.State) { s.Actors[model.ROK].Population = math.Copysign(0, -1) },
		"no population":     func(s *model.State) { s.Actors = [model.NumActors]model.ActorState{} },
	}
	for _, f := range files {
		sc := load(t, strings.TrimSuffix(filepath.Base(f), ".toml"))
		m, err := model.NewModel(sc)
		if err != nil {
			t.Fatal(err)
		}
		s := m.Initial()
		samePowerShare(t, f, &s)
		for s.Year < sc.EndYear {
			for name, change := range changes {
				other := s
				change(&other)
				next := m.Step(&other, nil)
				samePowerShare(t, f+", "+name, &next)
			}
			s = m.Step(&s, nil)
			samePowerShare(t, f, &s)
		}
		// Past the horizon the inputs are evaluated anew.
		next := m.Step(&s, nil)
		samePowerShare(t, f+", past the end", &next)
	}
}

// TestTariffOfAnyPackageLead: a model of other parameters made by
// ForParams, which shares the scenario's table of pledged packages, gives
// the tariff NewModel gives when package_lead_years differs from the
// scenario's (the table is for the scenario's lead only).
func TestTariffOfAnyPackageLead(t *testing.T) {
	sc := load(t, "masga")
	base, err := model.NewModel(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, lead := range []float64{0, 0.5} {
		other := *sc
		other.Params.PackageLeadYears = lead
		want, err := model.NewModel(&other)
		if err != nil {
			t.Fatal(err)
		}
		got := base.ForParams(&other)
		gs, ws, bs := got.Initial(), want.Initial(), base.Initial()
		differs := false // from the scenario's own lead, in some year
		for {
			if math.Float64bits(gs.Tariff) != math.Float64bits(ws.Tariff) {
				t.Fatalf("lead %v, %d: tariff %v, want %v", lead, gs.Year, gs.Tariff, ws.Tariff)
			}
			differs = differs || gs.Tariff != bs.Tariff
			if gs.Year > sc.EndYear {
				break
			}
			gs, ws, bs = got.Step(&gs, nil), want.Step(&ws, nil), base.Step(&bs, nil)
		}
		if !differs {
			t.Errorf("lead %v: the tariff is the scenario's own in every year, so this tests nothing", lead)
		}
	}
}
