package chart

import (
	"image/color"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The Okabe–Ito palette (Okabe & Ito 2008), distinguishable with the common
// colour-vision deficiencies. Its yellow is left out: it vanishes on white.
var (
	black         = color.RGBA{0x00, 0x00, 0x00, 0xff}
	orange        = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	skyBlue       = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	bluishGreen   = color.RGBA{0x00, 0x9e, 0x73, 0xff}
	blue          = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	vermillion    = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	reddishPurple = color.RGBA{0xcc, 0x79, 0xa7, 0xff}
)

// Neutral greys for everything that is not data.
var (
	textGrey  = color.Gray{0x33} // secondary text: subtitles, annotation labels
	refGrey   = color.Gray{0x66} // reference lines and event markers
	gridGrey  = color.Gray{0xdd} // horizontal grid
	axisColor = color.Gray{0x22}
)

// scenarioColors is the colour of the i-th scenario of a comparison, cycled
// (with scenarioDashes) when there are more scenarios than colours.
var scenarioColors = []color.Color{blue, vermillion, bluishGreen, reddishPurple, orange, skyBlue, black}

// scenarioDashes is the dash pattern of the i-th scenario of a comparison. A
// second cue besides colour, and it lets a scenario drawn underneath show
// through where two scenarios coincide (often, before their policies diverge).
var scenarioDashes = [][]vg.Length{
	nil,
	{vg.Points(12), vg.Points(5)},
	{vg.Points(4), vg.Points(4)},
	{vg.Points(12), vg.Points(4), vg.Points(3), vg.Points(4)},
}

// subjectColor is a subject's fixed colour, the same on every chart. Subjects
// that are not actors (the alliance, the region) are alone on their charts.
func subjectColor(subject string) color.Color {
	switch subject {
	case "US":
		return blue
	case "ROK":
		return vermillion
	case "DPRK":
		return black
	case "CHN":
		return reddishPurple
	case "JPN":
		return bluishGreen
	}
	return blue
}

// scenarioStyle is the line style of the i-th scenario of a comparison: the
// first is drawn widest, so that later ones drawn over it leave it visible.
func scenarioStyle(i int, width vg.Length) draw.LineStyle {
	w := width
	if i > 0 {
		w = width * 0.75
	}
	return draw.LineStyle{
		Color:  scenarioColors[i%len(scenarioColors)],
		Width:  w,
		Dashes: scenarioDashes[(i%len(scenarioColors)+i/len(scenarioColors))%len(scenarioDashes)],
	}
}

// sans is the typeface of every text: Liberation Sans, embedded in gonum/plot,
// reads better than a serif when projected.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// textStyle returns a plain text style in Liberation Sans.
func textStyle(size vg.Length, c color.Color, bold bool) text.Style {
	f := font.From(sans, size)
	if bold {
		f.Weight = xfont.WeightBold
	}
	return text.Style{Color: c, Font: f, Handler: measured}
}

// look holds the sizes of one kind of figure. Font sizes are in points on a
// canvas of Width × Height; a slide shows the whole canvas, so the sizes are
// chosen for a room, not for a page.
type look struct {
	Width, Height vg.Length
	Title         vg.Length // header title font size
	Subtitle      vg.Length // header second line
	Note          vg.Length // header third line: what the indicator means
	PanelTitle    vg.Length // title of each panel of a multi-panel figure
	Tick          vg.Length // tick labels
	AxisLabel     vg.Length // the unit on the Y axis
	Legend        vg.Length // legend entries and reference labels
	Annotation    vg.Length // event and package labels
	Line          vg.Length // data line width
	MaxYearLabels int       // at most this many labelled years on the X axis
}

// dpi is the PNG resolution: a 16:9 chart of 10 in is 1440 × 810 pixels, a
// dashboard of 13⅓ in is 1920 × 1080.
const dpi = 144

// chartLook is a single-panel chart, 16:9.
var chartLook = look{
	Width: 10 * vg.Inch, Height: 5.625 * vg.Inch,
	Title: 22, Subtitle: 15, Note: 12.5, PanelTitle: 16,
	Tick: 14, AxisLabel: 15, Legend: 15, Annotation: 12.5,
	Line: 3.5, MaxYearLabels: 9,
}

// panelsLook is a multi-panel figure (dashboard, small multiples), 16:9.
var panelsLook = look{
	Width: 40 * vg.Inch / 3, Height: 7.5 * vg.Inch,
	Title: 24, Subtitle: 16, Note: 13, PanelTitle: 17,
	Tick: 13.5, AxisLabel: 13.5, Legend: 16, Annotation: 11.5,
	Line: 3.5, MaxYearLabels: 5,
}
