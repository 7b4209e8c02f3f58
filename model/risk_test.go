package model

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// TestShocksFrequency: over many runs a risk fires in about its annual
// probability of the years of its window, never outside the window, with
// severities inside their range and centred in it. The count of events is
// binomial: for the crisis, 4000 runs × 10 years at p = 0.2 give a mean of
// 8000 and a standard deviation of 40, and the tolerance of 1.5% is 3
// standard deviations; it fails a generator off by a tenth of the
// probability. A fixed seed makes the test repeatable.
func TestShocksFrequency(t *testing.T) {
	sc := testScenario()
	sc.StartYear, sc.EndYear, sc.Seed = 2025, 2040, 11
	sc.Risks = []Risk{
		{Kind: PoliticalCrisis, Actor: ROK, Probability: 0.2, SeverityMin: 0.2, SeverityMax: 0.8, FromYear: 2028, ToYear: 2037},
		{Kind: TradeDispute, Probability: 0.05, SeverityMin: 0.5, SeverityMax: 0.5},
	}
	const runs = 4000
	var crises, disputes int
	var severity float64
	var buf []Event
	for r := range runs {
		for y := sc.StartYear; y <= sc.EndYear; y++ {
			buf = sc.Shocks(buf[:0], r, y)
			for _, e := range buf {
				switch {
				case e.Year != y:
					t.Fatalf("run %d: an event of %d drawn for %d", r, e.Year, y)
				case e.Kind == PoliticalCrisis:
					if y < 2028 || y > 2037 {
						t.Fatalf("run %d: a crisis in %d, outside its window 2028–2037", r, y)
					}
					if e.Actor != ROK || e.Severity < 0.2 || e.Severity > 0.8 {
						t.Fatalf("run %d: crisis %+v: want ROK, severity in 0.2–0.8", r, e)
					}
					crises++
					severity += e.Severity
				case e.Kind == TradeDispute:
					if y == sc.StartYear {
						t.Fatalf("run %d: a dispute in the start year, which is the record", r)
					}
					if e.Severity != 0.5 {
						t.Fatalf("run %d: dispute severity %v, want 0.5", r, e.Severity)
					}
					disputes++
				}
			}
		}
	}
	within := func(what string, got int, p float64, trials int, tol float64) {
		t.Helper()
		want := p * float64(trials)
		if math.Abs(float64(got)/want-1) > tol {
			t.Errorf("%s: %d events in %d run-years, want about %.0f (p = %v)", what, got, trials, want, p)
		}
	}
	within("crises", crises, 0.2, runs*10, 0.015)
	within("disputes", disputes, 0.05, runs*15, 0.055) // mean 3000, sd 53
	if mean := severity / float64(crises); math.Abs(mean-0.5) > 0.01 {
		t.Errorf("mean crisis severity %.4f, want about 0.5 (uniform on 0.2–0.8)", mean)
	}
}

// TestShocksStreams: a run's shocks depend only on (seed, run, year): the
// same in any order of calls, unchanged by a risk added after them, and
// different for another seed.
func TestShocksStreams(t *testing.T) {
	sc := testScenario()
	sc.Seed = 5
	sc.Risks = []Risk{{Kind: DPRKProvocation, Probability: 0.5, SeverityMin: 0, SeverityMax: 1}}
	draw := func(sc *Scenario, run, y int) []Event { return sc.Shocks(nil, run, y) }
	forward := map[[2]int][]Event{}
	for r := range 50 {
		for y := 2026; y <= 2030; y++ {
			forward[[2]int{r, y}] = draw(sc, r, y)
		}
	}
	more := *sc
	more.Risks = append(slices.Clone(sc.Risks), Risk{Kind: TradeDispute, Probability: 0.9, SeverityMax: 1})
	other := *sc
	other.Seed = 6
	differ := 0
	for r := 49; r >= 0; r-- {
		for y := 2030; y >= 2026; y-- {
			want := forward[[2]int{r, y}]
			if got := draw(sc, r, y); !slices.Equal(got, want) {
				t.Fatalf("run %d, %d: %v drawn backwards, %v forwards", r, y, got, want)
			}
			if got := draw(&more, r, y); !slices.Equal(got[:len(want)], want) {
				t.Fatalf("run %d, %d: a second risk changed the first's draws: %v, want %v first", r, y, got, want)
			}
			if !slices.Equal(draw(&other, r, y), want) {
				differ++
			}
		}
	}
	if differ < 100 {
		t.Errorf("seeds 5 and 6 drew different shocks in only %d of 250 run-years", differ)
	}
}

