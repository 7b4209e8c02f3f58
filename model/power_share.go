package model

import "math"

// PowerShare returns each actor's composite capability share, in percent of
// the five: the mean over components of the actor's share of the component's
// total, the construction of the Correlates of War Composite Index of
// National Capability (CINC). The model's components are population, GDP,
// defense spending, active personnel and military capital (CINC uses
// population, urban population, iron and steel, energy, personnel and
// expenditure; GDP and capital stand in for the industrial ones).
//
// Extremes: 100 for an actor that holds every component alone, 0 for one
// that holds none. A component whose total is zero is skipped.
//
// References: Singer, Bremer & Stuckey (1972); Correlates of War National
// Material Capabilities v6.
func PowerShare(components []PerActor) PerActor {
	return powerShare(components, nil)
}

// powerShare is PowerShare, with the shares of a component that known
// holds taken from it when the component is known's bit for bit.
func powerShare(components []PerActor, known *knownShares) PerActor {
	// The five actors' sums are kept in scalars, not in an array, so that
	// they stay in registers and the components' divisions overlap; each
	// is added in the order of the components, as a loop over the actors
	// would add them.
	var s0, s1, s2, s3, s4 float64
	n := 0
	for i := range components {
		c := &components[i]
		var q PerActor
		if j := known.slot(i); j >= 0 && sameBits(c, &known.comps[j]) {
			if !known.counted[j] {
				continue
			}
			q = known.share[j]
		} else {
			var counted bool
			if q, counted = componentShares(c); !counted {
				continue
			}
		}
		n++
		s0 += q[0]
		s1 += q[1]
		s2 += q[2]
		s3 += q[3]
		s4 += q[4]
	}
	var share PerActor
	for a, v := range [...]float64{s0, s1, s2, s3, s4} {
		share[a] = clamp(100*ratio(v, float64(n)), 0, 100)
	}
	return share
}

// componentShares returns each actor's share of component c's total,
// c[a]/total, and whether the component counts (its total is positive).
func componentShares(c *PerActor) (q PerActor, counted bool) {
	total := componentTotal(c)
	if !(total > 0) {
		return q, false
	}
	return PerActor{c[0] / total, c[1] / total, c[2] / total, c[3] / total, c[4] / total}, true
}

// knownShares are the components of the power share that follow the
// scenario's inputs alone, as its own run has them in one year, with their
// shares: population, GDP and active personnel, which no parameter or
// event moves, so that a step divides only the components that do
// (defense spending and capital).
type knownShares struct {
	set     bool               // false: none known (a year past the horizon)
	comps   [numKnown]PerActor // population, GDP, personnel
	share   [numKnown]PerActor // componentShares of each
	counted [numKnown]bool
}

const numKnown = 3 // the components knownShares holds

// slot returns the slot of knownShares that holds component i, or −1 when
// none does.
func (k *knownShares) slot(i int) int {
	if k == nil || !k.set {
		return -1
	}
	switch i {
	case powerPopulation:
		return 0
	case powerGDP:
		return 1
	case powerPersonnel:
		return 2
	}
	return -1
}

// The power share's components, in the order PowerShare adds them.
const (
	powerPopulation = iota
	powerGDP
	powerSpending
	powerPersonnel
	powerCapital
	numPowerComponents
)

// powerComponents are the power share's components of a state's actors.
func powerComponents(act *[NumActors]ActorState) [numPowerComponents]PerActor {
	var comps [numPowerComponents]PerActor
	for a := range NumActors {
		as := &act[a]
		comps[powerPopulation][a], comps[powerGDP][a], comps[powerSpending][a] = as.Population, as.GDP, as.DefenseSpending
		comps[powerPersonnel][a], comps[powerCapital][a] = as.Personnel, as.MilitaryCapital
	}
	return comps
}

// newKnownShares holds the input-driven components of actors act.
func newKnownShares(act *[NumActors]ActorState) knownShares {
	k := knownShares{set: true}
	comps := powerComponents(act)
	for i := range comps {
		if j := k.slot(i); j >= 0 {
			k.comps[j] = comps[i]
			k.share[j], k.counted[j] = componentShares(&comps[i])
		}
	}
	return k
}

// sameBits reports whether x and y hold the same values bit for bit.
func sameBits(x, y *PerActor) bool {
	for a := range x {
		if math.Float64bits(x[a]) != math.Float64bits(y[a]) {
			return false
		}
	}
	return true
}

// componentTotal is the five actors' sum of a component, in actor order.
func componentTotal(c *PerActor) float64 {
	var total float64
	for _, v := range c {
		total += v
	}
	return total
}

// PowerShare's five sums are the five actors.
var _ [NumActors - 5]struct{}
var _ [5 - NumActors]struct{}
