package model_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

// The direction tests take the bundled baseline, vary one input and check
// the direction of the response in every year, for several magnitudes and
// years. tol absorbs rounding only: "never lower" means not lower by more
// than it.
const tol = 1e-9

// baseline loads scenarios/baseline.toml afresh (tests change it freely).
func baseline(t *testing.T) *model.Scenario {
	t.Helper()
	l, err := scenario.Load("../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	return l.Scenario
}

// run runs sc and returns the series of (indicator, subject), year by year.
func run(t *testing.T, sc *model.Scenario, indicator model.IndicatorID, subject string) []float64 {
	t.Helper()
	res, err := model.Run(sc)
	if err != nil {
		t.Fatal(err)
	}
	i := res.Index(indicator, subject)
	if i < 0 {
		t.Fatalf("no series %s %s", indicator, subject)
	}
	return res.Row(i)
}

// direction compares two runs' series year by year: from year `from` on,
// got must be strictly above want (sign +1) or strictly below (sign −1);
// before it, never on the wrong side. from beyond the horizon checks only
// "never on the wrong side".
func direction(t *testing.T, what string, start int, got, want []float64, sign float64, from int) {
	t.Helper()
	for i := range got {
		y := start + i
		d := sign * (got[i] - want[i])
		switch {
		case d < -tol:
			t.Errorf("%s, %d: %v against %v (wrong direction)", what, y, got[i], want[i])
		case y >= from && d <= 0:
			t.Errorf("%s, %d: %v against %v (no effect)", what, y, got[i], want[i])
		}
	}
}

const never = 1 << 30 // a "from" year that never comes

// TestBundledScenariosInBounds: every bundled scenario runs with every value
// finite, non-negative and every index and percentage in [0, 100].
func TestBundledScenariosInBounds(t *testing.T) {
	files, err := filepath.Glob("../scenarios/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios (%v)", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			l, err := scenario.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := model.Run(l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			model.CheckResults(t, res)
		})
	}
}

func TestMoreROKSpending(t *testing.T) {
	base := baseline(t)
	start := base.StartYear
	k0 := run(t, base, "military_capital", "ROK")
	b0 := run(t, base, "burden_share", model.SubjectAlliance)
	d0 := run(t, base, "deterrence_credibility", model.SubjectAlliance)
	paths := []map[int]float64{
		{2025: 2.6, 2026: 2.7, 2030: 3.0},
		{2025: 2.6, 2026: 2.7, 2035: 3.5},
		{2025: 2.6, 2026: 2.7, 2035: 5.0},
		{2025: 2.6, 2026: 2.8},                     // a little more, at once
		{2025: 2.6, 2026: 2.7, 2033: 2.7, 2034: 6}, // late and sudden
	}
	for _, pts := range paths {
		sc := baseline(t)
		sc.Actors[model.ROK].DefensePct = model.PathOf(pts)
		// The first year the share is above the baseline's.
		first := never
		for y := start; y <= sc.EndYear; y++ {
			if sc.Actors[model.ROK].DefensePct.At(y) > base.Actors[model.ROK].DefensePct.At(y) {
				first = y
				break
			}
		}
		name := fmt.Sprint("ROK path ", pts)
		direction(t, name+": ROK military capital", start, run(t, sc, "military_capital", "ROK"), k0, +1, first)
		direction(t, name+": burden share", start, run(t, sc, "burden_share", model.SubjectAlliance), b0, +1, first)
		d := run(t, sc, "deterrence_credibility", model.SubjectAlliance)
		direction(t, name+": deterrence", start, d, d0, +1, never)
		if !lowerSomewhere(d0, d) {
			t.Errorf("%s: deterrence never higher than in the baseline", name)
		}
	}

	// And more is more: 3.0, 3.5, 4, 5 and 6% by 2035, each above the last.
	var prevK, prevD []float64
	for i, target := range []float64{3.0, 3.5, 4, 5, 6} {
		sc := baseline(t)
		sc.Actors[model.ROK].DefensePct = model.PathOf(map[int]float64{2025: 2.6, 2026: 2.7, 2035: target})
		k := run(t, sc, "military_capital", "ROK")
		d := run(t, sc, "deterrence_credibility", model.SubjectAlliance)
		if i > 0 {
			direction(t, fmt.Sprint(target, "% by 2035: ROK capital"), start, k, prevK, +1, 2027)
			direction(t, fmt.Sprint(target, "% by 2035: deterrence"), start, d, prevD, +1, never)
		}
		prevK, prevD = k, d
	}
}

