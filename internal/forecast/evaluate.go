package forecast

import (
	"fmt"
	"math"

	"simulate/model"
)

// Settings of the rolling-origin evaluation.
const (
	// FirstOrigin is the first forecast origin: the first year whose fit
	// (one-step years 1990 to the origin) has more than minFitYears years per
	// actor and spans the post-Cold-War drawdown. Judgment.
	FirstOrigin = 2000
	// Horizon is the farthest year ahead forecast from each origin. The last
	// origin is the record's last year less Horizon, so that every origin is
	// scored at every horizon and every horizon has the same origins.
	Horizon = 5
	// gdpTrendYears is the span of the GDP trend a forecast extrapolates:
	// the mean growth of current-dollar GDP over the years up to the origin
	// (fewer where the record is shorter). Judgment.
	gdpTrendYears = 10
)

// Project forecasts the defense share of every scored actor for the
// horizon years after the last year of known, by the rule with coefficients
// p and the reference values of the record's common start year, from the
// record of known's last year. It reads nothing of the years after it:
//
//   - GDP (current USD) grows at its trend as of the origin (gdpTrendYears);
//   - each actor's spending moves with its forecast share and GDP, from its
//     recorded value at the origin: M(t) = M₀ · s(t)/s₀ · Y(t)/Y₀;
//   - the inputs the record has no series for (threat, US commitment) stay
//     at their start values, as in the estimation.
//
// shares[a][h−1] is actor a's forecast for the origin + h.
func Project(p *model.Params, known *Record, horizon int) (shares [model.NumActors][]float64) {
	origin := known.Last
	start := observed(known, known.CommonStart())
	var ref [model.NumActors]model.BudgetInputs
	for _, a := range Scored {
		ref[a] = model.BudgetInputsOf(p, a, &start)
	}
	// growth[a] is the trend factor of a's current-dollar GDP a year.
	var growth model.PerActor
	at := observed(known, origin)
	for _, a := range Scored {
		span := min(gdpTrendYears, origin-known.Start(a))
		growth[a] = math.Pow(at.GDP[a]/known.At(a, origin-span).GDP, 1/float64(span))
	}
	o := at
	for range horizon {
		var next model.PerActor
		for _, a := range Scored {
			next[a] = model.BudgetShare(p, a, ref[a], model.BudgetInputsOf(p, a, &o))
		}
		for _, a := range Scored {
			o.SharePct[a] = next[a]
			o.GDP[a] *= growth[a]
			o.Spending[a] = at.Spending[a] * next[a] / at.SharePct[a] * o.GDP[a] / at.GDP[a]
			shares[a] = append(shares[a], next[a])
		}
	}
	return shares
}

// Forecast is one forecast: the share of Actor in Year forecast from
// Origin, by the model and by persistence, and the record's value.
type Forecast struct {
	Origin, Year int
	Actor        model.Actor
	Model        float64 // % of GDP
	Record       float64 // % of GDP
	Persistence  float64 // % of GDP: the record at the origin
	// Scale is the in-sample mean absolute one-year change of the actor's
	// share up to the origin (pp): the naive forecast's one-step error, by
	// which MASE divides (Hyndman & Koehler 2006).
	Scale float64
}

// Horizon is the number of years from the origin to the forecast year.
func (f *Forecast) Horizon() int { return f.Year - f.Origin }

// Evaluation is a rolling-origin evaluation: an estimate at every origin,
// from the record up to it, and the forecasts made from it.
type Evaluation struct {
	Origins   []int
	Estimates []*Estimate // one per origin
	Forecasts []Forecast  // by origin, then actor, then year
}

// Evaluate runs the rolling-origin evaluation of the rule on rec: for each
// origin from FirstOrigin to rec.Last − Horizon it estimates the rule on
// rec.Until(origin), forecasts 1 to Horizon years ahead with Project, and
// records the forecasts beside the record and persistence. base gives the
// coefficients that are not estimated.
func Evaluate(base *model.Params, rec *Record) (*Evaluation, error) {
	last := rec.Last - Horizon
	if last < FirstOrigin {
		return nil, fmt.Errorf("evaluation: the record ends in %d; origins from %d need it to reach %d", rec.Last, FirstOrigin, FirstOrigin+Horizon)
	}
	ev := &Evaluation{}
	for origin := FirstOrigin; origin <= last; origin++ {
		known := rec.Until(origin)
		est, err := EstimateRule(base, known)
		if err != nil {
			return nil, fmt.Errorf("origin %d: %w", origin, err)
		}
		paths := Project(&est.Params, known, Horizon)
		ev.Origins = append(ev.Origins, origin)
		ev.Estimates = append(ev.Estimates, est)
		for _, a := range Scored {
			scale := naiveScale(known, a)
			for h := 1; h <= Horizon; h++ {
				ev.Forecasts = append(ev.Forecasts, Forecast{
					Origin: origin, Year: origin + h, Actor: a,
					Model: paths[a][h-1], Record: rec.At(a, origin+h).SharePct,
					Persistence: known.At(a, origin).SharePct, Scale: scale,
				})
			}
		}
	}
	return ev, nil
}

// naiveScale is the mean absolute one-year change of a's share over the
// record known.
func naiveScale(known *Record, a model.Actor) float64 {
	var sum float64
	n := 0
	for y := known.Start(a) + 1; y <= known.Last; y++ {
		sum += math.Abs(known.At(a, y).SharePct - known.At(a, y-1).SharePct)
		n++
	}
	return sum / float64(n)
}

// Skill is one actor's forecast skill at one horizon (Horizon 0: horizons
// 1 to Horizon pooled), over N forecasts.
type Skill struct {
	Actor   model.Actor
	Horizon int
	N       int
	// ModelMAPE and PersistenceMAPE are mean absolute percentage errors, %
	// of the recorded share.
	ModelMAPE, PersistenceMAPE float64
	// MASE is the mean of |error| / Scale (below 1: better than the naive
	// one-step forecast was in sample).
	MASE float64
	// TheilU is the model's RMSE over persistence's (Theil's U2; below 1:
	// the model beats persistence).
	TheilU float64
}

// Skill scores the forecasts per scored actor at every horizon, then
// pooled, in that order.
func (ev *Evaluation) Skill() []Skill {
	var out []Skill
	for _, a := range Scored {
		for h := 1; h <= Horizon; h++ {
			out = append(out, ev.score(a, h))
		}
		out = append(out, ev.score(a, 0))
	}
	return out
}

// score scores actor a's forecasts at horizon h (0: all horizons).
func (ev *Evaluation) score(a model.Actor, h int) Skill {
	s := Skill{Actor: a, Horizon: h}
	var ape, apeP, ase, se, seP float64
	for i := range ev.Forecasts {
		f := &ev.Forecasts[i]
		if f.Actor != a || (h != 0 && f.Horizon() != h) {
			continue
		}
		e, eP := f.Model-f.Record, f.Persistence-f.Record
		ape += math.Abs(e) / f.Record
		apeP += math.Abs(eP) / f.Record
		ase += math.Abs(e) / f.Scale
		se += e * e
		seP += eP * eP
		s.N++
	}
	n := float64(s.N)
	s.ModelMAPE, s.PersistenceMAPE = 100*ape/n, 100*apeP/n
	s.MASE = ase / n
	s.TheilU = math.Sqrt(se / seP)
	return s
}
