package api

import (
	"fmt"
	"slices"

	"simulate/internal/ensemble"
	"simulate/model"
)

// EnsemblePart runs runs lo to hi−1 of the page's ensemble of runs runs and
// returns their values of the series named in keys (by SeriesKey; every
// series if keys is empty), as ensemble.Part's Values: cell by cell, each
// over the part's runs. A page that splits an ensemble over several
// workers merges the parts with MergeParts.
func (s *Session) EnsemblePart(req *Request, runs, lo, hi int, keys []string) ([]float64, error) {
	sc, err := s.ensembleScenario(req, runs)
	if err != nil {
		return nil, err
	}
	if lo < 0 || hi <= lo || hi > runs {
		return nil, fmt.Errorf("a part of an ensemble of %d runs is runs lo to hi−1 with 0 ≤ lo < hi ≤ %d, got %d to %d", runs, runs, lo, hi-1)
	}
	series, err := keptSeries(keys)
	if err != nil {
		return nil, err
	}
	kept := map[string]bool{}
	for _, s := range series {
		kept[seriesKey(s)] = true
	}
	p, err := ensemble.RunPart(sc, lo, hi, func(s model.Series) bool { return kept[seriesKey(s)] })
	if err != nil {
		return nil, err
	}
	return p.Values, nil
}

// MergeParts returns the bands of the page's ensemble of runs runs from its
// parts' values (EnsemblePart's with the same keys), in run order: the
// bands Ensemble gives for the same request and runs, to the bit, of the
// series named in keys.
func (s *Session) MergeParts(req *Request, runs int, keys []string, parts [][]float64) *Bands {
	sc, err := s.ensembleScenario(req, runs)
	if err != nil {
		return &Bands{Error: err.Error()}
	}
	series, err := keptSeries(keys)
	if err != nil {
		return &Bands{Error: err.Error()}
	}
	cells := len(series) * sc.Years()
	ps := make([]*ensemble.Part, len(parts))
	lo := 0
	for i, v := range parts {
		if len(v) == 0 || len(v)%cells != 0 {
			return &Bands{Error: fmt.Sprintf("part %d of the ensemble has %d values, not a whole number of runs of %d", i+1, len(v), cells)}
		}
		hi := lo + len(v)/cells
		ps[i] = &ensemble.Part{Lo: lo, Hi: hi, Frame: model.NewFrame[float64](series, sc.StartYear, sc.Years())}
		ps[i].Values = v
		lo = hi
	}
	if lo != runs {
		return &Bands{Error: fmt.Sprintf("the ensemble's parts hold %d runs, not %d", lo, runs)}
	}
	b, err := ensemble.MergeParts(ps)
	if err != nil {
		return &Bands{Error: err.Error()}
	}
	return bandsView(b)
}

// keptSeries returns the series named in keys, in report order; every
// series if keys is empty.
func keptSeries(keys []string) ([]model.Series, error) {
	all := model.SeriesList()
	if len(keys) == 0 {
		return all, nil
	}
	var out []model.Series
	for _, s := range all {
		if slices.Contains(keys, seriesKey(s)) {
			out = append(out, s)
		}
	}
	for _, k := range keys {
		if !slices.ContainsFunc(out, func(s model.Series) bool { return seriesKey(s) == k }) {
			return nil, fmt.Errorf("the page asked for the series %q, which the model does not report", k)
		}
	}
	return out, nil
}

// seriesKey is SeriesKey of a series.
func seriesKey(s model.Series) string { return SeriesKey(string(s.Indicator), s.Subject) }
