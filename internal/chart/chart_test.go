package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"simulate/model"
)

func lineLabels(p *Panel) []string {
	var out []string
	for _, l := range p.Lines {
		out = append(out, l.Label)
	}
	return out
}

func refLabels(p *Panel) []string {
	var out []string
	for _, r := range p.Refs {
		out = append(out, r.Label)
	}
	return out
}

func markTexts(p *Panel) []string {
	var out []string
	for _, m := range p.Marks {
		out = append(out, m.text())
	}
	return out
}

func legendLabels(f *Figure) []string {
	var out []string
	for _, e := range f.Legend {
		out = append(out, e.Label)
	}
	return out
}

// seriesMax returns the largest value of the (indicator, subject) series.
func seriesMax(res *model.Results, indicator model.IndicatorID, subject string) float64 {
	m := math.Inf(-1)
	for _, v := range res.Row(res.Index(indicator, subject)) {
		m = math.Max(m, v)
	}
	return m
}

// TestRunChart checks each chart of a run the issue names: its title, its
// lines, its reference lines and its event and package marks.
func TestRunChart(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	actors := []string{"US", "ROK", "DPRK", "CHN", "JPN"}
	tests := []struct {
		indicator model.IndicatorID
		title     string
		lines     []string // of the first panel
		panels    int
		legend    []string
		refs      []string
		marks     []string
	}{
		{"defense_share", "Defense share", []string{"US", "ROK", "CHN", "JPN"}, 2, actors,
			[]string{"2% pledge", "3.5% pledge", "5% pledge"}, []string{"2031 DPRK provocation"}},
		{"defense_spending", "Defense spending", []string{"ROK", "DPRK", "JPN"}, 2, actors, []string{"$150 bn"}, nil},
		{"burden_share", "Burden share, US–ROK", []string{"US–ROK"}, 1, nil, []string{"GDP parity"},
			[]string{"MASGA shipbuilding 2026–2035", "Strategic investment 2026–2035"}},
		{"naval_balance", "Naval balance", []string{"region"}, 1, nil, []string{"50%: even"}, []string{"MASGA shipbuilding 2026–2035"}},
		{"tariff_rate", "Tariff rate, US–ROK", []string{"US–ROK"}, 1, nil, nil,
			[]string{"MASGA shipbuilding 2026–2035", "Strategic investment 2026–2035", "2029 trade dispute"}},
		// Warship yard capacity in thousand tonnes a year: the US yards the
		// package rebuilds are of the same order as Asia's, on one scale.
		{"shipbuilding_capacity", "Shipbuilding capacity", []string{"US", "ROK", "CHN", "JPN"}, 1, []string{"US", "ROK", "CHN", "JPN"},
			nil, []string{"MASGA shipbuilding 2026–2035"}},
		{"deterrence_credibility", "Deterrence credibility, US–ROK", []string{"US–ROK"}, 1, nil, nil,
			[]string{"MASGA shipbuilding 2026–2035", "Strategic investment 2026–2035", "2027 ROK crisis", "2029 trade dispute"}},
		{"dprk_threat", "DPRK threat", []string{"region"}, 1, nil, nil, []string{"2031 DPRK provocation"}},
		{"gdp", "GDP", []string{"ROK", "DPRK", "JPN"}, 2, actors, nil, nil},
		{"power_share", "Power share", actors, 1, actors, nil, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.indicator), func(t *testing.T) {
			f, err := RunChart(res, info, tt.indicator)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.title {
				t.Errorf("title %q, want %q", f.Title, tt.title)
			}
			for _, want := range []string{"3.5pct", info.Title, "2025–2040"} {
				if !strings.Contains(f.Subtitle, want) {
					t.Errorf("subtitle %q does not name %q", f.Subtitle, want)
				}
			}
			if f.Note == "" {
				t.Error("no note saying what the indicator means")
			}
			if len(f.Panels) != tt.panels {
				t.Fatalf("%d panels, want %d", len(f.Panels), tt.panels)
			}
			pan := f.Panels[0]
			if got := lineLabels(pan); !slices.Equal(got, tt.lines) {
				t.Errorf("lines %q, want %q", got, tt.lines)
			}
			if got := legendLabels(f); !slices.Equal(got, tt.legend) {
				t.Errorf("legend %q, want %q", got, tt.legend)
			}
			if got := refLabels(pan); !slices.Equal(got, tt.refs) {
				t.Errorf("reference lines %q, want %q", got, tt.refs)
			}
			if got := markTexts(pan); !slices.Equal(got, tt.marks) {
				t.Errorf("marks %q, want %q", got, tt.marks)
			}
			if pan.Plot.Y.Label.Text == "" {
				t.Error("no unit on the Y axis")
			}
		})
	}
}

