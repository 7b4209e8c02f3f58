package ensemble

import (
	"fmt"

	"simulate/model"
)

// Axis is one input of a sweep: its name, the values it takes, and how a
// value is set in a scenario.
type Axis struct {
	Key    string
	Unit   string // of the values
	How    string // how a value is applied, for labels: "ROK's defense_pct, held from 2026 on"
	Values []float64
	Set    func(sc *model.Scenario, v float64)
}

// Sweep holds the end-year value of every series at each point of a
// sweep: each value of one axis, or each pair of values of two (a grid).
type Sweep struct {
	Axes []Axis
	Year int // the end year
	// Ends[p] is point p's run in the end year: a frame of one year, the
	// same type as a whole run's results. Points run over the grid with
	// the first axis's values slowest: p = i0*len(Axes[1].Values) + i1.
	// The frames share one series list and one backing array.
	Ends []model.Frame[float64]
}

// Points returns the number of points.
func (s *Sweep) Points() int { return len(s.Ends) }

// Series returns the swept series, in report order.
func (s *Sweep) Series() []model.Series {
	if len(s.Ends) == 0 {
		return nil
	}
	return s.Ends[0].Series
}

// Point returns the axis values of point p, one per axis.
func (s *Sweep) Point(p int) []float64 {
	out := make([]float64, len(s.Axes))
	for k := len(s.Axes) - 1; k >= 0; k-- {
		n := len(s.Axes[k].Values)
		out[k] = s.Axes[k].Values[p%n]
		p /= n
	}
	return out
}

// Value returns the (indicator, subject) series at point p.
func (s *Sweep) Value(p int, indicator model.IndicatorID, subject string) (float64, bool) {
	return s.Ends[p].Value(indicator, subject, s.Year)
}

// RunSweep runs the scenario's reference run (scheduled events, no risks)
// at every point of the axes' grid, spread over workers (0: one per core),
// and keeps every series' value in the end year.
func RunSweep(sc *model.Scenario, axes []Axis, workers int) (*Sweep, error) {
	if len(axes) == 0 {
		return nil, fmt.Errorf("a sweep needs at least one axis")
	}
	n := 1
	for _, a := range axes {
		if len(a.Values) == 0 {
			return nil, fmt.Errorf("%s: no values to sweep", a.Key)
		}
		n *= len(a.Values)
	}
	series := model.SeriesList()
	s := &Sweep{Axes: axes, Year: sc.EndYear, Ends: make([]model.Frame[float64], n)}
	values, years := make([]float64, n*len(series)), []int{sc.EndYear}
	for p := range s.Ends {
		s.Ends[p] = model.Frame[float64]{Years: years, Series: series, Values: values[p*len(series) : (p+1)*len(series) : (p+1)*len(series)]}
	}
	err := parallel(n, workers, func(p int) error {
		run := referenceOf(sc)
		point := s.Point(p)
		for k, a := range axes {
			a.Set(run, point[k])
		}
		res, err := model.Run(run)
		if err != nil {
			return fmt.Errorf("%s: %w", describePoint(axes, point), err)
		}
		end := len(res.Years) - 1
		for i := range series {
			s.Ends[p].Values[i] = res.At(i, end)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// describePoint writes a point as "key = value, key = value".
func describePoint(axes []Axis, point []float64) string {
	out := ""
	for k, a := range axes {
		if k > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%s = %v", a.Key, point[k])
	}
	return out
}
