package model

import "testing"

func TestBurdenShare(t *testing.T) {
	tests := []struct {
		name                  string
		rok, us, ship, weight float64
		want                  float64
	}{
		// Spending only: 50 / (50 + 950) = 5%.
		{"spending only", 50, 950, 0, 0.5, 5},
		// Half of $20 bn shipbuilding investment counts: (40 + 0.5·20) / (50 + 950) = 5%.
		{"investment counted at half", 40, 950, 20, 0.5, 5},
		// Weight 1: (40 + 20) / (60 + 940) = 6%.
		{"investment counted in full", 40, 940, 20, 1, 6},
		// Weight 0: investment does not count: 40 / (40 + 960) = 4%.
		{"investment not counted", 40, 960, 20, 0, 4},
		// Extremes: ROK spends nothing → 0; the US spends nothing → 100.
		{"ROK spends nothing", 0, 1000, 0, 0.5, 0},
		{"US spends nothing", 50, 0, 0, 0.5, 100},
		// Nobody spends: 0, not NaN.
		{"nobody spends", 0, 0, 0, 0.5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BurdenShare(tt.rok, tt.us, tt.ship, tt.weight)
			checkClose(t, "BurdenShare", got, tt.want, 1e-12)
		})
	}
}

func TestBurdenParity(t *testing.T) {
	tests := []struct {
		name       string
		rokGDP, us float64
		want       float64
	}{
		// 2000 / (2000 + 30000) = 6.25%.
		{"round numbers", 2000, 30000, 6.25},
		// Equal economies: 50%.
		{"equal", 1000, 1000, 50},
		// No economies: 0, not NaN.
		{"zero", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkClose(t, "BurdenParity", BurdenParity(tt.rokGDP, tt.us), tt.want, 1e-12)
		})
	}
}
