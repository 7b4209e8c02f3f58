package model

// BurdenShare returns the share of the alliance's defense effort borne by
// ROK, in percent: ROK defense spending plus the counted part of its
// shipbuilding investment in the US (burden-sharing as capability, not only
// payments), over that plus US defense spending.
//
//	burden = 100 · (M_ROK + w·I_ship) / (M_ROK + w·I_ship + M_US)
//
// Compared with BurdenParity it gives the burden-sharing ratio (share of
// spending over share of GDP): below parity an ally carries less than its
// economic weight, as Olson & Zeckhauser predict for the smaller ally.
//
// Extremes: 0 when ROK spends nothing, 100 when the US spends nothing.
//
// References: Olson & Zeckhauser (1966); Sandler & Hartley (2001).
func BurdenShare(rokSpending, usSpending, rokShipInvestment, investmentWeight float64) float64 {
	rok := rokSpending + investmentWeight*rokShipInvestment
	return clamp(100*ratio(rok, rok+usSpending), 0, 100)
}

// BurdenParity returns ROK's share of alliance GDP, in percent: the burden
// share at which ROK would carry exactly its economic weight.
func BurdenParity(rokGDP, usGDP float64) float64 {
	return clamp(100*ratio(rokGDP, rokGDP+usGDP), 0, 100)
}
