package model

// yearInputs are what the step reads from the scenario's paths and
// investment packages for one year: no parameter moves them, so they are
// evaluated once per model (and shared by every run of an ensemble, see
// ForParams) instead of searched for in every step. Each value is computed
// by the expression the step used to evaluate, so the step's results are
// unchanged to the bit.
type yearInputs struct {
	realGrowth [NumActors]float64 // real GDP growth factor, 1 + g/100
	inflation  [NumActors]float64 // dollar inflation factor, 1 + π/100
	popGrowth  [NumActors]float64 // population growth factor
	personnel  [NumActors]float64 // active personnel, thousands
	defensePct [NumActors]float64 // the defense-share policy path (0 where unset)
	// realShipInto is the shipbuilding investment disbursed to the actor
	// (shipbuildingInto) at start-year prices, USD bn: set by NewModel,
	// which has the deflator, and only within the scenario's years.
	realShipInto [NumActors]float64

	investFlow, shipFlow float64    // ROK → US disbursements: all sectors, shipbuilding; USD bn
	rivalAllyFlow        float64    // other allies' disbursements into the US, USD bn
	hnsKRW               float64    // the host-nation support path, tn KRW (0 where unset)
	rokCPILag2           float64    // ROK CPI inflation two years before, % (the SMA rule's)
	krwPerUSD            float64    // exchange rate
	commitment           float64    // the US commitment path (0 where unset)
	tariff               float64    // the tariff path (0 where unset)
	levers               [3]float64 // NCG, exercises, asset visits, 0–100 (defaults where unset)
	// known are the power share's input-driven components in the
	// scenario's own run (set by NewModel, which has the start state).
	known knownShares
}

// newYearInputs evaluates the year-y inputs of sc.
func newYearInputs(sc *Scenario, y int) yearInputs {
	var in yearInputs
	for a := range NumActors {
		ai := &sc.Actors[a]
		in.realGrowth[a] = 1 + ai.GrowthPct.At(y)/100
		in.inflation[a] = 1 + ai.InflationPct.At(y)/100
		in.popGrowth[a] = 1 + ai.PopulationGrowthPct.At(y)/100
		in.personnel[a] = ai.PersonnelK.At(y)
		in.defensePct[a] = ai.DefensePct.At(y)
	}
	al := &sc.Alliance
	for _, inv := range sc.Investments {
		d := inv.Disbursement(y)
		switch {
		case inv.fromROK() && inv.To == US:
			in.investFlow += d
			if inv.Sector == Shipbuilding {
				in.shipFlow += d
			}
		case inv.To == US:
			in.rivalAllyFlow += d
		}
	}
	in.hnsKRW = al.HNSKRWtn.At(y)
	in.rokCPILag2 = al.ROKCPIPct.At(y - 2)
	if !al.ROKCPIPct.IsSet() {
		in.rokCPILag2 = sc.Actors[ROK].InflationPct.At(y - 2)
	}
	in.krwPerUSD = al.KRWPerUSD.At(y)
	in.commitment = al.USCommitmentPct.At(y)
	in.tariff = al.TariffPct.At(y)
	lever := func(path Path, def float64) float64 {
		if !path.IsSet() {
			return def
		}
		return clamp(path.At(y), 0, 100)
	}
	in.levers = [3]float64{lever(al.NCGPct, DefaultNCGPct), lever(al.ExercisesPct, DefaultExercisesPct), lever(al.AssetVisitsPct, DefaultAssetVisitsPct)}
	return in
}

// inputsAt returns year y's inputs: the prepared ones within the
// scenario's years, otherwise (a step past the horizon) evaluated anew.
func (m *Model) inputsAt(y int) *yearInputs {
	if t := y - m.Sc.StartYear; t >= 0 && t < len(m.inputs) {
		return &m.inputs[t]
	}
	in := newYearInputs(m.Sc, y)
	return &in
}

// shipbuildingInto is the shipbuilding investment disbursed to actor a in
// year y, from any actor or third party.
func shipbuildingInto(sc *Scenario, a Actor, y int) float64 {
	var sum float64
	for _, inv := range sc.Investments {
		if inv.To == a && inv.Sector == Shipbuilding {
			sum += inv.Disbursement(y)
		}
	}
	return sum
}
