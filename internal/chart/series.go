package chart

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/plotter"

	"simulate/model"
)

// yearSeries is one model series over a run of consecutive years. It
// satisfies plotter.XYer: X is the year, Y the value.
type yearSeries struct {
	first  int       // the year of values[0]
	values []float64 // one value a year
}

// Len returns the number of years.
func (s yearSeries) Len() int { return len(s.values) }

// XY returns the i-th year and its value.
func (s yearSeries) XY(i int) (x, y float64) { return float64(s.first + i), s.values[i] }

var _ plotter.XYer = yearSeries{}

// series returns the (indicator, subject) series of res over the years
// first..last, which must lie within res.Years, and whether res has it.
func series(res *model.Results, indicator model.IndicatorID, subject string, first, last int) (yearSeries, bool) {
	i := res.Index(indicator, subject)
	if i < 0 {
		return yearSeries{}, false
	}
	t0 := first - res.Years[0]
	return yearSeries{first: first, values: res.Values[i][t0 : t0+last-first+1]}, true
}

// checkResults reports results that cannot be charted: an empty or ragged
// table, years that are not consecutive, or a value that is NaN or infinite.
func checkResults(res *model.Results) error {
	if res == nil || len(res.Years) == 0 || len(res.Series) == 0 {
		return fmt.Errorf("chart: no results to draw")
	}
	if len(res.Values) != len(res.Series) {
		return fmt.Errorf("chart: %d series but %d value rows", len(res.Series), len(res.Values))
	}
	for t := 1; t < len(res.Years); t++ {
		if res.Years[t] != res.Years[t-1]+1 {
			return fmt.Errorf("chart: years are not consecutive: %d follows %d", res.Years[t], res.Years[t-1])
		}
	}
	for i, s := range res.Series {
		if len(res.Values[i]) != len(res.Years) {
			return fmt.Errorf("chart: %s for %s has %d values for %d years", s.Indicator, s.Subject, len(res.Values[i]), len(res.Years))
		}
		for t, v := range res.Values[i] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("chart: %s for %s in %d is %v: cannot draw a value that is not finite", s.Indicator, s.Subject, res.Years[t], v)
			}
		}
	}
	return nil
}

// indicatorIDs returns the indicators of res in the order of their first
// series.
func indicatorIDs(res *model.Results) []model.IndicatorID {
	var ids []model.IndicatorID
	seen := make(map[model.IndicatorID]bool)
	for _, s := range res.Series {
		if !seen[s.Indicator] {
			seen[s.Indicator] = true
			ids = append(ids, s.Indicator)
		}
	}
	return ids
}

// subjectsOf returns the subjects of the indicator in res, in report order,
// and the indicator's unit.
func subjectsOf(res *model.Results, indicator model.IndicatorID) (subjects []string, unit string) {
	for _, s := range res.Series {
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
// the shipbuilding index says what it indexes.
func displayUnit(unit string) string {
	switch unit {
	case indexUnit:
		return "index, 0–100"
	case shipbuildingUnit:
		return "index: % of world output"
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
