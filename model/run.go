package model

import (
	"fmt"
	"math"
	"sort"
)

// Results are the reported series of one run: a frame of values, series i
// in year Years[t] at At(i, t).
type Results struct{ Frame[float64] }

// NewResults returns zero results for every reported series over the
// years first..first+years-1, to record a run into.
func NewResults(first, years int) *Results {
	return &Results{NewFrame[float64](seriesList, first, years)}
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
	res := NewResults(m.Sc.StartYear, m.Sc.Years())
	m.Simulate(func(t int) []Event {
		if t < len(events) {
			return events[t]
		}
		return nil
	}, res.Record)
	if err := res.Check(); err != nil {
		return nil, err
	}
	return res, nil
}

// Simulate is the run loop, shared by single runs and ensembles: it owns the
// clock, asks events for each simulated year's events (year offset t ≥ 1),
// steps the model, and hands every year's state, the start year's first
// (t = 0), to observe, which copies what it needs.
func (m *Model) Simulate(events func(t int) []Event, observe func(t int, s *State)) {
	var states [2]State
	m.SimulateIn(&states, events, observe)
}

// SimulateIn is Simulate stepping between the two states given, this
// year's and last year's in turn, so that an ensemble's runs reuse them.
func (m *Model) SimulateIn(states *[2]State, events func(t int) []Event, observe func(t int, s *State)) {
	states[0] = m.Initial()
	observe(0, &states[0])
	var carry [2]carried // last year's and this year's, in turn with states
	carry[0] = m.carriedOf(&states[0])
	for t := 1; t < m.Sc.Years(); t++ {
		prev, next := &states[(t-1)%2], &states[t%2]
		m.step(prev, next, events(t), &carry[(t-1)%2], &carry[t%2])
		observe(t, next)
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
