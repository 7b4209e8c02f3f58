package study

import (
	"fmt"
	"testing"
)

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

func TestParseYears(t *testing.T) {
	for _, c := range []struct {
		spec string
		want string // fmt of the years, or the error
	}{
		{"", "[]"},
		{"2028,2035", "[2028 2035]"},
		{"2026:2030", "[2026 2027 2028 2029 2030]"},
		{" 2035 , 2026:2027,2027", "[2026 2027 2035]"},
		{"2030:2030", "[2030]"},
		{"2030:2026", "-years 2030:2026: the range 2030:2026 ends before it starts"},
		{"2026,", `-years 2026,: "" is not a year (expected years and ranges such as 2028,2035 or 2026:2030)`},
		{"-5", `-years -5: "-5" is not a year (expected years and ranges such as 2028,2035 or 2026:2030)`},
		{"0:99999", "-years 0:99999: the range 0:99999 spans more than 1000 years"},
	} {
		years, err := ParseYears(c.spec)
		got := fmt.Sprint(years)
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("ParseYears(%q) = %s, want %s", c.spec, got, c.want)
		}
	}
}
