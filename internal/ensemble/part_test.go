package ensemble

import (
	"reflect"
	"strings"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

// TestMergeParts: an ensemble run in parts (one, two equal, three uneven,
// one of a single run) and merged has the bands Run gives, to the bit, and
// the parts of one split are the runs of another's: a run does not depend
// on the part it is in.
func TestMergeParts(t *testing.T) {
	l, err := scenario.Load("testdata/3.5pct-risks.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc := l.Scenario
	// An odd number of runs too: each of Run's cells and the merged cell
	// are slices of their own, so stat.Mean sums them in the same order.
	oddBands, err := Run(sc, Options{Runs: 301, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	var oddParts []*Part
	for _, r := range [][2]int{{0, 120}, {120, 301}} {
		p, err := RunPart(sc, r[0], r[1], nil)
		if err != nil {
			t.Fatal(err)
		}
		oddParts = append(oddParts, p)
	}
	if got, err := MergeParts(oddParts); err != nil || !reflect.DeepEqual(got.Values, oddBands.Values) {
		t.Errorf("301 runs in two parts: bands differ from Run's (error %v)", err)
	}
	const n = 300
	want, err := Run(sc, Options{Runs: n, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var whole *Part
	for _, ends := range [][]int{{n}, {150, n}, {1, 200, n}, {100, 101, 250, n}, {33, 34, n}} {
		var parts []*Part
		lo := 0
		for _, hi := range ends {
			p, err := RunPart(sc, lo, hi, nil)
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
			lo = hi
		}
		got, err := MergeParts(parts)
		if err != nil {
			t.Fatal(err)
		}
		if got.Runs != n || !reflect.DeepEqual(got.Values, want.Values) || !reflect.DeepEqual(got.Years, want.Years) || len(got.Series) != len(want.Series) {
			t.Errorf("parts ending at %v: bands of %d runs differ from Run's of %d", ends, got.Runs, want.Runs)
		}
		if whole == nil {
			whole = parts[0]
			continue
		}
		// Run 149 (cell 7) in the part that holds it.
		for _, p := range parts {
			if p.Lo <= 149 && 149 < p.Hi {
				if a, b := p.Values[7*(p.Hi-p.Lo)+149-p.Lo], whole.Values[7*n+149]; a != b {
					t.Errorf("parts ending at %v: run 149's cell 7 is %v, %v in one part", ends, a, b)
				}
			}
		}
	}
	// The series kept are the ones asked for, in the same order, with the
	// bands of the whole.
	odd := func(s model.Series) bool { return len(s.Subject)%2 == 1 }
	p, err := RunPart(sc, 0, n, odd)
	if err != nil {
		t.Fatal(err)
	}
	some, err := MergeParts([]*Part{p})
	if err != nil {
		t.Fatal(err)
	}
	var i int
	for j, s := range want.Series {
		if !odd(s) {
			continue
		}
		if i >= len(some.Series) || some.Series[i].Indicator != s.Indicator || some.Series[i].Subject != s.Subject || !reflect.DeepEqual(some.Row(i), want.Row(j)) {
			t.Fatalf("series %d of the part is not series %d (%s %s) of the whole", i, j, s.Indicator, s.Subject)
		}
		i++
	}
	if i != len(some.Series) || i == 0 || i == len(want.Series) {
		t.Errorf("%d series kept of %d, %d asked for", len(some.Series), len(want.Series), i)
	}
	// A part's runs are the same runs as the ensemble's: the median of a
	// single-run ensemble is run 0's value.
	p0, err := RunPart(sc, 0, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	one, _ := MergeParts([]*Part{p0})
	if one.Values[7].Q[P50] != whole.Values[7*n] {
		t.Errorf("one run's median %v is not run 0's value %v", one.Values[7].Q[P50], whole.Values[7*n])
	}
}

// TestMergePartsErrors: parts that do not cover the runs from 0 without a
// gap or an overlap, or that differ in shape, are errors that say which.
func TestMergePartsErrors(t *testing.T) {
	l, err := scenario.Load("testdata/3.5pct-risks.toml")
	if err != nil {
		t.Fatal(err)
	}
	sc := l.Scenario
	part := func(lo, hi int) *Part {
		p, err := RunPart(sc, lo, hi, nil)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b, c := part(0, 3), part(3, 5), part(4, 6)
	short := *b
	short.Values = short.Values[1:]
	for _, tc := range []struct {
		parts []*Part
		want  string
	}{
		{nil, "no parts"},
		{[]*Part{b}, "part 1 starts at run 3, want 0"},
		{[]*Part{a, c}, "part 2 starts at run 4, want 3"},
		{[]*Part{a, b, b}, "part 3 starts at run 3, want 5"},
		{[]*Part{a, &short}, "part 2 (runs 3 to 4) has 54 series, 16 years and 1727 values"},
	} {
		if _, err := MergeParts(tc.parts); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%d parts: error %v, want one saying %q", len(tc.parts), err, tc.want)
		}
	}
	for _, r := range [][2]int{{-1, 3}, {3, 3}, {5, 2}} {
		if _, err := RunPart(sc, r[0], r[1], nil); err == nil || !strings.Contains(err.Error(), "0 ≤ lo < hi") {
			t.Errorf("runs %d to %d: error %v", r[0], r[1]-1, err)
		}
	}
}