// TestOutlierPanel checks that DPRK's defense share, several times the
// allies', gets its own panel, so the pledges stay readable in the main one.
func TestOutlierPanel(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	main, side := f.Panels[0].Plot, f.Panels[1].Plot
	if got := lineLabels(f.Panels[1]); !slices.Equal(got, []string{"DPRK"}) {
		t.Errorf("side panel lines %q, want DPRK", got)
	}
	if main.Y.Max > 10 {
		t.Errorf("main panel reaches %v%% of GDP: the pledges of 2–5%% are squeezed", main.Y.Max)
	}
	if dprk := seriesMax(res, "defense_share", "DPRK"); side.Y.Max < dprk {
		t.Errorf("side panel tops at %v, below DPRK's %v", side.Y.Max, dprk)
	}
	if len(f.ColWeights) != 2 || f.ColWeights[0] <= f.ColWeights[1] {
		t.Errorf("column weights %v: the main panel should be the wider", f.ColWeights)
	}
}

// TestParityLine checks that burden_share's parity line is the burden_parity
// series of the same run.
func TestParityLine(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "burden_share")
	if err != nil {
		t.Fatal(err)
	}
	refs := f.Panels[0].Refs
	if len(refs) != 1 {
		t.Fatalf("%d reference lines, want parity alone", len(refs))
	}
	want := res.Row(res.Index("burden_parity", "US-ROK"))
	for i, xy := range refs[0].XYs {
		if xy.X != float64(res.Years[i]) || xy.Y != want[i] {
			t.Fatalf("parity point %d is (%v, %v), want (%d, %v)", i, xy.X, xy.Y, res.Years[i], want[i])
		}
	}
}

// TestAxes checks the ranges: whole years on X; 0–100 for an index; zero to
// above the data (and the reference lines) for money.
func TestAxes(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	tests := []struct {
		indicator  model.IndicatorID
		yMin, yMax float64 // yMax < 0: at least the data's maximum
	}{
		{"deterrence_credibility", 0, 100},
		{"alliance_cohesion", 0, 100},
		{"dprk_threat", 0, 100},
		{"gdp", 0, -1},
		{"investment_stock", 0, -1},
		{"defense_spending", 0, -1},
	}
	for _, tt := range tests {
		f, err := RunChart(res, info, tt.indicator)
		if err != nil {
			t.Fatal(err)
		}
		p := f.Panels[0].Plot
		if p.X.Min != 2025 || p.X.Max != 2040 {
			t.Errorf("%s: X from %v to %v, want 2025 to 2040", tt.indicator, p.X.Min, p.X.Max)
		}
		for _, tick := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if _, err := strconv.Atoi(tick.Label); tick.Label != "" && err != nil {
				t.Errorf("%s: year tick %q is not a whole year", tt.indicator, tick.Label)
			}
		}
		if p.Y.Min != tt.yMin {
			t.Errorf("%s: Y from %v, want %v", tt.indicator, p.Y.Min, tt.yMin)
		}
		if tt.yMax >= 0 && p.Y.Max != tt.yMax {
			t.Errorf("%s: Y to %v, want %v", tt.indicator, p.Y.Max, tt.yMax)
		}
		for _, l := range f.Panels[0].Lines {
			for _, xy := range l.XYs {
				if xy.Y < p.Y.Min || xy.Y > p.Y.Max {
					t.Errorf("%s: %s in %v is %v, outside the Y axis %v–%v", tt.indicator, l.Label, xy.X, xy.Y, p.Y.Min, p.Y.Max)
				}
			}
		}
	}
}

