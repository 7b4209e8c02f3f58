package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"simulate/model"
)

// eventCharts lists, for each kind of scheduled event (and, for a political
// crisis, each actor), the indicators whose charts mark it: those the event
// moves in model.Model.events, and those one step downstream, so that a
// student sees the cause beside the effect. An indicator the event does not
// move is left out, so that nobody looks for an effect that is not there;
// TestEventChartsMoved runs each event against a run without it to keep
// this table to what the model does.
//
//   - a crisis in the US or ROK, or a trade dispute, lowers alliance trust
//     (and so cohesion); an ROK crisis lowers US commitment, and through it
//     deterrence's capability and will; a crisis in an ally weakens
//     trilateral coordination; a trade dispute raises the tariff, which
//     lowers integration and with it the will the US's economic stake gives;
//   - a crisis in DPRK, a provocation or Russia–DPRK cooperation raises the
//     DPRK threat, which feeds regional tension and, through perceived
//     threat, the budgets; Russia–DPRK cooperation also adds Russian
//     transfers to the local balance and warheads, and so lowers deterrence;
//   - a crisis in China or in the Taiwan Strait raises regional tension and
//     so the budgets.
var eventCharts = map[eventKey][]model.IndicatorID{
	{model.PoliticalCrisis, model.US}:       {model.IndAllianceTrust, model.IndAllianceCohesion, model.IndTrilateralCoordination},
	{model.PoliticalCrisis, model.ROK}:      {model.IndAllianceTrust, model.IndAllianceCohesion, model.IndDeterrenceCredibility, model.IndDeterrenceWill, model.IndUSCommitment, model.IndTrilateralCoordination},
	{model.PoliticalCrisis, model.JPN}:      {model.IndTrilateralCoordination},
	{model.PoliticalCrisis, model.DPRK}:     {model.IndDPRKThreat, model.IndRegionalTension, model.IndDefenseShare},
	{model.PoliticalCrisis, model.CHN}:      {model.IndRegionalTension, model.IndDefenseShare},
	{model.TradeDispute, anyActor}:          {model.IndTariffRate, model.IndAllianceTrust, model.IndAllianceCohesion, model.IndDeterrenceCredibility, model.IndDeterrenceWill},
	{model.DPRKProvocation, anyActor}:       {model.IndDPRKThreat, model.IndRegionalTension, model.IndDefenseShare},
	{model.RussiaDPRKCooperation, anyActor}: {model.IndDPRKThreat, model.IndRegionalTension, model.IndDeterrenceCredibility, model.IndDeterrenceCapability, model.IndDefenseShare},
	{model.TaiwanStraitCrisis, anyActor}:    {model.IndRegionalTension, model.IndDefenseShare},
}

// eventKey is an event's kind and, for kinds that name one, its actor.
type eventKey struct {
	kind  model.EventKind
	actor model.Actor
}

// anyActor stands for the actor of an event kind that names none.
const anyActor = model.NumActors

// keyOf returns the event's key in eventCharts.
func keyOf(e model.Event) eventKey {
	if e.Kind.NeedsActor() {
		return eventKey{e.Kind, e.Actor}
	}
	return eventKey{e.Kind, anyActor}
}

// packageCharts lists the indicators whose charts mark the start and end of
// investment packages, with the sectors whose packages they mark (nil: every
// sector): those a package moves in model.Model (stock, flow, integration,
// tariff, burden share, and US commitment through the stock) and one step
// downstream (deterrence, its capability and will, and cohesion through
// commitment, integration and tariff, ROK autonomy through integration).
// Only shipbuilding packages add shipbuilding capacity, and through it naval
// strength and the naval balance.
var packageCharts = map[model.IndicatorID][]model.Sector{
	model.IndInvestmentStock:       nil,
	model.IndInvestmentFlow:        nil,
	model.IndIndustrialIntegration: nil,
	model.IndTariffRate:            nil,
	model.IndBurdenShare:           nil,
	model.IndUSCommitment:          nil,
	model.IndDeterrenceCredibility: nil,
	model.IndDeterrenceCapability:  nil,
	model.IndDeterrenceWill:        nil,
	model.IndAllianceCohesion:      nil,
	model.IndROKAutonomy:           nil,
	model.IndShipbuildingCapacity:  {model.Shipbuilding},
	model.IndNavalStrength:         {model.Shipbuilding},
	model.IndNavalBalance:          {model.Shipbuilding},
}

