package api

import (
	"reflect"
	"strings"
	"testing"

	"simulate/model"
)

// TestMergeParts: the page's ensemble run in parts (one, two, three of
// uneven sizes) and merged has the bands of the ensemble run whole, to the
// bit, with a lever moved; parts that do not add up are errors.
func TestMergeParts(t *testing.T) {
	s := NewSession(bundled(t))
	v := 4.0
	req := &Request{Base: "scenarios/3.5pct-risks.toml", Set: []Setting{{Key: "actors.ROK.defense_pct", Value: &v}}}
	const runs = 120
	want := s.Ensemble(req, runs)
	if want.Error != "" {
		t.Fatal(want.Error)
	}
	for _, ends := range [][]int{{runs}, {60, runs}, {1, 77, runs}} {
		var parts [][]float64
		lo := 0
		for _, hi := range ends {
			p, err := s.EnsemblePart(req, runs, lo, hi, nil)
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
			lo = hi
		}
		if got := s.MergeParts(req, runs, nil, parts); !reflect.DeepEqual(got, want) {
			t.Errorf("parts ending at %v: the merged bands (error %q) differ from the whole ensemble's", ends, got.Error)
		}
	}
	a, err := s.EnsemblePart(req, runs, 0, 60, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		parts [][]float64
		want  string
	}{
		{[][]float64{a}, "the ensemble's parts hold 60 runs, not 120"},
		{[][]float64{a, a, a}, "the ensemble's parts hold 180 runs, not 120"},
		{[][]float64{a, a[1:]}, "part 2 of the ensemble has 51839 values, not a whole number of runs of 864"},
		{[][]float64{a, nil}, "part 2 of the ensemble has 0 values"},
	} {
		if got := s.MergeParts(req, runs, nil, tc.parts); !strings.Contains(got.Error, tc.want) {
			t.Errorf("error %q, want %q", got.Error, tc.want)
		}
	}
	for _, r := range [][2]int{{-1, 5}, {5, 5}, {100, 121}} {
		if _, err := s.EnsemblePart(req, runs, r[0], r[1], nil); err == nil || !strings.Contains(err.Error(), "0 ≤ lo < hi ≤ 120") {
			t.Errorf("runs %d to %d: error %v", r[0], r[1]-1, err)
		}
	}
	// The series asked for, and only those, with the whole ensemble's bands.
	keys := []string{SeriesKey("alliance_cohesion", model.SubjectAlliance), SeriesKey("defense_share", "ROK")}
	var parts [][]float64
	for _, r := range [][2]int{{0, 50}, {50, runs}} {
		p, err := s.EnsemblePart(req, runs, r[0], r[1], keys)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, p)
	}
	got := s.MergeParts(req, runs, keys, parts)
	if got.Error != "" || len(got.Series) != len(keys) {
		t.Errorf("error %q, %d series; want %d", got.Error, len(got.Series), len(keys))
	}
	for _, k := range keys {
		if !reflect.DeepEqual(got.Series[k], want.Series[k]) {
			t.Errorf("%s: the bands differ from the whole ensemble's", k)
		}
	}
	if _, err := s.EnsemblePart(req, runs, 0, 1, []string{"deterrence ROK"}); err == nil || err.Error() != `the page asked for the series "deterrence ROK", which the model does not report` {
		t.Errorf("an unknown series: error %v", err)
	}
	if _, err := s.EnsemblePart(req, 0, 0, 1, nil); err == nil || !strings.Contains(err.Error(), "1 to 10000 runs") {
		t.Errorf("0 runs: error %v", err)
	}
}
