package chart

import (
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"simulate/model"
)

// Ref is a reference line drawn beside the data, as the debate draws it: a
// pledge, a benchmark amount, parity. It is dashed and labelled in the right
// margin at the height of its last point, outside the data area.
type Ref struct {
	Label string
	XYs   plotter.XYs // two points (first and last year) for a constant
	Color color.Color
}

// pledge is a constant reference value of an indicator, and the subjects
// the debate applies it to (nil: every subject).
type pledge struct {
	label    string
	value    float64
	subjects []string
}

// pledges are the constant reference lines of each indicator: the allies'
// defense spending pledges (NATO's 2% guideline, ROK's 3.5%, the NATO-style
// 5%), the "$150 bn a year" claim about ROK's spending, and an even naval
// balance.
var pledges = map[model.IndicatorID][]pledge{
	model.IndDefenseShare: {
		{"2% pledge", 2, allies},
		{"3.5% pledge", 3.5, allies},
		{"5% pledge", 5, allies},
	},
	model.IndDefenseSpending: {{"$150 bn", SpendingClaimUSDbn, []string{"ROK"}}},
	model.IndNavalBalance:    {{"50%: even", 50, nil}},
}

// allies are the subjects the spending pledges are debated for.
var allies = []string{"US", "ROK", "JPN"}

// parityIndicator is the series drawn as the parity line on burden_share:
// ROK's share of alliance GDP, the burden share at which ROK carries its
// economic weight (the burden-sharing ratio is 1).
const (
	parityIndicator = model.IndBurdenParity
	parityChart     = model.IndBurdenShare
)

// constantRef returns a grey horizontal reference line from first to last.
func constantRef(label string, v float64, first, last int) Ref {
	return Ref{Label: label, Color: refGrey, XYs: plotter.XYs{{X: float64(first), Y: v}, {X: float64(last), Y: v}}}
}

// pledgeRefs returns the indicator's constant reference lines over
// first..last for a panel of the given subjects and lines. A pledge about
// other subjects is drawn only where it lies among the panel's data: the
// "$150 bn" of ROK's spending would flatten DPRK's to a line at zero and
// says nothing about US spending ten times as large.
func pledgeRefs(indicator model.IndicatorID, subjects []string, lines []Line, first, last int) []Ref {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range lines {
		for _, xy := range l.XYs {
			lo, hi = math.Min(lo, xy.Y), math.Max(hi, xy.Y)
		}
	}
	var refs []Ref
	for _, pl := range pledges[indicator] {
		applies := pl.subjects == nil || slices.ContainsFunc(subjects, func(s string) bool { return slices.Contains(pl.subjects, s) })
		if applies || (lo <= pl.value && pl.value <= hi) {
			refs = append(refs, constantRef(pl.label, pl.value, first, last))
		}
	}
	return refs
}

// marginLayer draws reference lines, and labels in the right margin (which
// it reserves through GlyphBoxes): each reference line's, and optionally each
// data line's at the height of its last point, in the line's colour.
type marginLayer struct {
	refs  []Ref
	ends  []Line // data lines labelled at their end
	style text.Style
}

// marginGap is the space between the data area and a margin label; a
// label moved away from its line's end (to keep it clear of another) is
// joined to it by a thin leader across the gap.
const marginGap = vg.Length(14)

// leaderMin is how far a label must have moved for a leader to be drawn.
const leaderMin = vg.Length(2)

// label is one margin label: its text, the value it sits at, its colour.
type label struct {
	text  string
	y     float64
	color color.Color
	bold  bool
}

