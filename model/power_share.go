package model

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
	// The five actors' sums are kept in scalars, not in an array, so that
	// they stay in registers and the components' divisions overlap; each
	// is added in the order of the components, as a loop over the actors
	// would add them.
	var s0, s1, s2, s3, s4 float64
	n := 0
	for i := range components {
		c := &components[i]
		total := componentTotal(c)
		if !(total > 0) {
			continue
		}
		n++
		s0 += c[0] / total
		s1 += c[1] / total
		s2 += c[2] / total
		s3 += c[3] / total
		s4 += c[4] / total
	}
	var share PerActor
	for a, v := range [...]float64{s0, s1, s2, s3, s4} {
		share[a] = clamp(100*ratio(v, float64(n)), 0, 100)
	}
	return share
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
