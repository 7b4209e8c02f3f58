package chart

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/model"
)

// Opacity of a fan chart's bands, drawn in the line's colour: the 50% band
// is drawn over the 90% band, so it shows darker.
const (
	outerBandAlpha = 0.20
	innerBandAlpha = 0.32
)

// band is a shaded area between two series over the years: a fan chart's
// 50% or 90% band. It satisfies plot.Plotter and plot.DataRanger.
type band struct {
	low, high plotter.XYs
	color     color.Color
}

// Plot fills the area between low and high.
func (b *band) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, 0, 2*len(b.low))
	for _, xy := range b.low {
		pts = append(pts, vg.Point{X: trX(xy.X), Y: trY(xy.Y)})
	}
	for i := len(b.high) - 1; i >= 0; i-- {
		pts = append(pts, vg.Point{X: trX(b.high[i].X), Y: trY(b.high[i].Y)})
	}
	c.FillPolygon(b.color, c.ClipPolygonXY(pts))
}

// DataRange returns the years and the values the band spans.
func (b *band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, xys := range []plotter.XYs{b.low, b.high} {
		for _, xy := range xys {
			xmin, xmax = math.Min(xmin, xy.X), math.Max(xmax, xy.X)
			ymin, ymax = math.Min(ymin, xy.Y), math.Max(ymax, xy.Y)
		}
	}
	return xmin, xmax, ymin, ymax
}

var (
	_ plot.Plotter    = (*band)(nil)
	_ plot.DataRanger = (*band)(nil)
)

// translucent returns c with the given opacity.
func translucent(c color.Color, alpha float64) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(math.Round(alpha * 255))}
}

// quantileXYs returns quantile k of series i of the bands over the years.
func quantileXYs(b *ensemble.Bands, i, k int) plotter.XYs {
	line := quantileLines(b, k).line(i, 0, len(b.Years))
	xys := make(plotter.XYs, line.Len())
	for t := range xys {
		xys[t].X, xys[t].Y = line.XY(t)
	}
	return xys
}

// Fan is one scenario's ensemble: its bands, and its reference run (the
// scenario without risks or drawn coefficients; nil: not drawn).
type Fan struct {
	Info  RunInfo
	Bands *ensemble.Bands
	Ref   *model.Results
}

// checkFan reports a fan that cannot be drawn.
func checkFan(fan Fan) error {
	b := fan.Bands
	if b == nil || len(b.Years) == 0 || len(b.Series) == 0 || len(b.Values) != len(b.Series)*len(b.Years) {
		return fmt.Errorf("chart: no bands to draw")
	}
	for i, s := range b.Series {
		for t, st := range b.Row(i) {
			for _, v := range append([]float64{st.Mean}, st.Q[:]...) {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("chart: %s for %s in %d: a band is %v: cannot draw a value that is not finite", s.Indicator, s.Subject, b.Years[t], v)
				}
			}
		}
	}
	if fan.Ref != nil {
		if err := checkResults(fan.Ref); err != nil {
			return err
		}
		if fan.Ref.Years[0] != b.Years[0] || len(fan.Ref.Years) != len(b.Years) {
			return fmt.Errorf("chart: the reference run covers %s, the bands %s", yearSpan(fan.Ref.Years[0], fan.Ref.Years[len(fan.Ref.Years)-1]), yearSpan(b.Years[0], b.Years[len(b.Years)-1]))
		}
	}
	return nil
}

// RenderFan renders an ensemble's charts: charts/<indicator>.png and .svg
// as fan charts for every indicator, and dashboard.png and .svg with the
// headline indicators' fans.
func RenderFan(fan Fan) ([]output.File, error) {
	if err := checkFan(fan); err != nil {
		return nil, err
	}
	var charts []*Figure
	for _, id := range indicatorIDs(fan.Bands.Series) {
		f, err := fanChart(fan, id)
		if err != nil {
			return nil, err
		}
		charts = append(charts, f)
	}
	dash, err := fanDashboard(fan)
	if err != nil {
		return nil, err
	}
	return renderFigures(charts, dash)
}

// FanChart returns the fan chart of one indicator: for each subject the
// median across the runs as a line, the middle 50% and 90% of the runs as
// shaded bands, and the reference run as a thin dashed line over the
// median. An indicator with
// several subjects gets a panel for each, on its own scale.
func FanChart(fan Fan, indicator model.IndicatorID) (*Figure, error) {
	if err := checkFan(fan); err != nil {
		return nil, err
	}
	return fanChart(fan, indicator)
}

// FanDashboard returns the headline indicators' fans on one page.
func FanDashboard(fan Fan) (*Figure, error) {
	if err := checkFan(fan); err != nil {
		return nil, err
	}
	return fanDashboard(fan)
}

func fanChart(fan Fan, indicator model.IndicatorID) (*Figure, error) {
	subjects, _ := subjectsOf(fan.Bands.Series, indicator)
	if len(subjects) == 0 {
		return nil, fmt.Errorf("chart: no bands for indicator %q", indicator)
	}
	f := &Figure{
		Name:     string(indicator),
		Title:    chartTitle(indicator, subjects),
		Subtitle: fanSubtitle(fan),
		Note:     sentence(meaning(indicator)),
		Cols:     1,
		look:     chartLook,
	}
	if len(subjects) > 1 {
		f.look, f.Cols = panelsLook, 3
		if len(subjects) <= 4 {
			f.Cols = 2
		}
	}
	for i, subject := range subjects {
		o := panelOpts{yLabel: len(subjects) == 1 || i%f.Cols == 0, refsAndMarks: true}
		if len(subjects) > 1 {
			o.title = displaySubject(subject)
		}
		pan, err := fanPanel(fan, indicator, subject, o, f.look)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, pan)
	}
	f.Legend = fanLegend(fan, subjects, f.look)
	if noSpread(fan.Bands, indicator, subjects) {
		// No band to see: say why, and keep the legend to what is drawn.
		f.Note += " · the same in every run: no risk or drawn coefficient moves it"
		f.Legend = f.Legend[:1]
	}
	return f, nil
}