// cutTo returns a US commitment path at 100 until `from`, falling in a
// straight line to `level` in `by` and flat after.
func cutTo(from, by int, level float64) model.Path {
	return model.PathOf(map[int]float64{2025: 100, from: 100, by: level})
}

func TestCommitmentCut(t *testing.T) {
	for _, rokRule := range []bool{false, true} {
		full := baseline(t)
		full.Alliance.USCommitmentPct = model.Const(100)
		if rokRule {
			full.Actors[model.ROK].DefensePct = model.Path{}
			full.Actors[model.ROK].InitialDefensePct = 2.6
		}
		d0 := run(t, full, "deterrence_credibility", model.SubjectAlliance)
		for _, cut := range []struct {
			from, by int
			level    float64
		}{{2026, 2030, 70}, {2026, 2030, 40}, {2028, 2029, 90}, {2030, 2040, 0}, {2035, 2036, 50}} {
			sc := *full
			sc.Alliance.USCommitmentPct = cutTo(cut.from, cut.by, cut.level)
			name := fmt.Sprintf("ROK on its rule %v, commitment from 100 in %d to %v in %d: deterrence", rokRule, cut.from, cut.level, cut.by)
			direction(t, name, full.StartYear, run(t, &sc, "deterrence_credibility", model.SubjectAlliance), d0, -1, cut.from+1)
		}
	}
}

func TestInvestmentPackage(t *testing.T) {
	base := baseline(t)
	start := base.StartYear
	s0 := run(t, base, "investment_stock", model.SubjectAlliance)
	i0 := run(t, base, "industrial_integration", model.SubjectAlliance)
	r0 := run(t, base, "tariff_rate", model.SubjectAlliance)
	for _, inv := range []model.Investment{
		{Name: "MASGA", From: model.ROK, To: model.US, Sector: model.Shipbuilding, TotalUSDbn: 150, StartYear: 2026, EndYear: 2035},
		{Name: "strategic", From: model.ROK, To: model.US, Sector: model.OtherSector, TotalUSDbn: 200, StartYear: 2026, AnnualCap: 20},
		{Name: "small", From: model.ROK, To: model.US, Sector: model.Energy, TotalUSDbn: 10, StartYear: 2030, EndYear: 2031},
		{Name: "chips", From: model.ROK, To: model.US, Sector: model.Semiconductors, TotalUSDbn: 50, StartYear: 2033, EndYear: 2037},
	} {
		sc := baseline(t)
		sc.Investments = append(sc.Investments, inv)
		name := fmt.Sprintf("%s ($%v bn from %d)", inv.Name, inv.TotalUSDbn, inv.StartYear)
		direction(t, name+": investment stock", start, run(t, sc, "investment_stock", model.SubjectAlliance), s0, +1, inv.StartYear)
		direction(t, name+": integration", start, run(t, sc, "industrial_integration", model.SubjectAlliance), i0, +1, inv.StartYear)
		direction(t, name+": tariff", start, run(t, sc, "tariff_rate", model.SubjectAlliance), r0, -1, inv.StartYear)
	}
}

