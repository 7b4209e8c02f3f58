package forecast

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"

	"simulate/model"
)

// Coefficient is one estimated coefficient of the rule.
type Coefficient struct {
	Spec  *model.ParamSpec
	Actor model.Actor // ignored for a global coefficient
	// Lo and Hi are the plausible range, from the registry (the literature
	// or judgment, never the fit); the estimate is searched inside it.
	Lo, Hi float64
	// Start is the registry's default, where the search starts, and the
	// value kept when the record does not identify the coefficient.
	Start float64
	Value float64 // the estimate
	// SE is the asymptotic standard error (Gauss–Newton: σ²(JᵀJ)⁻¹ at the
	// estimate); NaN when the coefficient is not identified.
	SE float64
	// Identified is false when moving the coefficient across its whole range
	// changes no one-step prediction: the record lacks what it responds to.
	Identified bool
	// BootLo and BootHi are the 2.5th and 97.5th percentiles of the
	// estimate over block-bootstrap resamples of the record (Bootstrap);
	// NaN until it runs or when the coefficient is not identified. Unlike
	// Value ± 1.96·SE they stay inside the range and hold at its edges.
	BootLo, BootHi float64
}

// Name is the coefficient's key, qualified by its actor when per-actor
// (inertia.US).
func (c *Coefficient) Name() string {
	if c.Spec.PerActor {
		return c.Spec.Key + "." + c.Actor.String()
	}
	return c.Spec.Key
}

// edgeTolerance: an estimate within this fraction of its range of an edge
// is on the edge: the range, not the record, decided it.
const edgeTolerance = 0.01

// AtEdge reports whether the estimate sits on an edge of its range.
func (c *Coefficient) AtEdge() bool {
	tol := edgeTolerance * (c.Hi - c.Lo)
	return c.Identified && (c.Value-c.Lo <= tol || c.Hi-c.Value <= tol)
}

// z95 is the standard normal's 97.5th percentile: Value ± z95·SE is the
// 95% interval.
const z95 = 1.959963984540054

// Interval returns the 95% interval Value ± 1.96·SE (NaN when SE is).
func (c *Coefficient) Interval() (lo, hi float64) { return c.Value - z95*c.SE, c.Value + z95*c.SE }

// Estimate is the decision rule estimated on a record by least squares on
// its one-step-ahead errors: each year's share predicted by the rule from
// the record's previous year.
type Estimate struct {
	Record string // the record's name
	// First and Last are the years predicted; the rule's reference values
	// are the record of First − 1, the year the model would start in.
	First, Last int
	N           int // one-step observations (scored actors × years)
	Coefs       []Coefficient
	Params      model.Params // the base coefficients with the estimates
	RMSE        float64      // root mean squared one-step error, pp of GDP
	Evaluations int          // objective evaluations of the search

	pr   *problem // for the bootstrap
	free []int    // the identified coefficients, indices into Coefs
}

// Search settings. The search runs over unbounded z with each coefficient
// at lo + (hi − lo)·logistic(z), so it never leaves the plausible range.
const (
	maxEvaluations     = 20000 // objective evaluations per search
	convergeAbsolute   = 1e-10 // stop when the sum of squares (pp²) improves by less than this...
	convergeIterations = 100   // ...over this many iterations
	simplexSize        = 0.5   // initial simplex step in z (logistic units)
	edgeZ              = 5     // z of a start on its range's edge: within 0.7% of it
	searchRestarts     = 2     // Nelder–Mead restarts from the last optimum
	jacobianStep       = 1e-4  // finite-difference step, fraction of the range
	minFitYears        = 10    // fewest one-step years an estimation accepts per actor
)

// observation is one one-step prediction: actor a's share in year from the
// record of year − 1.
type observation struct {
	actor model.Actor
	year  int
	in    model.BudgetInputs
	share float64
}

