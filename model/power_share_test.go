package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPowerShare(t *testing.T) {
	tests := []struct {
		name       string
		components []PerActor
		want       PerActor
	}{
		{
			// One component: the shares are the component's shares.
			// 50/100, 25/100, 25/100, 0, 0.
			name:       "one component",
			components: []PerActor{{50, 25, 25, 0, 0}},
			want:       PerActor{50, 25, 25, 0, 0},
		},
		{
			// Two components, the mean of shares (not the share of sums):
			// first 1/4 each for US..CHN, 0 for JPN; second all to JPN.
			// US..CHN: (1/4 + 0)/2 = 12.5%; JPN: (0 + 1)/2 = 50%.
			name:       "mean of shares",
			components: []PerActor{{1, 1, 1, 1, 0}, {0, 0, 0, 0, 10}},
			want:       PerActor{12.5, 12.5, 12.5, 12.5, 50},
		},
		{
			// A component whose total is zero is skipped, not averaged in as
			// zeros: equal shares of the first (1/5 = 20%), the second ignored.
			name:       "zero component skipped",
			components: []PerActor{{1, 1, 1, 1, 1}, {0, 0, 0, 0, 0}},
			want:       PerActor{20, 20, 20, 20, 20},
		},
		{
			// Three components: US holds 60%, 20%, 100% of them; ROK 40%,
			// 80%, 0%: US (60+20+100)/3 = 60; ROK (40+80+0)/3 = 40.
			name:       "three components",
			components: []PerActor{{3, 2, 0, 0, 0}, {1, 4, 0, 0, 0}, {7, 0, 0, 0, 0}},
			want:       PerActor{60, 40, 0, 0, 0},
		},
		{
			// Nothing to share: zeros, not NaN.
			name: "no components",
			want: PerActor{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PowerShare(tt.components)
			for a := range NumActors {
				checkClose(t, a.String(), got[a], tt.want[a], 1e-12)
			}
		})
	}
}

// TestPowerShareSumsTo100: shares of the five always add up to 100 when any
// component has a positive total (each component's shares add up to 1).
func TestPowerShareSumsTo100(t *testing.T) {
	comps := []PerActor{{341.8, 51.75, 26.5, 1404.9, 123.8}, {30507, 1870, 26.7, 19232, 4186}, {1037, 48.6, 5.9, 329, 67}, {1328, 450, 1280, 2035, 247}, {0, 0, 0, 0, 0}}
	got := PowerShare(comps)
	var sum float64
	for _, v := range got {
		sum += v
	}
	checkClose(t, "sum of shares", sum, 100, 1e-12)
}

// TestPowerShareBits: PowerShare gives, bit for bit, what the plain loop
// over components and actors (the formula as first written) gives, on
// random components with zeros, negative and skipped totals.
func TestPowerShareBits(t *testing.T) {
	plain := func(components []PerActor) PerActor {
		var share PerActor
		n := 0
		for _, c := range components {
			total := componentTotal(&c)
			if !(total > 0) {
				continue
			}
			n++
			for a, v := range c {
				share[a] += v / total
			}
		}
		for a := range share {
			share[a] = clamp(100*ratio(share[a], float64(n)), 0, 100)
		}
		return share
	}
	g := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		comps := make([]PerActor, g.IntN(7))
		for i := range comps {
			for a := range comps[i] {
				switch g.IntN(6) {
				case 0: // zero
				case 1:
					comps[i][a] = -g.Float64() * 10
				default:
					comps[i][a] = math.Exp(g.NormFloat64() * 5)
				}
			}
		}
		got, want := PowerShare(comps), plain(comps)
		for a := range NumActors {
			if math.Float64bits(got[a]) != math.Float64bits(want[a]) {
				t.Fatalf("%v: actor %d %v, want %v", comps, a, got[a], want[a])
			}
		}
	}
}

// TestKnownSharesFollowTheRun: the model's known power-share components
// are its own run's population, GDP and personnel in every year, growing,
// so that the run's steps divide only the components that parameters and
// events move.
func TestKnownSharesFollowTheRun(t *testing.T) {
	sc := testScenario()
	for a := range NumActors {
		in := &sc.Actors[a]
		in.GrowthPct, in.InflationPct, in.PopulationGrowthPct = Const(2.1), Const(2.7), Const(-0.3)
	}
	sc.Actors[CHN].PersonnelK = Path{Years: []int{2025, 2030}, Values: []float64{2000, 1900}}
	m := newTestModel(t, sc)
	s := m.Initial()
	for y := sc.StartYear; ; y++ {
		known := &m.inputs[y-sc.StartYear].known
		comps := powerComponents(&s.Actors)
		held := 0
		for i := range comps {
			j := known.slot(i)
			if j < 0 {
				continue
			}
			held++
			if !sameBits(&comps[i], &known.comps[j]) {
				t.Fatalf("%d: component %d of the run %v, known %v", y, i, comps[i], known.comps[j])
			}
		}
		if held != 3 {
			t.Fatalf("%d: %d components known, want 3 (population, GDP, personnel)", y, held)
		}
		if y == sc.EndYear {
			break
		}
		s = m.Step(&s, nil)
	}
}
