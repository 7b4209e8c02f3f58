package model

// computeIndicators sets every composite indicator of s, s.Ind, each field
// (in place: an Indicators returned would be zeroed and copied twice a
// step). growthUS and growthCN are the year's real growth of US and
// Chinese defense spending, in percent (they feed the arms-race part of
// regional tension). known are the power share's components that the
// year's inputs give, where s's are those (nil: none known).
func computeIndicators(s *State, p *Params, growthUS, growthCN float64, known *knownShares) {
	ind := &s.Ind
	ind.SpendingGrowthUS, ind.SpendingGrowthCN = growthUS, growthCN
	comps := powerComponents(&s.Actors)
	ind.PowerShare = powerShare(comps[:], known)
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

// weighted2, weighted3 and weighted4 return Σ wᵢxᵢ / Σ wᵢ over two,
// three and four terms, or 0 when the weights sum to zero. The terms are
// arguments, not slices, so that they stay in registers.
func weighted2(w0, w1, x0, x1 float64) float64 {
	return weightedSum{}.plus(w0, x0).plus(w1, x1).mean()
}

func weighted3(w0, w1, w2, x0, x1, x2 float64) float64 {
	return weightedSum{}.plus(w0, x0).plus(w1, x1).plus(w2, x2).mean()
}

// weighted4 is written out: as a chain of plus it would cost Go's inliner
// one more than its budget, and its callers would call it.
func weighted4(w0, w1, w2, w3, x0, x1, x2, x3 float64) float64 {
	var sw, sx float64
	sw += w0
	sx += w0 * x0
	sw += w1
	sx += w1 * x1
	sw += w2
	sx += w2 * x2
	sw += w3
	sx += w3 * x3
	return ratio(sx, sw)
}

// weightedSum is a weighted mean's two sums, each started at zero and
// added to in the terms' order, as a loop over the terms adds them (so
// that a sum of negative zeros is +0, as the loop's is).
type weightedSum struct{ w, wx float64 }

func (s weightedSum) plus(w, x float64) weightedSum {
	s.w += w
	s.wx += w * x
	return s
}

func (s weightedSum) mean() float64 { return ratio(s.wx, s.w) }
