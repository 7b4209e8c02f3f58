package model

import (
	"math"
	"testing"
)

func TestDeterrenceCredibility(t *testing.T) {
	p := DefaultParams() // DPRK mass 3; decoupling at most 0.3; W½ = 50; ROK resolve 0.5
	tests := []struct {
		name                                 string
		rokK, usK, dprkK, warheads, c, trust float64
		want                                 float64
	}{
		// Capability: allied 150 + 1·150 = 300 against 3·25 = 75: 300/375 = 80.
		// Will: p_US = 1·(1 − 0.3·50/100) = 0.85; p_ROK = 0.5·150/300 = 0.25;
		// 100·(1 − 0.15·0.75) = 88.75. Communication: trust 80.
		// Geometric mean: ∛(80·88.75·80) = ∛568000 ≈ 82.816.
		{"mid", 150, 150, 25, 50, 100, 80, math.Cbrt(80 * 88.75 * 80)},
		// Capability: allied 0 + 0.5·300 = 150 against 3·50 = 150: 50.
		// Will: p_US = 0.5 (no warheads, no decoupling); p_ROK = 0 (no ROK capital): 50.
		// Trust 50: ∛(50·50·50) = 50.
		{"half everywhere", 0, 300, 50, 0, 50, 50, 50},
		// Full commitment, full trust, no DPRK arsenal or forces: 100.
		{"maximum", 100, 100, 0, 0, 100, 100, 100},
		// Zero collapses it: no trust.
		{"no trust", 150, 150, 25, 50, 100, 0, 0},
		// Zero collapses it: no capability (no ROK capital, no US commitment).
		{"no capability", 0, 150, 25, 50, 0, 80, 0},
		// No arsenal, no decoupling: p_US = 1, so will = 100 whatever p_ROK;
		// capability 80 and trust 80 as in "mid": ∛(80·100·80) = ∛640000 ≈ 86.177.
		{"no arsenal", 150, 150, 25, 0, 100, 80, math.Cbrt(80 * 100 * 80)},
		// Commitment above 100 counts as 100, trust above 100 as 100.
		{"inputs capped", 100, 100, 0, 0, 150, 150, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeterrenceCredibility(tt.rokK, tt.usK, tt.dprkK, tt.warheads, tt.c, tt.trust, &p)
			checkClose(t, "DeterrenceCredibility", got, tt.want, 1e-9)
		})
	}
}

// TestDeterrenceNoResolveNoWill: with ROK resolve set to 0, a US commitment
// of 0 leaves no will at all, whatever ROK's capital: deterrence is 0.
func TestDeterrenceNoResolveNoWill(t *testing.T) {
	p := DefaultParams()
	p.ROKResolve = 0
	if got := DeterrenceCredibility(500, 150, 25, 50, 0, 100, &p); got != 0 {
		t.Errorf("DeterrenceCredibility with no will = %v, want 0", got)
	}
}

// TestDeterrenceMonotone checks the doc comment's promise over a grid:
// deterrence never falls when ROK capital or US commitment rises, and never
// rises when DPRK capital or the DPRK arsenal grows.
func TestDeterrenceMonotone(t *testing.T) {
	p := DefaultParams()
	grid := []float64{0, 1, 10, 50, 100, 300, 1000, 1e5}
	commits := []float64{0, 10, 50, 70, 90, 100}
	f := func(rokK, c, dprkK, w float64) float64 {
		return DeterrenceCredibility(rokK, 90, dprkK, w, c, 70, &p)
	}
	for _, c := range commits {
		for _, dprkK := range grid {
			for _, w := range []float64{0, 50, 200} {
				for i := 1; i < len(grid); i++ {
					lo, hi := f(grid[i-1], c, dprkK, w), f(grid[i], c, dprkK, w)
					if hi < lo-1e-12 {
						t.Errorf("ROK capital %v → %v (c=%v, K_DPRK=%v, W=%v): deterrence falls %v → %v", grid[i-1], grid[i], c, dprkK, w, lo, hi)
					}
				}
			}
		}
	}
	for _, rokK := range grid {
		for i := 1; i < len(commits); i++ {
			lo, hi := f(rokK, commits[i-1], 13, 50), f(rokK, commits[i], 13, 50)
			if hi < lo-1e-12 {
				t.Errorf("commitment %v → %v (K_ROK=%v): deterrence falls %v → %v", commits[i-1], commits[i], rokK, lo, hi)
			}
		}
		for i := 1; i < len(grid); i++ {
			if lo, hi := f(rokK, 100, grid[i-1], 50), f(rokK, 100, grid[i], 50); hi > lo+1e-12 {
				t.Errorf("DPRK capital %v → %v (K_ROK=%v): deterrence rises %v → %v", grid[i-1], grid[i], rokK, lo, hi)
			}
			if lo, hi := f(rokK, 100, 13, grid[i-1]), f(rokK, 100, 13, grid[i]); hi > lo+1e-12 {
				t.Errorf("warheads %v → %v (K_ROK=%v): deterrence rises %v → %v", grid[i-1], grid[i], rokK, lo, hi)
			}
		}
	}
}
