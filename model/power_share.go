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
	var share PerActor
	n := 0
	for _, c := range components {
		var total float64
		for _, v := range c {
			total += v
		}
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
