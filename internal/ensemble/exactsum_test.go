package ensemble

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestExactSum compares exactSum with the exact sum in math/big, rounded
// to nearest, on sums whose naive total loses digits, and checks that the
// order of the additions does not change the result.
func TestExactSum(t *testing.T) {
	cases := [][]float64{
		{},
		{1, 1e100, 1, -1e100},                    // naive: 0
		{0.1, 0.2, 0.3, -0.6},                    // naive: 1.1e-16
		{1e16, 1, 1, 1, 1, 1, 1, 1, 1},           // naive drops each 1
		{1, math.Pow(2, -53), math.Pow(2, -105)}, // a tie broken by the smallest partial
		{1, math.Pow(2, -53), -math.Pow(2, -105)},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		x := make([]float64, 1+rng.IntN(60))
		for i := range x {
			x[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(30)-10))
		}
		cases = append(cases, x)
	}
	for _, x := range cases {
		exact := new(big.Float).SetPrec(4000)
		for _, v := range x {
			exact.Add(exact, new(big.Float).SetFloat64(v))
		}
		want, _ := exact.Float64() // nearest, ties to even
		var s exactSum
		for _, v := range x {
			s.Add(v)
		}
		if got := s.Value(); got != want {
			t.Errorf("sum of %v = %v, want %v", x, got, want)
		}
		// Reversed, and split in two halves merged: the same value.
		var r, a, b exactSum
		for i := len(x) - 1; i >= 0; i-- {
			r.Add(x[i])
			if i%2 == 0 {
				a.Add(x[i])
			} else {
				b.Add(x[i])
			}
		}
		a.Merge(&b)
		if r.Value() != want || a.Value() != want {
			t.Errorf("sum of %v depends on order: %v, %v, want %v", x, r.Value(), a.Value(), want)
		}
	}
}
