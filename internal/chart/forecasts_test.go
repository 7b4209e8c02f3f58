package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/plotter"
)

func forecastFigure(bad float64) ForecastFigure {
	return ForecastFigure{
		Title: "t", Subtitle: "s", Note: "n", Unit: "% of GDP", RecordLabel: "record", PathLabel: "forecasts",
		Panels: []ForecastPanel{
			{Subject: "US", Title: "US", Record: plotter.XYs{{X: 2000, Y: 3}, {X: 2001, Y: 3.2}, {X: 2002, Y: 3.5}},
				Paths: []plotter.XYs{{{X: 2000, Y: 3}, {X: 2001, Y: 3.1}, {X: 2002, Y: bad}}}},
			{Subject: "JPN", Title: "JPN", Record: plotter.XYs{{X: 2000, Y: 1}, {X: 2002, Y: 1.1}}},
		},
	}
}

// The forecast chart has a panel per actor with the record drawn last (on
// top), over the years of record and forecasts, and its Y axis from zero.
func TestForecastFans(t *testing.T) {
	f, err := ForecastFans(forecastFigure(3.3))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Panels) != 2 || f.Cols != 2 || len(f.Legend) != 2 {
		t.Fatalf("%d panels, %d columns, %d legend entries; want 2, 2, 2", len(f.Panels), f.Cols, len(f.Legend))
	}
	us := f.Panels[0]
	if len(us.Lines) != 2 || us.Lines[1].Style.Width <= us.Lines[0].Style.Width {
		t.Errorf("US panel: %d lines; want the path, then the record drawn wider", len(us.Lines))
	}
	if us.Plot.Y.Min != 0 || us.Plot.X.Min != 2000 || us.Plot.X.Max != 2002 {
		t.Errorf("US axes: Y from %v, X %v–%v; want Y from 0, X 2000–2002", us.Plot.Y.Min, us.Plot.X.Min, us.Plot.X.Max)
	}
	var svg bytes.Buffer
	if err := f.Render(&svg, "svg"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"record", "forecasts", "JPN"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
}

func TestForecastFansRejectsNonFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1)} {
		if _, err := ForecastFans(forecastFigure(bad)); err == nil || !strings.Contains(err.Error(), "not finite") {
			t.Errorf("a forecast of %v: error %v, want one about a value that is not finite", bad, err)
		}
	}
	if _, err := ForecastFans(ForecastFigure{}); err == nil {
		t.Error("no panels: no error")
	}
}
