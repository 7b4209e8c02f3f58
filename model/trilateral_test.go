package model

import "testing"

func TestTrilateralCoordination(t *testing.T) {
	p := DefaultParams() // weights 0.5 institutions, 0.3 commitment, 0.2 shared threat
	tests := []struct {
		name                          string
		inst, commit, threat, tension float64
		want                          float64
	}{
		// Shared threat (40 + 60)/200 = 0.5: 100·(0.5·0.6 + 0.3·0.8 + 0.2·0.5) = 64.
		{"mid", 0.6, 80, 40, 60, 64},
		// Institutionalization above 1 counts as 1, commitment above 100 as
		// 100: 100·(0.5 + 0.3 + 0) = 80.
		{"capped", 1.5, 150, 0, 0, 80},
		// Nothing: 0.
		{"nothing", 0, 0, 0, 0, 0},
		// Everything at its maximum: 100.
		{"maximum", 1, 100, 100, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TrilateralCoordination(tt.inst, tt.commit, tt.threat, tt.tension, &p)
			checkClose(t, "TrilateralCoordination", got, tt.want, 1e-9)
		})
	}
}