// rivalPackageCharts are the indicators another ally's package in the US
// (Japan's, a third party's) moves: US commitment to ROK, which the
// package's embedded stock lowers, and what commitment feeds.
var rivalPackageCharts = []model.IndicatorID{model.IndUSCommitment, model.IndDeterrenceCredibility, model.IndDeterrenceCapability,
	model.IndDeterrenceWill, model.IndAllianceCohesion, model.IndROKAutonomy}

// packageMoves reports whether the package moves the indicator, whose
// package-marking sectors are sectors (nil: every sector): a shipbuilding
// package moves the receiver's yards whoever pays; otherwise ROK's packages
// in the US move every package chart, and another ally's package in the US
// only the charts of US commitment to ROK and what it feeds.
func packageMoves(inv model.Investment, indicator model.IndicatorID, sectors []model.Sector) bool {
	if sectors != nil {
		return slices.Contains(sectors, inv.Sector)
	}
	if inv.To != model.US {
		return false
	}
	if inv.ThirdParty == "" && inv.From == model.ROK {
		return true
	}
	return slices.Contains(rivalPackageCharts, indicator)
}

// commitmentCharts are the indicators a scheduled change of US commitment
// moves: commitment itself, deterrence (capability and will) and cohesion,
// and trust (a cut faster than allies tolerate). Allies that set their own shares by
// the decision rule also free-ride on it, but the bundled scenarios give
// ROK and JPN policy paths, so defense_share is not marked.
var commitmentCharts = []model.IndicatorID{model.IndUSCommitment, model.IndDeterrenceCredibility, model.IndDeterrenceCapability, model.IndDeterrenceWill, model.IndAllianceCohesion, model.IndAllianceTrust}

// commitmentChange returns the span over which a scenario's path of US
// commitment moves from its first value to its last, as a mark labelled
// with both ("US commitment 100→70"), and whether the path moves at all.
func commitmentChange(p model.Path) (Mark, bool) {
	n := len(p.Years)
	if n < 2 || p.Values[0] == p.Values[n-1] {
		return Mark{}, false
	}
	from, to := 0, n-1
	for from+1 < n && p.Values[from+1] == p.Values[0] {
		from++
	}
	for to > 0 && p.Values[to-1] == p.Values[n-1] {
		to--
	}
	label := fmt.Sprintf("US commitment %s→%s", formatValue(p.Values[0], 1), formatValue(p.Values[n-1], 1))
	return Mark{From: p.Years[from], To: p.Years[to], Label: label, Package: true, Color: refGrey}, true
}

// Mark is a scheduled event or an investment package on a chart's time
// axis. An event is a dotted vertical line in its year; a package shades its
// years (From to To, the last year it disburses) between two thin lines.
// Each has a label with its years, in a band above the data or, on a
// dashboard, in the figure's caption.
type Mark struct {
	From, To int    // years
	Label    string // short label, without the years
	Package  bool   // an investment package (a span), not an event
	Color    color.Color
	// Whole: the span covers its years whole, from half a year before From
	// to half a year after To, as the steps of an amount paid in a year do.
	Whole bool
}

// text returns the mark's label with its years: "2027 ROK crisis",
// "MASGA shipbuilding 2026–2035".
func (m Mark) text() string {
	if !m.Package {
		return fmt.Sprintf("%d %s", m.From, m.Label)
	}
	if m.From == m.To {
		return fmt.Sprintf("%s %d", m.Label, m.From)
	}
	return fmt.Sprintf("%s %d–%d", m.Label, m.From, m.To)
}

// xs returns where the mark begins and ends on the data canvas c, within the
// years of the X axis.
func (m Mark) xs(c draw.Canvas, p *plot.Plot) (from, to vg.Length) {
	f, t := m.span()
	from = c.X(p.X.Norm(math.Max(f, p.X.Min)))
	to = c.X(p.X.Norm(math.Min(t, p.X.Max)))
	return from, to
}

// span returns where the mark begins and ends on the time axis, in years.
func (m Mark) span() (from, to float64) {
	if m.Whole {
		return float64(m.From) - 0.5, float64(m.To) + 0.5
	}
	return float64(m.From), float64(m.To)
}

