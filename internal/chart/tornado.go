package chart

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"simulate/internal/ensemble"
	"simulate/internal/output"
)

// TornadoRows is how many coefficients a tornado chart shows: those that
// move the indicator most.
const TornadoRows = 12

// Colours of a tornado chart's bars: the coefficient at the low end of its
// plausible range, and at the high end.
var (
	lowEndColor  = blue
	highEndColor = vermillion
)

// RenderTornado renders the tornado chart of a sensitivity analysis as
// tornado.png and tornado.svg.
func RenderTornado(s *ensemble.Sensitivity, info RunInfo) ([]output.File, error) {
	f, err := Tornado(s, info)
	if err != nil {
		return nil, err
	}
	return renderFigure(f, f.Name)
}

// Tornado returns the tornado chart of a one-at-a-time sensitivity
// analysis: a bar for each of the TornadoRows coefficients that move the
// indicator most, largest on top, from the indicator's value with the
// coefficient at the low end of its plausible range to its value at the
// high end, split at the reference run's value (a vertical line).
//
// References: Eschenbach (1992), Spiderplots versus tornado diagrams for
// sensitivity analysis, Interfaces 22(6).
func Tornado(s *ensemble.Sensitivity, info RunInfo) (*Figure, error) {
	if s == nil || len(s.Effects) == 0 {
		return nil, fmt.Errorf("chart: no coefficients in the sensitivity analysis")
	}
	vals := []float64{s.Baseline}
	for _, e := range s.Effects {
		vals = append(vals, e.AtLow, e.AtHigh)
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("chart: %s: a value is %v: cannot draw a value that is not finite", s.Target, v)
		}
	}
	rows := s.Effects[:min(TornadoRows, len(s.Effects))]
	moved := 0
	for _, e := range s.Effects {
		if e.Span > 0 {
			moved++
		}
	}
	lk := chartLook
	subjects := []string{s.Target.Subject}
	f := &Figure{
		Name:     "tornado",
		Title:    fmt.Sprintf("What moves %s, in %d", lowerFirst(chartTitle(s.Target.Indicator, subjects)), s.Target.Year),
		Subtitle: fmt.Sprintf("Scenario %s · each coefficient alone at the ends of its plausible range", scenarioName(info)),
		Note:     tornadoNote(len(rows), moved, len(s.Effects)),
		Cols:     1,
		look:     lk,
		Legend: []LegendEntry{
			{Label: "coefficient at the low end of its range", Style: draw.LineStyle{Color: lowEndColor, Width: lk.Legend * 0.8}},
			{Label: "at the high end", Style: draw.LineStyle{Color: highEndColor, Width: lk.Legend * 0.8}},
			{Label: "reference run: " + formatValue(s.Baseline, 0.1), Style: draw.LineStyle{Color: black, Width: 2}},
		},
	}

	p := plot.New()
	p.BackgroundColor = nil
	styleAxis(&p.X, lk)
	styleAxis(&p.Y, lk)
	p.X.Label.Text = displayName(s.Target.Indicator) + ", " + displayUnit(s.Unit)
	setText(&p.X.Label.TextStyle, textStyle(lk.AxisLabel, textGrey, false))
	labels := make([]string, len(rows))
	for i, e := range rows {
		labels[i] = effectLabel(e)
	}
	p.Y.Tick.Marker = rowTicks(labels)
	p.Y.Tick.Length = 0
	p.Y.LineStyle.Width = 0
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical = draw.LineStyle{Color: gridGrey, Width: 1}
	p.Add(grid)
	bars := &tornadoBars{rows: rows, base: s.Baseline, style: textStyle(lk.Annotation, textGrey, false)}
	p.Add(bars)

	lo, hi := s.Baseline, s.Baseline
	for _, e := range rows {
		lo, hi = math.Min(lo, math.Min(e.AtLow, e.AtHigh)), math.Max(hi, math.Max(e.AtLow, e.AtHigh))
	}
	span := hi - lo
	if span < flatSpan {
		span = math.Max(math.Abs(hi)*0.1, 1)
	}
	step := niceStep(span / 5)
	// Room on both sides for the values written beside the bars.
	p.X.Min = math.Floor((lo-0.18*span)/step) * step
	p.X.Max = math.Ceil((hi+0.18*span)/step) * step
	p.X.Tick.Marker = valueTicks{Step: step}
	p.Y.Min, p.Y.Max = -0.6, float64(len(rows))-0.4
	f.Panels = []*Panel{{Indicator: s.Target.Indicator, Plot: p, marks: &markLayer{}}}
	return f, nil
}

