package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"simulate/internal/ensemble"
	"simulate/internal/output"

	"simulate/model"
)

// maxLabelledCells is the largest grid whose heat map writes each cell's
// value in it; beyond it the numbers would be too small to read.
const maxLabelledCells = 15

// RenderSweep renders the chart of a sweep as sweep.png and .svg: for one
// axis, SweepChart of every subject of the indicator (or the one given);
// for two, SweepHeatMap of the subject.
func RenderSweep(s *ensemble.Sweep, indicator model.IndicatorID, subject string, info RunInfo) ([]output.File, error) {
	var f *Figure
	var err error
	if len(s.Axes) == 2 {
		f, err = SweepHeatMap(s, indicator, subject, info)
	} else {
		var subjects []string
		if subject != "" {
			subjects = []string{subject}
		}
		f, err = SweepChart(s, indicator, subjects, info)
	}
	if err != nil {
		return nil, err
	}
	return renderFigure(f, f.Name)
}

// checkSweep reports a sweep that cannot be drawn.
func checkSweep(s *ensemble.Sweep, axes int) error {
	if s == nil || len(s.Axes) != axes || s.Points() == 0 {
		return fmt.Errorf("chart: expected a sweep of %d axes", axes)
	}
	for p, end := range s.Ends {
		for i, v := range end.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("chart: %s for %s at point %d is %v: cannot draw a value that is not finite", end.Series[i].Indicator, end.Series[i].Subject, p, v)
			}
		}
	}
	return nil
}

// axisLabel names a swept key and its unit, "actors.ROK.defense_pct (% of
// GDP)", or the key alone when the unit is long, so that the label fits
// beside a short axis.
func axisLabel(a ensemble.Axis) string {
	if a.Unit == "" || len(a.Unit) > 12 {
		return a.Key
	}
	return a.Key + " (" + a.Unit + ")"
}

// SweepChart returns the chart of a one-axis sweep: the indicator in the end
// year against the swept value, a line with a dot per value for each
// subject (nil: every subject of the indicator), with the indicator's
// pledges.
func SweepChart(s *ensemble.Sweep, indicator model.IndicatorID, subjects []string, info RunInfo) (*Figure, error) {
	if err := checkSweep(s, 1); err != nil {
		return nil, err
	}
	all, unit := subjectsOf(s.Series(), indicator)
	if len(all) == 0 {
		return nil, fmt.Errorf("chart: no series for indicator %q", indicator)
	}
	if subjects == nil {
		subjects = all
	}
	ax := s.Axes[0]
	lk := chartLook
	spec := panelSpec{panelOpts: panelOpts{yLabel: true, endLabels: len(subjects) > 1}, indicator: indicator, unit: unit}
	for _, subject := range subjects {
		xys := make(plotter.XYs, s.Points())
		for p := range xys {
			v, ok := s.Value(p, indicator, subject)
			if !ok {
				return nil, fmt.Errorf("chart: no series %s for %s", indicator, subject)
			}
			xys[p] = plotter.XY{X: ax.Values[p], Y: v}
		}
		spec.lines = append(spec.lines, Line{Label: displaySubject(subject), XYs: xys, Style: lineStyleOf(subject, lk)})
	}
	xMin, xMax := ax.Values[0], ax.Values[len(ax.Values)-1]
	spec.refs = pledgeRefs(indicator, subjects, spec.lines, 0, 0)
	for i := range spec.refs {
		spec.refs[i].XYs[0].X, spec.refs[i].XYs[1].X = xMin, xMax
	}
	pan, err := newPanel(spec, lk)
	if err != nil {
		return nil, err
	}
	p := pan.Plot
	for _, l := range spec.lines {
		dots, err := plotter.NewScatter(l.XYs)
		if err != nil {
			return nil, err
		}
		dots.GlyphStyle = draw.GlyphStyle{Color: l.Style.Color, Radius: l.Style.Width * 1.3, Shape: draw.CircleGlyph{}}
		p.Add(dots)
	}
	if len(spec.lines) == 1 && s.Points() <= maxLabelledCells {
		// On an axis drawn whole (a 0–100 index from 0) a change can be
		// small to the eye; the values above the dots say how large.
		p.Add(&dotLabels{xys: spec.lines[0].XYs, style: textStyle(lk.Annotation, textGrey, false)})
	}
	if xMin == xMax {
		xMin, xMax = xMin-1, xMax+1
	}
	step := niceStep((xMax - xMin) / 6)
	pad := 0.03 * (xMax - xMin) // keeps the end dots and their labels off the axes
	p.X.Min, p.X.Max = xMin-pad, xMax+pad
	p.X.Tick.Marker = valueTicks{Step: step}
	p.X.Label.Text = axisLabel(ax)
	setText(&p.X.Label.TextStyle, textStyle(lk.AxisLabel, textGrey, false))
	f := &Figure{
		Name:     "sweep",
		Title:    fmt.Sprintf("%s, in %d", chartTitle(indicator, subjects), s.Year),
		Subtitle: "Scenario " + scenarioName(info),
		Note:     fmt.Sprintf("Across: %s", ax.How),
		Cols:     1,
		Panels:   []*Panel{pan},
		look:     lk,
	}
	if len(subjects) > 1 {
		for _, subject := range subjects {
			f.Legend = append(f.Legend, LegendEntry{Label: displaySubject(subject), Style: lineStyleOf(subject, lk)})
		}
	}
	return f, nil
}

