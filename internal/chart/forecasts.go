package chart

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"simulate/internal/output"
)

// ForecastPanel is one actor's panel of a forecast fan chart: the record,
// and the forecasts made from each origin, each path starting at the
// record's value in its origin year.
type ForecastPanel struct {
	Subject string        // actor code
	Title   string        // panel title, e.g. the actor and its score
	Record  plotter.XYs   // year, recorded value
	Paths   []plotter.XYs // one per origin: the origin's record, then the forecasts
}

// ForecastFigure says what a forecast fan chart shows.
type ForecastFigure struct {
	Title, Subtitle, Note string
	Unit                  string // of the values, for the Y axes
	RecordLabel           string // legend entries
	PathLabel             string
	Panels                []ForecastPanel
}

// ForecastFans returns the chart of rolling-origin forecasts against the
// record: one panel per actor, the record as a thick black line, every
// origin's forecast path as a thin line fanning out from it, the way
// time-series cross-validation is usually drawn. Its axes start at zero,
// as every ratio-scale chart of the project does.
func ForecastFans(ff ForecastFigure) (*Figure, error) {
	panels := ff.Panels
	if len(panels) == 0 {
		return nil, fmt.Errorf("chart: no forecasts to draw")
	}
	lk := panelsLook
	f := &Figure{Name: "forecasts", Title: ff.Title, Subtitle: ff.Subtitle, Note: ff.Note, Cols: 2, look: lk}
	if len(panels) == 1 {
		f.Cols = 1
	}
	pathStyle := draw.LineStyle{Color: translucent(blue, 0.75), Width: lk.Line * 0.45}
	recordStyle := draw.LineStyle{Color: black, Width: lk.Line}
	for i, fp := range panels {
		first, last := math.Inf(1), math.Inf(-1)
		lines := []Line{}
		for _, xys := range append([]plotter.XYs{fp.Record}, fp.Paths...) {
			for _, xy := range xys {
				if math.IsNaN(xy.Y) || math.IsInf(xy.Y, 0) {
					return nil, fmt.Errorf("chart: forecasts for %s in %v: a value is %v: cannot draw a value that is not finite", fp.Subject, xy.X, xy.Y)
				}
				first, last = math.Min(first, xy.X), math.Max(last, xy.X)
			}
		}
		if len(fp.Record) == 0 {
			return nil, fmt.Errorf("chart: no record for %s", fp.Subject)
		}
		for _, xys := range fp.Paths {
			lines = append(lines, Line{Label: fp.Subject, XYs: xys, Style: pathStyle})
		}
		lines = append(lines, Line{Label: fp.Subject, XYs: fp.Record, Style: recordStyle})
		pan, err := newPanel(panelSpec{
			panelOpts: panelOpts{title: fp.Title, yLabel: i%f.Cols == 0},
			indicator: "defense_share",
			unit:      ff.Unit,
			lines:     lines,
			first:     int(first),
			last:      int(last),
		}, lk)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, pan)
	}
	f.Legend = []LegendEntry{
		{Label: ff.RecordLabel, Style: recordStyle},
		{Label: ff.PathLabel, Style: draw.LineStyle{Color: blue, Width: lk.Line * 0.45}},
	}
	return f, nil
}

// RenderForecasts renders the forecast fan chart as forecasts.png and
// forecasts.svg.
func RenderForecasts(ff ForecastFigure) ([]output.File, error) {
	f, err := ForecastFans(ff)
	if err != nil {
		return nil, err
	}
	return renderFigure(f, f.Name)
}
