package model

import (
	"math"
	"testing"
)

// testScenario returns a small scenario built in code with round numbers,
// so that hand calculations stay short: no growth, no inflation, constant
// paths. US, ROK and JPN follow policy paths; DPRK and CHN decide by their
// rules. Tests change what they need on the copy they get.
func testScenario() *Scenario {
	sc := &Scenario{
		Title:     "test",
		StartYear: 2025,
		EndYear:   2030,
		Runs:      1,
		Params:    DefaultParams(),
	}
	type row struct {
		gdp, share     float64
		path           bool
		pop, personnel float64
		naval, ship    float64
	}
	rows := [NumActors]row{
		US:   {gdp: 20000, share: 3, path: true, pop: 300, personnel: 1300, naval: 4000, ship: 1},
		ROK:  {gdp: 2000, share: 2.5, path: true, pop: 50, personnel: 450, naval: 250, ship: 20},
		DPRK: {gdp: 30, share: 20, pop: 25, personnel: 1200},
		CHN:  {gdp: 15000, share: 1.5, pop: 1400, personnel: 2000, naval: 2000, ship: 60},
		JPN:  {gdp: 5000, share: 1.5, path: true, pop: 120, personnel: 250, naval: 500, ship: 10},
	}
	for a, r := range rows {
		in := &sc.Actors[a]
		in.GDP = r.gdp
		in.GrowthPct, in.InflationPct, in.PopulationGrowthPct = Const(0), Const(0), Const(0)
		if r.path {
			in.DefensePct = Const(r.share)
		} else {
			in.InitialDefensePct = r.share
		}
		in.PopulationM = r.pop
		in.PersonnelK = Const(r.personnel)
		in.NavalKt, in.ShipbuildingPct = r.naval, r.ship
	}
	sc.Actors[DPRK].Warheads = 50
	sc.Actors[ROK].ArmsExports = 10
	sc.Alliance = AllianceInputs{HNSStartKRWtn: 1.4, KRWPerUSD: Const(1400), TrustPct: 70, Trilateral: 0.5}
	sc.Region = RegionInputs{RussiaDPRK: 0.4, Provocation: 0.3, Taiwan: 0.3}
	return sc
}

// newTestModel returns a model of sc, failing the test if sc is invalid.
func newTestModel(t testing.TB, sc *Scenario) *Model {
	t.Helper()
	m, err := NewModel(sc)
	if err != nil {
		t.Fatalf("NewModel: %v", err)
	}
	return m
}

// near reports whether got is within tol of want, absolutely or (for large
// values) relative to want.
func near(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// checkClose fails the test if got is not within tol of want.
func checkClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

// mustRun runs sc, failing the test on error.
func mustRun(t testing.TB, sc *Scenario) *Results {
	t.Helper()
	res, err := Run(sc)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// valueOf returns the (indicator, subject) series of res in year y, failing
// the test if there is no such series or year.
func valueOf(t testing.TB, res *Results, indicator IndicatorID, subject string, y int) float64 {
	t.Helper()
	v, ok := res.Value(indicator, subject, y)
	if !ok {
		t.Fatalf("no %s for %s in %d", indicator, subject, y)
	}
	return v
}
