package ensemble

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"simulate/model"
)

// Target is one indicator of one subject in one year: what a sensitivity
// analysis or a sweep reads off each run.
type Target struct {
	Indicator model.IndicatorID
	Subject   string
	Year      int
}

func (t Target) String() string {
	return fmt.Sprintf("%s for %s in %d", t.Indicator, t.Subject, t.Year)
}

// value returns the target's value in res.
func (t Target) value(res *model.Results) (float64, error) {
	v, ok := res.Value(t.Indicator, t.Subject, t.Year)
	if !ok {
		return 0, fmt.Errorf("the results have no %s", t)
	}
	return v, nil
}

// Effect is what moving one coefficient to the ends of its plausible range
// does to the target, everything else as in the reference run.
type Effect struct {
	Param         model.ParamRef
	PerActor      bool    // Param.Actor is meaningful
	Unit          string  // the coefficient's unit
	Value         float64 // the coefficient's value in the scenario
	Low, High     float64 // its plausible range
	AtLow, AtHigh float64 // the target with the coefficient at Low, at High
	// Span is how far the target moves: the width of the smallest interval
	// holding AtLow, AtHigh and the baseline. A coefficient that cannot
	// move the target has Span 0.
	Span float64
}

// Sensitivity is a one-at-a-time sensitivity analysis of one target.
type Sensitivity struct {
	Target   Target
	Unit     string  // the indicator's unit
	Baseline float64 // the target in the reference run
	Effects  []Effect
}

// OneAtATime moves each coefficient of the model, and each per-actor
// coefficient for each actor, to the low and then to the high end of its
// plausible range, alone, and records the target in each run. Effects are
// ranked by Span, largest first; equal spans (zero, most often) keep the
// registry's order. Coefficients that cannot vary (model.ParamSpec.Varies)
// are left out. The runs are the reference run's: scheduled events, no
// risks, the scenario's coefficients but the one moved.
//
// References: Saltelli et al. (2008), Global Sensitivity Analysis: The
// Primer, ch. 1 (one-at-a-time designs and their limits: no interactions).
func OneAtATime(sc *model.Scenario, target Target, workers int) (*Sensitivity, error) {
	ref, err := model.Run(referenceOf(sc))
	if err != nil {
		return nil, err
	}
	base, err := target.value(ref)
	if err != nil {
		return nil, err
	}
	s := &Sensitivity{Target: target, Baseline: base, Unit: ref.Series[ref.Index(target.Indicator, target.Subject)].Unit}
	for _, spec := range model.ParamSpecs() {
		actors := []model.Actor{0}
		if spec.PerActor {
			actors = []model.Actor{model.US, model.ROK, model.DPRK, model.CHN, model.JPN}
		}
		for _, a := range actors {
			if !spec.Varies(a) {
				continue
			}
			lo, hi := spec.Range(a)
			s.Effects = append(s.Effects, Effect{
				Param: model.ParamRef{Key: spec.Key, Actor: a}, PerActor: spec.PerActor, Unit: spec.Unit,
				Value: spec.Get(&sc.Params, a), Low: lo, High: hi,
			})
		}
	}
	err = parallel(2*len(s.Effects), workers, func(k int) error {
		e := &s.Effects[k/2]
		run := referenceOf(sc)
		spec, _ := model.LookupParam(e.Param.Key)
		v := e.Low
		if k%2 == 1 {
			v = e.High
		}
		spec.Set(&run.Params, e.Param.Actor, v)
		res, err := model.Run(run)
		if err != nil {
			return fmt.Errorf("%s = %v: %w", e.Param, v, err)
		}
		y, err := target.value(res)
		if k%2 == 0 {
			e.AtLow = y
		} else {
			e.AtHigh = y
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	for i := range s.Effects {
		e := &s.Effects[i]
		e.Span = max(e.AtLow, e.AtHigh, base) - min(e.AtLow, e.AtHigh, base)
	}
	slices.SortStableFunc(s.Effects, func(a, b Effect) int {
		switch {
		case a.Span > b.Span:
			return -1
		case a.Span < b.Span:
			return 1
		}
		return 0
	})
	return s, nil
}

// referenceOf returns a copy of sc for a reference run: what model.Run
// uses (risks and uncertain coefficients play no part in it).
func referenceOf(sc *model.Scenario) *model.Scenario {
	c := *sc
	c.Risks, c.Uncertain = nil, nil
	return &c
}

// parallel calls do(0..n-1) on workers goroutines (0: one per core) and
// returns the error of the lowest index that failed, so that which error
// is reported does not depend on scheduling.
func parallel(n, workers int, do func(int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < n; k = int(next.Add(1) - 1) {
				errs[k] = do(k)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
