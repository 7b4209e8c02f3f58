package model

import "testing"

func TestRegionalTension(t *testing.T) {
	p := DefaultParams() // weights 0.3 naval, 0.3 Taiwan, 0.2 DPRK, 0.2 arms race; reference growth 10%
	tests := []struct {
		name                          string
		naval, taiwan, threat, growth float64
		want                          float64
	}{
		// Chinese naval share 1 − 0.6 = 0.4; Taiwan 0.3; DPRK 44.5/100; race 5/10 = 0.5:
		// 100·(0.3·0.4 + 0.3·0.3 + 0.2·0.445 + 0.2·0.5) = 100·0.399 = 39.9.
		{"mid", 60, 0.3, 44.5, 5, 39.9},
		// Falling spending is no arms race (race 0): 100·(0.12 + 0.09 + 0.089) = 29.9.
		{"spending falls", 60, 0.3, 44.5, -3, 29.9},
		// Growth above the reference saturates (race 1): 29.9 + 20 = 49.9.
		{"race saturates", 60, 0.3, 44.5, 25, 49.9},
		// Calm: allied navies only, calm strait, no threat, no growth: 0.
		{"calm", 100, 0, 0, 0, 0},
		// Everything at its maximum: 100.
		{"maximum", 0, 1, 100, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RegionalTension(tt.naval, tt.taiwan, tt.threat, tt.growth, &p)
			checkClose(t, "RegionalTension", got, tt.want, 1e-9)
		})
	}
}
