package model

// Frame holds one value of type T for every (series, year) cell, series by
// series in one contiguous slice: the cell of series i in year Years[t] is
// Values[i*len(Years)+t], and Row(i) is series i over the years. A run's
// results are a Frame[float64]; an ensemble's statistics are a frame of
// their own cell type. Series are found by their typed indicator ID and
// subject (Index), never by searching strings.
type Frame[T any] struct {
	Years  []int
	Series []Series
	Values []T
}

// NewFrame returns a frame of zero values for the series over the years
// first..first+years-1.
func NewFrame[T any](series []Series, first, years int) Frame[T] {
	f := Frame[T]{Series: series, Years: make([]int, years), Values: make([]T, len(series)*years)}
	for t := range f.Years {
		f.Years[t] = first + t
	}
	return f
}

// Index returns the position of the (indicator, subject) series, or -1.
func (f *Frame[T]) Index(indicator IndicatorID, subject string) int {
	for i, s := range f.Series {
		if s.Indicator == indicator && s.Subject == subject {
			return i
		}
	}
	return -1
}

// Row returns series i over the years; it shares the frame's memory.
func (f *Frame[T]) Row(i int) []T {
	n := len(f.Years)
	return f.Values[i*n : (i+1)*n : (i+1)*n]
}

// At returns series i in year Years[t].
func (f *Frame[T]) At(i, t int) T { return f.Values[i*len(f.Years)+t] }

// Value returns the (indicator, subject) series in year y, and whether the
// frame has that series and year.
func (f *Frame[T]) Value(indicator IndicatorID, subject string, y int) (T, bool) {
	i := f.Index(indicator, subject)
	if i < 0 || len(f.Years) == 0 {
		var zero T
		return zero, false
	}
	t := y - f.Years[0]
	if t < 0 || t >= len(f.Years) {
		var zero T
		return zero, false
	}
	return f.At(i, t), true
}

// Record copies year t's value of every series out of the state, as Mesa's
// data collector does: the run loop owns the clock and hands it each year.
// The results' series are SeriesList's, as NewResults makes them. It
// allocates nothing, so that an ensemble's workers can record every run
// into frames over their own buffers.
func (r *Results) Record(t int, s *State) {
	seriesValues(s, r.Values[t:], len(r.Years))
}

// Check returns an error naming the first series and year, in frame
// order, whose value is NaN or infinite: no such value may reach an output.
func (r *Results) Check() error {
	if AllFinite(r.Values) {
		return nil
	}
	ny := len(r.Years)
	for c, v := range r.Values {
		if err := CheckFinite(r.Series[c/ny], r.Years[c%ny], v); err != nil {
			return err
		}
	}
	return nil
}

// AllFinite reports whether every value of x is finite, in one branch-free
// pass: v·0 is 0 for a finite v and NaN for a NaN or an infinity, and a NaN
// stays NaN through the sum. Four sums, each over every fourth value, make
// four short chains of additions instead of one long one.
func AllFinite(x []float64) bool {
	var z0, z1, z2, z3 float64
	for ; len(x) >= 4; x = x[4:] { // x[:4] known in bounds: no checks
		z0 += x[0] * 0
		z1 += x[1] * 0
		z2 += x[2] * 0
		z3 += x[3] * 0
	}
	for _, v := range x {
		z0 += v * 0
	}
	return z0+z1+z2+z3 == 0
}
