package model

// computeIndicators sets every composite indicator of s, s.Ind, each field
// (in place: an Indicators returned would be zeroed and copied twice a
// step). growthUS and growthCN are the year's real growth of US and
// Chinese defense spending, in percent (they feed the arms-race part of
// regional tension).
func computeIndicators(s *State, p *Params, growthUS, growthCN float64) {
	ind := &s.Ind
	ind.SpendingGrowthUS, ind.SpendingGrowthCN = growthUS, growthCN
	var comps [5]PerActor
	for a := range NumActors {
		as := &s.Actors[a]
		comps[0][a], comps[1][a], comps[2][a] = as.Population, as.GDP, as.DefenseSpending
		comps[3][a], comps[4][a] = as.Personnel, as.MilitaryCapital
	}
	ind.PowerShare = PowerShare(comps[:])
	act := &s.Actors
	ind.NavalBalance = NavalBalance(act[US].NavalKt, act[ROK].NavalKt, act[JPN].NavalKt, act[CHN].NavalKt, p.USPacificShare)
	ind.BurdenShare = BurdenShare(act[ROK].DefenseSpending, act[US].DefenseSpending, s.ShipbuildingFlow, p.InvestmentBurdenWeight)
	ind.BurdenParity = BurdenParity(act[ROK].GDP, act[US].GDP)
	ind.investmentSaturation = stockSaturation(s.InvestmentStock, p)
	ind.Integration = industrialIntegration(ind.investmentSaturation, s.Tariff, p)
	ind.DPRKThreat = DPRKThreat(s.Warheads, act[DPRK].MilitaryCapital, act[ROK].MilitaryCapital, s.RussiaDPRK, s.Provocation, p)
	ind.RegionalTension = RegionalTension(ind.NavalBalance, s.Taiwan, ind.DPRKThreat, (growthUS+growthCN)/2, p)
	usForKorea := p.USKoreaShare * act[US].MilitaryCapital * s.USCommitment / 100
	d := DeterrenceCredibility(DeterrenceInputs{
		ROKCapital: act[ROK].MilitaryCapital, USCapitalForKorea: p.USKoreaShare * act[US].MilitaryCapital,
		DPRKCapital: act[DPRK].MilitaryCapital, Warheads: s.Warheads, RussiaDPRK: s.RussiaDPRK,
		Commitment: s.USCommitment, Integration: ind.Integration, Signal: s.Signal,
	}, p)
	ind.Deterrence, ind.DeterCapability, ind.DeterWill, ind.DeterSignal = d.Credibility, d.Capability, d.Will, d.Communication
	ind.Cohesion = AllianceCohesion(s.Trust, act[ROK].DefenseShare, s.USCommitment, s.Tariff, p)
	ind.Autonomy = ROKAutonomy(act[ROK].MilitaryCapital, usForKorea, s.ArmsExports, ind.Integration, p)
	ind.Trilateral = TrilateralCoordination(s.Trilateral, s.USCommitment, ind.DPRKThreat, ind.RegionalTension, p)
}

// weighted returns Σ wᵢxᵢ / Σ wᵢ, or 0 when the weights sum to zero.
func weighted(w, x []float64) float64 {
	var sw, sx float64
	for i := range w {
		sw += w[i]
		sx += w[i] * x[i]
	}
	return ratio(sx, sw)
}