// labels returns the margin labels, data lines first. Lines that end at the
// same value share one grey label, "baseline = 3.5pct", rather than a stack
// of coloured ones that would suggest the lines end apart.
func (l *marginLayer) labels() []label {
	out := make([]label, 0, len(l.ends)+len(l.refs))
	merged := make([]bool, len(l.ends))
	for i, ln := range l.ends {
		if merged[i] {
			continue
		}
		y := ln.XYs[len(ln.XYs)-1].Y
		lb := label{ln.Label, y, ln.Style.Color, true}
		for j := i + 1; j < len(l.ends); j++ {
			if other := l.ends[j]; !merged[j] && sameEnd(y, other.XYs[len(other.XYs)-1].Y) {
				merged[j] = true
				lb.text += " = " + other.Label
				lb.color = textGrey
			}
		}
		out = append(out, lb)
	}
	for _, r := range l.refs {
		c := r.Color
		if c == refGrey {
			c = textGrey
		}
		out = append(out, label{r.Label, r.XYs[len(r.XYs)-1].Y, c, false})
	}
	return out
}

// sameEnd reports whether two lines end at the same value, up to rounding
// in the model's arithmetic.
func sameEnd(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// styleOf returns the text style of a label.
func (l *marginLayer) styleOf(lb label) text.Style {
	sty := l.style
	sty.Color = lb.color
	if lb.bold {
		sty = textStyle(sty.Font.Size, lb.color, true)
	}
	sty.YAlign = text.YCenter
	return sty
}

// GlyphBoxes reserves room right of the data area for each label.
func (l *marginLayer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	labels := l.labels()
	boxes := make([]plot.GlyphBox, 0, len(labels))
	h := l.style.FontExtents().Height
	for _, lb := range labels {
		boxes = append(boxes, plot.GlyphBox{
			X: 1, Y: p.Y.Norm(lb.y),
			Rectangle: vg.Rectangle{Min: vg.Point{X: marginGap, Y: -h / 2}, Max: vg.Point{X: marginGap + l.styleOf(lb).Width(lb.text), Y: h / 2}},
		})
	}
	return boxes
}

// Plot draws the reference lines in the data area and the labels beside it,
// moved apart vertically where they would overlap.
func (l *marginLayer) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, r := range l.refs {
		pts := make([]vg.Point, len(r.XYs))
		for i, xy := range r.XYs {
			pts[i] = vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		}
		c.StrokeLines(draw.LineStyle{Color: r.Color, Width: 2, Dashes: []vg.Length{8, 5}}, c.ClipLinesXY(pts)...)
	}

	labels := l.labels()
	ys := make([]vg.Length, len(labels))
	for i, lb := range labels {
		ys[i] = trY(lb.y)
	}
	at := spread(ys, l.style.FontExtents().Height, c.Min.Y, c.Max.Y)
	for i, lb := range labels {
		if d := at[i] - ys[i]; d > leaderMin || d < -leaderMin {
			leader := draw.LineStyle{Color: lb.color, Width: 1}
			c.StrokeLines(leader, []vg.Point{{X: c.Max.X + 2, Y: ys[i]}, {X: c.Max.X + marginGap - 3, Y: at[i]}})
		}
		c.FillText(l.styleOf(lb), vg.Point{X: c.Max.X + marginGap, Y: at[i]}, lb.text)
	}
}

// spread moves label centres ys apart so that no two are closer than gap,
// keeping them within [lo, hi] where there is room, and moving each as little
// as it can: labels are pushed up in order of height, then back down from
// the top. The result is in the order of ys.
func spread(ys []vg.Length, gap, lo, hi vg.Length) []vg.Length {
	order := make([]int, len(ys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case ys[a] < ys[b]:
			return -1
		case ys[a] > ys[b]:
			return 1
		}
		return 0
	})
	out := slices.Clone(ys)
	for k, i := range order {
		if k > 0 {
			out[i] = max(out[i], out[order[k-1]]+gap)
		}
	}
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		limit := hi
		if k < len(order)-1 {
			limit = out[order[k+1]] - gap
		}
		out[i] = max(min(out[i], limit), lo)
	}
	return out
}

// SpendingClaimUSDbn is the claim that ROK defense spending at 3.5% of GDP
// would be "more than $150 billion annually" (Korea takes the lead, 2026),
// drawn as a reference line and checked in the run summary.
const SpendingClaimUSDbn = 150
