package model

import (
	"math"
	"testing"
)

func TestDeterrenceCredibility(t *testing.T) {
	p := DefaultParams() // DPRK mass 3; decoupling at most 0.3; W½ = 50; ROK resolve 0.5; Russian transfers 0.5; ties 0.3
	in := func(rokK, usK, dprkK, warheads, russia, c, integ, signal float64) DeterrenceInputs {
		return DeterrenceInputs{ROKCapital: rokK, USCapitalForKorea: usK, DPRKCapital: dprkK, Warheads: warheads,
			RussiaDPRK: russia, Commitment: c, Integration: integ, Signal: signal}
	}
	tests := []struct {
		name                string
		in                  DeterrenceInputs
		capability, will, c float64
	}{
		// D = 3·25·(1 + 0.5·0) = 75. Capability: allied 150 + 1·150 = 300: 300/375 = 80.
		// p_commit = 1·(1 − 0.3·50/100) = 0.85; no integration: p_US = 0.85;
		// p_ROK = 0.5·150/(150 + 75) = 1/3; will = 100·(1 − 0.15·2/3) = 90.
		// Communication: the signal, 80. Credibility ∛(80·90·80).
		{"mid", in(150, 150, 25, 50, 0, 100, 0, 80), 80, 90, math.Cbrt(80 * 90 * 80)},
		// Russian cooperation at 1 lifts D to 3·25·1.5 = 112.5: capability
		// 300/412.5 = 72.7273; p_ROK = 0.5·150/262.5 = 0.285714; will =
		// 100·(1 − 0.15·0.714286) = 89.2857.
		{"russian transfers", in(150, 150, 25, 50, 1, 100, 0, 80), 100 * 300 / 412.5, 100 * (1 - 0.15*(1-0.5*150/262.5)), math.Cbrt(100 * 300 / 412.5 * 100 * (1 - 0.15*(1-0.5*150/262.5)) * 80)},
		// Integration 100 gives the US a stake of its own: p_US = 1 − 0.15·0.7 = 0.895;
		// will = 100·(1 − 0.105·2/3) = 93.
		{"economic ties", in(150, 150, 25, 50, 0, 100, 100, 80), 80, 93, math.Cbrt(80 * 93 * 80)},
		// Half everywhere: capability 150/(150+150) = 50; p_US = 0.5; p_ROK = 0: will 50; signal 50.
		{"half everywhere", in(0, 300, 50, 0, 0, 50, 0, 50), 50, 50, 50},
		// No DPRK forces or arsenal, full commitment and signalling: 100.
		{"maximum", in(100, 100, 0, 0, 0, 100, 0, 100), 100, 100, 100},
		// Zero collapses it: no signals.
		{"no signals", in(150, 150, 25, 50, 0, 100, 0, 0), 80, 90, 0},
		// Commitment and signal above 100 count as 100.
		{"inputs capped", in(100, 100, 0, 0, 0, 150, 0, 150), 100, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DeterrenceCredibility(tt.in, &p)
			checkClose(t, "capability", got.Capability, tt.capability, 1e-9)
			checkClose(t, "will", got.Will, tt.will, 1e-9)
			checkClose(t, "credibility", got.Credibility, tt.c, 1e-9)
		})
	}
}

// TestDeterrenceNoResolveNoWill: with ROK resolve and economic ties at 0, a
// US commitment of 0 leaves no will at all, whatever ROK's capital:
// deterrence is 0.
func TestDeterrenceNoResolveNoWill(t *testing.T) {
	p := DefaultParams()
	p.ROKResolve = 0
	got := DeterrenceCredibility(DeterrenceInputs{ROKCapital: 500, USCapitalForKorea: 150, DPRKCapital: 25, Warheads: 50, Integration: 50, Signal: 100}, &p)
	if got.Will == 0 {
		t.Errorf("will with economic ties = 0, want the ties' share")
	}
	p.IntegrationTiesEffect = 0
	if got := DeterrenceCredibility(DeterrenceInputs{ROKCapital: 500, USCapitalForKorea: 150, DPRKCapital: 25, Warheads: 50, Integration: 50, Signal: 100}, &p); got.Credibility != 0 {
		t.Errorf("DeterrenceCredibility with no will = %v, want 0", got.Credibility)
	}
}

// TestDeterrenceMonotone checks the doc comment's promise over a grid:
// deterrence never falls when ROK capital, US commitment or integration
// rises, and never rises when DPRK capital, the DPRK arsenal or Russian
// cooperation grows.
func TestDeterrenceMonotone(t *testing.T) {
	p := DefaultParams()
	grid := []float64{0, 1, 10, 50, 100, 300, 1000, 1e5}
	commits := []float64{0, 10, 50, 70, 90, 100}
	f := func(rokK, c, dprkK, w, russia, integ float64) float64 {
		return DeterrenceCredibility(DeterrenceInputs{ROKCapital: rokK, USCapitalForKorea: 90, DPRKCapital: dprkK, Warheads: w,
			RussiaDPRK: russia, Commitment: c, Integration: integ, Signal: 70}, &p).Credibility
	}
	for _, c := range commits {
		for _, dprkK := range grid {
			for _, w := range []float64{0, 50, 200} {
				for i := 1; i < len(grid); i++ {
					lo, hi := f(grid[i-1], c, dprkK, w, 0.4, 45), f(grid[i], c, dprkK, w, 0.4, 45)
					if hi < lo-1e-12 {
						t.Errorf("ROK capital %v → %v (c=%v, K_DPRK=%v, W=%v): deterrence falls %v → %v", grid[i-1], grid[i], c, dprkK, w, lo, hi)
					}
				}
			}
		}
	}
	levels := []float64{0, 0.2, 0.5, 1}
	for _, rokK := range grid {
		for i := 1; i < len(commits); i++ {
			lo, hi := f(rokK, commits[i-1], 13, 50, 0.4, 45), f(rokK, commits[i], 13, 50, 0.4, 45)
			if hi < lo-1e-12 {
				t.Errorf("commitment %v → %v (K_ROK=%v): deterrence falls %v → %v", commits[i-1], commits[i], rokK, lo, hi)
			}
		}
		for i := 1; i < len(levels); i++ {
			if lo, hi := f(rokK, 90, 13, 50, levels[i-1], 45), f(rokK, 90, 13, 50, levels[i], 45); hi > lo+1e-12 {
				t.Errorf("Russia–DPRK %v → %v (K_ROK=%v): deterrence rises %v → %v", levels[i-1], levels[i], rokK, lo, hi)
			}
			if lo, hi := f(rokK, 90, 13, 50, 0.4, 100*levels[i-1]), f(rokK, 90, 13, 50, 0.4, 100*levels[i]); hi < lo-1e-12 {
				t.Errorf("integration %v → %v (K_ROK=%v): deterrence falls %v → %v", 100*levels[i-1], 100*levels[i], rokK, lo, hi)
			}
		}
		for i := 1; i < len(grid); i++ {
			if lo, hi := f(rokK, 100, grid[i-1], 50, 0.4, 45), f(rokK, 100, grid[i], 50, 0.4, 45); hi > lo+1e-12 {
				t.Errorf("DPRK capital %v → %v (K_ROK=%v): deterrence rises %v → %v", grid[i-1], grid[i], rokK, lo, hi)
			}
			if lo, hi := f(rokK, 100, 13, grid[i-1], 0.4, 45), f(rokK, 100, 13, grid[i], 0.4, 45); hi > lo+1e-12 {
				t.Errorf("warheads %v → %v (K_ROK=%v): deterrence rises %v → %v", grid[i-1], grid[i], rokK, lo, hi)
			}
		}
	}
}
