package model

import (
	"fmt"
	"math"
	"sort"
)

// Results are the reported series of one run: Values[i][t] is series i in
// year Years[t].
type Results struct {
	Years  []int
	Series []Series
	Values [][]float64
}

// Index returns the position of the (indicator, subject) series, or -1.
func (r *Results) Index(indicator IndicatorID, subject string) int {
	for i, s := range r.Series {
		if s.Indicator == indicator && s.Subject == subject {
			return i
		}
	}
	return -1
}

// Value returns the series' value in year y.
func (r *Results) Value(indicator IndicatorID, subject string, y int) (float64, bool) {
	i := r.Index(indicator, subject)
	t := y - r.Years[0]
	if i < 0 || t < 0 || t >= len(r.Years) {
		return 0, false
	}
	return r.Values[i][t], true
}

// recorder copies each year's reported values out of the state, as Mesa's
// data collector does; the run loop owns the clock and hands it each year.
type recorder struct{ r *Results }

func newRecorder(years int, first int) recorder {
	r := &Results{Series: seriesList, Years: make([]int, years), Values: make([][]float64, len(seriesList))}
	flat := make([]float64, years*len(seriesList))
	for i := range r.Values {
		r.Values[i] = flat[i*years : (i+1)*years : (i+1)*years]
	}
	for t := range r.Years {
		r.Years[t] = first + t
	}
	return recorder{r}
}

func (rec recorder) record(t int, s *State) {
	for i := range rec.r.Series {
		rec.r.Values[i][t] = rec.r.Series[i].value(s)
	}
}

// EventsByYear groups the scenario's scheduled events by year offset from
// the start, keeping the file's order within a year.
func (m *Model) EventsByYear() [][]Event {
	byYear := make([][]Event, m.Sc.Years())
	evs := append([]Event(nil), m.Sc.Events...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].Year < evs[j].Year })
	for _, e := range evs {
		if t := e.Year - m.Sc.StartYear; t >= 0 && t < len(byYear) {
			byYear[t] = append(byYear[t], e)
		}
	}
	return byYear
}

// Run runs the scenario once, with its scheduled events, and returns the
// reported series. It fails if any reported value is not finite.
func Run(sc *Scenario) (*Results, error) {
	m, err := NewModel(sc)
	if err != nil {
		return nil, err
	}
	return m.Run(m.EventsByYear())
}

// Run runs the model with the given events per year offset (index 0 is the
// start year, whose events are not applied: the start year is the record).
func (m *Model) Run(events [][]Event) (*Results, error) {
	n := m.Sc.Years()
	rec := newRecorder(n, m.Sc.StartYear)
	m.Simulate(func(t int) []Event {
		if t < len(events) {
			return events[t]
		}
		return nil
	}, rec.record)
	for i, ser := range rec.r.Series {
		for t, v := range rec.r.Values[i] {
			if err := CheckFinite(ser, rec.r.Years[t], v); err != nil {
				return nil, err
			}
		}
	}
	return rec.r, nil
}

// Simulate is the run loop, shared by single runs and ensembles: it owns the
// clock, asks events for each simulated year's events (year offset t ≥ 1),
// steps the model, and hands every year's state, the start year's first
// (t = 0), to observe, which copies what it needs.
func (m *Model) Simulate(events func(t int) []Event, observe func(t int, s *State)) {
	s := m.Initial()
	observe(0, &s)
	for t := 1; t < m.Sc.Years(); t++ {
		s = m.Step(&s, events(t))
		observe(t, &s)
	}
}

// CheckFinite returns an error naming the series and year if v is NaN or
// infinite: no such value may reach an output.
func CheckFinite(s Series, year int, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s for %s in %d is not finite (%v)", s.Indicator, s.Subject, year, v)
	}
	return nil
}
