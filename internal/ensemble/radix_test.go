package ensemble

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortFloats: the radix sort orders numbers as slices.Sort does: of
// both signs, zeros, infinities, subnormals, repeats, one magnitude or many.
func TestSortFloats(t *testing.T) {
	g := rand.New(rand.NewPCG(3, 4))
	cases := map[string][]float64{
		"empty":     {},
		"one":       {-2},
		"special":   {0, math.Inf(1), -1e-310, 1e-310, math.Inf(-1), -0.5, 0.5, math.MaxFloat64, -math.MaxFloat64, 3, 3, -3},
		"repeats":   {2, 1, 2, 1, 2, 1, 1, 2},
		"presorted": {1, 2, 3, 4, 5},
	}
	narrow, wide := make([]float64, 5000), make([]float64, 5000)
	for i := range narrow {
		narrow[i] = 80 + g.NormFloat64()
		wide[i] = g.NormFloat64() * math.Pow(10, float64(g.IntN(30)-15))
	}
	cases["narrow"], cases["wide"] = narrow, wide
	for name, x := range cases {
		want := slices.Clone(x)
		slices.Sort(want)
		got := slices.Clone(x)
		sortFloats(got, make([]uint64, len(x)), make([]uint64, len(x)))
		if !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
}
