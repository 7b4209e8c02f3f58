package chart

import (
	"fmt"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"simulate/internal/ensemble"
	"simulate/model"
)

// Named is one scenario in a comparison.
type Named struct {
	Info RunInfo
	Res  *model.Results

	bands *ensemble.Bands // set: an ensemble, drawn as its medians instead of Res
}

// comparison is a checked set of runs over the years they all share.
type comparison struct {
	runs        []Named
	lines       []lines  // what is drawn of each run
	names       []string // legend labels, unique
	first, last int      // the shared years
	differ      bool     // the runs' horizons are not all the same

	// under, when set, returns what a panel draws under the scenarios'
	// lines (their bands, for ensembles), and note ends the subtitle.
	under func(indicator model.IndicatorID, subject string) []plot.Plotter
	note  string
}

// newComparison checks the runs and finds their shared years.
func newComparison(runs []Named) (*comparison, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("chart: no scenarios to compare")
	}
	cmp := &comparison{runs: runs, lines: make([]lines, len(runs))}
	for i, r := range runs {
		if r.bands != nil {
			if err := checkFan(Fan{Bands: r.bands}); err != nil {
				return nil, err
			}
			cmp.lines[i] = quantileLines(r.bands, ensemble.P50)
		} else {
			if err := checkResults(r.Res); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", r.Info.Name, err)
			}
			cmp.lines[i] = runLines(r.Res)
		}
		years := cmp.lines[i].years
		first, last := years[0], years[len(years)-1]
		if i == 0 {
			cmp.first, cmp.last = first, last
			continue
		}
		cmp.differ = cmp.differ || first != cmp.first || last != cmp.last
		cmp.first, cmp.last = max(cmp.first, first), min(cmp.last, last)
	}
	if cmp.first > cmp.last {
		return nil, fmt.Errorf("chart: the scenarios share no year")
	}
	cmp.names = uniqueNames(runs)
	return cmp, nil
}

// uniqueNames returns the runs' names, primed where two are the same
// ("base", "base′"), and "scenario N" for a run without one.
func uniqueNames(runs []Named) []string {
	names := make([]string, len(runs))
	for i, r := range runs {
		names[i] = r.Info.Name
		if names[i] == "" {
			names[i] = fmt.Sprintf("scenario %d", i+1)
		}
		for slices.Contains(names[:i], names[i]) {
			names[i] += "′"
		}
	}
	return names
}

// subjects returns the indicator's subjects present in every run, in the
// first run's order, and its unit.
func (cmp *comparison) subjects(indicator model.IndicatorID) ([]string, string) {
	subjects, unit := subjectsOf(cmp.lines[0].series, indicator)
	return slices.DeleteFunc(subjects, func(s string) bool {
		for _, l := range cmp.lines[1:] {
			if l.index(indicator, s) < 0 {
				return true
			}
		}
		return false
	}), unit
}

// subtitle names the scenarios and the years compared.
func (cmp *comparison) subtitle() string {
	s := "Scenarios " + strings.Join(cmp.names, ", ") + " · " + yearSpan(cmp.first, cmp.last)
	if cmp.differ {
		s += ", the years all of them cover"
	}
	if cmp.note != "" {
		s += " · " + cmp.note
	}
	return s
}

// legend is one entry per scenario.
func (cmp *comparison) legend(lk look) []LegendEntry {
	entries := make([]LegendEntry, len(cmp.runs))
	for i, name := range cmp.names {
		entries[i] = LegendEntry{Label: name, Style: scenarioStyle(i, lk.Line)}
	}
	return entries
}

// CompareChart returns the chart of one indicator overlaying the scenarios
// over their shared years, one colour (and dash) per scenario.
//
// An indicator with several subjects gets small multiples, one panel per
// subject, rather than one line style per subject in a single panel: with
// five actors and three scenarios a single panel would carry fifteen lines,
// and the actors' scales differ so much (US GDP is a thousand times DPRK's)
// that a scenario's effect on a small actor would be a flat line at zero.
// A panel per subject gives each its own scale, and the colours keep one
// meaning across the figure.
func CompareChart(runs []Named, indicator model.IndicatorID) (*Figure, error) {
	cmp, err := newComparison(runs)
	if err != nil {
		return nil, err
	}
	return cmp.chart(indicator)
}

// CompareDashboard returns the headline indicators of the scenarios, each
// panel overlaying the scenarios.
func CompareDashboard(runs []Named) (*Figure, error) {
	cmp, err := newComparison(runs)
	if err != nil {
		return nil, err
	}
	return cmp.dashboard()
}