// sweepGrid is a two-axis sweep's values of one series, as plotter.GridXYZ:
// column c is the first axis's c-th value, row r the second's.
type sweepGrid struct {
	s *ensemble.Sweep
	i int // the series
}

func (g sweepGrid) Dims() (c, r int) { return len(g.s.Axes[0].Values), len(g.s.Axes[1].Values) }
func (g sweepGrid) Z(c, r int) float64 {
	return g.s.Ends[c*len(g.s.Axes[1].Values)+r].At(g.i, 0)
}
func (g sweepGrid) X(c int) float64 { return g.s.Axes[0].Values[c] }
func (g sweepGrid) Y(r int) float64 { return g.s.Axes[1].Values[r] }

var _ plotter.GridXYZ = sweepGrid{}

// heatColors is the heat maps' colour scale: from a pale blue to a dark
// one, luminance falling evenly, so that darker always means more and the
// scale survives printing in grey.
func heatColors() palette.ColorMap {
	cm, err := moreland.NewLuminance([]color.Color{
		color.RGBA{0x08, 0x24, 0x4d, 0xff}, blue, skyBlue, color.RGBA{0xf2, 0xf8, 0xfc, 0xff},
	})
	if err != nil {
		panic(err) // the controls above are in order of luminance
	}
	return palette.Reverse(cm)
}

