package model

import "math"

// DeterrenceCredibility returns the credibility of US–ROK deterrence,
// 0–100, as the geometric mean of capability, will and communication, so
// that any component at zero collapses it:
//
//	capability    = 100 · A / (A + D), A = K_ROK + US capital for Korea at commitment C, D = mass · K_DPRK
//	will          = 100 · (1 − (1 − p_US)(1 − p_ROK))
//	  p_US  = C/100 · (1 − d_max · W/(W + W½))   US resolve, discounted by decoupling fears
//	  p_ROK = r · K_ROK / (K_ROK + US capital for Korea at full commitment)   ROK resolve, credible as far as ROK can fight alone
//	communication = alliance trust
//
// Will is the chance that at least one ally answers aggression resolutely:
// as ROK takes the lead, its own resolve carries part of the will the US
// commitment carried. Both p's rise with their inputs, so deterrence never
// falls when ROK capital or US commitment rises.
//
// Extremes: 0 if the allies have no capability, neither ally any resolve or
// the alliance no trust; 100 only with full commitment, full trust, no DPRK
// arsenal and no DPRK forces.
//
// References: Huth & Russett (1984), local military balance and ties;
// Kaufmann (1956) and Schelling (1966), capability × will × communication;
// judgment for the ROK-resolve term.
func DeterrenceCredibility(rokCapital, usCapitalForKorea, dprkCapital, warheads, commitment, trust float64, p *Params) float64 {
	c := clamp(commitment, 0, 100) / 100
	usNow := usCapitalForKorea * c
	allied := rokCapital + usNow
	capability := 100 * ratio(allied, allied+p.DPRKMassMultiplier*dprkCapital)
	pUS := c * (1 - p.DecouplingMax*ratio(warheads, warheads+p.WarheadsHalf))
	pROK := p.ROKResolve * ratio(rokCapital, rokCapital+usCapitalForKorea)
	will := 100 * (1 - (1-pUS)*(1-pROK))
	communication := clamp(trust, 0, 100)
	return clamp(math.Cbrt(capability*will*communication), 0, 100)
}
