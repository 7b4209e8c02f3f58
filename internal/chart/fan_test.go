package chart

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"simulate/internal/ensemble"
	"simulate/model"
)

// testFan runs an ensemble of the test scenario with risks: its bands, its
// reference run and labels.
func testFan(t testing.TB, runs int) Fan {
	t.Helper()
	sc := testScenario(3.5)
	sc.Seed = 1
	sc.Risks = []model.Risk{
		{Kind: model.PoliticalCrisis, Actor: model.ROK, Probability: 0.1, SeverityMin: 0.2, SeverityMax: 0.8},
		{Kind: model.DPRKProvocation, Probability: 0.3, SeverityMin: 0.1, SeverityMax: 0.6},
	}
	sc.Uncertain = []model.ParamRef{{Key: "inertia", Actor: model.CHN}, {Key: "rok_resolve"}}
	b, err := ensemble.Run(sc, ensemble.Options{Runs: runs})
	if err != nil {
		t.Fatal(err)
	}
	ref, info := runScenario(t, "risky", sc)
	return Fan{Info: info, Bands: b, Ref: ref}
}

// TestFanChart: a fan chart has a panel per subject, each with the median
// and the reference run as lines over its bands, a Y axis that holds the
// whole 90% band, and a legend for every mark.
func TestFanChart(t *testing.T) {
	fan := testFan(t, 80)
	f, err := FanChart(fan, "alliance_trust")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 1 || !strings.Contains(f.Subtitle, "80 runs") || f.Title != "Alliance trust, US–ROK" {
		t.Fatalf("title %q, subtitle %q, %d panels", f.Title, f.Subtitle, len(f.Panels))
	}
	pan := f.Panels[0]
	if got := lineLabels(pan); !slices.Equal(got, []string{"median", "reference run"}) {
		t.Errorf("lines %q, want the median and the reference run", got)
	}
	i := fan.Bands.Index("alliance_trust", model.SubjectAlliance)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, st := range fan.Bands.Row(i) {
		lo, hi = math.Min(lo, st.Q[ensemble.P05]), math.Max(hi, st.Q[ensemble.P95])
		if st.Q[ensemble.P05] > st.Q[ensemble.P25] || st.Q[ensemble.P25] > st.Q[ensemble.P50] || st.Q[ensemble.P50] > st.Q[ensemble.P75] || st.Q[ensemble.P75] > st.Q[ensemble.P95] {
			t.Fatalf("quantiles out of order: %v", st.Q)
		}
	}
	if hi-lo < 1 {
		t.Fatalf("the trust band is %v to %v: the risks should spread it", lo, hi)
	}
	if y := pan.Plot.Y; y.Min > lo || y.Max < hi {
		t.Errorf("Y axis %v–%v does not hold the band %v–%v", y.Min, y.Max, lo, hi)
	}
	want := []string{"median", "middle 50% of runs", "middle 90% of runs", "reference run (no risks)"}
	if got := legendLabels(f); !slices.Equal(got, want) {
		t.Errorf("legend %q, want %q", got, want)
	}

	multi, err := FanChart(fan, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range multi.Panels {
		titles = append(titles, p.Plot.Title.Text)
	}
	if !slices.Equal(titles, []string{"US", "ROK", "DPRK", "CHN", "JPN"}) {
		t.Errorf("defense_share panels %q, want one per actor", titles)
	}
	if refs := refLabels(multi.Panels[1]); !slices.Contains(refs, "3.5% pledge") {
		t.Errorf("ROK's panel has references %q, want the 3.5%% pledge", refs)
	}
}

// TestFanDashboardAndFiles: WriteFan writes a fan chart for every indicator
// and the dashboard, as PNG and SVG.
func TestFanDashboardAndFiles(t *testing.T) {
	fan := testFan(t, 30)
	d, err := FanDashboard(fan)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Panels) != len(headlineIDs()) || !slices.Contains(legendLabels(d), "middle 90% of runs") {
		t.Errorf("dashboard: %d panels (want %d), legend %q", len(d.Panels), len(headlineIDs()), legendLabels(d))
	}
	for _, pan := range d.Panels {
		if pan.Indicator != parityChart {
			continue
		}
		b := fan.Bands
		want := quantileXYs(b, b.Index(parityIndicator, model.SubjectAlliance), ensemble.P50)
		if refs := pan.Refs; len(refs) != 1 || refs[0].Label != "GDP parity (median)" || !slices.Equal(refs[0].XYs, want) {
			t.Errorf("burden share panel: reference lines %q, want the median parity line", refLabels(pan))
		}
	}
	dir := t.TempDir()
	if err := writeTo(dir)(RenderFan(fan)); err != nil {
		t.Fatal(err)
	}
	for _, id := range indicatorIDs(fan.Ref.Series) {
		for _, ext := range []string{".png", ".svg"} {
			if _, err := os.Stat(filepath.Join(dir, "charts", string(id)+ext)); err != nil {
				t.Error(err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dashboard.png")); err != nil {
		t.Error(err)
	}
}

// TestFanNotFinite: a band that is not a number is an error, not a blank
// chart; so is a reference run over other years.
func TestFanNotFinite(t *testing.T) {
	fan := testFan(t, 5)
	fan.Bands.Row(3)[2].Q[ensemble.P75] = math.NaN()
	if _, err := FanChart(fan, "gdp"); err == nil || !strings.Contains(err.Error(), "not finite") {
		t.Errorf("NaN band: error %v", err)
	}
	fan = testFan(t, 5)
	fan.Ref.Years = fan.Ref.Years[1:]
	if _, err := FanChart(fan, "gdp"); err == nil {
		t.Error("a reference run over other years: no error")
	}
}

// TestCompareFans: a comparison of ensembles draws each scenario's median
// as its line, and says so in the subtitle.
func TestCompareFans(t *testing.T) {
	a, b := testFan(t, 20), testFan(t, 40)
	b.Info.Name = "more"
	cmp, err := newComparison([]Named{{Info: a.Info, bands: a.Bands}, {Info: b.Info, bands: b.Bands}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := cmp.chart("deterrence_credibility")
	if err != nil {
		t.Fatal(err)
	}
	i := b.Bands.Index("deterrence_credibility", model.SubjectAlliance)
	if got, want := f.Panels[0].Lines[1].XYs[5].Y, b.Bands.At(i, 5).Q[ensemble.P50]; got != want {
		t.Errorf("the second scenario's line is %v in year 5, want its median %v", got, want)
	}
	dir := t.TempDir()
	if err := writeTo(dir)(RenderCompareFans([]Fan{a, b})); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "charts", "deterrence_credibility.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "ensembles: median and middle 90% of runs") {
		t.Error("the comparison's subtitle does not say what the bands are")
	}
}

func testSensitivity(t *testing.T) *ensemble.Sensitivity {
	t.Helper()
	s, err := ensemble.OneAtATime(testScenario(3.5), ensemble.Target{Indicator: "deterrence_credibility", Subject: model.SubjectAlliance, Year: 2035}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTornado: the rows are the coefficients that move the target most,
// largest on top, and the X axis holds every bar.
func TestTornado(t *testing.T) {
	s := testSensitivity(t)
	f, err := Tornado(s, RunInfo{Name: "3.5pct"})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0].Plot
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if len(ticks) != TornadoRows {
		t.Fatalf("%d rows, want %d", len(ticks), TornadoRows)
	}
	for i, tick := range ticks {
		e := s.Effects[i]
		if tick.Label != effectLabel(e) || tick.Value != float64(TornadoRows-1-i) {
			t.Errorf("row %d: %q at %v, want %q at %v", i, tick.Label, tick.Value, effectLabel(e), TornadoRows-1-i)
		}
		if lo, hi := math.Min(e.AtLow, e.AtHigh), math.Max(e.AtLow, e.AtHigh); lo < p.X.Min || hi > p.X.Max {
			t.Errorf("%s: bar %v–%v outside the X axis %v–%v", e.Param, lo, hi, p.X.Min, p.X.Max)
		}
	}
	if !strings.Contains(f.Title, "deterrence credibility") || !strings.Contains(f.Note, "move it most") {
		t.Errorf("title %q, note %q", f.Title, f.Note)
	}
	if got := effectLabel(ensemble.Effect{Param: model.ParamRef{Key: "inertia", Actor: model.ROK}, PerActor: true, Low: 0.6, High: 0.97}); got != "inertia, ROK (0.6 to 0.97)" {
		t.Errorf("effect label %q", got)
	}
}

func testSweep(t *testing.T, axes ...ensemble.Axis) *ensemble.Sweep {
	t.Helper()
	s, err := ensemble.RunSweep(testScenario(3.5), axes, 0)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func rokDefense(values ...float64) ensemble.Axis {
	return ensemble.Axis{Key: "actors.ROK.defense_pct", Unit: "% of GDP", How: "ROK's defense share", Values: values,
		Set: func(sc *model.Scenario, v float64) { sc.Actors[model.ROK].DefensePct = model.Const(v) }}
}

// TestSweepCharts: one key draws the indicator against the swept values,
// with a dot label per value for one subject and a line per subject for
// several; two keys draw a heat map beside its colour bar, and need one
// subject.
func TestSweepCharts(t *testing.T) {
	s := testSweep(t, rokDefense(2.5, 3, 3.5, 4))
	f, err := SweepChart(s, "defense_spending", nil, RunInfo{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	pan := f.Panels[0]
	if len(pan.Lines) != 5 || pan.Plot.X.Label.Text != "actors.ROK.defense_pct (% of GDP)" || pan.Plot.X.Min > 2.5 || pan.Plot.X.Max < 4 {
		t.Errorf("%d lines, X label %q, X axis %v–%v", len(pan.Lines), pan.Plot.X.Label.Text, pan.Plot.X.Min, pan.Plot.X.Max)
	}
	rok := pan.Lines[1]
	for k := 1; k < len(rok.XYs); k++ {
		if rok.XYs[k].X != s.Axes[0].Values[k] || rok.XYs[k].Y <= rok.XYs[k-1].Y {
			t.Errorf("ROK's spending line %v: want it rising over the swept values", rok.XYs)
		}
	}

	grid := testSweep(t, rokDefense(2.5, 3.5), ensemble.Axis{Key: "params.rok_resolve", How: "ROK resolve", Values: []float64{0.2, 0.5, 0.9},
		Set: func(sc *model.Scenario, v float64) { sc.Params.ROKResolve = v }})
	if _, err := SweepHeatMap(grid, "defense_share", "", RunInfo{}); err == nil {
		t.Error("a heat map of an indicator with five subjects and none chosen: no error")
	}
	h, err := SweepHeatMap(grid, "deterrence_credibility", "", RunInfo{Name: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Panels) != 2 || h.Panels[0].Plot.Y.Label.Text != "params.rok_resolve" {
		t.Errorf("%d panels, Y label %q", len(h.Panels), h.Panels[0].Plot.Y.Label.Text)
	}
	dir := t.TempDir()
	if err := writeTo(dir)(RenderSweep(grid, "deterrence_credibility", "", RunInfo{})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "sweep.svg")); err != nil {
		t.Error(err)
	}
}

// BenchmarkWriteFan writes an ensemble's charts: 25 fan charts and the
// dashboard, as PNG and SVG (the bands of 1,000 runs; drawing does not
// depend on the number of runs).
func BenchmarkWriteFan(b *testing.B) {
	fan := testFan(b, 1000)
	dir := b.TempDir()
	for b.Loop() {
		if err := writeTo(dir)(RenderFan(fan)); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFanNoSpread: a fan chart of an indicator no run moves says so and
// keeps its legend to the median; one the runs spread keeps its bands.
func TestFanNoSpread(t *testing.T) {
	fan := testFan(t, 40)
	for indicator, spread := range map[model.IndicatorID]bool{"gdp": false, "alliance_trust": true} {
		subjects, _ := subjectsOf(fan.Bands.Series, indicator)
		if noSpread(fan.Bands, indicator, subjects) == spread {
			t.Fatalf("%s: noSpread is %v: the test scenario no longer shows what it should", indicator, !spread)
		}
		f, err := FanChart(fan, indicator)
		if err != nil {
			t.Fatal(err)
		}
		said := strings.Contains(f.Note, "the same in every run")
		if said == spread || (len(f.Legend) == 1) == spread {
			t.Errorf("%s: note %q, legend %q", indicator, f.Note, legendLabels(f))
		}
	}
}
