package model

import "testing"

func TestDPRKThreat(t *testing.T) {
	p := DefaultParams() // weights 0.5 nuclear, 0.1 conventional, 0.25 Russia, 0.15 provocation; W½ = 50; mass 3
	tests := []struct {
		name                            string
		warheads, dprkK, rokK, ru, prov float64
		want                            float64
	}{
		// Nuclear 50/(50+50) = 0.5; conventional 3·10/(3·10 + 30) = 0.5;
		// 100·(0.5·0.5 + 0.1·0.5 + 0.25·0.4 + 0.15·0.3) = 100·0.445 = 44.5.
		{"mid", 50, 10, 30, 0.4, 0.3, 44.5},
		// 150 warheads: 150/200 = 0.75; 100·(0.5·0.75 + 0.1·0.5) = 42.5.
		{"larger arsenal", 150, 10, 30, 0, 0, 42.5},
		// Russia and provocation levels are capped at 1: 100·(0.25 + 0.15) = 40.
		{"levels capped", 0, 0, 30, 2, 5, 40},
		// Nothing: 0.
		{"nothing", 0, 0, 30, 0, 0, 0},
		// No forces on either side: the conventional term is 0, not NaN.
		{"no forces", 0, 0, 0, 0, 0, 0},
		// Everything at its maximum (in the limit): near 100.
		{"limit", 1e12, 1e12, 1, 1, 1, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DPRKThreat(tt.warheads, tt.dprkK, tt.rokK, tt.ru, tt.prov, &p)
			checkClose(t, "DPRKThreat", got, tt.want, 1e-9)
		})
	}
}
