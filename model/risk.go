package model

import (
	"encoding/json"
	"math/rand/v2"
)

// Risk is an event that may happen in any year of a stochastic run: each
// simulated year from FromYear to ToYear it happens with probability
// Probability, independently of other years and other risks, with a
// severity drawn uniformly from SeverityMin..SeverityMax.
type Risk struct {
	Kind        EventKind
	Actor       Actor   // for political_crisis
	Probability float64 // per year, 0–1
	SeverityMin float64 // 0–1
	SeverityMax float64 // 0–1, at least SeverityMin
	FromYear    int     // first year it may happen; 0: the year after the start
	ToYear      int     // last year it may happen; 0: the end year
}

// Window returns the risk with its years spelled out for a run from start
// to end: a FromYear of 0 becomes start+1, a ToYear of 0 becomes end. The
// risk happens in the same years either way.
func (r Risk) Window(start, end int) Risk {
	if r.FromYear == 0 {
		r.FromYear = start + 1
	}
	if r.ToYear == 0 {
		r.ToYear = end
	}
	return r
}

// MarshalJSON writes the risk as a manifest records it: the kind and actor
// by name (the actor only for a kind that names one), the probability per
// year, the severity range and the years.
func (r Risk) MarshalJSON() ([]byte, error) {
	var actor string
	if r.Kind.NeedsActor() {
		actor = r.Actor.String()
	}
	return json.Marshal(struct {
		Kind              string  `json:"kind"`
		Actor             string  `json:"actor,omitempty"`
		AnnualProbability float64 `json:"annual_probability"`
		SeverityMin       float64 `json:"severity_min"`
		SeverityMax       float64 `json:"severity_max"`
		FromYear          int     `json:"from_year"`
		ToYear            int     `json:"to_year"`
	}{r.Kind.String(), actor, r.Probability, r.SeverityMin, r.SeverityMax, r.FromYear, r.ToYear})
}

// activeIn reports whether the risk may happen in year y.
func (r *Risk) activeIn(y int) bool {
	return (r.FromYear == 0 || y >= r.FromYear) && (r.ToYear == 0 || y <= r.ToYear)
}

// Replication streams. Every random number of a stochastic run comes from a
// PCG generator (math/rand/v2) seeded from the scenario's seed, the run's
// index and a stream: the year for the risks of that year, paramStream for
// the run's uncertain coefficients. A run's draws therefore depend on
// nothing but (seed, run, year), so the order in which runs are computed,
// and on how many cores, cannot change them.
const paramStream = 1<<32 - 1 // no year is this large

// newStream returns the generator of (seed, run, stream). Both PCG words
// are scrambled by SplitMix64's finalizer (Steele, Lea & Flood 2014), so
// that neighbouring seeds, runs and years give unrelated streams.
func newStream(seed uint64, run int, stream uint32) rand.PCG {
	var g rand.PCG
	g.Seed(streamSeed(seed, run, stream))
	return g
}

// streamSeed returns the two words newStream seeds its generator with.
func streamSeed(seed uint64, run int, stream uint32) (uint64, uint64) {
	return mix64(seed), mix64(uint64(run)<<32 | uint64(stream))
}

// mix64 is SplitMix64's output function: a bijection of uint64 that sends
// nearby inputs far apart.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// uniform returns a number in [0, 1) from g, with 53 random bits.
func uniform(g *rand.PCG) float64 { return float64(g.Uint64()>>11) * 0x1p-53 }

// StreamRule describes how the random numbers of run r are derived, for a
// run's manifest.
const StreamRule = "math/rand/v2 PCG seeded with (mix(seed), mix(run<<32 | stream)), mix = SplitMix64's finalizer; " +
	"stream = the year for that year's risks (two numbers per risk and year, drawn whether or not the risk is active), " +
	"stream = 4294967295 for the run's uncertain coefficients (one number per coefficient and actor, in registry order)"

// Shocks appends to dst the events the scenario's risks produce in year y of
// run run, and returns the extended slice. Risk i takes the numbers 2i and
// 2i+1 of the year's stream, whether or not it is active in y, so that one
// risk's window or probability never changes another's draws. Each risk
// goes straight to its numbers (riskJump): a risk not active in y draws
// none, a risk that does not happen only the first, and the risks' draws
// do not wait on one another.
func (sc *Scenario) Shocks(dst []Event, run, y int) []Event {
	if len(sc.Risks) == 0 || y <= sc.StartYear {
		return dst
	}
	hi, lo := streamSeed(sc.Seed, run, uint32(y))
	for i := range sc.Risks {
		r := &sc.Risks[i]
		if !r.activeIn(y) {
			continue
		}
		g := riskJump(i).from(hi, lo)
		if happens := uniform(&g); happens >= r.Probability {
			continue
		}
		severity := uniform(&g)
		dst = append(dst, Event{Year: y, Kind: r.Kind, Actor: r.Actor, Severity: r.SeverityMin + severity*(r.SeverityMax-r.SeverityMin)})
	}
	return dst
}

// riskJump returns the jump from a year's stream's seed to risk i's
// numbers: past the numbers of each risk before it.
func riskJump(i int) pcgJump {
	if i < len(riskJumps) {
		return riskJumps[i]
	}
	return newPCGJump(numbersPerRisk * i)
}

// numbersPerRisk is how many numbers of a year's stream each risk takes:
// whether it happens, and its severity.
const numbersPerRisk = 2

// riskJumps are the first risks' jumps, made once; a scenario with more
// risks makes the others' as it draws them.
var riskJumps = func() (j [cachedRiskJumps]pcgJump) {
	for i := range j {
		j[i] = newPCGJump(numbersPerRisk * i)
	}
	return j
}()

// cachedRiskJumps is how many risks' jumps are made once: more than a
// scenario usually has.
const cachedRiskJumps = 16
