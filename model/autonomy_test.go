package model

import "testing"

func TestROKAutonomy(t *testing.T) {
	p := DefaultParams() // weights 0.5 self-reliance, 0.2 exports, 0.3 integration; export reference $20 bn
	tests := []struct {
		name                       string
		rokK, usK, exports, integr float64
		want                       float64
	}{
		// Self 60/(60+40) = 0.6; exports 20/(20+20) = 0.5; integration 0.5:
		// 100·(0.5·0.6 + 0.2·0.5 + 0.3·0.5) = 55.
		{"mid", 60, 40, 20, 50, 55},
		// Alone (no US capital for Korea): self 1; no exports, no integration: 50.
		{"alone", 60, 0, 0, 0, 50},
		// Nothing: 0, not NaN (no capital on either side).
		{"nothing", 0, 0, 0, 0, 0},
		// Limit: all three at their maximum: near 100.
		{"limit", 1e12, 0, 1e12, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ROKAutonomy(tt.rokK, tt.usK, tt.exports, tt.integr, &p)
			checkClose(t, "ROKAutonomy", got, tt.want, 1e-9)
		})
	}
}