// TestLegendOutsideData checks that no panel carries gonum/plot's own legend,
// which it draws over the data area: legends go below the panels.
func TestLegendOutsideData(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	c := draw.New(vgimg.New(100, 100))
	for _, id := range indicatorIDs(res.Series) {
		f, err := RunChart(res, info, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, pan := range f.Panels {
			if r := pan.Plot.Legend.Rectangle(c); r.Size().X != 0 || r.Size().Y != 0 {
				t.Errorf("%s: a legend inside the plot", id)
			}
		}
		if len(f.Panels[0].Lines) > 1 && len(f.Legend) == 0 {
			t.Errorf("%s: several lines and no legend", id)
		}
	}
}

// TestDashboard checks the six headline panels, in the model's order.
func TestDashboard(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	f, err := RunDashboard(res, info)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.IndicatorID{"deterrence_credibility", "alliance_cohesion", "burden_share", "industrial_integration", "dprk_threat", "naval_balance"}
	var got []model.IndicatorID
	for _, pan := range f.Panels {
		got = append(got, pan.Indicator)
		if pan.Plot.Title.Text == "" {
			t.Errorf("%s: panel without a title", pan.Indicator)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("panels %q, want %q", got, want)
	}
	if f.Cols != 3 || !strings.Contains(f.Subtitle, "3.5pct") {
		t.Errorf("cols %d, subtitle %q", f.Cols, f.Subtitle)
	}
	// The panels are too small to label events; the caption lists them.
	wantCaption := []string{"Dotted lines: 2027 ROK crisis", "2029 trade dispute", "2031 DPRK provocation",
		"Shaded: MASGA shipbuilding 2026–2035", "Strategic investment 2026–2035"}
	if got := strings.Split(f.Caption, captionSep); !slices.Equal(got, wantCaption) {
		t.Errorf("caption %q, want %q", got, wantCaption)
	}
}

// TestCompare checks a comparison of scenarios with different horizons:
// shared years only, one line per scenario, a panel per subject.
func TestCompare(t *testing.T) {
	shortSc := testScenario(5)
	shortSc.EndYear = 2035
	shortSc.Events = append(shortSc.Events, model.Event{Year: 2033, Kind: model.TaiwanStraitCrisis, Severity: 0.8})
	base, baseInfo := runScenario(t, "baseline", testScenario(2.8))
	short, shortInfo := runScenario(t, "5pct", shortSc)
	runs := []Named{{Info: baseInfo, Res: base}, {Info: shortInfo, Res: short}}

	f, err := CompareChart(runs, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Subtitle, "2025–2035") || !strings.Contains(f.Subtitle, "all of them cover") {
		t.Errorf("subtitle %q does not say the years are the shared ones", f.Subtitle)
	}
	if got := legendLabels(f); !slices.Equal(got, []string{"baseline", "5pct"}) {
		t.Errorf("legend %q", got)
	}
	var titles []string
	for _, pan := range f.Panels {
		titles = append(titles, pan.Plot.Title.Text)
		if got := lineLabels(pan); !slices.Equal(got, []string{"baseline", "5pct"}) {
			t.Errorf("%s: lines %q", pan.Plot.Title.Text, got)
		}
		if pan.Plot.X.Min != 2025 || pan.Plot.X.Max != 2035 {
			t.Errorf("X from %v to %v, want the shared 2025–2035", pan.Plot.X.Min, pan.Plot.X.Max)
		}
		for _, l := range pan.Lines {
			if len(l.XYs) != 11 {
				t.Errorf("%s has %d years, want 11", l.Label, len(l.XYs))
			}
		}
		// The allies' pledges; on other panels only where they lie among
		// the data (CHN's share is below all three, DPRK's far above).
		want := []string{"2% pledge", "3.5% pledge", "5% pledge"}
		if pan.Plot.Title.Text == "CHN" || pan.Plot.Title.Text == "DPRK" {
			want = nil
		}
		if !slices.Equal(refLabels(pan), want) {
			t.Errorf("%s: reference lines %q, want %q", pan.Plot.Title.Text, refLabels(pan), want)
		}
	}
	spending, err := CompareChart(runs, "defense_spending")
	if err != nil {
		t.Fatal(err)
	}
	for _, pan := range spending.Panels {
		// The claim is about ROK; no other actor's spending comes near it.
		has := slices.Contains(refLabels(pan), "$150 bn")
		if want := pan.Plot.Title.Text == "ROK"; has != want {
			t.Errorf("defense spending of %s: $150 bn mark %v, want %v", pan.Plot.Title.Text, has, want)
		}
	}
	if !slices.Equal(titles, []string{"US", "ROK", "DPRK", "CHN", "JPN"}) {
		t.Errorf("panel titles %q, want one per actor", titles)
	}
	if got := markTexts(f.Panels[0]); !slices.Equal(got, []string{"2031 DPRK provocation", "2033 Taiwan Strait (5pct)"}) {
		t.Errorf("marks %q: shared marks plain, the one scenario's named", got)
	}
	s0, s1 := scenarioStyle(0, 3), scenarioStyle(1, 3)
	if s0.Color == s1.Color {
		t.Error("two scenarios share a colour")
	}

	dash, err := CompareDashboard(runs)
	if err != nil {
		t.Fatal(err)
	}
	if len(dash.Panels) != 6 || len(dash.Legend) != 2 {
		t.Errorf("compare dashboard: %d panels, %d legend entries; want 6 and 2", len(dash.Panels), len(dash.Legend))
	}
}

// TestScenarioStyles checks that the first 28 scenarios of a comparison are
// told apart by colour or dash.
func TestScenarioStyles(t *testing.T) {
	seen := make(map[string]int)
	for i := range 28 {
		s := scenarioStyle(i, 3)
		r, g, b, _ := s.Color.RGBA()
		key := fmt.Sprint(r, g, b, s.Dashes)
		if j, ok := seen[key]; ok {
			t.Fatalf("scenarios %d and %d look the same", j, i)
		}
		seen[key] = i
	}
}

// TestSVGDeterministic builds and renders the same figures twice and wants
// the same bytes, in SVG and in PNG.
func TestSVGDeterministic(t *testing.T) {
	render := func(format string) [][]byte {
		res, info := runScenario(t, "3.5pct", testScenario(3.5))
		var out [][]byte
		for _, build := range []func() (*Figure, error){
			func() (*Figure, error) { return RunChart(res, info, "tariff_rate") },
			func() (*Figure, error) { return RunChart(res, info, "defense_share") },
			func() (*Figure, error) { return RunDashboard(res, info) },
		} {
			f, err := build()
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Render(&buf, format); err != nil {
				t.Fatal(err)
			}
			out = append(out, buf.Bytes())
		}
		return out
	}
	for _, format := range []string{"svg", "png"} {
		a, b := render(format), render(format)
		for i := range a {
			if !bytes.Equal(a[i], b[i]) {
				t.Errorf("%s figure %d: two renderings differ", format, i)
			}
		}
	}
}

// TestSVGContent checks that what the figure holds is drawn: the title, the
// reference labels, the event label, the legend, and whole-year ticks.
func TestSVGContent(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf, "svg"); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	for _, want := range []string{">Defense share<", ">3.5% pledge<", ">2031 DPRK provocation<", ">CHN<", ">2030<", ">DPRK, own scale<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %s", want)
		}
	}
	// Each actor is named twice: at the end of its line and in the legend.
	for _, actor := range []string{"US", "ROK", "DPRK", "CHN", "JPN"} {
		if n := strings.Count(svg, ">"+actor+"<"); n != 2 {
			t.Errorf("%s is written %d times, want 2 (line end and legend)", actor, n)
		}
	}
	if strings.Contains(svg, "2030.0") {
		t.Error("a year is written with decimals")
	}
	if strings.Contains(svg, "Liberation Serif") || strings.Contains(svg, svgFont) || !strings.Contains(svg, svgFontFallback) {
		t.Error("the SVG does not name Liberation Sans with its fallbacks")
	}
}

