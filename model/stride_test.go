package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPCGJump: a jump over k numbers leaves a generator where k calls of
// rand.PCG's Uint64 leave it, for states from the stream rule and for the
// extremes, so the constants are math/rand/v2's and the map is PCG's.
func TestPCGJump(t *testing.T) {
	states := [][2]uint64{{0, 0}, {^uint64(0), ^uint64(0)}, {1, 0}, {0, 1}}
	for run := range 5 {
		hi, lo := streamSeed(uint64(run*7+1), run, paramStream)
		states = append(states, [2]uint64{hi, lo})
	}
	for _, s := range states {
		var g rand.PCG
		g.Seed(s[0], s[1])
		for k := range 400 {
			j := newPCGJump(k).from(s[0], s[1])
			if got, want := j.Uint64(), g.Uint64(); got != want {
				t.Fatalf("state %x: number %d after a jump %x, after %d draws %x", s, k, got, k, want)
			}
		}
	}
}

// TestSamplerStream: a drawn coefficient takes the number of the run's
// parameter stream at its slot's place in the registry, the others'
// numbers passed over (the stream rule), whichever slots are drawn.
func TestSamplerStream(t *testing.T) {
	sc := testScenario()
	sc.Seed = 11
	sc.Uncertain = []ParamRef{{"inertia", US}, {"inertia", JPN}, {"rok_resolve", 0}, {"decoupling_max", 0}}
	s, err := NewSampler(sc)
	if err != nil {
		t.Fatal(err)
	}
	for run := range 50 {
		g := newStream(sc.Seed, run, paramStream)
		var u []float64 // the stream's numbers, slot by slot
		for range slots {
			u = append(u, uniform(&g))
		}
		p := DefaultParams()
		for n, d := range s.Draw(&p, run, nil) {
			sl := slots[s.order[n]]
			lo, hi := sl.spec.Range(sl.actor)
			if want := lo + u[s.order[n]]*(hi-lo); d.Value != want {
				t.Fatalf("run %d: %s = %v, want %v (slot %d's number)", run, d.Ref, d.Value, want, s.order[n])
			}
		}
	}
}

// TestShocksStreamRule: risk i's events come from the numbers 2i and 2i+1
// of the year's stream, walked number by number (the stream rule), for
// risks in and out of their windows and more risks than riskJumps holds.
func TestShocksStreamRule(t *testing.T) {
	sc := testScenario()
	sc.StartYear, sc.EndYear, sc.Seed = 2025, 2032, 3
	for i := range cachedRiskJumps + 4 {
		sc.Risks = append(sc.Risks, Risk{Kind: TradeDispute, Probability: float64(i%5+1) / 6, SeverityMin: 0.1, SeverityMax: 0.9, FromYear: 2026 + i%3, ToYear: 2030 + i%2})
	}
	events := 0
	for run := range 40 {
		for y := sc.StartYear; y <= sc.EndYear; y++ {
			var want []Event
			g := newStream(sc.Seed, run, uint32(y))
			for _, r := range sc.Risks {
				happens, severity := uniform(&g), uniform(&g)
				if y > sc.StartYear && r.activeIn(y) && happens < r.Probability {
					want = append(want, Event{Year: y, Kind: r.Kind, Severity: r.SeverityMin + severity*(r.SeverityMax-r.SeverityMin)})
				}
			}
			if got := sc.Shocks(nil, run, y); !slices.Equal(got, want) {
				t.Fatalf("run %d, %d: %v, want %v", run, y, got, want)
			}
			events += len(want)
		}
	}
	if events < 1000 {
		t.Errorf("only %d events: the test draws too few to say", events)
	}
}