// noSpread reports whether the indicator has the same value in every run,
// for every subject and year: its 5th and 95th percentiles are equal.
func noSpread(b *ensemble.Bands, indicator model.IndicatorID, subjects []string) bool {
	for _, subject := range subjects {
		for _, st := range b.Row(b.Index(indicator, subject)) {
			if st.Q[ensemble.P05] != st.Q[ensemble.P95] {
				return false
			}
		}
	}
	return true
}

func fanDashboard(fan Fan) (*Figure, error) {
	f := &Figure{
		Name:     "dashboard",
		Title:    "Headline indicators across the runs",
		Subtitle: fanSubtitle(fan),
		Cols:     3,
		look:     panelsLook,
	}
	var all []string
	for _, id := range headlineIDs() {
		subjects, _ := subjectsOf(fan.Bands.Series, id)
		all = append(all, subjects...)
		for _, subject := range subjects {
			pan, err := fanPanel(fan, id, subject, panelOpts{title: chartTitle(id, []string{subject}), yLabel: true, refsAndMarks: true, noMarkLabels: true}, panelsLook)
			if err != nil {
				return nil, err
			}
			f.Panels = append(f.Panels, pan)
		}
	}
	if len(f.Panels) == 0 {
		return nil, fmt.Errorf("chart: the bands have none of the headline indicators")
	}
	f.Caption = marksCaption(f.Panels)
	f.Legend = fanLegend(fan, all, panelsLook)
	return f, nil
}

// fanPanel returns the panel of one subject of an indicator: the bands,
// the reference run and the median.
func fanPanel(fan Fan, indicator model.IndicatorID, subject string, o panelOpts, lk look) (*Panel, error) {
	b := fan.Bands
	i := b.Index(indicator, subject)
	first, last := b.Years[0], b.Years[len(b.Years)-1]
	c := subjectColor(subject)
	spec := panelSpec{panelOpts: o, indicator: indicator, unit: b.Series[i].Unit, first: first, last: last}
	spec.under = []plot.Plotter{
		&band{low: quantileXYs(b, i, ensemble.P05), high: quantileXYs(b, i, ensemble.P95), color: translucent(c, outerBandAlpha)},
		&band{low: quantileXYs(b, i, ensemble.P25), high: quantileXYs(b, i, ensemble.P75), color: translucent(c, innerBandAlpha)},
	}
	spec.lines = append(spec.lines, Line{Label: "median", XYs: quantileXYs(b, i, ensemble.P50), Style: draw.LineStyle{Color: c, Width: lk.Line}})
	if fan.Ref != nil {
		s, ok := series(fan.Ref, indicator, subject, first, last)
		if ok {
			xys, err := plotter.CopyXYs(s)
			if err != nil {
				return nil, fmt.Errorf("chart: %s for %s: %w", indicator, subject, err)
			}
			spec.lines = append(spec.lines, Line{Label: "reference run", XYs: xys, Style: referenceStyle(c, lk)})
		}
	}
	if o.refsAndMarks {
		spec.refs = pledgeRefs(indicator, []string{subject}, spec.lines, first, last)
		spec.marks = runMarks(indicator, fan.Info, first, last)
		if pi := b.Index(parityIndicator, model.SubjectAlliance); indicator == parityChart && pi >= 0 {
			// Parity moves with the runs' GDP paths; its median stands for it.
			spec.refs = append(spec.refs, Ref{Label: "GDP parity (median)", XYs: quantileXYs(b, pi, ensemble.P50), Color: refGrey})
		}
	}
	return newPanel(spec, lk)
}

// referenceStyle is the line of the reference run on a fan chart: thin
// and dashed in the median's colour, drawn over the median so that it
// shows where the two part. Pledges are dashed too, but grey and labelled.
func referenceStyle(c color.Color, lk look) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: lk.Line * 0.45, Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

// fanLegend explains a fan's marks, in the colour of its subjects when
// they share one and in grey when they do not.
func fanLegend(fan Fan, subjects []string, lk look) []LegendEntry {
	c := subjectColor(subjects[0])
	for _, s := range subjects[1:] {
		if subjectColor(s) != c {
			c = textGrey
		}
	}
	swatch := func(alpha float64) draw.LineStyle {
		return draw.LineStyle{Color: translucent(c, alpha), Width: lk.Legend * 0.8}
	}
	entries := []LegendEntry{
		{Label: "median", Style: draw.LineStyle{Color: c, Width: lk.Line}},
		{Label: "middle 50% of runs", Style: swatch(innerBandAlpha + outerBandAlpha)},
		{Label: "middle 90% of runs", Style: swatch(outerBandAlpha)},
	}
	if fan.Ref != nil {
		entries = append(entries, LegendEntry{Label: "reference run (no risks)", Style: referenceStyle(c, lk)})
	}
	return entries
}

// fanSubtitle names the scenario, its years and the number of runs.
func fanSubtitle(fan Fan) string {
	b := fan.Bands
	return fmt.Sprintf("%s · %s runs", runSubtitle(fan.Info, b.Years[0], b.Years[len(b.Years)-1]), formatValue(float64(b.Runs), 1))
}
