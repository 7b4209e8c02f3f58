package model

import "testing"

func TestNavalBalance(t *testing.T) {
	tests := []struct {
		name              string
		us, rok, jpn, chn float64
		pacific           float64
		want              float64
	}{
		// Parity: 0.6·1000 + 100 + 300 = 1000 allied against 1000 Chinese: 50%.
		{"parity", 1000, 100, 300, 1000, 0.6, 50},
		// The 2025 calibration: 0.6·4600 + 250 + 500 = 3510 allied;
		// 3510 / (3510 + 2000) = 3510/5510.
		{"2025 fleets", 4600, 250, 500, 2000, 0.6, 100 * 3510.0 / 5510},
		// Only the Pacific share of the US Navy counts: with none, 400/(400+400) = 50%.
		{"no US Pacific share", 1000, 100, 300, 400, 0, 50},
		// No Chinese navy: 100% allied.
		{"no Chinese navy", 4600, 250, 500, 0, 0.6, 100},
		// No allied navy: 0%.
		{"no allied navy", 0, 0, 0, 2000, 0.6, 0},
		// No navies at all: 0, not NaN.
		{"no navies", 0, 0, 0, 0, 0.6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NavalBalance(tt.us, tt.rok, tt.jpn, tt.chn, tt.pacific)
			checkClose(t, "NavalBalance", got, tt.want, 1e-12)
		})
	}
}
