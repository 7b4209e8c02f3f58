package model

import (
	"math"
	"testing"
)

func TestPathAt(t *testing.T) {
	two := PathOf(map[int]float64{2035: 3.5, 2025: 2.8}) // given out of order on purpose
	three := PathOf(map[int]float64{2025: 2.6, 2026: 2.7, 2035: 3.5})
	tests := []struct {
		name string
		p    Path
		year int
		want float64
	}{
		// Linear between points: 2.8 + (3.5 − 2.8)·5/10 = 3.15.
		{"midway", two, 2030, 3.15},
		// 2.8 + 0.7·3/10 = 3.01.
		{"three tenths", two, 2028, 3.01},
		// On a point: the point's value.
		{"first point", two, 2025, 2.8},
		{"last point", two, 2035, 3.5},
		// Flat outside the points.
		{"before", two, 2020, 2.8},
		{"after", two, 2040, 3.5},
		// Three points: 2.7 + (3.5 − 2.7)·4/9 = 3.0556 in 2030.
		{"second segment", three, 2030, 2.7 + 0.8*4/9},
		{"middle point", three, 2026, 2.7},
		// A constant is the same in every year.
		{"constant", Const(5), 1900, 5},
		{"constant later", Const(5), 2200, 5},
		// An unset path is 0.
		{"unset", Path{}, 2030, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClose(t, "At", tt.p.At(tt.year), tt.want, 1e-12)
		})
	}
	if (Path{}).IsSet() || !Const(0).IsSet() {
		t.Error("IsSet: an empty path must be unset and a constant set")
	}
}

func TestInvestmentDisbursement(t *testing.T) {
	masga := Investment{TotalUSDbn: 150, StartYear: 2026, EndYear: 2035}
	strategic := Investment{TotalUSDbn: 200, StartYear: 2026, AnnualCap: 20}
	capped := Investment{TotalUSDbn: 100, StartYear: 2026, EndYear: 2027, AnnualCap: 20}
	tail := Investment{TotalUSDbn: 50, StartYear: 2026, AnnualCap: 20}
	tests := []struct {
		name string
		inv  Investment
		year int
		want float64
	}{
		// Even: $150 bn over the ten years 2026–2035 = 15 a year.
		{"even first year", masga, 2026, 15},
		{"even last year", masga, 2035, 15},
		{"even before", masga, 2025, 0},
		{"even after", masga, 2036, 0},
		// Capped without an end year: $20 bn a year from 2026 until the $200
		// bn is paid, 200/20 = 10 years: 2026–2035.
		{"cap first year", strategic, 2026, 20},
		{"cap tenth year", strategic, 2035, 20},
		{"cap paid", strategic, 2036, 0},
		// Capped with an end year: even would be 100/2 = 50 a year, the cap
		// makes it 20.
		{"cap binds", capped, 2027, 20},
		{"cap binds after end", capped, 2028, 0},
		// The last capped year pays the remainder: 50 = 20 + 20 + 10.
		{"remainder", tail, 2028, 10},
		{"after remainder", tail, 2029, 0},
		// Nothing to pay.
		{"zero total", Investment{StartYear: 2026, EndYear: 2030}, 2027, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClose(t, "Disbursement", tt.inv.Disbursement(tt.year), tt.want, 1e-12)
		})
	}
}

// TestInvestmentDisbursesTotal: over its life a package pays its total,
// whether spread evenly or paid at the cap (the package's $200 bn at $20 bn a
// year takes exactly ten years).
func TestInvestmentDisbursesTotal(t *testing.T) {
	for _, inv := range []Investment{
		{TotalUSDbn: 150, StartYear: 2026, EndYear: 2035},
		{TotalUSDbn: 200, StartYear: 2026, AnnualCap: 20},
		{TotalUSDbn: 55, StartYear: 2030, AnnualCap: 20},
		{TotalUSDbn: 7, StartYear: 2030, EndYear: 2030},
	} {
		var sum float64
		years := 0
		for y := 2020; y <= 2060; y++ {
			if d := inv.Disbursement(y); d > 0 {
				sum += d
				years++
			}
		}
		checkClose(t, "total disbursed", sum, inv.TotalUSDbn, 1e-12)
		if inv.EndYear == 0 {
			if want := int(math.Ceil(inv.TotalUSDbn / inv.AnnualCap)); years != want {
				t.Errorf("%v at %v a year paid over %d years, want %d", inv.TotalUSDbn, inv.AnnualCap, years, want)
			}
		}
	}
}
