package forecast

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"gonum.org/v1/gonum/stat"
)

// Bootstrap settings.
const (
	// BootstrapResamples is the number of resamples. 200 puts the
	// percentile interval's ends within about ±1.5 percentile points
	// (Efron & Tibshirani 1993, §19.3). Judgment.
	BootstrapResamples = 200
	// BootstrapBlockYears is the length of the blocks of consecutive years
	// resampled together, which keeps short-run dependence between the
	// one-step errors (Künsch 1989). Judgment: about the errors'
	// autocorrelation length in defense shares.
	BootstrapBlockYears = 3
	// bootstrapSeed seeds the resampling: the same record gives the same
	// intervals.
	bootstrapSeed = 1
)

// Bootstrap sets the percentile intervals BootLo and BootHi of the
// identified coefficients by a moving-block bootstrap of the years: each
// resample draws blocks of BootstrapBlockYears consecutive years (every
// scored actor's one-step observation in them) with replacement until it
// has as many years as the record, and is re-estimated from the estimate,
// inside the ranges. References: Künsch (1989), The jackknife and the
// bootstrap for general stationary observations, Annals of Statistics
// 17(3); Efron & Tibshirani (1993), An Introduction to the Bootstrap.
func (est *Estimate) Bootstrap() error {
	pr := est.pr
	if pr == nil || len(est.free) == 0 {
		return nil
	}
	// byYear[t] are the observations of the t-th predicted year.
	var byYear [][]observation
	for _, o := range pr.obs {
		t := o.year - est.First
		for len(byYear) <= t {
			byYear = append(byYear, nil)
		}
		byYear[t] = append(byYear[t], o)
	}
	years := len(byYear)
	block := min(BootstrapBlockYears, years)
	// Resample b draws from its own generator, seeded by (seed, b), so the
	// intervals do not depend on how many resamples run at once.
	draws := make([][]float64, len(est.free))
	for k := range draws {
		draws[k] = make([]float64, BootstrapResamples)
	}
	errs := make([]error, BootstrapResamples)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), BootstrapResamples) {
		wg.Go(func() {
			for b := range next {
				rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(b)))
				re := *pr
				re.obs = make([]observation, 0, len(pr.obs))
				for len(re.obs) < len(pr.obs) {
					start := rng.IntN(years - block + 1)
					for t := start; t < start+block && len(re.obs) < len(pr.obs); t++ {
						re.obs = append(re.obs, byYear[t]...)
					}
				}
				p, _, err := re.search(est.Params, est.free, 0)
				errs[b] = err
				for k, i := range est.free {
					c := &est.Coefs[i]
					draws[k][b] = c.Spec.Get(&p, c.Actor)
				}
			}
		})
	}
	for b := range BootstrapResamples {
		next <- b
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for k, i := range est.free {
		slices.Sort(draws[k])
		c := &est.Coefs[i]
		c.BootLo = stat.Quantile(0.025, stat.Empirical, draws[k], nil)
		c.BootHi = stat.Quantile(0.975, stat.Empirical, draws[k], nil)
	}
	return nil
}
