package forecast

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"simulate/internal/scenario"
	"simulate/model"
)

// The patterns the baseline's estimated rule must show, whatever its
// estimates: free riding as a dollar reaction with slope in (−1, 0), the
// published threat response, and stable action–reaction.

// loadBaseline returns the bundled baseline, which holds the estimates.
func loadBaseline(t *testing.T) *model.Scenario {
	t.Helper()
	l, err := scenario.Load("../../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	return l.Scenario
}

// ruleBaseline returns the estimated baseline with every policy path
// replaced by its start-year value, so that every actor decides by its
// rule, and the model built from it.
func ruleBaseline(t *testing.T) (*model.Model, model.State) {
	t.Helper()
	sc := *loadBaseline(t)
	for a := range model.NumActors {
		in := &sc.Actors[a]
		if in.DefensePct.IsSet() {
			in.InitialDefensePct = in.DefensePct.At(sc.StartYear)
			in.DefensePct = model.Path{}
		}
	}
	m, err := model.NewModel(&sc)
	if err != nil {
		t.Fatal(err)
	}
	return m, m.Initial()
}

// stepShare returns actor a's share in the year after s.
func stepShare(m *model.Model, s model.State, a model.Actor) float64 {
	next := m.Step(&s, nil)
	return next.Actors[a].DefenseShare
}

// Free riding (Olson & Zeckhauser 1966; Murdoch & Sandler 1984): an ally
// spends less when the US devotes more to its defense, replacing less than
// each dollar, a reaction slope between −1 and 0. From the start state US
// spending falls by 10%, and with it the US spill-in S (US spending devoted
// to the ally, % of its GDP: us_korea_share × commitment for ROK,
// us_japan_share for Japan); the share moves by (1 − ρ)·φ·ΔS, which gives
// back φ, and the desired dollar slope is −φ. An ally whose fitted φ is 0
// (the fit's corner: no free riding) is checked for no response instead.
func TestPatternFreeRidingSlopeNegative(t *testing.T) {
	m, s0 := ruleBaseline(t)
	low := s0
	low.Actors[model.US].DefenseSpending *= 0.9
	dM := s0.Actors[model.US].DefenseSpending - low.Actors[model.US].DefenseSpending
	for _, a := range []model.Actor{model.ROK, model.JPN} {
		if m.P.FreeRideSlope[a] == 0 {
			if full, less := stepShare(m, s0, a), stepShare(m, low, a); full != less {
				t.Errorf("%s: free_ride_slope 0, yet the share moves %.6f → %.6f with US spending", a, full, less)
			}
			continue
		}
		share := m.P.USJapanShare
		if a == model.ROK {
			share = m.P.USKoreaShare * s0.USCommitment / 100
		}
		dS := 100 * share * dM / s0.Actors[a].GDP // pp of the ally's GDP
		full, less := stepShare(m, s0, a), stepShare(m, low, a)
		if !(less > full) {
			t.Errorf("%s: share %.4f with the US spending more, %.4f with less: want more when the US spends less", a, full, less)
		}
		slope := -(less - full) / ((1 - m.P.Inertia[a]) * dS) // desired dollars per dollar of spill-in
		if !(slope > -1 && slope < 0) {
			t.Errorf("%s: desired dollar reaction slope %.3f, want between −1 and 0", a, slope)
		}
		if math.Abs(slope+m.P.FreeRideSlope[a]) > 1e-9 {
			t.Errorf("%s: measured slope %.6f, free_ride_slope says −%v", a, slope, m.P.FreeRideSlope[a])
		}
	}
}

// Threat response (Nordhaus, Oneal & Russett 2012): one percentage point
// more probability of a fatal dispute raises desired spending about 3%.
// In the model's units a point of perceived threat is threat_to_dispute_pp
// points of dispute probability, so 1 pp is 1/τ index points. Raising
// ROK's perceived threat by that much (the DPRK threat rises by 1/(τ·w),
// w its weight on the DPRK threat normalized by the sum of its two threat
// weights) moves next year's share by (1 − ρ)·s₀·θ/100: θ must come back as the
// published 3%, with GDP, and so spending, unchanged by the threat.
func TestPatternThreatResponse(t *testing.T) {
	m, s0 := ruleBaseline(t)
	const published = 3.0 // % of spending per pp of dispute probability
	a := model.ROK
	w := m.P.ThreatWeightDPRK[a] / (m.P.ThreatWeightDPRK[a] + m.P.ThreatWeightTension[a])
	if w <= 0 {
		t.Fatalf("ROK's weight on the DPRK threat is %v", w)
	}
	threatened := s0
	threatened.Ind.DPRKThreat += 1 / m.P.ThreatToDisputePP / w
	calm, tense := m.Step(&s0, nil), m.Step(&threatened, nil)
	rho, share := m.P.Inertia[a], s0.Actors[a].DefenseShare
	response := 100 * (tense.Actors[a].DefenseShare - calm.Actors[a].DefenseShare) / ((1 - rho) * share)
	if math.Abs(response-published) > 0.01 {
		t.Errorf("desired defense share rises %.3f%% per pp of dispute probability, want the published %v%%", response, published)
	}
	if tense.Actors[a].GDP != calm.Actors[a].GDP {
		t.Error("the threat changed GDP")
	}
	if sp := 100 * (tense.Actors[a].DefenseSpending/calm.Actors[a].DefenseSpending - 1); !(sp > 0) {
		t.Errorf("spending change %.3f%%, want a rise", sp)
	}
}

// Action–reaction stability. With s_i(t+1) = ρ_i·s_i + (1 − ρ_i)·s*_i and
// s*_i ∝ R_i^k_i, the log-linear map of the shares near the start is
// J = diag(ρ) + diag((1 − ρ)·k)·A, where A[i][j] is j's part in i's rival
// pressure. In Richardson's discrete form the fatigue of i is 1 − ρ_i and
// its reaction to j is (1 − ρ_i)·k_i·A[i][j]; a pair is stable when the
// fatigue product exceeds the reaction product:
//
//	(1−ρ_i)(1−ρ_j) > (1−ρ_i)k_i·A_ij·(1−ρ_j)k_j·A_ji  ⇔  k_i·k_j·A_ij·A_ji < 1,
//
// implied by k_i·k_j < 1 (each A ≤ 1), the condition in elasticity form.
// The test checks it for every pair that weighs the other's spending, and
// checks the whole system: J measured from the model's own step has every
// eigenvalue inside the unit circle.
func TestPatternActionReactionStable(t *testing.T) {
	m, s0 := ruleBaseline(t)
	p := m.P
	pairs := 0
	for i := range model.NumActors {
		for j := i + 1; j < model.NumActors; j++ {
			if !(p.RivalOf[j][i] > 0 && p.RivalOf[i][j] > 0) {
				continue
			}
			pairs++
			ki, kj := p.ReactionElasticity[i], p.ReactionElasticity[j]
			if !(ki*kj < 1) {
				t.Errorf("%s–%s: k_i·k_j = %.3f, want < 1", i, j, ki*kj)
			}
			fatigue := (1 - p.Inertia[i]) * (1 - p.Inertia[j])
			reaction := (1 - p.Inertia[i]) * ki * (1 - p.Inertia[j]) * kj
			if !(fatigue > reaction) {
				t.Errorf("%s–%s: fatigue product %.4f ≤ reaction product %.4f", i, j, fatigue, reaction)
			}
		}
	}
	if pairs == 0 {
		t.Fatal("no rival pair has both weights above zero")
	}

	// J by finite differences: raise actor j's share (and spending) by a
	// small fraction in the start state, step, and read every share's
	// response. Indicators stay those of the start state, so only the
	// action–reaction channel acts.
	const eps = 1e-6
	n := int(model.NumActors)
	base := m.Step(&s0, nil)
	J := mat.NewDense(n, n, nil)
	for j := range model.NumActors {
		s := s0
		s.Actors[j].DefenseShare *= 1 + eps
		s.Actors[j].DefenseSpending *= 1 + eps
		next := m.Step(&s, nil)
		for i := range model.NumActors {
			J.Set(int(i), int(j), math.Log(next.Actors[i].DefenseShare/base.Actors[i].DefenseShare)/eps)
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(J, mat.EigenNone) {
		t.Fatal("eigen decomposition failed")
	}
	for _, v := range eig.Values(nil) {
		if mod := math.Hypot(real(v), imag(v)); !(mod < 1) {
			t.Errorf("eigenvalue %v of the action–reaction map has modulus %.4f ≥ 1", v, mod)
		}
	}
	// The measured diagonal is the inertia (own spending is not in one's
	// own rival pressure), a hand check of the map above.
	for i := range model.NumActors {
		if got := J.At(int(i), int(i)); math.Abs(got-p.Inertia[i]) > 1e-4 {
			t.Errorf("J[%s][%s] = %.5f, want ρ = %v", i, i, got, p.Inertia[i])
		}
	}
}
