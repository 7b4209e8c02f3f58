package model

// ROKAutonomy returns ROK's room for manoeuvre, 0–100. No published formula
// exists; this is a transparent composite whose weights are parameters:
//
//	self-reliance:  K_ROK / (K_ROK + US capital for Korea)
//	exports:        E / (E + E_ref)          (a security exporter)
//	embeddedness:   integration / 100        ("sovereignty through trade")
//
// Extremes: 0 with no ROK capital, no exports and no integration; 100 only
// in the limit of all three at their maximum.
//
// References: Jurászik (2026) for the components; judgment for the weights.
func ROKAutonomy(rokCapital, usForKorea, armsExports, integration float64, p *Params) float64 {
	self := ratio(rokCapital, rokCapital+usForKorea)
	exports := ratio(armsExports, armsExports+p.ArmsExportsRef)
	return clamp(100*weighted3(p.AutonomyWeightSelf, p.AutonomyWeightExports, p.AutonomyWeightIntegration, self, exports, integration/100), 0, 100)
}
