package model

import "math"

// BudgetInputs are what one actor's budget decision reads from last year's
// state. Estimation and forecast evaluation build them from the historical
// record; the yearly step builds them from the model's own state.
type BudgetInputs struct {
	SharePct      float64 // last year's defense share, % of GDP
	RivalPressure float64 // rivals' weighted spending over own GDP (RivalPressure), 1
	Threat        float64 // perceived threat, 0–100
	Commitment    float64 // US commitment, 0–100
}

// BudgetShare returns the defense share (% of GDP) that actor a's decision
// rule chooses this year when it reads in from last year's state, with ref
// the reference values the rule measures change against (the start year's,
// when the model runs). It is the rule of the yearly budget phase for an
// actor without a policy path:
//
//	s* = s₀ · (R/R₀)^k · (1 + θ·τ·(T − T₀)/100) · (C/C₀)^(−f)
//	s  = ρ·s(t−1) + (1−ρ)·s*, limited to max_change_pp and [min_share_pct, max_share_pct]
//
// (see Model.desiredShare and Model.budgets; a test keeps the two equal).
func BudgetShare(p *Params, a Actor, ref, in BudgetInputs) float64 {
	s := ref.SharePct
	if ref.RivalPressure > 0 {
		s *= math.Pow(math.Max(in.RivalPressure/ref.RivalPressure, minRivalRatio), p.ReactionElasticity[a])
	}
	threat := 1 + p.ThreatResponsePct/100*p.ThreatToDisputePP*(in.Threat-ref.Threat)
	s *= math.Max(threat, minThreatFactor)
	if f := p.FreeRideElasticity[a]; f != 0 && ref.Commitment > 0 {
		s *= math.Pow(math.Max(in.Commitment, minCommitment)/ref.Commitment, -f)
	}
	s = p.Inertia[a]*in.SharePct + (1-p.Inertia[a])*s
	s = clamp(s, in.SharePct-p.MaxChangePP[a], in.SharePct+p.MaxChangePP[a])
	return clamp(s, p.MinSharePct[a], p.MaxSharePct[a])
}

// RivalPressure is actor a's rival pressure: the spending of its rivals
// (spending, USD bn, by actor), weighted by rival_<ACTOR>, over a's own GDP
// (gdp, USD bn, the same prices). Richardson's stimulus, made scale-free.
func RivalPressure(p *Params, a Actor, spending PerActor, gdp float64) float64 {
	var sum float64
	for j := range NumActors {
		sum += p.RivalOf[j][a] * spending[j]
	}
	return ratio(sum, gdp)
}
