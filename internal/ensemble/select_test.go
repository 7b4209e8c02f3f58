package ensemble

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestSelectQuantiles: the bands' quantiles by selection are, bit for bit,
// stat.Quantile(p, stat.Empirical, ·, nil) over the same values sorted, on
// random samples of many sizes and shapes, tie-heavy ones (a shock most runs
// never see), signed zeros and extremes; and summarize's mean is stat.Mean's.
func TestSelectQuantiles(t *testing.T) {
	g := rand.New(rand.NewPCG(14, 5))
	shapes := map[string]func(n int) []float64{
		"normal": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = 80 + 3*g.NormFloat64()
			}
			return x
		},
		"wide": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = g.NormFloat64() * math.Pow(10, float64(g.IntN(30)-15))
			}
			return x
		},
		"two values": func(n int) []float64 { // most runs unshocked
			x := make([]float64, n)
			for i := range x {
				x[i] = 61.5
				if g.Float64() < 0.07 {
					x[i] = 54.25
				}
			}
			return x
		},
		"few values": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(g.IntN(4))
			}
			return x
		},
		"zeros": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = []float64{0, math.Copysign(0, -1), -1e-310, 1e-310}[g.IntN(4)]
			}
			return x
		},
		"sorted": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(i)
			}
			return x
		},
		"reversed": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(n - i)
			}
			return x
		},
		"organ pipe": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(min(i, n-i))
			}
			return x
		},
		"extremes": func(n int) []float64 {
			x := make([]float64, n)
			for i := range x {
				x[i] = []float64{math.MaxFloat64, -math.MaxFloat64, 1, -1}[g.IntN(4)] * g.Float64()
			}
			return x
		},
	}
	sizes := []int{2, 3, 5, 7, 16, 17, 19, 20, 21, 99, 100, 101, 1000, 1001, 2048, 9999, 10000}
	for name, shape := range shapes {
		for _, n := range sizes {
			for rep := range 3 {
				x := shape(n)
				x[g.IntN(n)] += 1 // never all one value: summarize would skip the selection
				sorted := slices.Clone(x)
				slices.SortFunc(sorted, func(a, b float64) int { return cmpKey(floatKey(a), floatKey(b)) })
				got := summarize(slices.Clone(x), make([]uint64, n), new(selector))
				for k, p := range Probs {
					want := stat.Quantile(p, stat.Empirical, sorted, nil)
					if math.Float64bits(got.Q[k]) != math.Float64bits(want) {
						t.Fatalf("%s, n=%d, rep %d: quantile %v = %v, want %v", name, n, rep, p, got.Q[k], want)
					}
				}
				if want := stat.Mean(x, nil); math.Float64bits(got.Mean) != math.Float64bits(want) {
					t.Fatalf("%s, n=%d: mean %v, want %v", name, n, got.Mean, want)
				}
			}
		}
	}
}

func cmpKey(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestSelectRanks: the selected keys are what a sort puts at the wanted
// ranks, for any set of ranks (the ends, repeated ranks), on few distinct
// keys, keys over the whole 64-bit range, and keys clustered in a narrow
// range with a few far outliers (several passes narrow the range); one
// selector serves every size, larger and smaller, as it serves the cells.
func TestSelectRanks(t *testing.T) {
	g := rand.New(rand.NewPCG(1, 2))
	shapes := map[string]func(n int) uint64{
		"few":  func(n int) uint64 { return uint64(g.IntN(n/3 + 1)) },
		"wide": func(int) uint64 { return g.Uint64() },
		"clustered": func(int) uint64 {
			if g.IntN(100) == 0 {
				return g.Uint64()
			}
			return 1<<40 + uint64(g.IntN(5000))
		},
		"top bits": func(int) uint64 { return g.Uint64() | 0xffff_ffff_0000_0000 },
	}
	sel := new(selector)
	for name, shape := range shapes {
		for _, n := range []int{1, 2, 10, 33, 500, 4000, 20000, 100} {
			for range 20 {
				keys := make([]uint64, n)
				for i := range keys {
					keys[i] = shape(n)
				}
				want := slices.Clone(keys)
				slices.Sort(want)
				ranks := []int{0, g.IntN(n), g.IntN(n), g.IntN(n), n - 1}
				slices.Sort(ranks)
				got := make([]uint64, len(ranks))
				sel.selectRanks(keys, ranks, got)
				for i, r := range ranks {
					if got[i] != want[r] {
						t.Fatalf("%s, n=%d: rank %d is %d, want %d", name, n, r, got[i], want[r])
					}
				}
			}
		}
	}
}
