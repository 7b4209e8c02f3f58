package model

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

// TestFrameLayout: a frame keeps series by series, year by year, in one
// slice, and finds a cell by position, by row or by (indicator, subject,
// year); a series or year it lacks is reported, not read out of range.
func TestFrameLayout(t *testing.T) {
	series := []Series{{Indicator: IndGDP, Subject: "ROK"}, {Indicator: IndDeterrenceCredibility, Subject: SubjectAlliance}}
	f := NewFrame[float64](series, 2025, 3)
	if !slices.Equal(f.Years, []int{2025, 2026, 2027}) || len(f.Values) != 6 {
		t.Fatalf("years %v, %d values; want 2025–2027 and 6", f.Years, len(f.Values))
	}
	copy(f.Values, []float64{1800, 1850, 1900, 70, 71, 72})
	if got := f.Row(1); !slices.Equal(got, []float64{70, 71, 72}) || cap(got) != 3 {
		t.Errorf("Row(1) = %v (cap %d), want [70 71 72] capped at its end", got, cap(got))
	}
	if got := f.At(0, 2); got != 1900 {
		t.Errorf("At(0, 2) = %v, want 1900", got)
	}
	if v, ok := f.Value(IndDeterrenceCredibility, SubjectAlliance, 2026); !ok || v != 71 {
		t.Errorf("Value(deterrence, 2026) = %v, %v; want 71, true", v, ok)
	}
	for _, c := range []struct {
		id      IndicatorID
		subject string
		year    int
	}{{IndGDP, "US", 2025}, {IndGDP, "ROK", 2024}, {IndGDP, "ROK", 2028}} {
		if v, ok := f.Value(c.id, c.subject, c.year); ok {
			t.Errorf("Value(%s, %s, %d) = %v, want none", c.id, c.subject, c.year, v)
		}
	}
	var empty Frame[float64]
	if _, ok := empty.Value(IndGDP, "ROK", 2025); ok {
		t.Error("an empty frame has a value")
	}
}

// TestResultsRecord: a run's results hold, at (series i, year t), what
// series i reads from that year's state.
func TestResultsRecord(t *testing.T) {
	m, err := NewModel(testScenario())
	if err != nil {
		t.Fatal(err)
	}
	events := m.EventsByYear()
	res, err := m.Run(events)
	if err != nil {
		t.Fatal(err)
	}
	var states []State
	m.Simulate(func(t int) []Event { return events[t] }, func(_ int, s *State) { states = append(states, *s) })
	if len(states) != len(res.Years) {
		t.Fatalf("%d states for %d years", len(states), len(res.Years))
	}
	for i, s := range res.Series {
		for tt := range res.Years {
			if got, want := res.At(i, tt), s.Value(&states[tt]); got != want {
				t.Fatalf("%s %s in %d: %v, want %v", s.Indicator, s.Subject, res.Years[tt], got, want)
			}
		}
	}
}

// TestResultsCheck: Check passes finite values (signed zeros, the largest
// and the smallest numbers) and names the first series and year, in frame
// order, whose value is NaN or infinite.
func TestResultsCheck(t *testing.T) {
	series := []Series{{Indicator: IndGDP, Subject: "ROK"}, {Indicator: IndDeterrenceCredibility, Subject: SubjectAlliance}}
	finite := []float64{0, math.Copysign(0, -1), math.MaxFloat64, -math.MaxFloat64, 5e-324, -1}
	r := NewResults(2025, 3)
	r.Series, r.Values = series, slices.Clone(finite)
	if err := r.Check(); err != nil {
		t.Fatalf("finite values: %v", err)
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r.Values = slices.Clone(finite)
		r.Values[4], r.Values[5] = bad, math.NaN()
		want := "deterrence_credibility for US-ROK in 2026 is not finite (" + strconv.FormatFloat(bad, 'g', -1, 64) + ")"
		if err := r.Check(); err == nil || err.Error() != want {
			t.Errorf("%v at cell 4: %v, want %q", bad, err, want)
		}
	}
}

// TestAllFinite: one NaN or infinity anywhere in a slice of any length, in
// any of the four sums and in the tail, makes it not all finite.
func TestAllFinite(t *testing.T) {
	for n := range 11 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i) - 3.5
		}
		if !AllFinite(x) {
			t.Fatalf("n=%d: finite values reported not finite", n)
		}
		for i := range x {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				y := append([]float64(nil), x...)
				y[i] = bad
				if AllFinite(y) {
					t.Fatalf("n=%d: %v at %d reported finite", n, bad, i)
				}
			}
		}
	}
}
