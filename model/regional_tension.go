package model

// RegionalTension returns regional tension, 0–100: a weighted mean of
// China's share of the naval balance (coercion at sea), Taiwan Strait
// tension (0–1), the DPRK threat, and the arms race (mean yearly growth of US
// and Chinese defense spending over a reference growth, capped at 1).
//
// Extremes: 0 with no Chinese navy, a calm strait, no DPRK threat and no
// spending growth; 100 with all four at their maximum.
//
// References: judgment; the components follow Yu (2025) on Chinese coercion
// and the Taiwan Strait.
func RegionalTension(navalBalance, taiwan, dprkThreat, meanSpendingGrowth float64, p *Params) float64 {
	naval := clamp(1-navalBalance/100, 0, 1)
	race := clamp(ratio(meanSpendingGrowth, p.ArmsRaceRefGrowthPct), 0, 1)
	return clamp(100*weighted4(p.TensionWeightNaval, p.TensionWeightTaiwan, p.TensionWeightDPRK, p.TensionWeightArmsRace,
		naval, clamp(taiwan, 0, 1), dprkThreat/100, race), 0, 100)
}
