package chart

import (
	"math"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

// TestEventChartsMoved derives what eventCharts claims from the model: for
// each kind of event (and actor), the bundled baseline is run with the
// event and without it, and every indicator whose chart marks the event
// must differ for some subject in the years from the event on. A mark on a
// chart the event does not move would send a student looking for an
// effect that is not there.
func TestEventChartsMoved(t *testing.T) {
	l, err := scenario.Load("../../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	base := l.Scenario
	without, err := model.Run(base)
	if err != nil {
		t.Fatal(err)
	}
	year := base.StartYear + 3
	for key, indicators := range eventCharts {
		e := model.Event{Year: year, Kind: key.kind, Severity: 1}
		if key.actor != anyActor {
			e.Actor = key.actor
		}
		sc := *base
		sc.Events = append(append([]model.Event(nil), base.Events...), e)
		with, err := model.Run(&sc)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range indicators {
			if !moved(without, with, id, year) {
				t.Errorf("%s (actor %v) is marked on %s, which it does not move", key.kind, e.Actor, id)
			}
		}
	}
}

// moved reports whether any subject of the indicator differs between two
// runs in a year from first on.
func moved(a, b *model.Results, id model.IndicatorID, first int) bool {
	for i, s := range a.Series {
		if s.Indicator != id {
			continue
		}
		j := b.Index(s.Indicator, s.Subject)
		for t, y := range a.Years {
			if y >= first && math.Abs(a.At(i, t)-b.At(j, t)) > 1e-9 {
				return true
			}
		}
	}
	return false
}