// observed returns what the record of year y says about the rule's
// inputs. DPRK has no series and counts as spending nothing, out of every
// rival term. The record has no series for perceived threat or US
// commitment: they stay at the model's start values (threat 0, commitment
// 100) in every year, so a coefficient that responds to them alone is not
// identified.
func observed(rec *Record, y int) model.Observed {
	o := model.Observed{Commitment: model.FullCommitment}
	for _, a := range Scored {
		r := rec.At(a, y)
		o.GDP[a], o.Spending[a], o.SharePct[a] = r.GDP, r.Spending, r.SharePct
	}
	return o
}

// problem is an estimation problem: the observations, the reference inputs
// and the coefficients.
type problem struct {
	base  model.Params
	ref   [model.NumActors]model.BudgetInputs
	obs   []observation
	coefs []Coefficient
}

// newProblem sets up the estimation on rec: one-step predictions of every
// year after the common start, the start year as reference. The rule's
// inputs are computed once, with base: they depend on coefficients that are
// not estimated (the rival weights), never on the estimated ones.
func newProblem(base *model.Params, rec *Record) (*problem, error) {
	pr := &problem{base: *base}
	start := rec.CommonStart()
	if rec.Last-start < minFitYears {
		return nil, fmt.Errorf("estimation: the record to %d has %d one-step years, fewer than %d", rec.Last, rec.Last-start, minFitYears)
	}
	ref := observed(rec, start)
	for _, a := range Scored {
		pr.ref[a] = model.BudgetInputsOf(base, a, &ref)
	}
	for _, a := range Scored {
		for y := start + 1; y <= rec.Last; y++ {
			last := observed(rec, y-1)
			pr.obs = append(pr.obs, observation{a, y, model.BudgetInputsOf(base, a, &last), rec.At(a, y).SharePct})
		}
	}
	def := model.DefaultParams()
	for _, key := range model.BudgetCoefficients() {
		spec, ok := model.LookupParam(key)
		if !ok {
			return nil, fmt.Errorf("estimation: the model has no coefficient %q", key)
		}
		actors := Scored
		if !spec.PerActor {
			actors = Scored[:1]
		}
		for _, a := range actors {
			lo, hi := spec.Range(a)
			if !(hi > lo) {
				continue // fixed by the model: this actor's rule has no such term
			}
			pr.coefs = append(pr.coefs, Coefficient{Spec: spec, Actor: a, Lo: lo, Hi: hi, Start: spec.Get(&def, a), SE: nan, BootLo: nan, BootHi: nan})
		}
	}
	return pr, nil
}

// residuals stores p's one-step errors (predicted − recorded share, pp)
// in r.
func (pr *problem) residuals(p *model.Params, r []float64) {
	for i, o := range pr.obs {
		r[i] = model.BudgetShare(p, o.actor, pr.ref[o.actor], o.in) - o.share
	}
}

func (pr *problem) sumSquares(p *model.Params, r []float64) float64 {
	pr.residuals(p, r)
	var ss float64
	for _, e := range r {
		ss += e * e
	}
	return ss
}

// EstimateRule estimates the rule on all of rec, starting from base's
// coefficients for everything not estimated (bounds, rival weights).
func EstimateRule(base *model.Params, rec *Record) (*Estimate, error) {
	pr, err := newProblem(base, rec)
	if err != nil {
		return nil, err
	}
	p := pr.base
	for _, c := range pr.coefs {
		c.Spec.Set(&p, c.Actor, c.Start)
	}
	n := len(pr.obs)
	r0, r1 := make([]float64, n), make([]float64, n)
	var free []int
	for i := range pr.coefs {
		c := &pr.coefs[i]
		q := p
		c.Spec.Set(&q, c.Actor, c.Lo)
		pr.residuals(&q, r0)
		c.Spec.Set(&q, c.Actor, c.Hi)
		pr.residuals(&q, r1)
		for t := range r0 {
			if r0[t] != r1[t] {
				c.Identified = true
				break
			}
		}
		c.Value = c.Start
		if c.Identified {
			free = append(free, i)
		}
	}

	evals := 0
	if len(free) > 0 {
		if p, evals, err = pr.search(p, free, searchRestarts); err != nil {
			return nil, err
		}
		for _, i := range free {
			c := &pr.coefs[i]
			c.Value = c.Spec.Get(&p, c.Actor)
		}
		pr.standardErrors(&p, free)
	}
	ss := pr.sumSquares(&p, r0)
	return &Estimate{
		Record: rec.Name, First: pr.obs[0].year, Last: rec.Last, N: n, Coefs: pr.coefs, Params: p,
		RMSE: math.Sqrt(ss / float64(n)), Evaluations: evals, pr: pr, free: free,
	}, nil
}

