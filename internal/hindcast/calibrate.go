package hindcast

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/gonum/optimize"

	"simulate/model"
)

// Coefficient is one coefficient the calibration fits: a registry key and,
// for a per-actor coefficient, the actor.
type Coefficient struct {
	Spec  *model.ParamSpec
	Actor model.Actor // ignored for a global coefficient
}

// Name is the coefficient's key, qualified by its actor when per-actor
// (inertia.US).
func (c Coefficient) Name() string {
	if c.Spec.PerActor {
		return c.Spec.Key + "." + c.Actor.String()
	}
	return c.Spec.Key
}

// Fitted returns the coefficients history can inform, in the order they are
// reported: each scored actor's inertia and reaction elasticity, the
// free-riding elasticity of the scored US allies that free-ride (those whose
// default is above zero), and the threat response.
//
// The threat response enters the decision rule as the product θ·τ of
// threat_response_pct (θ, the published 3% of spending per percentage point
// of dispute probability) and threat_to_dispute_pp (τ, the judgment of how
// many points of dispute probability one point of the model's threat index
// means); the record can inform only the product. The fit keeps the
// published θ and fits the judgment τ.
//
// The DPRK's coefficients keep their defaults: the record has no DPRK
// series to fit them to.
func Fitted() ([]Coefficient, error) {
	def := model.DefaultParams()
	var out []Coefficient
	for _, key := range []string{"inertia", "reaction_elasticity", "free_ride_slope", "threat_to_dispute_pp"} {
		spec, ok := model.LookupParam(key)
		if !ok {
			return nil, fmt.Errorf("the model has no coefficient %q", key)
		}
		if !spec.PerActor {
			out = append(out, Coefficient{Spec: spec})
			continue
		}
		for _, a := range Scored {
			if key == "free_ride_slope" && !(spec.Get(&def, a) > 0) {
				continue
			}
			out = append(out, Coefficient{spec, a})
		}
	}
	return out, nil
}

// Calibration settings. The objective is the mean over the scored actors of
// the defense share's MAPE in the fit window. The search runs over
// unbounded z with each coefficient at lo + (hi − lo)·logistic(z), so it
// never leaves the coefficient's plausible range.
const (
	// maxEvaluations bounds the hindcasts one fit may run (each takes well
	// under a millisecond).
	maxEvaluations = 20000
	// convergeAbsolute: the fit stops when the objective (percent) improves
	// by less than this over convergeIterations iterations.
	convergeAbsolute   = 1e-6
	convergeIterations = 200
	// simplexSize is the initial simplex's step in z (logistic units).
	simplexSize = 0.5
	// edgeZ keeps a default that sits on its range's edge (a free-riding
	// elasticity of 0, say) a finite start: z = ±edgeZ is within 0.7% of
	// the edge.
	edgeZ = 5
)

// Fit is the outcome of a calibration.
type Fit struct {
	Coefficients []Coefficient
	Before       []float64 // the coefficients' values before the fit (the registry defaults)
	After        []float64 // fitted values, rounded to fittedDecimals decimals
	// HeldCost[i] is how much worse (percentage points of the objective) the
	// best fit gets when coefficient i is held at its default and the others
	// are refitted: how firmly the record pins the coefficient down.
	HeldCost     []float64
	Params       model.Params // base's coefficients with the fitted values
	Objective    float64      // the objective at After, %
	Evaluations  int          // hindcasts run by the main fit
	Status       string       // why the main fit stopped
	BeforeResult *Result
	AfterResult  *Result
}

// fittedDecimals is the number of decimals fitted values are rounded to,
// for printing and pasting into a scenario file; the reported errors are
// those of the rounded values. Every range edge has at most this many
// decimals, so rounding keeps a value inside its range.
const fittedDecimals = 3

