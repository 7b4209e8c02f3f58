package model

import "math"

// Deterrence holds the three components of US–ROK extended deterrence and
// their combination, each 0–100.
type Deterrence struct {
	Capability    float64
	Will          float64
	Communication float64
	Credibility   float64
}

// DeterrenceInputs are the covariates of US–ROK deterrence that Huth &
// Russett (1984) and their successors measure: the local balance, the
// defender's commitment and stakes, and signalling.
type DeterrenceInputs struct {
	ROKCapital        float64 // ROK military capital, USD bn (start-year prices)
	USCapitalForKorea float64 // US capital available for Korea at full commitment, USD bn
	DPRKCapital       float64 // DPRK military capital, USD bn
	Warheads          float64 // DPRK nuclear warheads
	RussiaDPRK        float64 // Russia–DPRK cooperation, 0–1
	Commitment        float64 // US commitment, 0–100
	Integration       float64 // industrial integration (defender–protégé ties), 0–100
	Signal            float64 // signalling state (NCG, exercises, asset visits), 0–100
}

// DeterrenceCredibility returns the credibility of US–ROK deterrence and its
// components. Credibility is the geometric mean of capability, will and
// communication, so that any component at zero collapses it:
//
//	D = mass · K_DPRK · (1 + ρ·russia)     DPRK forces with Russian transfers
//	capability    = 100 · A / (A + D),  A = K_ROK + US capital for Korea at commitment C
//	will          = 100 · (1 − (1 − p_US)(1 − p_ROK))
//	  p_US  = 1 − (1 − C/100 · (1 − d_max · W/(W + W½))) · (1 − τ · integration/100)
//	  p_ROK = r · K_ROK / (K_ROK + D)      ROK resolve, credible as far as ROK can fight alone
//	communication = the signalling state (NCG, combined exercises, strategic-asset visits)
//
// Will is the chance that at least one ally answers aggression resolutely.
// The US answers out of its commitment, discounted by decoupling fears as
// the DPRK arsenal grows, or out of its economic stake in ROK (Huth &
// Russett's defender–protégé ties). Every p rises with its inputs, so
// deterrence never falls when ROK capital, US capital, commitment,
// integration or signalling rises, and falls when DPRK forces, Russian
// transfers or the arsenal grow.
//
// Extremes: 0 if the allies have no capability, neither ally any resolve or
// the alliance sends no signals; 100 only in the limit of no DPRK forces,
// full commitment and full signalling.
//
// References: Huth & Russett (1984), local military balance and ties;
// Kaufmann (1956) and Schelling (1966), capability × will × communication;
// judgment for the ROK-resolve and Russian-transfer terms.
func DeterrenceCredibility(in DeterrenceInputs, p *Params) Deterrence {
	c := clamp(in.Commitment, 0, 100) / 100
	dprk := p.DPRKMassMultiplier * max(in.DPRKCapital, 0) * (1 + p.RussiaTransferEffect*clamp(in.RussiaDPRK, 0, 1))
	allied := in.ROKCapital + in.USCapitalForKorea*c
	var d Deterrence
	d.Capability = 100 * ratio(allied, allied+dprk)
	pCommit := c * (1 - p.DecouplingMax*ratio(in.Warheads, in.Warheads+p.WarheadsHalf))
	pUS := 1 - (1-pCommit)*(1-p.IntegrationTiesEffect*clamp(in.Integration, 0, 100)/100)
	pROK := p.ROKResolve * ratio(in.ROKCapital, in.ROKCapital+dprk)
	d.Will = 100 * (1 - (1-pUS)*(1-pROK))
	d.Communication = clamp(in.Signal, 0, 100)
	d.Credibility = clamp(math.Cbrt(d.Capability*d.Will*d.Communication), 0, 100)
	return d
}
