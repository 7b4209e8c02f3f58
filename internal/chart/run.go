package chart

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot/plotter"

	"simulate/model"
)

// RunInfo labels one scenario's charts.
type RunInfo struct {
	Name        string             // file stem, e.g. "3.5pct"
	Title       string             // scenario title
	Events      []model.Event      // scheduled events, marked on the time axis of charts they affect
	Investments []model.Investment // packages: start and end marked on charts they affect
	// Commitment is the scenario's path of US commitment, if it sets one:
	// a scheduled change in it is marked as a span on the charts it affects.
	Commitment model.Path
}

// RunChart returns the chart of one indicator of a run: every subject as a
// labelled line, the unit on the Y axis, the indicator's reference lines, and
// the events and packages that affect it.
func RunChart(res *model.Results, info RunInfo, indicator model.IndicatorID) (*Figure, error) {
	if err := checkResults(res); err != nil {
		return nil, err
	}
	return runChart(res, info, indicator)
}

// RunDashboard returns the one-page dashboard of a run: the headline
// indicators (model.IndicatorInfo.Headline) in aligned panels.
func RunDashboard(res *model.Results, info RunInfo) (*Figure, error) {
	if err := checkResults(res); err != nil {
		return nil, err
	}
	return runDashboard(res, info)
}

// runChart is RunChart for results already checked.
//
// Subjects that dwarf those an indicator's pledges are about get a narrow
// panel of their own beside the main one (see splitForPledges).
func runChart(res *model.Results, info RunInfo, indicator model.IndicatorID) (*Figure, error) {
	subjects, _ := subjectsOf(res.Series, indicator)
	if len(subjects) == 0 {
		return nil, fmt.Errorf("chart: no series for indicator %q", indicator)
	}
	together, apart := splitForPledges(res, indicator, subjects, focusOf(indicator, info))
	pan, err := runPanel(res, info, indicator, together, panelOpts{yLabel: true, endLabels: len(subjects) > 1, refsAndMarks: true}, chartLook)
	if err != nil {
		return nil, err
	}
	f := &Figure{
		Name:     string(indicator),
		Title:    chartTitle(indicator, subjects),
		Subtitle: runSubtitle(info, res.Years[0], res.Years[len(res.Years)-1]),
		Note:     sentence(meaning(indicator)),
		Cols:     1,
		Panels:   []*Panel{pan},
		look:     chartLook,
	}
	if allZero(res, indicator, subjects) {
		// A flat line on an axis of its own invites a search for a change.
		f.Note += " · zero in every year of this scenario"
	}
	if len(apart) > 0 {
		var names []string
		for _, s := range apart {
			names = append(names, displaySubject(s))
		}
		title := strings.Join(names, ", ") + ", own scale"
		if len(names) > 2 { // too wide for the narrow panel on one line
			title = strings.Join(names, ", ") + "\nown scale"
		}
		side, err := runPanel(res, info, indicator, apart, panelOpts{title: title, yLabel: true, endLabels: true, yearLabels: 1}, chartLook)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, side)
		f.Cols, f.ColWeights = 2, []float64{3, 1}
	}
	if len(subjects) > 1 {
		for _, subject := range subjects {
			f.Legend = append(f.Legend, LegendEntry{Label: displaySubject(subject), Style: lineStyleOf(subject, chartLook)})
		}
	}
	return f, nil
}