// search minimizes the sum of squares over the coefficients free (indices
// into pr.coefs) from their values in p and returns p with the optimum and
// the evaluations used. Where no global coefficient is free, each actor's
// coefficients move only that actor's predictions, so each actor is
// searched alone, over its own observations: the same optimum, found in
// far fewer evaluations.
func (pr *problem) search(p model.Params, free []int, restarts int) (model.Params, int, error) {
	for _, i := range free {
		if !pr.coefs[i].Spec.PerActor {
			return pr.searchGroup(p, free, pr.obs, restarts)
		}
	}
	evals := 0
	for _, a := range Scored {
		var group []int
		for _, i := range free {
			if pr.coefs[i].Actor == a {
				group = append(group, i)
			}
		}
		if len(group) == 0 {
			continue
		}
		var obs []observation
		for _, o := range pr.obs {
			if o.actor == a {
				obs = append(obs, o)
			}
		}
		var n int
		var err error
		if p, n, err = pr.searchGroup(p, group, obs, restarts); err != nil {
			return p, evals, err
		}
		evals += n
	}
	return p, evals, nil
}

// searchGroup minimizes the sum of squares of the observations obs over the
// coefficients group, by Nelder–Mead over z, restarted restarts times from
// the last optimum.
func (pr *problem) searchGroup(p model.Params, group []int, obs []observation, restarts int) (model.Params, int, error) {
	set := func(q *model.Params, z []float64) {
		for k, i := range group {
			c := &pr.coefs[i]
			c.Spec.Set(q, c.Actor, fromZ(z[k], c.Lo, c.Hi))
		}
	}
	z := make([]float64, len(group))
	for k, i := range group {
		c := &pr.coefs[i]
		z[k] = toZ(c.Spec.Get(&p, c.Actor), c.Lo, c.Hi)
	}
	sub := *pr
	sub.obs = obs
	r := make([]float64, len(obs))
	trial := p
	objective := func(z []float64) float64 {
		set(&trial, z)
		return sub.sumSquares(&trial, r)
	}
	evals := 0
	for range restarts + 1 {
		settings := &optimize.Settings{
			FuncEvaluations: maxEvaluations,
			Converger:       &optimize.FunctionConverge{Absolute: convergeAbsolute, Iterations: convergeIterations},
		}
		res, err := optimize.Minimize(optimize.Problem{Func: objective}, z, settings, &optimize.NelderMead{SimplexSize: simplexSize})
		if err != nil {
			return p, evals, fmt.Errorf("estimation: %w", err)
		}
		z, evals = res.X, evals+res.Stats.FuncEvaluations
	}
	set(&p, z)
	return sub.polish(p, group), evals + polishEvaluations(len(group)), nil
}

// polish refines the coefficients group of p one at a time, each by a
// golden-section search over its whole range with the others held, for
// polishSweeps sweeps. Nelder–Mead over the logistic transform stalls where
// a coefficient nears its range's edge (the transform flattens there); the
// search in natural units reaches the edge itself. A coefficient moves only
// when that lowers the sum of squares, so polishing never undoes the
// simplex's work.
func (pr *problem) polish(p model.Params, group []int) model.Params {
	r := make([]float64, len(pr.obs))
	best := pr.sumSquares(&p, r)
	for range polishSweeps {
		for _, i := range group {
			c := &pr.coefs[i]
			trial := p
			at := func(v float64) float64 {
				c.Spec.Set(&trial, c.Actor, v)
				return pr.sumSquares(&trial, r)
			}
			v, f := goldenSection(at, c.Lo, c.Hi)
			if f < best {
				c.Spec.Set(&p, c.Actor, v)
				best = f
			}
		}
	}
	return p
}

