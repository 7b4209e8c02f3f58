package model

import "math"

// BudgetInputs are what one actor's budget decision reads from last year's
// state. Estimation and forecast evaluation build them from the historical
// record; the yearly step builds them from the model's own state.
type BudgetInputs struct {
	SharePct      float64 // last year's defense share, % of GDP
	RivalPressure float64 // rivals' defense burden: weighted spending over weighted GDP (RivalPressure), 1
	Threat        float64 // perceived threat, 0–100
	SpillIn       float64 // US defense spending devoted to the actor, % of the actor's GDP (SpillIn)
}

// BudgetShare returns the defense share (% of GDP) that actor a's decision
// rule chooses this year when it reads in from last year's state, with ref
// the reference values the rule measures change against (the start year's,
// when the model runs). It is the rule of the yearly budget phase
// (Model.budgets) for an actor without a policy path:
//
//	s* = s₀ · (R/R₀)^k · (1 + θ·τ·(T − T₀)/100) − φ·(S − S₀)
//	s  = ρ·s(t−1) + (1−ρ)·s*, limited to max_change_pp and [min_share_pct, max_share_pct]
//
// s* is the desired share, with R rival pressure (action–reaction,
// Richardson 1960), T perceived threat and θ·τ the spending response per
// index point (Nordhaus, Oneal & Russett 2012), S the US spill-in (US
// spending devoted to the actor, % of the actor's GDP) and φ the
// free-riding slope: a dollar more of US effort for the actor lowers its
// desired spending by φ dollars, a reaction slope of −φ in (−1, 0)
// (Murdoch & Sandler 1984; Sandler & Hartley 2001). Index 0 marks the
// reference values.
func BudgetShare(p *Params, a Actor, ref, in BudgetInputs) float64 {
	return budgetShare(p, a, ref, in, threatSlope(p), newPower(p.ReactionElasticity[a]))
}

// threatSlope is θ·τ, the desired share's relative response per point of
// perceived threat, as BudgetShare multiplies it: (θ/100)·τ.
func threatSlope(p *Params) float64 { return p.ThreatResponsePct / 100 * p.ThreatToDisputePP }

// budgetShare is BudgetShare with its threat slope and the power of the
// reaction elasticity given (the step's are prepared once per run).
func budgetShare(p *Params, a Actor, ref, in BudgetInputs, threatSlope float64, reaction power) float64 {
	s := ref.SharePct
	if ref.RivalPressure > 0 {
		s *= reaction.of(max(in.RivalPressure/ref.RivalPressure, minRivalRatio))
	}
	threat := 1 + threatSlope*(in.Threat-ref.Threat)
	s *= max(threat, minThreatFactor)
	s -= p.FreeRideSlope[a] * (in.SpillIn - ref.SpillIn)
	s = p.Inertia[a]*in.SharePct + (1-p.Inertia[a])*s
	s = clamp(s, in.SharePct-p.MaxChangePP[a], in.SharePct+p.MaxChangePP[a])
	return clamp(s, p.MinSharePct[a], p.MaxSharePct[a])
}

// Observed is what a year's record says about the inputs of the budget
// decisions: each actor's GDP (USD bn, current), defense spending (USD bn,
// the same prices) and defense share (% of GDP), the US commitment (0–100)
// and each actor's perceived threat (0–100). Where the record has no
// series, the caller gives the start values in every year (Commitment
// FullCommitment, Threat 0), so that the rule sees no change in them; an
// actor without a series has zero spending and GDP and drops out of the
// others' rival pressure.
type Observed struct {
	GDP, Spending, SharePct PerActor
	Commitment              float64
	Threat                  PerActor
}

// BudgetInputsOf returns what actor a's budget decision reads from the year
// o describes. With BudgetShare it is the whole of the rule as estimation
// and forecasting see it: a change of the rule's inputs changes these two
// functions, not their callers.
func BudgetInputsOf(p *Params, a Actor, o *Observed) BudgetInputs {
	return BudgetInputs{
		SharePct:      o.SharePct[a],
		RivalPressure: RivalPressure(p, a, o.Spending, o.GDP),
		Threat:        o.Threat[a],
		SpillIn:       SpillIn(p, a, o.Spending[US], o.GDP[a], o.Commitment),
	}
}

// BudgetCoefficients are the registry keys of the coefficients of
// BudgetShare that estimation on a record may fit: inertia, the reaction
// elasticity, the free-riding slope and the threat response. The threat
// response enters the rule as the product of threat_response_pct (the
// published 3% per point of dispute probability) and threat_to_dispute_pp
// (judgment); a record can inform only the product, so the published factor
// is kept and the judgment is listed. The bounds (min_share_pct,
// max_share_pct, max_change_pp) and the weights that build the inputs
// (rival_*, threat_weight_*, us_korea_share, us_japan_share) are not: they
// say what the rule reads, not how strongly it responds.
func BudgetCoefficients() []string {
	return []string{"inertia", "reaction_elasticity", "free_ride_slope", "threat_to_dispute_pp"}
}

// RivalPressure is actor a's rival pressure: its rivals' spending over
// their GDP (USD bn, the same prices), each weighted by rival_<ACTOR>: the
// rivals' defense burden, which neither inflation nor their growth relative
// to a moves.
func RivalPressure(p *Params, a Actor, spending, gdp PerActor) float64 {
	var spend, output float64
	for j := range NumActors {
		w := p.RivalOf[j][a]
		spend += w * spending[j]
		output += w * gdp[j]
	}
	return ratio(spend, output)
}

// SpillIn is the US defense spending devoted to actor a, in percent of a's
// GDP (usSpending and gdp in the same prices): for ROK us_korea_share ×
// commitment/100, for Japan us_japan_share; 0 for the others.
func SpillIn(p *Params, a Actor, usSpending, gdp, commitment float64) float64 {
	var share float64
	switch a {
	case ROK:
		share = p.USKoreaShare * clamp(commitment, 0, 100) / 100
	case JPN:
		share = p.USJapanShare
	default:
		return 0
	}
	return 100 * ratio(share*usSpending, gdp)
}

// power is x ↦ x^y for one exponent y, math.Pow(x, y) bit for bit. For
// 0 < y < 0.5 (a reaction elasticity of 0.25, say) and a positive finite
// x other than 1, math.Pow passes its special cases, splits y into an
// integer part 0 and a fraction y, and returns Ldexp(Exp(y·Log(x)), 0)
// with no squaring: the exponential is between e^(−373) and e^373 for
// every such x, a normal number that Ldexp by 0 leaves as it is. power
// computes that exponential directly, without the special cases, the
// split and the Frexp and Ldexp (a fifth of the call); every other x and
// y go to math.Pow (TestPowerIsPow).
type power struct {
	y    float64
	frac bool // 0 < y < 0.5: x^y is Exp(y·Log(x)) for x > 0 finite, x ≠ 1
}

func newPower(y float64) power { return power{y: y, frac: y > 0 && y < 0.5} }

func (pw power) of(x float64) float64 {
	if pw.frac && x > 0 && x != 1 && x <= math.MaxFloat64 {
		return math.Exp(pw.y * math.Log(x))
	}
	return math.Pow(x, pw.y)
}
