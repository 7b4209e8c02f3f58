package model

import (
	"math"
	"testing"
)

func TestIndustrialIntegration(t *testing.T) {
	def := DefaultParams() // weights 0.3 base, 0.4 investment, 0.3 trade; reference stock 200; tariff scale 50
	uneven := DefaultParams()
	uneven.IntegrationWeightBase, uneven.IntegrationWeightInvestment, uneven.IntegrationWeightTrade = 1, 1, 2
	tests := []struct {
		name          string
		stock, tariff float64
		p             Params
		want          float64
	}{
		// No investment, 25% tariff: trade 1 − 25/50 = 0.5;
		// 100·(0.3·1 + 0.4·0 + 0.3·0.5) = 45.
		{"no deal", 0, 25, def, 45},
		// Tariff at the scale: trade 0; only the base: 100·0.3 = 30.
		{"tariff at scale", 0, 50, def, 30},
		// A prohibitive tariff cannot push trade below 0: still 30.
		{"prohibitive tariff", 0, 100, def, 30},
		// Stock at the reference: 1 − e^(−1) = 0.63212; 15% tariff: trade 0.7;
		// 100·(0.3 + 0.4·0.63212 + 0.3·0.7) = 76.2848.
		{"package in force", 200, 15, def, 100 * (0.3 + 0.4*(1-math.Exp(-1)) + 0.3*0.7)},
		// Unbounded investment and free trade: 100·(0.3 + 0.4 + 0.3) = 100.
		{"limit", 1e9, 0, def, 100},
		// Weights are normalized by their sum: 100·(1·1 + 1·0 + 2·1)/4 = 75.
		{"normalized weights", 0, 0, uneven, 75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := IndustrialIntegration(tt.stock, tt.tariff, &tt.p)
			checkClose(t, "IndustrialIntegration", got, tt.want, 1e-9)
		})
	}
}