// chart is CompareChart for a checked comparison.
func (cmp *comparison) chart(indicator model.IndicatorID) (*Figure, error) {
	subjects, _ := cmp.subjects(indicator)
	if len(subjects) == 0 {
		return nil, fmt.Errorf("chart: indicator %q is not in every scenario", indicator)
	}
	f := &Figure{
		Name:     string(indicator),
		Title:    chartTitle(indicator, subjects),
		Subtitle: cmp.subtitle(),
		Note:     sentence(meaning(indicator)),
		Cols:     1,
		look:     chartLook,
	}
	if len(subjects) > 1 {
		f.look = panelsLook
		f.Cols = 3
		if len(subjects) <= 4 {
			f.Cols = 2
		}
	}
	for i, subject := range subjects {
		title := ""
		if len(subjects) > 1 {
			title = displaySubject(subject)
		}
		pan, err := cmp.panel(indicator, subject, panelOpts{title: title, yLabel: i%f.Cols == 0, endLabels: len(subjects) == 1, refsAndMarks: true}, f.look)
		if err != nil {
			return nil, err
		}
		f.Panels = append(f.Panels, pan)
	}
	f.Legend = cmp.legend(f.look)
	return f, nil
}

// dashboard is CompareDashboard for a checked comparison.
func (cmp *comparison) dashboard() (*Figure, error) {
	f := &Figure{
		Name:     "dashboard",
		Title:    "Headline indicators compared",
		Subtitle: cmp.subtitle(),
		Cols:     3,
		look:     panelsLook,
	}
	for _, id := range headlineIDs() {
		subjects, _ := cmp.subjects(id)
		for _, subject := range subjects {
			pan, err := cmp.panel(id, subject, panelOpts{title: chartTitle(id, []string{subject}), yLabel: true, refsAndMarks: true, noMarkLabels: true}, panelsLook)
			if err != nil {
				return nil, err
			}
			f.Panels = append(f.Panels, pan)
		}
	}
	if len(f.Panels) == 0 {
		return nil, fmt.Errorf("chart: the scenarios share none of the headline indicators %s", joinIDs(headlineIDs()))
	}
	f.Legend = cmp.legend(f.look)
	f.Caption = marksCaption(f.Panels)
	return f, nil
}

// panel returns one subject of an indicator, a line per scenario.
func (cmp *comparison) panel(indicator model.IndicatorID, subject string, o panelOpts, lk look) (*Panel, error) {
	_, unit := cmp.subjects(indicator)
	spec := panelSpec{panelOpts: o, indicator: indicator, unit: unit, first: cmp.first, last: cmp.last}
	for i, l := range cmp.lines {
		s, _ := l.get(indicator, subject, cmp.first, cmp.last)
		xys, err := plotter.CopyXYs(s)
		if err != nil {
			return nil, fmt.Errorf("chart: %s: %s for %s: %w", cmp.names[i], indicator, subject, err)
		}
		spec.lines = append(spec.lines, Line{Label: cmp.names[i], XYs: xys, Style: scenarioStyle(i, lk.Line)})
	}
	if cmp.under != nil {
		spec.under = cmp.under(indicator, subject)
	}
	if !o.refsAndMarks {
		return newPanel(spec, lk)
	}
	spec.refs = pledgeRefs(indicator, []string{subject}, spec.lines, cmp.first, cmp.last)
	spec.marks = cmp.marks(indicator)
	if indicator == parityChart {
		refs, err := cmp.parity()
		if err != nil {
			return nil, err
		}
		spec.refs = append(spec.refs, refs...)
	}
	return newPanel(spec, lk)
}

// parity returns the parity line of each scenario, or a single grey one
// when the scenarios' parity lines are the same.
func (cmp *comparison) parity() ([]Ref, error) {
	var refs []Ref
	for i, l := range cmp.lines {
		s, ok := l.get(parityIndicator, model.SubjectAlliance, cmp.first, cmp.last)
		if !ok {
			return nil, nil
		}
		xys, err := plotter.CopyXYs(s)
		if err != nil {
			return nil, fmt.Errorf("chart: %s: %s: %w", cmp.names[i], parityIndicator, err)
		}
		refs = append(refs, Ref{Label: "GDP parity, " + cmp.names[i], XYs: xys, Color: scenarioColors[i%len(scenarioColors)]})
	}
	for _, ref := range refs[1:] {
		if !slices.Equal(ref.XYs, refs[0].XYs) {
			return refs, nil
		}
	}
	return []Ref{{Label: "GDP parity", XYs: refs[0].XYs, Color: refGrey}}, nil
}

// marks returns the events and packages of every scenario that the
// indicator's chart shows. A mark that all scenarios share is grey; one that
// only some have names them, in the colour of the first.
func (cmp *comparison) marks(indicator model.IndicatorID) []Mark {
	type key struct {
		from, to int
		pkg      bool
		label    string
	}
	var order []key
	owners := make(map[key][]int)
	for i, r := range cmp.runs {
		for _, m := range runMarks(indicator, r.Info, cmp.first, cmp.last) {
			k := key{m.From, m.To, m.Package, m.Label}
			if owners[k] == nil {
				order = append(order, k)
			}
			owners[k] = append(owners[k], i)
		}
	}
	var marks []Mark
	for _, k := range order {
		m := Mark{From: k.from, To: k.to, Package: k.pkg, Label: k.label, Color: refGrey}
		if runs := owners[k]; len(runs) < len(cmp.runs) {
			var names []string
			for _, i := range runs {
				names = append(names, cmp.names[i])
			}
			m.Label += " (" + strings.Join(names, ", ") + ")"
			m.Color = scenarioColors[runs[0]%len(scenarioColors)]
		}
		marks = append(marks, m)
	}
	return sortMarks(marks)
}