// TestNotFinite checks that a NaN or an infinity is an error that names the
// series and the year, and that nothing is written.
func TestNotFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		res := resultsOf([]int{2025, 2026, 2027}, []model.Series{
			{Indicator: "deterrence_credibility", Subject: "US-ROK", Unit: "0–100"},
			{Indicator: "gdp", Subject: "ROK", Unit: "USD bn"},
		}, []float64{70, 71, 72}, []float64{1800, bad, 1900})
		dir := filepath.Join(t.TempDir(), "out")
		err := writeTo(dir)(RenderRun(res, RunInfo{Name: "bad"}))
		if err == nil || !strings.Contains(err.Error(), "gdp for ROK in 2026") {
			t.Errorf("%v: error %v, want one naming gdp for ROK in 2026", bad, err)
		}
		if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
			t.Errorf("%v: the output directory was created", bad)
		}
		if _, err := RunChart(res, RunInfo{}, "gdp"); err == nil {
			t.Errorf("%v: RunChart drew it", bad)
		}
		if _, err := CompareChart([]Named{{Res: res}}, "gdp"); err == nil {
			t.Errorf("%v: CompareChart drew it", bad)
		}
	}
}

// TestBadResults checks that results that cannot be charted are errors.
func TestBadResults(t *testing.T) {
	series := []model.Series{{Indicator: "gdp", Subject: "ROK", Unit: "USD bn"}}
	tests := map[string]*model.Results{
		"nil":             nil,
		"no years":        resultsOf(nil, series, []float64{}),
		"ragged":          resultsOf([]int{2025, 2026}, series, []float64{1}),
		"missing row":     resultsOf([]int{2025}, series),
		"gap in years":    resultsOf([]int{2025, 2027}, series, []float64{1, 2}),
		"no headline ind": resultsOf([]int{2025}, series, []float64{1}),
	}
	for name, res := range tests {
		if err := writeTo(t.TempDir())(RenderRun(res, RunInfo{})); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := CompareChart(nil, "gdp"); err == nil {
		t.Error("comparing no scenarios: no error")
	}
}

// TestWriteRun checks the files of a run: a PNG and an SVG per indicator and
// for the dashboard, at slide size.
func TestWriteRun(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	dir := t.TempDir()
	if err := writeTo(dir)(RenderRun(res, info)); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, id := range indicatorIDs(res.Series) {
		want = append(want, string(id)+".png", string(id)+".svg")
	}
	slices.Sort(want)
	entries, err := os.ReadDir(filepath.Join(dir, "charts"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("charts %q,\nwant %q", got, want)
	}
	for name, size := range map[string][2]int{"dashboard.png": {1920, 1080}, "charts/gdp.png": {1440, 810}} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if img.Width != size[0] || img.Height != size[1] {
			t.Errorf("%s is %d×%d, want %d×%d", name, img.Width, img.Height, size[0], size[1])
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "dashboard.svg")); err != nil {
		t.Error(err)
	}
}

// TestWriteRunDeterministic writes a run twice, the figures rendered in
// parallel, and wants every file byte for byte the same.
func TestWriteRunDeterministic(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := writeTo(dir)(RenderRun(res, info)); err != nil {
			t.Fatal(err)
		}
	}
	files, err := filepath.Glob(filepath.Join(a, "*", "*.*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files (%v)", err)
	}
	files = append(files, filepath.Join(a, "dashboard.png"), filepath.Join(a, "dashboard.svg"))
	for _, fa := range files {
		rel, _ := filepath.Rel(a, fa)
		da, errA := os.ReadFile(fa)
		db, errB := os.ReadFile(filepath.Join(b, rel))
		if errA != nil || errB != nil || !bytes.Equal(da, db) {
			t.Errorf("%s differs between two runs (%v, %v)", rel, errA, errB)
		}
	}
}

