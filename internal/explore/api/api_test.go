package api

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"simulate/internal/chart"
	"simulate/internal/scenario"
	"simulate/model"
)

func value(r *Run, indicator, subject string, year int) float64 {
	for i, s := range r.Series {
		if s.Indicator == indicator && s.Subject == subject {
			return r.Values[i][year-r.Years[0]]
		}
	}
	return math.NaN()
}

// The page's changes become a file that extends the base with exactly the
// changed keys, and its run is the command line's run of that file.
func TestApplyWritesTheChangedKeys(t *testing.T) {
	files := bundled(t)
	s := NewSession(files)
	v := 0.9
	req := &Request{
		Base: "scenarios/3.5pct.toml",
		Set: []Setting{
			{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2033: 4.25}},
			{Key: "params.ROK.inertia", Value: &v},
			{Key: "alliance.us_commitment_pct", Path: map[int]float64{2025: 100, 2030: 80}},
		},
		Events: []Event{{Year: 2028, Kind: "political_crisis", Actor: "ROK", Severity: 0.5, Note: "added in simulate explore"}},
	}
	r := s.Apply(req)
	if r.Error != "" {
		t.Fatal(r.Error)
	}
	want := []string{"alliance.us_commitment_pct", "actors.ROK.defense_pct", "params.ROK.inertia", "events[0]"}
	slices.Sort(want)
	got := slices.Sorted(slices.Values(r.Changed))
	if !slices.Equal(got, want) {
		t.Errorf("changed %q, want %q\n%s", got, want, r.TOML)
	}
	if !strings.Contains(r.TOML, "extends = \"3.5pct.toml\"") || !strings.Contains(r.TOML, "# added in simulate explore\n[[events]]") {
		t.Errorf("the file does not extend the base or lacks the event's note:\n%s", r.TOML)
	}
	// The same text, loaded by the command line's loader from an fs.FS
	// holding the same files, gives the same run, value for value.
	with := NewSession(files).with(ChildName(req.Base), r.TOML)
	l, err := scenario.LoadFS(with, ChildName(req.Base))
	if err != nil {
		t.Fatal(err)
	}
	native, err := model.Run(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	for i := range native.Series {
		if !slices.Equal(native.Row(i), r.Values[i]) {
			t.Fatalf("%s %s differs from the native run", native.Series[i].Indicator, native.Series[i].Subject)
		}
	}
	if got := value(r, "defense_share", "ROK", 2033); math.Abs(got-4.25) > 1e-9 {
		t.Errorf("ROK's share in 2033 is %v, want the target 4.25", got)
	}
	if got := value(r, "us_commitment", "US-ROK", 2030); math.Abs(got-80) > 1e-9 {
		t.Errorf("US commitment in 2030 is %v, want 80", got)
	}
}

// A lever value the loader rejects comes back as the loader's error, with
// the file and key path, and no run.
func TestApplyRejectsWhatTheLoaderRejects(t *testing.T) {
	s := NewSession(bundled(t))
	tests := []struct {
		set  Setting
		want string
	}{
		{Setting{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2035: 70}}, "scenarios/3.5pct-explore.toml:6: actors.ROK.defense_pct.2035: 70 is out of range: expected 0 to 60 (% of GDP)"},
		{Setting{Key: "params.inertia", Value: ptr(2)}, "is outside the plausible range"},
		{Setting{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2050: 3}}, "year 2050 is outside the horizon 2025–2040"},
		{Setting{Key: "actors.ROK.warheads", Value: ptr(1)}, "warheads is not modelled for ROK"},
		{Setting{Key: "nonsense", Value: ptr(1)}, "expected TABLE.KEY"},
	}
	for _, tt := range tests {
		r := s.Apply(&Request{Base: "scenarios/3.5pct.toml", Set: []Setting{tt.set}})
		if !strings.Contains(r.Error, tt.want) || r.Values != nil {
			t.Errorf("%s: error %q, want it to contain %q and no run", tt.set.Key, r.Error, tt.want)
		}
	}
}

func ptr(v float64) *float64 { return &v }

// With no changes the page runs the loaded scenario itself, and offers no
// file to download.
func TestApplyUnchanged(t *testing.T) {
	r := NewSession(bundled(t)).Apply(&Request{Base: "scenarios/masga.toml"})
	if r.Error != "" || r.TOML != "" || r.Scenario == nil || len(r.Scenario.Investments) != 2 {
		t.Fatalf("unchanged masga: error %q, toml %q, scenario %+v", r.Error, r.TOML, r.Scenario)
	}
}

// Numbers are written so that TOML reads back the same float.
func TestNumberRoundTrips(t *testing.T) {
	for _, x := range []float64{0, 1, -2, 3.5, 0.1 + 0.2, 1e-9, 123456789.125, 2.0000000000000004, 1e21} {
		text := "x = " + scenario.FormatFloat(x)
		var got struct{ X float64 }
		if _, err := tomlDecode(text, &got); err != nil || got.X != x {
			t.Errorf("%v written as %q reads back as %v (%v)", x, text, got.X, err)
		}
	}
}

// The ensemble draws the scenario's risks: its bands are ordered and
// spread where risks act.
func TestEnsemble(t *testing.T) {
	b := NewSession(bundled(t)).Ensemble(&Request{Base: "scenarios/3.5pct-risks.toml"}, 200)
	if b.Error != "" || b.Runs != 200 {
		t.Fatalf("error %q, %d runs", b.Error, b.Runs)
	}
	q := b.Series[SeriesKey("alliance_cohesion", model.SubjectAlliance)]
	spread := false
	for t2 := range b.Years {
		if !(q[0][t2] <= q[1][t2] && q[1][t2] <= q[2][t2] && q[2][t2] <= q[3][t2] && q[3][t2] <= q[4][t2]) {
			t.Errorf("year %d: quantiles out of order %v %v %v %v %v", b.Years[t2], q[0][t2], q[1][t2], q[2][t2], q[3][t2], q[4][t2])
		}
		spread = spread || q[4][t2] > q[0][t2]
	}
	if !spread {
		t.Error("random crises leave alliance cohesion with no spread")
	}
	if b := NewSession(bundled(t)).Ensemble(&Request{Base: "scenarios/3.5pct-risks.toml"}, 0); b.Error == "" {
		t.Error("an ensemble of 0 runs is accepted")
	}
}

