package model

// TrilateralCoordination returns US–ROK–JPN coordination, 0–100: a weighted
// mean of institutionalization (0–1; Camp David 2023, lowered by political
// crises in any of the three), US commitment, and the shared threat (the
// mean of the DPRK threat and regional tension).
//
// Extremes: 0 with no institutions, no US commitment and no shared threat;
// 100 with all three at their maximum.
//
// References: Camp David trilateral summit (18 Aug 2023); judgment.
func TrilateralCoordination(institution, commitment, dprkThreat, tension float64, p *Params) float64 {
	return clamp(100*weighted3(p.TrilateralWeightInstitution, p.TrilateralWeightCommitment, p.TrilateralWeightThreat,
		clamp(institution, 0, 1), clamp(commitment, 0, 100)/100, (dprkThreat+tension)/200), 0, 100)
}
