package chart

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/plotter"

	"simulate/internal/ensemble"
	"simulate/model"
)

// frameLine is one series of a frame over a run of consecutive years, one
// number a year picked from each cell: a run's value, or one statistic of an
// ensemble's cell. It satisfies plotter.XYer (X is the year, Y the number)
// over the frame's own memory, so no chart copies a frame into another.
type frameLine[T any] struct {
	first int // the year of cells[0]
	cells []T
	pick  func(T) float64
}

// Len returns the number of years.
func (l frameLine[T]) Len() int { return len(l.cells) }

// XY returns the i-th year and its number.
func (l frameLine[T]) XY(i int) (x, y float64) { return float64(l.first + i), l.pick(l.cells[i]) }

var _ plotter.XYer = frameLine[float64]{}

// lines are a frame as a chart draws it: its series and years, and each
// series as a line of one number a year.
type lines struct {
	series []model.Series
	years  []int
	index  func(indicator model.IndicatorID, subject string) int // the frame's Index
	// line returns series i over n years from year offset t0.
	line func(i, t0, n int) plotter.XYer
}

// frameLines returns the lines of a frame, each cell drawn as pick of it.
func frameLines[T any](f *model.Frame[T], pick func(T) float64) lines {
	return lines{series: f.Series, years: f.Years, index: f.Index, line: func(i, t0, n int) plotter.XYer {
		return frameLine[T]{first: f.Years[t0], cells: f.Row(i)[t0 : t0+n], pick: pick}
	}}
}

// runLines returns the lines of a run: its values.
func runLines(res *model.Results) lines {
	return frameLines(&res.Frame, func(v float64) float64 { return v })
}

// quantileLines returns the lines of an ensemble's quantile k (ensemble.P50:
// the medians).
func quantileLines(b *ensemble.Bands, k int) lines {
	return frameLines(&b.Frame, func(st ensemble.Stats) float64 { return st.Q[k] })
}

// get returns the (indicator, subject) line over the years first..last,
// which must lie within the frame's years, and whether the frame has it.
func (l lines) get(indicator model.IndicatorID, subject string, first, last int) (plotter.XYer, bool) {
	i := l.index(indicator, subject)
	if i < 0 {
		return nil, false
	}
	return l.line(i, first-l.years[0], last-first+1), true
}

// series returns the (indicator, subject) series of res over the years
// first..last, which must lie within res.Years, and whether res has it.
func series(res *model.Results, indicator model.IndicatorID, subject string, first, last int) (plotter.XYer, bool) {
	return runLines(res).get(indicator, subject, first, last)
}

// checkResults reports results that cannot be charted: an empty or ragged
// table, years that are not consecutive, or a value that is NaN or infinite.
func checkResults(res *model.Results) error {
	if res == nil || len(res.Years) == 0 || len(res.Series) == 0 {
		return fmt.Errorf("chart: no results to draw")
	}
	if len(res.Values) != len(res.Series)*len(res.Years) {
		return fmt.Errorf("chart: %d values for %d series over %d years", len(res.Values), len(res.Series), len(res.Years))
	}
	for t := 1; t < len(res.Years); t++ {
		if res.Years[t] != res.Years[t-1]+1 {
			return fmt.Errorf("chart: years are not consecutive: %d follows %d", res.Years[t], res.Years[t-1])
		}
	}
	for i, s := range res.Series {
		for t, v := range res.Row(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("chart: %s for %s in %d is %v: cannot draw a value that is not finite", s.Indicator, s.Subject, res.Years[t], v)
			}
		}
	}
	return nil
}

// indicatorIDs returns the indicators of the series in the order of their first
// series.
func indicatorIDs(series []model.Series) []model.IndicatorID {
	var ids []model.IndicatorID
	seen := make(map[model.IndicatorID]bool)
	for _, s := range series {
		if !seen[s.Indicator] {
			seen[s.Indicator] = true
			ids = append(ids, s.Indicator)
		}
	}
	return ids
}

// subjectsOf returns the subjects of the indicator among the series, in
// report order, and the indicator's unit.
func subjectsOf(series []model.Series, indicator model.IndicatorID) (subjects []string, unit string) {
	for _, s := range series {
		if s.Indicator == indicator {
			subjects = append(subjects, s.Subject)
			unit = s.Unit
		}
	}
	return subjects, unit
}

// headlineIDs returns the headline indicators, in the model's report order.
func headlineIDs() []model.IndicatorID {
	var ids []model.IndicatorID
	for _, in := range model.IndicatorList() {
		if in.Headline {
			ids = append(ids, in.ID)
		}
	}
	return ids
}

// acronyms are the words of indicator ids written in capitals.
var acronyms = map[string]string{"us": "US", "rok": "ROK", "dprk": "DPRK", "gdp": "GDP"}

// displayName turns an indicator id into words: "dprk_threat" → "DPRK threat",
// "defense_share" → "Defense share".
func displayName(id model.IndicatorID) string {
	words := strings.Split(string(id), "_")
	for i, w := range words {
		if a, ok := acronyms[w]; ok {
			words[i] = a
		} else if i == 0 && w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// displaySubject writes a compound subject with en dashes: "US-ROK" → "US–ROK",
// "REGION" → "region".
func displaySubject(subject string) string {
	if subject == model.SubjectRegion {
		return "region"
	}
	return strings.ReplaceAll(subject, "-", "–")
}

// displayUnit is the Y-axis label for a unit: "0–100" → "index, 0–100";
// yard capacity says what it measures.
func displayUnit(unit string) string {
	switch unit {
	case indexUnit:
		return "index, 0–100"
	case shipbuildingUnit:
		return "kt of warships a year"
	}
	return unit
}

// meaning returns the model's description of the indicator, or "".
func meaning(indicator model.IndicatorID) string {
	in, ok := model.LookupIndicator(indicator)
	if !ok {
		return ""
	}
	return in.Meaning
}

// joinIDs lists indicator ids for a message: "a, b, c".
func joinIDs(ids []model.IndicatorID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}