// The schema holds every coefficient of the registry and every input of
// the loader, so that the page's levers follow the model.
func TestSchema(t *testing.T) {
	s := NewSchema()
	if len(s.Params) != len(model.ParamSpecs()) || len(s.Inputs) != len(scenario.Inputs()) {
		t.Errorf("schema has %d coefficients and %d inputs; the registry %d, the loader %d", len(s.Params), len(s.Inputs), len(model.ParamSpecs()), len(scenario.Inputs()))
	}
	for _, p := range s.Params {
		if p.Source == "" || p.Unit == "" || len(p.Low) != len(p.High) {
			t.Errorf("coefficient %s lacks a source, unit or range", p.Key)
		}
	}
	headline := 0
	for _, ind := range s.Indicators {
		if ind.Headline {
			headline++
		}
	}
	if headline != 6 {
		t.Errorf("%d headline indicators, want the dashboard's 6", headline)
	}
	if _, err := json.Marshal(s); err != nil {
		t.Fatal(err)
	}
	if SpendingClaimUSDbn != chart.SpendingClaimUSDbn {
		t.Errorf("the page's $150 bn line is at %v, the PNG charts' at %v", SpendingClaimUSDbn, chart.SpendingClaimUSDbn)
	}
}

func tomlDecode(text string, v any) (any, error) { return toml.Decode(text, v) }

// The CSV holds the series shown, in series.csv's format and order.
func TestCSV(t *testing.T) {
	s := NewSession(bundled(t))
	r := s.Load("scenarios/baseline.toml")
	csv, err := s.CSV(&Request{Base: "scenarios/baseline.toml"}, []string{SeriesKey("defense_spending", "ROK"), SeriesKey("naval_balance", model.SubjectRegion)})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if lines[0] != "year,subject,indicator,unit,value" || len(lines) != 1+2*len(r.Years) {
		t.Fatalf("header %q and %d lines, want series.csv's header and 2 series × %d years", lines[0], len(lines), len(r.Years))
	}
	want := fmt.Sprintf("%d,ROK,defense_spending,USD bn,%.4f", r.Years[0], value(r, "defense_spending", "ROK", r.Years[0]))
	if lines[1] != want || !strings.HasPrefix(lines[2], fmt.Sprintf("%d,REGION,naval_balance,", r.Years[0])) {
		t.Errorf("first lines %q, %q; want %q then naval_balance", lines[1], lines[2], want)
	}
}

// Every key the loader reads has its value in the view, for its lever.
func TestViewInputs(t *testing.T) {
	r := NewSession(bundled(t)).Load("scenarios/baseline.toml")
	in := r.Scenario.Inputs
	if v := in["actors.ROK.naval_kt"]; v.Value == nil || *v.Value <= 0 {
		t.Errorf("actors.ROK.naval_kt: %+v, want the baseline's tonnage", v)
	}
	if v := in["alliance.krw_per_usd"]; v.Path == nil || v.Path.Values[0] < 1000 {
		t.Errorf("alliance.krw_per_usd: %+v, want the baseline's exchange rate path", v)
	}
	if _, ok := in["actors.ROK.warheads"]; ok {
		t.Error("a key not modelled for ROK (warheads) has a lever")
	}
	n := 0
	for _, inp := range scenario.Inputs() {
		if inp.Table == "actors" {
			n += len(inp.Actors)
		} else {
			n++
		}
	}
	if len(in) != n {
		t.Errorf("%d input values, want one for each of the loader's %d keys", len(in), n)
	}
}

// Every figure in the file the page offers carries a comment saying where
// it comes from, as every figure of a bundled scenario does.
func TestComposeCommentsEveryFigure(t *testing.T) {
	v := 0.9
	text, err := Compose(&Request{Base: "scenarios/3.5pct.toml",
		Set:         []Setting{{Key: "params.ROK.inertia", Value: &v}, {Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2035: 4}, Note: "2035: set in simulate explore"}},
		Investments: []Investment{{Name: "MASGA shipbuilding", From: "ROK", To: "US", Sector: "shipbuilding", TotalUSD: 150, StartYear: 2026, EndYear: 2035, Note: "as in masga.toml"}},
		Events:      []Event{{Year: 2028, Kind: "trade_dispute", Severity: 0.4, Note: "added in simulate explore"}}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "[[") && (i == 0 || !strings.HasPrefix(lines[i-1], "# ")):
			t.Errorf("%q has no comment above it", line)
		case strings.Contains(line, " = ") && !strings.HasPrefix(line, "extends") && !strings.Contains(line, "  # ") && !strings.HasPrefix(lines[max(0, i-1)], "#") && !inTable(lines, i):
			t.Errorf("%q carries no comment", line)
		}
	}
}

// inTable reports whether line i belongs to an array-of-tables entry,
// whose comment stands above its [[header]].
func inTable(lines []string, i int) bool {
	for j := i - 1; j >= 0 && lines[j] != ""; j-- {
		if strings.HasPrefix(lines[j], "[[") {
			return j > 0 && strings.HasPrefix(lines[j-1], "# ")
		}
	}
	return false
}
