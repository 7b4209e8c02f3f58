package study

import "testing"

func TestYears(t *testing.T) {
	eq := func(a, b []int) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	for _, c := range []struct {
		years, summary []int
	}{
		{[]int{2025, 2026, 2027, 2028}, []int{2025, 2026, 2028}},
		{[]int{2025}, []int{2025}},
		{[]int{2025, 2026}, []int{2025, 2026}},
	} {
		if got := SummaryYears(c.years); !eq(got, c.summary) {
			t.Errorf("SummaryYears(%v) = %v, want %v", c.years, got, c.summary)
		}
	}
	if got := ComparisonYears(2025, 2040); !eq(got, []int{2032, 2040}) {
		t.Errorf("ComparisonYears(2025, 2040) = %v", got)
	}
	if got := ComparisonYears(2040, 2040); !eq(got, []int{2040}) {
		t.Errorf("ComparisonYears(2040, 2040) = %v", got)
	}
}