// eventLabel is the short label of an event.
func eventLabel(e model.Event) string {
	switch e.Kind {
	case model.PoliticalCrisis:
		return e.Actor.String() + " crisis"
	case model.DPRKProvocation:
		return "DPRK provocation"
	case model.RussiaDPRKCooperation:
		return "Russia–DPRK"
	case model.TaiwanStraitCrisis:
		return "Taiwan Strait"
	case model.TradeDispute:
		return "trade dispute"
	}
	return e.Kind.String()
}

// packageEnd is the last year a package disburses: its end year, or, without
// one, the year its annual cap has paid the total.
func packageEnd(inv model.Investment) int {
	switch {
	case inv.EndYear > 0:
		return inv.EndYear
	case inv.AnnualCap > 0:
		return inv.StartYear + int(math.Ceil(inv.TotalUSDbn/inv.AnnualCap-1e-9)) - 1
	}
	return inv.StartYear
}

// runMarks returns the marks the indicator's chart shows for a run over the
// years first..last: its events and packages that fall in those years,
// sorted by year and label, without duplicates.
func runMarks(indicator model.IndicatorID, info RunInfo, first, last int) []Mark {
	var marks []Mark
	for _, e := range info.Events {
		if e.Year < first || e.Year > last || !slices.Contains(eventCharts[keyOf(e)], indicator) {
			continue
		}
		marks = append(marks, Mark{From: e.Year, To: e.Year, Label: eventLabel(e), Color: refGrey})
	}
	if sectors, ok := packageCharts[indicator]; ok {
		for _, inv := range info.Investments {
			end := max(packageEnd(inv), inv.StartYear)
			if end < first || inv.StartYear > last || !packageMoves(inv, indicator, sectors) {
				continue
			}
			marks = append(marks, Mark{From: inv.StartYear, To: end, Label: inv.Name, Package: true, Color: refGrey})
		}
	}
	if m, ok := commitmentChange(info.Commitment); ok && slices.Contains(commitmentCharts, indicator) && m.To >= first && m.From <= last {
		marks = append(marks, m)
	}
	return sortMarks(marks)
}

// sortMarks sorts marks by year, then kind and label, and drops repeats (two
// crises of the same actor in the same year are one mark).
func sortMarks(marks []Mark) []Mark {
	slices.SortStableFunc(marks, func(a, b Mark) int {
		switch {
		case a.From != b.From:
			return a.From - b.From
		case a.To != b.To:
			return a.To - b.To
		case a.Package != b.Package:
			if a.Package {
				return 1
			}
			return -1
		case a.Label < b.Label:
			return -1
		case a.Label > b.Label:
			return 1
		}
		return 0
	})
	return slices.CompactFunc(marks, func(a, b Mark) bool {
		return a.From == b.From && a.To == b.To && a.Package == b.Package && a.Label == b.Label
	})
}

// markLayer draws a panel's marks: vertical lines in the data area and
// labels in a band above it, stacked in as many rows as keep them apart.
// The band is reserved through GlyphBoxes, so gonum/plot (and plot.Align)
// lay the data area out below it.
type markLayer struct {
	marks    []Mark
	noLabels bool // lines only: the figure lists the marks in its caption
	style    text.Style
	rows     []int // row of each label, 0 nearest the data; set by layout
	nrows    int
}

// Spacing of the band.
const (
	markGap   = vg.Length(8) // horizontal space kept between two labels in a row
	markBelow = vg.Length(4) // space between the data area and the first row
)

// rowHeight is the height of one row of labels, with room for a package's
// bracket under its label.
func (l *markLayer) rowHeight() vg.Length {
	return l.style.FontExtents().Height + 5
}

// span returns where the i-th label is drawn on the data canvas c (its left
// edge) and the horizontal extent it occupies, label and bracket included.
// Labels are kept inside the data area.
func (l *markLayer) span(c draw.Canvas, p *plot.Plot, i int) (textX, x0, x1 vg.Length) {
	m := l.marks[i]
	w := l.style.Width(m.text())
	from, to := m.xs(c, p)
	textX = from - w/2
	if m.Package {
		textX = from
	}
	textX = max(min(textX, c.Max.X-w), c.Min.X)
	return textX, min(textX, from), max(textX+w, to)
}

// maxMarkRows is the most rows of labels a band may have, so that a crowded
// scenario cannot squeeze the data; a label that finds no room is left out
// (its line stays, and the year axis dates it).
const maxMarkRows = 5