// Polishing settings.
const (
	polishSweeps     = 4  // rounds over the group's coefficients
	goldenIterations = 60 // golden-section steps: the bracket shrinks to 0.618⁶⁰ ≈ 3e-13 of the range
)

// polishEvaluations is the number of objective evaluations polish makes for
// a group of n coefficients.
func polishEvaluations(n int) int { return polishSweeps * n * (goldenIterations + 4) }

// goldenSection returns the point of [lo, hi] where f is smallest among
// the golden-section search's points and the two ends, and f there. f is
// assumed unimodal on the bracket; the ends are checked because the
// optimum of a bounded fit is often on one.
func goldenSection(f func(float64) float64, lo, hi float64) (float64, float64) {
	const invPhi = 0.6180339887498949
	bestX, bestF := lo, f(lo)
	if fh := f(hi); fh < bestF {
		bestX, bestF = hi, fh
	}
	a, b := lo, hi
	x1, x2 := b-invPhi*(b-a), a+invPhi*(b-a)
	f1, f2 := f(x1), f(x2)
	for range goldenIterations {
		if f1 < f2 {
			b, x2, f2 = x2, x1, f1
			x1 = b - invPhi*(b-a)
			f1 = f(x1)
		} else {
			a, x1, f1 = x1, x2, f2
			x2 = a + invPhi*(b-a)
			f2 = f(x2)
		}
	}
	for _, c := range []struct{ x, f float64 }{{x1, f1}, {x2, f2}} {
		if c.f < bestF {
			bestX, bestF = c.x, c.f
		}
	}
	return bestX, bestF
}

// standardErrors sets the SE of the free coefficients at p: σ²(JᵀJ)⁻¹ with
// J the central-difference Jacobian of the residuals and σ² = SS/(n − k).
// Coefficients whose columns are collinear get NaN.
func (pr *problem) standardErrors(p *model.Params, free []int) {
	n, k := len(pr.obs), len(free)
	if n <= k {
		return
	}
	jac := mat.NewDense(n, k, nil)
	rp, rm := make([]float64, n), make([]float64, n)
	for col, i := range free {
		c := &pr.coefs[i]
		h := jacobianStep * (c.Hi - c.Lo)
		q := *p
		c.Spec.Set(&q, c.Actor, c.Value+h)
		pr.residuals(&q, rp)
		c.Spec.Set(&q, c.Actor, c.Value-h)
		pr.residuals(&q, rm)
		for t := range rp {
			jac.Set(t, col, (rp[t]-rm[t])/(2*h))
		}
	}
	sigma2 := pr.sumSquares(p, rp) / float64(n-k)
	var jtj mat.SymDense
	jtj.SymOuterK(1, jac.T())
	var chol mat.Cholesky
	if !chol.Factorize(&jtj) {
		return
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		return
	}
	for col, i := range free {
		if v := cov.At(col, col); v > 0 {
			pr.coefs[i].SE = math.Sqrt(sigma2 * v)
		}
	}
}

// fromZ maps z to lo + (hi − lo)·logistic(z), inside (lo, hi).
func fromZ(z, lo, hi float64) float64 { return lo + (hi-lo)/(1+math.Exp(-z)) }

// toZ inverts fromZ, clamping values on or outside the range's edges to
// ±edgeZ.
func toZ(v, lo, hi float64) float64 {
	u := (v - lo) / (hi - lo)
	return max(-edgeZ, min(edgeZ, math.Log(u/(1-u))))
}
