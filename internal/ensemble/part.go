package ensemble

import (
	"fmt"

	"simulate/model"
)

// Part is the values of a range of an ensemble's runs, for an ensemble
// computed in pieces by separate processes (the explorer page's workers,
// each with its own copy of the model) and summarized in one of them
// (MergeParts).
//
// Run r of an ensemble draws its coefficients and shocks from random
// numbers that depend on the scenario's seed and on r alone, not on the
// number of runs or on which process runs it, so runs [lo, hi) computed
// anywhere are runs lo to hi−1 of the whole ensemble, and parts that
// cover 0..n−1 hold every run's values.
type Part struct {
	Lo, Hi int // runs lo to hi−1
	model.Frame[float64]
	// Values hold the frame's cells one after another, each over the
	// part's runs: cell c (series i, year Years[t], c = i·len(Years)+t) of
	// run r is Values[c·(Hi−Lo) + r−Lo]. (The embedded frame's Values
	// field is this one's: the frame gives the series and years.)
}

// RunPart runs runs lo to hi−1 of the scenario's ensemble, as Run does each
// run, and returns their values of the series keep reports true for (of
// every series, if keep is nil), in the order of model.SeriesList.
func RunPart(sc *model.Scenario, lo, hi int, keep func(model.Series) bool) (*Part, error) {
	if lo < 0 || hi <= lo {
		return nil, fmt.Errorf("a part of an ensemble is runs lo to hi−1 with 0 ≤ lo < hi (got %d to %d)", lo, hi-1)
	}
	e, err := newEngine(sc)
	if err != nil {
		return nil, err
	}
	ny := len(e.years)
	var kept []model.Series
	var from []int // the kept cells' places in a run's frame
	for i, s := range e.series {
		if keep == nil || keep(s) {
			kept = append(kept, s)
			for t := range ny {
				from = append(from, i*ny+t)
			}
		}
	}
	w := e.newPartWorker()
	n := hi - lo
	p := &Part{Lo: lo, Hi: hi, Frame: model.Frame[float64]{Years: e.years, Series: kept, Values: make([]float64, len(from)*n)}}
	vals := make([]float64, len(e.series)*ny)
	for r := lo; r < hi; r++ {
		if err := w.run(r, vals); err != nil {
			return nil, err
		}
		for c, f := range from {
			p.Values[c*n+r-lo] = vals[f]
		}
	}
	return p, nil
}

// newPartWorker returns a worker for runs one at a time, outside an
// engine's loop.
func (e *engine) newPartWorker() *worker {
	w := &worker{e: e, sc: *e.sc}
	w.rec.Years, w.rec.Series = e.years, e.series
	return w
}

// MergeParts returns the bands of the ensemble whose runs the parts hold:
// parts in run order, the first starting at run 0, each starting where the
// one before it ends, all of the same scenario (the same series and
// years). The bands are those Run gives for as many runs, to the bit
// (TestMergeParts): every cell's mean over the runs in run order and its
// quantiles by selection, exactly. Parts too large for Run to keep every
// value (ExactSampleBytes) are an error: Run would bin them.
func MergeParts(parts []*Part) (*Bands, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("merging an ensemble's parts: no parts")
	}
	first := parts[0]
	cells := len(first.Series) * len(first.Years)
	n := 0
	for i, p := range parts {
		if p.Lo != n {
			return nil, fmt.Errorf("merging an ensemble's parts: part %d starts at run %d, want %d", i+1, p.Lo, n)
		}
		if len(p.Series) != len(first.Series) || len(p.Years) != len(first.Years) || len(p.Values) != cells*(p.Hi-p.Lo) {
			return nil, fmt.Errorf("merging an ensemble's parts: part %d (runs %d to %d) has %d series, %d years and %d values, not %d series and %d years as part 1", i+1, p.Lo, p.Hi-1, len(p.Series), len(p.Years), len(p.Values), len(first.Series), len(first.Years))
		}
		n = p.Hi
	}
	if float64(cells)*float64(n)*8 > ExactSampleBytes && n > pilotRuns {
		return nil, fmt.Errorf("merging an ensemble's parts: %d runs of %d values are more than exact quantiles keep (%d bytes)", n, cells, ExactSampleBytes)
	}
	// Each cell's values in turn in one slice of their own: stat.Mean's
	// sum (in assembly on amd64) takes the values in an order that depends
	// on whether they start on a 16-byte boundary, which changes the last
	// bit of a mean. A slice of its own starts on one, as does each of
	// Run's cells (engine.samples).
	x, keys, sel := make([]float64, n), make([]uint64, n), new(selector)
	b := &Bands{Runs: n, Frame: model.NewFrame[Stats](first.Series, first.Years[0], len(first.Years))}
	for c := range cells {
		rest := x
		for _, p := range parts {
			k := p.Hi - p.Lo
			rest = rest[copy(rest, p.Values[c*k:(c+1)*k]):]
		}
		b.Values[c] = summarize(x, keys, sel)
	}
	return b, nil
}
