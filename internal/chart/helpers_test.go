package chart

import (
	"testing"

	"simulate/internal/output"
	"simulate/model"
)

// testScenario is a 2025–2040 scenario with rough, plausible start values
// (not a calibration: the charts only need realistic shapes and scales), an
// ROK defense path to defensePct by 2035, two events and the two packages of
// the $350 bn deal.
func testScenario(defensePct float64) *model.Scenario {
	sc := &model.Scenario{
		Title:     "ROK defense spending reaches the target by 2035",
		StartYear: 2025, EndYear: 2040,
		Params: model.DefaultParams(),
	}
	type start struct {
		gdp, growth, inflation, defense, pop, personnel, naval, ships float64
	}
	starts := [model.NumActors]start{
		model.US:   {30500, 1.9, 2.2, 3.4, 340, 1300, 3300, 0.2},
		model.ROK:  {1870, 1.8, 1.5, 2.8, 51.7, 450, 250, 29},
		model.DPRK: {27, 0.5, 0, 20, 26, 1280, 0, 0},
		model.CHN:  {19200, 4.0, 1.0, 1.7, 1410, 2035, 2300, 53},
		model.JPN:  {4190, 0.7, 1.5, 1.6, 124, 247, 540, 13},
	}
	for a, s := range starts {
		in := &sc.Actors[a]
		in.GDP, in.GrowthPct, in.InflationPct = s.gdp, model.Const(s.growth), model.Const(s.inflation)
		in.InitialDefensePct, in.PopulationM, in.PersonnelK = s.defense, s.pop, model.Const(s.personnel)
		in.NavalKt, in.ShipbuildingPct = s.naval, s.ships
	}
	sc.Actors[model.ROK].DefensePct = model.PathOf(map[int]float64{2025: 2.8, 2035: defensePct})
	sc.Actors[model.ROK].ArmsExports = 9.5
	sc.Actors[model.DPRK].Warheads = 50
	sc.Alliance = model.AllianceInputs{
		HNSStartKRWtn: 1.53, KRWPerUSD: model.Const(1400), TrustPct: 70, Trilateral: 0.6,
	}
	sc.Region = model.RegionInputs{RussiaDPRK: 0.5, Provocation: 0.4, Taiwan: 0.3}
	sc.Investments = []model.Investment{
		{Name: "MASGA shipbuilding", From: model.ROK, To: model.US, Sector: model.Shipbuilding, TotalUSDbn: 150, StartYear: 2026, EndYear: 2035},
		{Name: "Strategic investment", From: model.ROK, To: model.US, Sector: model.OtherSector, TotalUSDbn: 200, StartYear: 2026, AnnualCap: 20},
	}
	sc.Events = []model.Event{
		{Year: 2027, Kind: model.PoliticalCrisis, Actor: model.ROK, Severity: 0.5},
		{Year: 2029, Kind: model.TradeDispute, Severity: 0.6},
		{Year: 2031, Kind: model.DPRKProvocation, Severity: 0.7},
	}
	return sc
}

// runScenario runs sc and returns its results and chart labels.
func runScenario(t testing.TB, name string, sc *model.Scenario) (*model.Results, RunInfo) {
	t.Helper()
	res, err := model.Run(sc)
	if err != nil {
		t.Fatalf("running the test scenario: %v", err)
	}
	return res, RunInfo{Name: name, Title: sc.Title, Events: sc.Events, Investments: sc.Investments}
}

// writeTo returns a function that writes rendered files into dir, so that
// a test can check them on disk: writeTo(dir)(RenderRun(res, info)).
func writeTo(dir string) func([]output.File, error) error {
	return func(files []output.File, err error) error {
		if err != nil {
			return err
		}
		return output.WriteFiles(dir, files)
	}
}

// resultsOf returns results with the given years and series, one row of
// values per series (rows of the wrong length make ragged results).
func resultsOf(years []int, series []model.Series, rows ...[]float64) *model.Results {
	res := &model.Results{}
	res.Years, res.Series = years, series
	for _, row := range rows {
		res.Values = append(res.Values, row...)
	}
	return res
}