// TestSamplerDraws: every coefficient drawn lies in its plausible range for
// its actor, the draws of "all" cover the ranges evenly (mean near the
// middle), an actor's weight on its own spending is never drawn, and a
// coefficient's draw in a run does not depend on which others are drawn.
func TestSamplerDraws(t *testing.T) {
	sc := testScenario()
	sc.Seed = 9
	for _, s := range slots {
		if s.spec.Varies(s.actor) {
			sc.Uncertain = append(sc.Uncertain, ParamRef{s.spec.Key, s.actor})
		}
	}
	all, err := NewSampler(sc)
	if err != nil {
		t.Fatal(err)
	}
	one := *sc
	one.Uncertain = []ParamRef{{"inertia", ROK}}
	alone, err := NewSampler(&one)
	if err != nil {
		t.Fatal(err)
	}
	const runs = 2000
	sums := map[ParamRef]float64{}
	var draws []ParamDraw
	for r := range runs {
		p := DefaultParams()
		draws = all.Draw(&p, r, draws[:0])
		if len(draws) != all.Len() {
			t.Fatalf("run %d: %d draws, want %d", r, len(draws), all.Len())
		}
		for _, d := range draws {
			spec, _ := LookupParam(d.Ref.Key)
			lo, hi := spec.Range(d.Ref.Actor)
			if d.Value < lo || d.Value > hi || spec.Get(&p, d.Ref.Actor) != d.Value {
				t.Fatalf("run %d: %s = %v (in the params: %v), outside %v–%v", r, d.Ref, d.Value, spec.Get(&p, d.Ref.Actor), lo, hi)
			}
			sums[d.Ref] += (d.Value - lo) / (hi - lo)
		}
		for a := range NumActors {
			if p.RivalOf[a][a] != 0 {
				t.Fatalf("run %d: %s's weight on its own spending drawn as %v", r, a, p.RivalOf[a][a])
			}
		}
		q := DefaultParams()
		got := alone.Draw(&q, r, nil)
		if len(got) != 1 || got[0].Value != p.Inertia[ROK] {
			t.Fatalf("run %d: ROK inertia drawn alone %v, among all %v", r, got, p.Inertia[ROK])
		}
	}
	// The mean of 2000 uniform draws on 0–1 has standard deviation 0.0065.
	for ref, sum := range sums {
		if m := sum / runs; math.Abs(m-0.5) > 0.035 {
			t.Errorf("%s: mean position in its range %.3f, want about 0.5", ref, m)
		}
	}
}

// TestNewSamplerRejects coefficients that do not exist or cannot vary.
func TestNewSamplerRejects(t *testing.T) {
	for _, ref := range []ParamRef{{"no_such_coefficient", 0}, {"sma_step_year", 0}, {"rival_weight_US", US}} {
		sc := testScenario()
		sc.Uncertain = []ParamRef{ref}
		if _, err := NewSampler(sc); err == nil {
			t.Errorf("%s: no error", ref)
		}
	}
}

// TestRiskManifestForm: a risk is recorded with its kind and actor by name,
// the actor only for a kind that names one, and its window spelled out.
func TestRiskManifestForm(t *testing.T) {
	for _, tt := range []struct {
		risk Risk
		want string
	}{
		{Risk{Kind: PoliticalCrisis, Actor: ROK, Probability: 0.05, SeverityMin: 0.2, SeverityMax: 0.8},
			`{"kind":"political_crisis","actor":"ROK","annual_probability":0.05,"severity_min":0.2,"severity_max":0.8,"from_year":2026,"to_year":2040}`},
		{Risk{Kind: DPRKProvocation, Actor: US, Probability: 0.3, SeverityMin: 0.1, SeverityMax: 0.5, FromYear: 2030},
			`{"kind":"dprk_provocation","annual_probability":0.3,"severity_min":0.1,"severity_max":0.5,"from_year":2030,"to_year":2040}`},
		{Risk{Kind: PoliticalCrisis, Actor: US, Probability: 1, SeverityMin: 1, SeverityMax: 1, FromYear: 2027, ToYear: 2031},
			`{"kind":"political_crisis","actor":"US","annual_probability":1,"severity_min":1,"severity_max":1,"from_year":2027,"to_year":2031}`},
	} {
		got, err := json.Marshal(tt.risk.Window(2025, 2040))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("%+v:\n got %s\nwant %s", tt.risk, got, tt.want)
		}
	}
}