func TestPoliticalCrisis(t *testing.T) {
	base := baseline(t)
	for _, crisis := range []struct {
		year     int
		severity float64
	}{{2027, 0.3}, {2028, 0.8}, {2032, 1}, {2036, 0.5}} {
		sc := baseline(t)
		sc.Events = append(sc.Events, model.Event{Year: crisis.year, Kind: model.PoliticalCrisis, Actor: model.ROK, Severity: crisis.severity})
		for _, ind := range []model.IndicatorID{"alliance_trust", "alliance_cohesion"} {
			name := fmt.Sprintf("ROK crisis of severity %v in %d: %s", crisis.severity, crisis.year, ind)
			with, without := run(t, sc, ind, model.SubjectAlliance), run(t, base, ind, model.SubjectAlliance)
			t0 := crisis.year - base.StartYear
			// Untouched before, lower from the crisis year on ...
			direction(t, name, base.StartYear, with, without, -1, crisis.year)
			for i := range t0 {
				if with[i] != without[i] {
					t.Errorf("%s: %d differs before the crisis", name, base.StartYear+i)
				}
			}
			// ... deepest in the crisis year, then closing on the no-crisis
			// path every year.
			gap := func(i int) float64 { return without[i] - with[i] }
			for i := t0 + 1; i < len(with); i++ {
				if !(gap(i) < gap(i-1)) {
					t.Errorf("%s: the gap does not close in %d (%v after %v)", name, base.StartYear+i, gap(i), gap(i-1))
				}
			}
			// Five years on, most of the dip is gone.
			if i := t0 + 5; i < len(with) && gap(i) > gap(t0)/2 {
				t.Errorf("%s: five years on the gap is %v of %v", name, gap(i), gap(t0))
			}
		}
	}
}

func TestRussiaDPRKCooperation(t *testing.T) {
	base := baseline(t)
	t0 := run(t, base, "dprk_threat", model.SubjectRegion)
	for _, coop := range []struct {
		year     int
		severity float64
	}{{2026, 0.4}, {2030, 0.2}, {2033, 0.6}, {2035, 0.05}} {
		sc := baseline(t)
		sc.Events = append(sc.Events, model.Event{Year: coop.year, Kind: model.RussiaDPRKCooperation, Severity: coop.severity})
		name := fmt.Sprintf("Russia–DPRK cooperation %v in %d: DPRK threat", coop.severity, coop.year)
		got := run(t, sc, "dprk_threat", model.SubjectRegion)
		direction(t, name, base.StartYear, got, t0, +1, coop.year)
		// For years, not a blip: four years on, at least half the jump is
		// still there (cooperation fades slowly; the extra warheads stay).
		i := coop.year - base.StartYear
		if jump, later := got[i]-t0[i], got[i+4]-t0[i+4]; later < jump/2 {
			t.Errorf("%s: the rise of %v in %d is down to %v four years on", name, jump, coop.year, later)
		}
	}
}

func TestFreeRiding(t *testing.T) {
	onRule := func(commitment model.Path) *model.Scenario {
		sc := baseline(t)
		withFreeRiding(sc)
		sc.Actors[model.ROK].DefensePct = model.Path{}
		sc.Actors[model.ROK].InitialDefensePct = 2.6
		sc.Alliance.USCommitmentPct = commitment
		return sc
	}
	// The share moves at most max_change_pp a year, so after a sudden deep
	// cut two paths can move in step for a while: the test asks for never
	// higher in any year and lower in some year.
	for _, cut := range []struct{ from, by int }{{2026, 2030}, {2030, 2031}, {2026, 2040}} {
		levels := []float64{20, 50, 70, 90, 100} // rising commitment
		var prev []float64
		for i, level := range levels {
			share := run(t, onRule(cutTo(cut.from, cut.by, level)), "defense_share", "ROK")
			if i > 0 {
				name := fmt.Sprintf("US commitment from 100 in %d to %v in %d, not %v: ROK share", cut.from, level, cut.by, levels[i-1])
				direction(t, name, 2025, share, prev, -1, never)
				if !lowerSomewhere(share, prev) {
					t.Errorf("%s: never lower than with less commitment", name)
				}
			}
			prev = share
		}
	}
}

// lowerSomewhere reports whether a is below b in at least one year.
func lowerSomewhere(a, b []float64) bool {
	for i := range a {
		if a[i] < b[i]-tol {
			return true
		}
	}
	return false
}
