package chart

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg/draw"

	"simulate/model"
)

// Figure is one picture before it is rendered: a header, panels in a grid,
// and below them a caption and a legend. Its fields are what tests check.
type Figure struct {
	Name     string // file stem: the indicator id, or "dashboard"
	Title    string // what the figure shows
	Subtitle string // which scenario or scenarios, and their years
	Note     string // what the indicator means ("" for a dashboard)
	Cols     int    // panels per row
	// ColWeights are the relative widths of the columns; nil: equal.
	ColWeights []float64
	Panels     []*Panel
	Legend     []LegendEntry // drawn below the panels, never over data
	Caption    string        // below the panels: their marks, where the panels are too small to label them
	look       look
}

// LegendEntry is one line of a legend: a label and the style of its line.
type LegendEntry struct {
	Label string
	Style draw.LineStyle
}

// Panel is one set of axes: an indicator (or, in a comparison, one subject of
// it) over the years.
type Panel struct {
	Indicator model.IndicatorID
	Plot      *plot.Plot // axes, with every layer added; ranges set
	Lines     []Line     // the data, in drawing order
	Refs      []Ref      // reference lines
	Marks     []Mark     // events and packages

	marks *markLayer
}

// Line is one data series of a panel.
type Line struct {
	Label string // subject or scenario name, as in the legend
	XYs   plotter.XYs
	Style draw.LineStyle
	Step  plotter.StepKind // MidStep for an amount paid in a year (flowUnit)
}

// panelOpts are the choices a figure makes about one of its panels.
type panelOpts struct {
	title        string // "" on a single-panel figure
	yLabel       bool   // label the Y axis with the unit
	endLabels    bool   // label each line at its end, in the right margin
	refsAndMarks bool   // draw the indicator's reference lines, events and packages
	yearLabels   int    // at most this many labelled years; 0: the look's
	noMarkLabels bool   // draw the marks' lines only (the figure's caption lists them)
}

// panelSpec is what a panel shows; newPanel turns it into a Panel.
type panelSpec struct {
	panelOpts
	indicator   model.IndicatorID
	unit        string
	lines       []Line
	refs        []Ref
	marks       []Mark
	under       []plot.Plotter // drawn over the grid and under the data (bands); a plot.DataRanger widens the Y range
	first, last int            // years on the X axis
}

// newPanel builds the plot of a panel: event and package marks, a light
// horizontal grid, reference lines, then the data on top; the X axis in whole
// years and the Y axis over valueRange.
func newPanel(s panelSpec, lk look) (*Panel, error) {
	p := plot.New()
	p.BackgroundColor = nil // the figure paints the background once
	p.Title.Text = s.title
	setText(&p.Title.TextStyle, textStyle(lk.PanelTitle, black, true))
	p.Title.Padding = 4
	styleAxis(&p.X, lk)
	styleAxis(&p.Y, lk)
	if s.yLabel {
		p.Y.Label.Text = displayUnit(s.unit)
		setText(&p.Y.Label.TextStyle, textStyle(lk.AxisLabel, textGrey, false))
		p.Y.Label.Padding = 4
	}

	xMin, xMax := float64(s.first), float64(s.last)
	if s.first == s.last { // a single year still gets an axis
		xMin, xMax = xMin-1, xMax+1
	}
	if s.yearLabels == 0 {
		s.yearLabels = lk.MaxYearLabels
	}
	p.X.Tick.Marker = yearTicks{Step: yearStep(s.first, s.last, s.yearLabels)}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range s.lines {
		for _, xy := range l.XYs {
			lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
		}
	}
	for _, r := range s.refs {
		for _, xy := range r.XYs {
			lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
		}
	}
	for _, u := range s.under {
		if dr, ok := u.(plot.DataRanger); ok {
			_, _, ylo, yhi := dr.DataRange()
			lo, hi = math.Min(lo, ylo), math.Max(hi, yhi)
		}
	}
	if lo > hi {
		lo, hi = 0, 0
	}
	yMin, yMax, step := valueRange(s.unit, lo, hi)
	p.Y.Tick.Marker = valueTicks{Step: step}

	if s.unit == flowUnit {
		for i := range s.marks {
			s.marks[i].Whole = s.marks[i].Package // as the steps of the amounts
		}
	}
	pan := &Panel{Indicator: s.indicator, Plot: p, Lines: s.lines, Refs: s.refs, Marks: s.marks}
	pan.marks = &markLayer{marks: s.marks, noLabels: s.noMarkLabels, style: textStyle(lk.Annotation, textGrey, false)}
	p.Add(pan.marks)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: gridGrey, Width: 1}
	p.Add(grid)
	p.Add(s.under...)
	margin := &marginLayer{refs: s.refs, style: textStyle(lk.Annotation+1, textGrey, false)}
	if s.endLabels {
		margin.ends = s.lines
	}
	if len(margin.refs)+len(margin.ends) > 0 {
		p.Add(margin)
	}
	for i, l := range s.lines {
		line, err := plotter.NewLine(l.XYs)
		if err != nil {
			return nil, err
		}
		if s.unit == flowUnit {
			s.lines[i].Step = plotter.MidStep // pan.Lines shares s.lines
		}
		line.LineStyle, line.StepStyle = l.Style, s.lines[i].Step
		p.Add(line)
		if len(l.XYs) == 1 { // a line needs two points: show a lone year as a dot
			dot, err := plotter.NewScatter(l.XYs)
			if err != nil {
				return nil, err
			}
			dot.GlyphStyle = draw.GlyphStyle{Color: l.Style.Color, Radius: l.Style.Width * 1.5, Shape: draw.CircleGlyph{}}
			p.Add(dot)
		}
	}
	// Set the ranges last: Add widens them to the data.
	p.X.Min, p.X.Max = xMin, xMax
	p.Y.Min, p.Y.Max = yMin, yMax
	return pan, nil
}

// styleAxis sets an axis's fonts and lines for a projected slide.
func styleAxis(a *plot.Axis, lk look) {
	setText(&a.Tick.Label, textStyle(lk.Tick, textGrey, false))
	a.Tick.LineStyle = draw.LineStyle{Color: axisColor, Width: 1}
	a.Tick.Length = 5
	a.LineStyle = draw.LineStyle{Color: axisColor, Width: 1.2}
	a.Padding = 2
}

// lineStyleOf is the style of a subject's line on a single-run chart.
func lineStyleOf(subject string, lk look) draw.LineStyle {
	return draw.LineStyle{Color: subjectColor(subject), Width: lk.Line}
}

// setText gives a text style of gonum/plot the font, colour and text
// handler of sty, keeping the alignment and rotation gonum/plot chose for
// its place.
func setText(dst *text.Style, sty text.Style) {
	dst.Font, dst.Color, dst.Handler = sty.Font, sty.Color, sty.Handler
}