// tornadoNote says how many coefficients the chart shows of how many.
func tornadoNote(shown, moved, all int) string {
	switch {
	case moved == 0:
		return fmt.Sprintf("None of the %d coefficients moves it: the scenario fixes it by a policy path or it does not depend on them", all)
	case moved <= shown:
		return fmt.Sprintf("The %d of %d coefficients that move it at all; the others leave it unchanged", moved, all)
	}
	return fmt.Sprintf("The %d of %d coefficients that move it most; %d move it less, %d not at all (sensitivity.csv lists them)", shown, all, moved-shown, all-moved)
}

// effectLabel names a coefficient and its range: "inertia, ROK (0.6 to 0.97)".
func effectLabel(e ensemble.Effect) string {
	name := e.Param.Key
	if e.PerActor {
		name += ", " + e.Param.Actor.String()
	}
	return fmt.Sprintf("%s (%s to %s)", name, shortNumber(e.Low), shortNumber(e.High))
}

// shortNumber writes a range end in the fewest digits that show it.
func shortNumber(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", v), "0"), ".")
}

// lowerFirst lowers the first letter of a name unless it is an acronym.
func lowerFirst(s string) string {
	if len(s) > 1 && s[1] >= 'a' && s[1] <= 'z' {
		return strings.ToLower(s[:1]) + s[1:]
	}
	return s
}

// scenarioName is "name: title", or the name alone.
func scenarioName(info RunInfo) string {
	if info.Title == "" {
		return info.Name
	}
	return info.Name + ": " + info.Title
}

// rowTicks labels the rows of a bar chart, the first label on top.
type rowTicks []string

// Ticks returns one tick per row at 0..n-1, the first label at n-1.
func (t rowTicks) Ticks(min, max float64) []plot.Tick {
	ticks := make([]plot.Tick, len(t))
	for i, l := range t {
		ticks[i] = plot.Tick{Value: float64(len(t) - 1 - i), Label: l}
	}
	return ticks
}

// tornadoBars draws a tornado chart's bars and the reference line.
type tornadoBars struct {
	rows  []ensemble.Effect
	base  float64
	style text.Style // of the values beside the bars
}

// barHeight is the height of a bar, in rows.
const barHeight = 0.62

// Plot draws each row's two bars from the reference value, the longer
// first, the values at their ends, and the reference line over them.
func (t *tornadoBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	n := len(t.rows)
	for i, e := range t.rows {
		y := float64(n - 1 - i)
		ends := []struct {
			v float64
			c color.Color
		}{{e.AtLow, lowEndColor}, {e.AtHigh, highEndColor}}
		if math.Abs(e.AtHigh-t.base) > math.Abs(e.AtLow-t.base) {
			ends[0], ends[1] = ends[1], ends[0]
		}
		for _, end := range ends {
			x0, x1 := trX(math.Min(t.base, end.v)), trX(math.Max(t.base, end.v))
			y0, y1 := trY(y-barHeight/2), trY(y+barHeight/2)
			c.FillPolygon(end.c, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		}
		if e.Span == 0 {
			continue
		}
		lo, hi := math.Min(e.AtLow, e.AtHigh), math.Max(e.AtLow, e.AtHigh)
		sty := t.style
		sty.YAlign = text.YCenter
		if lo < t.base {
			sty.XAlign = text.XRight
			c.FillText(sty, vg.Point{X: trX(lo) - 4, Y: trY(y)}, formatValue(lo, 0.1))
		}
		if hi > t.base {
			sty.XAlign = text.XLeft
			c.FillText(sty, vg.Point{X: trX(hi) + 4, Y: trY(y)}, formatValue(hi, 0.1))
		}
	}
	x := trX(t.base)
	c.StrokeLine2(draw.LineStyle{Color: black, Width: 2}, x, c.Min.Y, x, c.Max.Y)
}

var _ plot.Plotter = (*tornadoBars)(nil)