// allZero reports whether every value of the indicator's subjects is zero:
// no package, say, and so no investment.
func allZero(res *model.Results, indicator model.IndicatorID, subjects []string) bool {
	for _, subject := range subjects {
		for _, v := range res.Row(res.Index(indicator, subject)) {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// pledgeScale is how many times larger than the peak of the subjects a
// pledge is about another subject's peak must be for it to go to a panel of
// its own: beyond it, the pledge and its subjects would share less than a
// third of the axis.
const pledgeScale = 3

// focus lists, for indicators measured in levels whose subjects differ by
// orders of magnitude, the subjects the scenarios are about: ROK's economy,
// capital and fleet beside the great powers', and the US yards that a
// shipbuilding package rebuilds beside Asia's (see focusOf). They play the
// part of a pledge's subjects in splitForPledges, so that a change in them stays
// visible instead of being flattened against the axis by US or Chinese
// totals ten or twenty times as large.
var focus = map[model.IndicatorID][]string{
	model.IndGDP:                  {"ROK"},
	model.IndMilitaryCapital:      {"ROK"},
	model.IndNavalStrength:        {"ROK"},
	model.IndShipbuildingCapacity: {"US"},
}

// focusOf returns the indicator's focus subjects in a run: the US yards
// only when a shipbuilding package rebuilds them; without one they are not
// the story, and the shares are compared on one scale.
func focusOf(indicator model.IndicatorID, info RunInfo) []string {
	if indicator == model.IndShipbuildingCapacity && !slices.ContainsFunc(info.Investments, func(inv model.Investment) bool { return inv.Sector == model.Shipbuilding }) {
		return nil
	}
	return focus[indicator]
}

// splitForPledges returns the subjects to draw together, with the
// indicator's pledges, and those to draw apart on their own scale: the ones
// whose values dwarf the subjects the pledges (or the indicator's focus) are
// about. DPRK's defense share (over 20% of GDP) would squeeze the allies and
// the 2–5% pledges into a sliver; US and Chinese spending would do the same
// to ROK's and the "$150 bn" mark; US and Chinese capital and GDP to ROK's;
// Asian yards to the US's. Without pledges or focus, every subject stays
// together: shares of a whole are compared on one scale.
func splitForPledges(res *model.Results, indicator model.IndicatorID, subjects, focus []string) (together, apart []string) {
	pledged := make(map[string]bool)
	for _, pl := range pledges[indicator] {
		for _, s := range pl.subjects {
			pledged[s] = true
		}
	}
	for _, s := range focus {
		pledged[s] = true
	}
	peak := func(subject string) float64 {
		m := 0.0
		for _, v := range res.Row(res.Index(indicator, subject)) {
			m = math.Max(m, math.Abs(v))
		}
		return m
	}
	var pledgedPeak float64
	for _, s := range subjects {
		if pledged[s] {
			pledgedPeak = math.Max(pledgedPeak, peak(s))
		}
	}
	for _, s := range subjects {
		if !pledged[s] && pledgedPeak > 0 && peak(s) > pledgeScale*pledgedPeak {
			apart = append(apart, s)
		} else {
			together = append(together, s)
		}
	}
	return together, apart
}

// runDashboard is RunDashboard for results already checked.
func runDashboard(res *model.Results, info RunInfo) (*Figure, error) {
	f := &Figure{
		Name:     "dashboard",
		Title:    "Headline indicators",
		Subtitle: runSubtitle(info, res.Years[0], res.Years[len(res.Years)-1]),
		Cols:     3,
		look:     panelsLook,
	}
	for _, id := range headlineIDs() {
		subjects, _ := subjectsOf(res.Series, id)
		if len(subjects) == 0 {
			continue
		}
		pan, err := runPanel(res, info, id, subjects, panelOpts{title: chartTitle(id, subjects), yLabel: true, refsAndMarks: true, noMarkLabels: true}, panelsLook)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, pan)
	}
	f.Caption = marksCaption(f.Panels)
	if len(f.Panels) == 0 {
		return nil, fmt.Errorf("chart: the results have none of the headline indicators %s", joinIDs(headlineIDs()))
	}
	return f, nil
}

// runPanel returns the panel of some subjects of one indicator of a run.
func runPanel(res *model.Results, info RunInfo, indicator model.IndicatorID, subjects []string, o panelOpts, lk look) (*Panel, error) {
	_, unit := subjectsOf(res.Series, indicator)
	first, last := res.Years[0], res.Years[len(res.Years)-1]
	spec := panelSpec{panelOpts: o, indicator: indicator, unit: unit, first: first, last: last}
	for _, subject := range subjects {
		s, _ := series(res, indicator, subject, first, last)
		xys, err := plotter.CopyXYs(s)
		if err != nil {
			return nil, fmt.Errorf("chart: %s for %s: %w", indicator, subject, err)
		}
		spec.lines = append(spec.lines, Line{Label: displaySubject(subject), XYs: xys, Style: lineStyleOf(subject, lk)})
	}
	if !o.refsAndMarks {
		return newPanel(spec, lk)
	}
	spec.refs = pledgeRefs(indicator, subjects, spec.lines, first, last)
	spec.marks = runMarks(indicator, info, first, last)
	if indicator == parityChart {
		if s, ok := series(res, parityIndicator, model.SubjectAlliance, first, last); ok {
			xys, err := plotter.CopyXYs(s)
			if err != nil {
				return nil, fmt.Errorf("chart: %s: %w", parityIndicator, err)
			}
			spec.refs = append(spec.refs, Ref{Label: "GDP parity", XYs: xys, Color: refGrey})
		}
	}
	return newPanel(spec, lk)
}

// chartTitle names an indicator, with its subject when it has only one that
// the name does not already say: "Deterrence credibility, US–ROK".
func chartTitle(indicator model.IndicatorID, subjects []string) string {
	name := displayName(indicator)
	if len(subjects) != 1 || subjects[0] == model.SubjectRegion || strings.Contains(name, subjects[0]) {
		return name
	}
	return name + ", " + displaySubject(subjects[0])
}

// runSubtitle names the scenario and its years.
func runSubtitle(info RunInfo, first, last int) string {
	s := "Scenario " + info.Name
	if info.Title != "" {
		s += ": " + info.Title
	}
	return s + " · " + yearSpan(first, last)
}

// yearSpan writes a span of years: "2025–2040".
func yearSpan(first, last int) string {
	if first == last {
		return fmt.Sprint(first)
	}
	return fmt.Sprintf("%d–%d", first, last)
}

// sentence capitalises the first letter of s.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