// layout assigns each label the lowest row where it does not touch another,
// for the data canvas c (-1: no room). It must run before GlyphBoxes is
// asked for the band.
func (l *markLayer) layout(c draw.Canvas, p *plot.Plot) {
	l.rows = make([]int, len(l.marks))
	var ends []vg.Length // right end of the last label of each row
	for i := range l.marks {
		if l.noLabels {
			l.rows[i] = -1
			continue
		}
		_, x0, x1 := l.span(c, p, i)
		row := 0
		for row < len(ends) && x0 < ends[row]+markGap {
			row++
		}
		if row == maxMarkRows {
			l.rows[i] = -1
			continue
		}
		if row == len(ends) {
			ends = append(ends, 0)
		}
		ends[row] = x1
		l.rows[i] = row
	}
	l.nrows = len(ends)
}

// GlyphBoxes reserves the band of labels above the data area.
func (l *markLayer) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if l.nrows == 0 {
		return nil
	}
	h := markBelow + vg.Length(l.nrows)*l.rowHeight()
	return []plot.GlyphBox{{X: 0.5, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: h}}}}
}

// Plot draws the marks in the data area and their labels above it.
func (l *markLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if l.rows == nil {
		l.layout(c, p)
	}
	// Packages first: a light shade over their years, with a thin line at
	// each end; events on top as dotted lines.
	for _, m := range l.marks {
		if !m.Package || float64(m.To) < p.X.Min || float64(m.From) > p.X.Max {
			continue
		}
		from, to := m.xs(c, p)
		c.FillPolygon(shade(m.Color), []vg.Point{{X: from, Y: c.Min.Y}, {X: to, Y: c.Min.Y}, {X: to, Y: c.Max.Y}, {X: from, Y: c.Max.Y}})
		// A thin line at each end, unless the axis cut the span there.
		f, t := m.span()
		for _, x := range []struct {
			year float64
			at   vg.Length
		}{{f, from}, {t, to}} {
			if x.year >= p.X.Min && x.year <= p.X.Max {
				c.StrokeLine2(draw.LineStyle{Color: m.Color, Width: 1.2}, x.at, c.Min.Y, x.at, c.Max.Y)
			}
		}
	}
	for _, m := range l.marks {
		if m.Package || float64(m.From) < p.X.Min || float64(m.From) > p.X.Max {
			continue
		}
		x := c.X(p.X.Norm(float64(m.From)))
		c.StrokeLine2(draw.LineStyle{Color: m.Color, Width: 1.8, Dashes: []vg.Length{2, 3}}, x, c.Min.Y, x, c.Max.Y)
	}

	for i, m := range l.marks {
		if l.rows[i] < 0 {
			continue
		}
		textX, _, _ := l.span(c, p, i)
		base := c.Max.Y + markBelow + vg.Length(l.rows[i])*l.rowHeight()
		sty := l.style
		sty.Color = m.Color
		if m.Package {
			// A bracket under the label spans the package's years.
			from, to := m.xs(c, p)
			bracket := draw.LineStyle{Color: m.Color, Width: 1.6}
			y := base + 1.5
			c.StrokeLines(bracket, []vg.Point{{X: from, Y: y + 4}, {X: from, Y: y}, {X: to, Y: y}, {X: to, Y: y + 4}})
			base += 4
		}
		c.FillText(sty, vg.Point{X: textX, Y: base + sty.FontExtents().Descent}, m.text())
	}
}

// shade is a mark's colour as a light, translucent fill.
func shade(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x12}
}

// marksCaption lists the marks of the panels for a figure whose panels are
// too small to label them: "Dotted lines: 2027 ROK crisis · … · Shaded:
// MASGA shipbuilding 2026–2035".
func marksCaption(panels []*Panel) string {
	var all []Mark
	for _, pan := range panels {
		all = append(all, pan.Marks...)
	}
	all = sortMarks(all)
	var events, packages []string
	for _, m := range all {
		if m.Package {
			packages = append(packages, m.text())
		} else {
			events = append(events, m.text())
		}
	}
	var parts []string
	if len(events) > 0 {
		parts = append(parts, "Dotted lines: "+strings.Join(events, captionSep))
	}
	if len(packages) > 0 {
		parts = append(parts, "Shaded: "+strings.Join(packages, captionSep))
	}
	return strings.Join(parts, captionSep)
}

// captionSep separates the items of a caption; lines wrap between items.
const captionSep = " · "
