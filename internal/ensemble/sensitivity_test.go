package ensemble

import (
	"reflect"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

func sensitivity(t *testing.T, sc *model.Scenario, target Target, workers int) *Sensitivity {
	t.Helper()
	s, err := OneAtATime(sc, target, workers)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSensitivityZeroEffect: a coefficient that cannot move the target has
// span zero and ranks below every one that can. ROK's defense share in
// 3.5pct.toml follows a policy path, so nothing moves it; the arms exports
// at which ROK autonomy's export component reaches one half enter only that
// indicator, which nothing else reads, so they cannot move deterrence.
func TestSensitivityZeroEffect(t *testing.T) {
	sc := riskyScenario(t, 1)
	fixed := sensitivity(t, sc, Target{"defense_share", "ROK", 2035}, 0)
	for _, e := range fixed.Effects {
		if e.Span != 0 || e.AtLow != fixed.Baseline || e.AtHigh != fixed.Baseline {
			t.Errorf("ROK's defense share is a policy path, yet %s moves it: %+v", e.Param, e)
		}
	}

	s := sensitivity(t, sc, Target{"deterrence_credibility", model.SubjectAlliance, 2035}, 0)
	rank := map[model.ParamRef]int{}
	lastMoving := -1
	for i, e := range s.Effects {
		rank[e.Param] = i
		if e.Span > 0 {
			lastMoving = i
		}
		if i > 0 && e.Span > s.Effects[i-1].Span {
			t.Fatalf("not ranked: %s (span %v) after %s (span %v)", e.Param, e.Span, s.Effects[i-1].Param, s.Effects[i-1].Span)
		}
	}
	exports := model.ParamRef{Key: "arms_exports_ref_usd_bn"}
	if r, ok := rank[exports]; !ok {
		t.Errorf("%s is not in the analysis", exports)
	} else if e := s.Effects[r]; e.Span != 0 || r <= lastMoving {
		t.Errorf("%s: span %v at rank %d, want 0 below the %d coefficients that move deterrence", exports, e.Span, r+1, lastMoving+1)
	}
	resolve := model.ParamRef{Key: "rok_resolve"}
	if r, ok := rank[resolve]; !ok {
		t.Errorf("%s is not in the analysis", resolve)
	} else if e := s.Effects[r]; !(e.AtHigh > s.Baseline && s.Baseline > e.AtLow) {
		t.Errorf("rok_resolve: deterrence %v at the low end, %v at the high end, reference %v: want it to rise with ROK's resolve", e.AtLow, e.AtHigh, s.Baseline)
	}
	if _, ok := rank[model.ParamRef{Key: "sma_step_year"}]; ok {
		t.Error("sma_step_year, whose range is a single year, was moved")
	}
	if _, ok := rank[model.ParamRef{Key: "rival_weight_US", Actor: model.US}]; ok {
		t.Error("the US's weight on its own spending was moved")
	}
}

// TestSensitivityValues: an effect's values are the target in a reference
// run with the coefficient set by hand, whatever the number of workers.
func TestSensitivityValues(t *testing.T) {
	sc := riskyScenario(t, 1)
	target := Target{"alliance_cohesion", model.SubjectAlliance, 2032}
	s := sensitivity(t, sc, target, 1)
	if again := sensitivity(t, sc, target, 3); !reflect.DeepEqual(again, s) {
		t.Error("three workers ranked differently from one")
	}
	var e Effect
	for _, x := range s.Effects {
		if x.Param == (model.ParamRef{Key: "inertia", Actor: model.CHN}) {
			e = x
		}
	}
	run := *sc
	run.Risks, run.Uncertain = nil, nil
	run.Params.Inertia[model.CHN] = e.High
	res, err := model.Run(&run)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := res.Value(target.Indicator, target.Subject, target.Year); v != e.AtHigh || e.High != 0.97 {
		t.Errorf("CHN inertia at %v: cohesion %v by hand, %v in the analysis", e.High, v, e.AtHigh)
	}
}

func axis(t *testing.T, sc *model.Scenario, key string, values ...float64) Axis {
	t.Helper()
	s, err := scenario.LookupSetting(key, sc.StartYear)
	if err != nil {
		t.Fatal(err)
	}
	return Axis{Key: key, Unit: s.Unit, How: s.How, Values: values, Set: s.Apply}
}

func sweep(t *testing.T, sc *model.Scenario, axes ...Axis) *Sweep {
	t.Helper()
	s, err := RunSweep(sc, axes, 0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSweepMonotone: where the model guarantees a direction, the sweep
// shows it: a higher ROK defense share means more ROK spending and, by
// perpetual inventory, more military capital in the end year.
func TestSweepMonotone(t *testing.T) {
	sc := riskyScenario(t, 1)
	s := sweep(t, sc, axis(t, sc, "actors.ROK.defense_pct", 2.5, 2.75, 3, 3.5, 4, 5))
	for _, ind := range []model.IndicatorID{"military_capital", "defense_spending"} {
		prev := 0.0
		for p := range s.Points() {
			v, _ := s.Value(p, ind, "ROK")
			if v <= prev {
				t.Errorf("%s of ROK at defense_pct %v: %v, not above %v at the value before", ind, s.Point(p)[0], v, prev)
			}
			prev = v
		}
	}
}

// TestSweepGrid: a two-key grid holds, at each point, what a one-key sweep
// with the other key fixed gives; the first key varies slowest.
func TestSweepGrid(t *testing.T) {
	sc := riskyScenario(t, 1)
	defense := axis(t, sc, "actors.ROK.defense_pct", 2.5, 4)
	commitment := axis(t, sc, "alliance.us_commitment_pct", 60, 80, 100)
	grid := sweep(t, sc, defense, commitment)
	if grid.Points() != 6 || !reflect.DeepEqual(grid.Point(4), []float64{4, 80}) {
		t.Fatalf("%d points, point 4 = %v; want 6 points, point 4 = [4 80]", grid.Points(), grid.Point(4))
	}
	for i, d := range defense.Values {
		fixed := *sc
		defense.Set(&fixed, d)
		line := sweep(t, &fixed, commitment)
		for j := range commitment.Values {
			if !reflect.DeepEqual(grid.Ends[i*3+j].Values, line.Ends[j].Values) {
				t.Errorf("grid point (%v, %v) differs from the one-key sweep", d, commitment.Values[j])
			}
		}
	}
}

// TestSettingHoldsFromNextYear: a swept path keeps the start year's
// recorded value and holds the swept value from the year after.
func TestSettingHoldsFromNextYear(t *testing.T) {
	sc := riskyScenario(t, 1)
	run := *sc
	axis(t, sc, "actors.ROK.defense_pct", 4.2).Set(&run, 4.2)
	axis(t, sc, "alliance.us_commitment_pct", 70).Set(&run, 70)
	res, err := model.Run(&run)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := model.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		indicator model.IndicatorID
		subject   string
		later     float64
	}{{"defense_share", "ROK", 4.2}, {"us_commitment", model.SubjectAlliance, 70}} {
		first, _ := ref.Value(c.indicator, c.subject, sc.StartYear)
		if got, _ := res.Value(c.indicator, c.subject, sc.StartYear); got != first {
			t.Errorf("%s in the start year: %v, want the scenario's %v", c.indicator, got, first)
		}
		for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
			if got, _ := res.Value(c.indicator, c.subject, y); got != c.later {
				t.Fatalf("%s in %d: %v, want %v", c.indicator, y, got, c.later)
			}
		}
	}
}