// TestWriteCompare checks the files of a comparison.
func TestWriteCompare(t *testing.T) {
	a, aInfo := runScenario(t, "baseline", testScenario(2.8))
	b, bInfo := runScenario(t, "5pct", testScenario(5))
	dir := t.TempDir()
	if err := writeTo(dir)(RenderCompare([]Named{{Info: aInfo, Res: a}, {Info: bInfo, Res: b}})); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"dashboard.png", "dashboard.svg", "charts/defense_share.svg", "charts/burden_share.png"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestTablesNameIndicators checks the tables of reference lines and marks
// against the model's indicators, so a misspelt id cannot silently drop a
// line, and that every event kind is marked somewhere.
func TestTablesNameIndicators(t *testing.T) {
	known := make(map[model.IndicatorID]bool)
	for _, in := range model.IndicatorList() {
		known[in.ID] = true
	}
	var ids []model.IndicatorID
	for _, list := range eventCharts {
		ids = append(ids, list...)
	}
	for id := range packageCharts {
		ids = append(ids, id)
	}
	for id := range pledges {
		ids = append(ids, id)
	}
	ids = append(ids, parityIndicator, parityChart)
	for _, id := range ids {
		if !known[id] {
			t.Errorf("%q is not an indicator of the model", id)
		}
	}
	for _, kind := range model.EventKindNames() {
		k, _ := model.ParseEventKind(kind)
		for a := range model.NumActors {
			if e := (model.Event{Kind: k, Actor: a}); len(eventCharts[keyOf(e)]) == 0 {
				t.Errorf("events of kind %s (actor %s) are marked on no chart", kind, a)
			}
		}
	}
}

// TestValueRange checks the Y ranges against cases worked by hand: the top
// is the data's maximum plus 5% of the span, rounded up to a step of 1, 2,
// 2.5 or 5 times a power of ten near a fifth of the range.
func TestValueRange(t *testing.T) {
	tests := []struct {
		unit           string
		lo, hi         float64
		min, max, step float64
	}{
		{"0–100", 40, 82, 0, 100, 20},         // an index keeps its scale
		{"0–100", 0, 100, 0, 100, 20},         // even when it fills it
		{"0–100", -5, 82, -20, 100, 20},       // but never hides data: −9.35 to 86.35, step 95.7/5 → 20
		{"USD bn", 1800, 3050, 0, 4000, 1000}, // from zero; 3202.5, step 640.5 → 1000
		{"% of GDP", 1.6, 5, 0, 6, 2},         // 5.25, step 1.05 → 2
		{"% allied", 38, 55, 0, 60, 20},       // 57.75, step 11.55 → 20
		{"USD bn/yr", 0, 0, 0, 1, 0.2},        // all zero still gets an axis
	}
	for _, tt := range tests {
		min, max, step := valueRange(tt.unit, tt.lo, tt.hi)
		if min != tt.min || max != tt.max || step != tt.step {
			t.Errorf("valueRange(%q, %v, %v) = %v, %v, %v; want %v, %v, %v", tt.unit, tt.lo, tt.hi, min, max, step, tt.min, tt.max, tt.step)
		}
	}
}

// TestFormatValue checks tick labels.
func TestFormatValue(t *testing.T) {
	tests := []struct {
		v, step float64
		want    string
	}{
		{30000, 10000, "30,000"},
		{2000, 500, "2,000"},
		{2.5, 0.5, "2.5"},
		{0, 0.25, "0.00"},
		{-1500, 500, "-1,500"},
		{100, 20, "100"},
		{0.1 + 0.2, 0.1, "0.3"},
	}
	for _, tt := range tests {
		if got := formatValue(tt.v, tt.step); got != tt.want {
			t.Errorf("formatValue(%v, %v) = %q, want %q", tt.v, tt.step, got, tt.want)
		}
	}
}

// TestYearTicks checks that years are labelled as whole numbers, at a round
// step that keeps them apart.
func TestYearTicks(t *testing.T) {
	tests := []struct {
		first, last, max int
		labels           []string
	}{
		{2025, 2040, 9, []string{"2026", "2028", "2030", "2032", "2034", "2036", "2038", "2040"}},
		{2025, 2040, 5, []string{"2025", "2030", "2035", "2040"}},
		{2025, 2030, 9, []string{"2025", "2026", "2027", "2028", "2029", "2030"}},
		{2025, 2040, 2, []string{"2030", "2040"}},
	}
	for _, tt := range tests {
		ticks := yearTicks{Step: yearStep(tt.first, tt.last, tt.max)}.Ticks(float64(tt.first), float64(tt.last))
		var labels []string
		for _, tick := range ticks {
			if tick.Label != "" {
				labels = append(labels, tick.Label)
			}
		}
		if !slices.Equal(labels, tt.labels) {
			t.Errorf("%d–%d, at most %d: labels %q, want %q", tt.first, tt.last, tt.max, labels, tt.labels)
		}
		if len(ticks) != tt.last-tt.first+1 {
			t.Errorf("%d–%d: %d ticks, want one a year", tt.first, tt.last, len(ticks))
		}
	}
}

// TestSpread checks that margin labels end up at least a line apart.
func TestSpread(t *testing.T) {
	ys := []vg.Length{50, 52, 10, 51, 200}
	got := spread(ys, 12, 0, 100)
	sorted := slices.Clone(got)
	slices.Sort(sorted)
	for i := 1; i < len(sorted); i++ {
		if sorted[i]-sorted[i-1] < 12-1e-9 {
			t.Errorf("labels at %v are closer than 12", got)
		}
	}
	if got[2] != 10 {
		t.Errorf("a label with room moved: %v", got)
	}
	if got[4] != 100 {
		t.Errorf("a label above the area was not brought in: %v", got)
	}
}

// TestZeroNote checks that a chart whose values are all zero says so, and
// one with any other value does not.
func TestZeroNote(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	stock := res.Row(res.Index("investment_stock", "US-ROK"))
	saved := slices.Clone(stock)
	defer copy(stock, saved)
	const note = "zero in every year of this scenario"
	for i := range stock {
		stock[i] = 0
	}
	f, err := RunChart(res, info, "investment_stock")
	if err != nil || !strings.HasSuffix(f.Note, note) {
		t.Errorf("all zero: note %q (%v), want it to end %q", f.Note, err, note)
	}
	copy(stock, saved)
	stock[len(stock)-1] = 1
	if f, err = RunChart(res, info, "investment_stock"); err != nil || strings.Contains(f.Note, note) {
		t.Errorf("not all zero: note %q (%v)", f.Note, err)
	}
}

// TestEndLabels checks that lines ending at the same value share one grey
// label and lines ending apart keep their own, in their colours.
func TestEndLabels(t *testing.T) {
	line := func(label string, end float64, c color.Color) Line {
		return Line{Label: label, XYs: plotter.XYs{{X: 2025, Y: 1}, {X: 2040, Y: end}}, Style: draw.LineStyle{Color: c}}
	}
	red, blue, green := color.RGBA{R: 255, A: 255}, color.RGBA{B: 255, A: 255}, color.RGBA{G: 255, A: 255}
	l := &marginLayer{ends: []Line{line("baseline", 45, red), line("3.5pct", 50, blue), line("5pct", 45+1e-12, green)}}
	got := l.labels()
	want := []label{{"baseline = 5pct", 45, textGrey, true}, {"3.5pct", 50, blue, true}}
	if len(got) != len(want) {
		t.Fatalf("labels %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].text != want[i].text || got[i].y != want[i].y || got[i].color != want[i].color {
			t.Errorf("label %d is %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestFlowSteps checks that an amount paid in a year is drawn as a step
// centred on its year, and a level as a line through its points.
func TestFlowSteps(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	for indicator, want := range map[model.IndicatorID]plotter.StepKind{"investment_flow": plotter.MidStep, "investment_stock": plotter.NoStep} {
		f, err := RunChart(res, info, indicator)
		if err != nil {
			t.Fatal(err)
		}
		var steps []plotter.StepKind
		for _, ln := range f.Panels[0].Lines {
			steps = append(steps, ln.Step)
		}
		if len(steps) != 1 || steps[0] != want {
			t.Errorf("%s: line steps %v, want [%v]", indicator, steps, want)
		}
	}
}

// TestMarkRows checks that labels that would overlap go to different rows
// and labels far apart share one.
func TestMarkRows(t *testing.T) {
	p := plot.New()
	p.X.Min, p.X.Max = 2025, 2040
	c := draw.New(vgimg.New(600, 300))
	l := &markLayer{style: textStyle(12, textGrey, false), marks: []Mark{
		{From: 2027, To: 2027, Label: "ROK crisis"},
		{From: 2028, To: 2028, Label: "trade dispute"},
		{From: 2038, To: 2038, Label: "DPRK provocation"},
	}}
	l.layout(c, p)
	if l.rows[0] == l.rows[1] {
		t.Errorf("rows %v: neighbouring labels share a row", l.rows)
	}
	if l.rows[2] != 0 || l.nrows != 2 {
		t.Errorf("rows %v (%d): a distant label should go in the first row", l.rows, l.nrows)
	}
}

// TestMarkRowsCapped checks that a crowd of events cannot take over the
// chart: the band stops at maxMarkRows and the rest go unlabelled.
func TestMarkRowsCapped(t *testing.T) {
	p := plot.New()
	p.X.Min, p.X.Max = 2025, 2040
	c := draw.New(vgimg.New(600, 300))
	l := &markLayer{style: textStyle(12, textGrey, false)}
	for range 12 {
		l.marks = append(l.marks, Mark{From: 2030, To: 2030, Label: "DPRK provocation"})
	}
	l.layout(c, p)
	if l.nrows != maxMarkRows {
		t.Errorf("%d rows, want %d", l.nrows, maxMarkRows)
	}
	if n := strings.Count(fmt.Sprint(l.rows), "-1"); n != 12-maxMarkRows {
		t.Errorf("rows %v: want %d labels left out", l.rows, 12-maxMarkRows)
	}
}

// TestOddShapes checks results with a single year and with all-zero series:
// they render, with an axis that is not empty.
func TestOddShapes(t *testing.T) {
	res := resultsOf([]int{2030}, []model.Series{
		{Indicator: "deterrence_credibility", Subject: "US-ROK", Unit: "0–100"},
		{Indicator: "investment_flow", Subject: "US-ROK", Unit: "USD bn/yr"},
	}, []float64{70}, []float64{0})
	f, err := RunChart(res, RunInfo{Name: "one"}, "investment_flow")
	if err != nil {
		t.Fatal(err)
	}
	p := f.Panels[0].Plot
	if !(p.X.Min < 2030 && p.X.Max > 2030 && p.Y.Min == 0 && p.Y.Max > 0) {
		t.Errorf("axes %v–%v, %v–%v", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	if err := writeTo(t.TempDir())(RenderRun(res, RunInfo{Name: "one"})); err != nil {
		t.Error(err)
	}
}

// TestSplitForPledges checks which subjects get a panel of their own: those
// that dwarf the subjects the indicator's pledges are about, and only then.
func TestSplitForPledges(t *testing.T) {
	res := resultsOf([]int{2025, 2026}, nil)
	add := func(indicator model.IndicatorID, subject string, a, b float64) {
		res.Series = append(res.Series, model.Series{Indicator: indicator, Subject: subject})
		res.Values = append(res.Values, a, b)
	}
	for _, s := range []struct {
		subject string
		share   float64
		usd     float64
	}{{"US", 3.4, 1000}, {"ROK", 2.8, 50}, {"DPRK", 22, 5}, {"CHN", 1.7, 330}, {"JPN", 1.6, 70}} {
		add("defense_share", s.subject, s.share, s.share)
		add("defense_spending", s.subject, s.usd, s.usd*1.1)
		add("gdp", s.subject, s.usd*30, s.usd*31)
		add("power_share", s.subject, s.usd/15, s.usd/15)
	}
	tests := []struct {
		indicator model.IndicatorID
		apart     []string
	}{
		{"defense_share", []string{"DPRK"}},         // 22 > 3 × 3.4 (US, an ally)
		{"defense_spending", []string{"US", "CHN"}}, // the allies' pledge is ROK's: 1100 and 363 > 3 × 55
		{"gdp", []string{"US", "CHN"}},              // ROK's is the focus: 30000 and 9900 > 3 × 1500
		{"power_share", nil},                        // shares of a whole: the scales are the point
	}
	for _, tt := range tests {
		together, apart := splitForPledges(res, tt.indicator, []string{"US", "ROK", "DPRK", "CHN", "JPN"}, focus[tt.indicator])
		if !slices.Equal(apart, tt.apart) || len(together)+len(apart) != 5 {
			t.Errorf("%s: apart %q, together %q; want apart %q", tt.indicator, apart, together, tt.apart)
		}
	}
}

// TestPackageEnd checks the last year of a package.
func TestPackageEnd(t *testing.T) {
	tests := []struct {
		inv  model.Investment
		want int
	}{
		{model.Investment{StartYear: 2026, EndYear: 2035}, 2035},
		{model.Investment{StartYear: 2026, TotalUSDbn: 200, AnnualCap: 20}, 2035}, // ten years of 20
		{model.Investment{StartYear: 2026, TotalUSDbn: 210, AnnualCap: 20}, 2036}, // and 10 in the eleventh
		{model.Investment{StartYear: 2026, TotalUSDbn: 200}, 2026},
	}
	for _, tt := range tests {
		if got := packageEnd(tt.inv); got != tt.want {
			t.Errorf("packageEnd(%+v) = %d, want %d", tt.inv, got, tt.want)
		}
	}
}

// TestFitText checks that a long title is shrunk, then cut, to fit.
func TestFitText(t *testing.T) {
	sty := textStyle(22, black, true)
	long := strings.Repeat("ROK defense spending reaches 3.5% of GDP ", 5)
	got, s := fitText(sty, long, 500)
	if got.Width(s) > 500 || !strings.HasSuffix(s, "…") || got.Font.Size < 22*3/4 {
		t.Errorf("fitted to %q at %v pt", s, got.Font.Size)
	}
	if _, s := fitText(sty, "GDP", 500); s != "GDP" {
		t.Errorf("a short title changed: %q", s)
	}
}

// TestDisplayName checks the words of indicator ids.
func TestDisplayName(t *testing.T) {
	for id, want := range map[model.IndicatorID]string{
		"dprk_threat":   "DPRK threat",
		"gdp":           "GDP",
		"us_commitment": "US commitment",
		"rok_autonomy":  "ROK autonomy",
		"defense_share": "Defense share",
	} {
		if got := displayName(id); got != want {
			t.Errorf("displayName(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestShipbuildingFocus: the US yards are the focus only when a
// shipbuilding package rebuilds them; yard capacity in thousand tonnes a
// year puts the US and Asian yards within the split ratio, so both cases
// draw one panel.
func TestShipbuildingFocus(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	if got := focusOf("shipbuilding_capacity", info); !slices.Equal(got, []string{"US"}) {
		t.Errorf("focus with a shipbuilding package %q, want [US]", got)
	}
	for _, tt := range []struct {
		investments []model.Investment
		panels      int
	}{{info.Investments, 1}, {nil, 1}} {
		info.Investments = tt.investments
		f, err := RunChart(res, info, "shipbuilding_capacity")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Panels) != tt.panels {
			t.Errorf("%d packages: %d panels, want %d", len(tt.investments), len(f.Panels), tt.panels)
		}
	}
}

// TestCommitmentChange checks the span marked for a scheduled change of US
// commitment: from the last year at the first value to the first year at
// the last, on the charts the change moves and no others.
func TestCommitmentChange(t *testing.T) {
	tests := []struct {
		path model.Path
		want string // "" for no mark
	}{
		{model.PathOf(map[int]float64{2025: 100, 2026: 100, 2030: 70}), "US commitment 100→70 2026–2030"},
		{model.PathOf(map[int]float64{2025: 100, 2028: 80, 2032: 60, 2040: 60}), "US commitment 100→60 2025–2032"},
		{model.Const(70), ""},
		{model.PathOf(map[int]float64{2025: 100, 2030: 80, 2035: 100}), ""},
		{model.Path{}, ""},
	}
	for _, tt := range tests {
		m, ok := commitmentChange(tt.path)
		if got := m.text(); ok != (tt.want != "") || ok && got != tt.want {
			t.Errorf("%v: mark %q (%v), want %q", tt.path, got, ok, tt.want)
		}
	}
	info := RunInfo{Commitment: tests[0].path}
	for indicator, want := range map[model.IndicatorID]int{"deterrence_credibility": 1, "us_commitment": 1, "naval_balance": 0} {
		if got := len(runMarks(indicator, info, 2025, 2040)); got != want {
			t.Errorf("%s: %d marks, want %d", indicator, got, want)
		}
	}
}

// TestRivalPackageMarks: another ally's package in the US is marked on the
// charts of US commitment to ROK and what it feeds, not on ROK's investment
// stock, integration or tariff, which it does not move; a shipbuilding
// package is marked on the yards whoever pays.
func TestRivalPackageMarks(t *testing.T) {
	japan := model.Investment{Name: "Japan", From: model.JPN, To: model.US, Sector: model.OtherSector, TotalUSDbn: 550, StartYear: 2026, EndYear: 2029}
	taiwan := model.Investment{Name: "Taiwan", ThirdParty: "Taiwan", To: model.US, Sector: model.Shipbuilding, TotalUSDbn: 50, StartYear: 2026, EndYear: 2030}
	info := RunInfo{Investments: []model.Investment{japan, taiwan}}
	for _, tt := range []struct {
		indicator model.IndicatorID
		want      []string
	}{
		{model.IndUSCommitment, []string{"Japan", "Taiwan"}},
		{model.IndDeterrenceWill, []string{"Japan", "Taiwan"}},
		{model.IndIndustrialIntegration, nil},
		{model.IndTariffRate, nil},
		{model.IndInvestmentStock, nil},
		{model.IndShipbuildingCapacity, []string{"Taiwan"}},
	} {
		var got []string
		for _, m := range runMarks(tt.indicator, info, 2025, 2040) {
			got = append(got, m.Label)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: marks %q, want %q", tt.indicator, got, tt.want)
		}
	}
}