// Calibrate fits the coefficients returned by Fitted to the record of the
// fit window. The fit starts from the registry's defaults for the fitted
// coefficients (so that a base scenario that already holds fitted values
// gives the same fit) and takes every other coefficient from base. It is
// deterministic: the same inputs give the same fit.
func Calibrate(base *model.Scenario, in *Inputs) (*Fit, error) {
	coefs, err := Fitted()
	if err != nil {
		return nil, err
	}
	sc, err := Scenario(base, in.History, in.Events)
	if err != nil {
		return nil, err
	}
	fit := &Fit{Coefficients: coefs, Before: make([]float64, len(coefs)), After: make([]float64, len(coefs)), HeldCost: make([]float64, len(coefs))}
	def := model.DefaultParams()
	for i, c := range coefs {
		fit.Before[i] = c.Spec.Get(&def, c.Actor)
		c.Spec.Set(&sc.Params, c.Actor, fit.Before[i])
	}
	if fit.BeforeResult, err = run(sc, in.History); err != nil {
		return nil, err
	}

	best, err := minimize(sc, in.History, coefs, -1)
	if err != nil {
		return nil, err
	}
	fit.Evaluations, fit.Status = best.evaluations, best.status
	fit.Params = sc.Params
	for i, c := range coefs {
		fit.After[i] = roundDecimals(c.Spec.Get(&best.params, c.Actor), fittedDecimals)
		c.Spec.Set(&fit.Params, c.Actor, fit.After[i])
	}
	after := *sc
	after.Params = fit.Params
	if fit.AfterResult, err = run(&after, in.History); err != nil {
		return nil, err
	}
	fit.Objective = fit.AfterResult.MeanShareMAPE(FitWindow)
	for i := range coefs {
		held, err := minimize(sc, in.History, coefs, i)
		if err != nil {
			return nil, err
		}
		fit.HeldCost[i] = held.objective - best.objective
	}
	return fit, nil
}

// optimum is the outcome of one Nelder–Mead search.
type optimum struct {
	params      model.Params
	objective   float64
	evaluations int
	status      string
}

// minimize searches the coefficients coefs of sc (all but coefs[hold],
// which keeps its value in sc; hold < 0 frees all) for the smallest
// objective, starting from their values in sc.
func minimize(sc *model.Scenario, h *History, coefs []Coefficient, hold int) (*optimum, error) {
	var free []Coefficient
	for i, c := range coefs {
		if i != hold {
			free = append(free, c)
		}
	}
	z0 := make([]float64, len(free))
	for i, c := range free {
		lo, hi := c.Spec.Range(c.Actor)
		z0[i] = toZ(c.Spec.Get(&sc.Params, c.Actor), lo, hi)
	}
	trial := *sc
	var runErr error
	objective := func(z []float64) float64 {
		setAll(&trial.Params, free, z)
		r, err := run(&trial, h)
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		return r.MeanShareMAPE(FitWindow)
	}
	settings := &optimize.Settings{
		FuncEvaluations: maxEvaluations,
		Converger:       &optimize.FunctionConverge{Absolute: convergeAbsolute, Iterations: convergeIterations},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: objective}, z0, settings, &optimize.NelderMead{SimplexSize: simplexSize})
	if runErr != nil {
		return nil, fmt.Errorf("calibration: a trial hindcast failed: %w", runErr)
	}
	if err != nil {
		return nil, fmt.Errorf("calibration: %w", err)
	}
	out := &optimum{params: sc.Params, objective: res.F, evaluations: res.Stats.FuncEvaluations, status: res.Status.String()}
	setAll(&out.params, free, res.X)
	return out, nil
}

// setAll stores the coefficients mapped from z into p.
func setAll(p *model.Params, coefs []Coefficient, z []float64) {
	for i, c := range coefs {
		lo, hi := c.Spec.Range(c.Actor)
		c.Spec.Set(p, c.Actor, fromZ(z[i], lo, hi))
	}
}

// fromZ maps z to lo + (hi − lo)·logistic(z), inside (lo, hi).
func fromZ(z, lo, hi float64) float64 { return lo + (hi-lo)/(1+math.Exp(-z)) }

// toZ inverts fromZ, clamping values on or outside the range's edges to
// ±edgeZ.
func toZ(v, lo, hi float64) float64 {
	if !(hi > lo) {
		return 0
	}
	u := (v - lo) / (hi - lo)
	return max(-edgeZ, min(edgeZ, math.Log(u/(1-u))))
}

// roundDecimals rounds v to n decimals.
func roundDecimals(v float64, n int) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', n, 64), 64)
	if err != nil {
		return v
	}
	return r
}
