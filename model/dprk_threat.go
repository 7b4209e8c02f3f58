package model

// DPRKThreat returns the DPRK threat index, 0–100: a weighted mean of the
// arsenal (warheads W, saturating as W/(W + W½)), the conventional balance
// (DPRK capital times a mass multiplier, against ROK capital), Russia–DPRK
// cooperation and the provocation level (both 0–1).
//
// Extremes: 0 with no arsenal, no conventional force, no Russian help and
// no provocations; 100 only in the limit of all four at their maximum.
//
// References: SIPRI Yearbook 2025 (≈50 warheads); ISIS (2023, 4–12 a year);
// judgment for the weights.
func DPRKThreat(warheads, dprkCapital, rokCapital, russia, provocation float64, p *Params) float64 {
	nuclear := ratio(warheads, warheads+p.WarheadsHalf)
	dprk := p.DPRKMassMultiplier * dprkCapital
	conventional := ratio(dprk, dprk+rokCapital)
	return clamp(100*weighted4(p.DPRKThreatWeightNuclear, p.DPRKThreatWeightConventional, p.DPRKThreatWeightRussia, p.DPRKThreatWeightProvocation,
		nuclear, conventional, clamp(russia, 0, 1), clamp(provocation, 0, 1)), 0, 100)
}