// SweepHeatMap returns the heat map of a two-axis sweep: the indicator of
// one subject in the end year over the grid, the first axis across and the
// second up, each cell labelled with its value when the grid is small
// enough to read them, and a colour bar beside it.
func SweepHeatMap(s *ensemble.Sweep, indicator model.IndicatorID, subject string, info RunInfo) (*Figure, error) {
	if err := checkSweep(s, 2); err != nil {
		return nil, err
	}
	all, unit := subjectsOf(s.Series(), indicator)
	if subject == "" && len(all) == 1 {
		subject = all[0]
	}
	i := s.Ends[0].Index(indicator, subject)
	if i < 0 {
		return nil, fmt.Errorf("chart: no series %s for %q (subjects: %s)", indicator, subject, strings.Join(all, ", "))
	}
	grid := sweepGrid{s, i}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, end := range s.Ends {
		lo, hi = math.Min(lo, end.At(i, 0)), math.Max(hi, end.At(i, 0))
	}
	if hi == lo {
		hi = lo + 1
	}
	cm := heatColors()
	cm.SetMin(lo)
	cm.SetMax(hi)
	lk := chartLook

	heat := plotter.NewHeatMap(grid, cm.Palette(256))
	heat.Min, heat.Max = lo, hi
	p := plot.New()
	p.BackgroundColor = nil
	styleAxis(&p.X, lk)
	styleAxis(&p.Y, lk)
	for _, a := range []struct {
		axis *plot.Axis
		ax   ensemble.Axis
	}{{&p.X, s.Axes[0]}, {&p.Y, s.Axes[1]}} {
		a.axis.Label.Text = axisLabel(a.ax)
		setText(&a.axis.Label.TextStyle, textStyle(lk.AxisLabel, textGrey, false))
		a.axis.Tick.Marker = sweepTicks(a.ax.Values)
	}
	p.Add(heat)
	cols, rows := grid.Dims()
	if cols <= maxLabelledCells && rows <= maxLabelledCells {
		p.Add(&cellLabels{grid: grid, cm: cm, style: textStyle(lk.Annotation, black, false)})
	}

	bar := plot.New()
	bar.BackgroundColor = nil
	styleAxis(&bar.Y, lk)
	bar.HideX()
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.Y.Min, bar.Y.Max = lo, hi
	bar.Y.Tick.Marker = valueTicks{Step: niceStep((hi - lo) / 5)}
	bar.Y.Label.Text = displayUnit(unit)
	setText(&bar.Y.Label.TextStyle, textStyle(lk.AxisLabel, textGrey, false))

	f := &Figure{
		Name:       "sweep",
		Title:      fmt.Sprintf("%s, in %d", chartTitle(indicator, []string{subject}), s.Year),
		Subtitle:   "Scenario " + scenarioName(info),
		Note:       fmt.Sprintf("Across: %s · up: %s", s.Axes[0].How, s.Axes[1].How),
		Cols:       2,
		ColWeights: []float64{14, 1},
		Panels: []*Panel{
			{Indicator: indicator, Plot: p, marks: &markLayer{}},
			{Indicator: indicator, Plot: bar, marks: &markLayer{}},
		},
		look: lk,
	}
	return f, nil
}

// sweepTicks labels every swept value when there are few, else round
// steps across them.
func sweepTicks(values []float64) plot.Ticker {
	if len(values) <= 12 {
		var ticks []plot.Tick
		step := math.Inf(1)
		for k := 1; k < len(values); k++ {
			step = math.Min(step, values[k]-values[k-1])
		}
		if math.IsInf(step, 1) {
			step = 1
		}
		for _, v := range values {
			ticks = append(ticks, plot.Tick{Value: v, Label: formatValue(v, step)})
		}
		return plot.ConstantTicks(ticks)
	}
	return valueTicks{Step: niceStep((values[len(values)-1] - values[0]) / 6)}
}

// cellLabels writes each heat-map cell's value in it, in black on light
// cells and white on dark ones.
type cellLabels struct {
	grid  sweepGrid
	cm    palette.ColorMap
	style text.Style
}

func (l *cellLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	cols, rows := l.grid.Dims()
	span := l.cm.Max() - l.cm.Min()
	step := niceStep(span / 50)
	for ci := range cols {
		for r := range rows {
			v := l.grid.Z(ci, r)
			sty := l.style
			sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
			if col, err := l.cm.At(v); err == nil && luminance(col) < 0.45 {
				sty.Color = color.White
			}
			c.FillText(sty, vg.Point{X: trX(l.grid.X(ci)), Y: trY(l.grid.Y(r))}, formatValue(v, step))
		}
	}
}

// luminance is the relative luminance of c, 0 (black) to 1 (white), from
// its gamma-encoded components (close enough to choose a text colour).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// dotLabels writes each point's value above it.
type dotLabels struct {
	xys   plotter.XYs
	style text.Style
}

func (l *dotLabels) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, xy := range l.xys {
		lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
	}
	step := niceStep((hi - lo) / 50)
	sty := l.style
	sty.XAlign, sty.YAlign = text.XCenter, text.YBottom
	for _, xy := range l.xys {
		c.FillText(sty, vg.Point{X: trX(xy.X), Y: trY(xy.Y) + 9}, formatValue(xy.Y, step))
	}
}
