package model

import "testing"

func TestAllianceCohesion(t *testing.T) {
	p := DefaultParams() // trust weight 0.5; the US asks for 5% of GDP; tariff scale 50%
	tests := []struct {
		name                         string
		trust, share, commit, tariff float64
		want                         float64
	}{
		// Distances: effort max(5 − 3.5, 0)/5 = 0.3, commitment 0, trade 15/50 = 0.3;
		// similarity 1 − 0.6/3 = 0.8; 0.5·60 + 0.5·80 = 70.
		{"3.5% with a deal", 60, 3.5, 100, 15, 70},
		// Full trust, identical positions: 100.
		{"identical", 100, 5, 100, 0, 100},
		// No trust, positions at maximal distance (0% against 5%, no
		// commitment, tariff at the scale): 0.
		{"maximal distance", 0, 0, 0, 50, 0},
		// Spending above the ask is no disagreement: distance 0, as at the ask.
		{"overshoot", 100, 10, 100, 0, 100},
		{"overshoot with a tariff", 60, 6, 100, 15, 0.5*60 + 50*(1-0.3/3)},
		// Commitment 70: distance 0.3; trade 25/50 = 0.5; effort (5 − 2.6)/5 = 0.48;
		// similarity 1 − 1.28/3; 0.5·65 + 50·(1 − 1.28/3) = 32.5 + 28.6667 = 61.1667.
		{"limited support, no deal", 65, 2.6, 70, 25, 32.5 + 50*(1-1.28/3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AllianceCohesion(tt.trust, tt.share, tt.commit, tt.tariff, &p)
			checkClose(t, "AllianceCohesion", got, tt.want, 1e-9)
		})
	}
}
