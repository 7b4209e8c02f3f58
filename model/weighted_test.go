package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// specials are the values at which a rewritten operation most easily
// differs in its bits: signed zeros, infinities, NaN, the smallest and
// largest numbers.
var specials = []float64{0, math.Copysign(0, -1), 1, -1, 0.5, math.Inf(1), math.Inf(-1), math.NaN(),
	math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64, -math.MaxFloat64}

// draw returns a special value one time in three, otherwise a random one of
// either sign over many orders of magnitude.
func draw(g *rand.Rand) float64 {
	if g.IntN(3) == 0 {
		return specials[g.IntN(len(specials))]
	}
	return math.Copysign(math.Exp(g.NormFloat64()*5), g.Float64()-0.5)
}

// TestWeightedBits: weighted2, weighted3 and weighted4 give, bit for bit,
// what the loop over slices of weights and values they replaced gives,
// signed zeros included (a NaN's payload is not compared: no output holds
// a NaN).
func TestWeightedBits(t *testing.T) {
	loop := func(w, x []float64) float64 {
		var sw, sx float64
		for i := range w {
			sw += w[i]
			sx += w[i] * x[i]
		}
		return ratio(sx, sw)
	}
	g := rand.New(rand.NewPCG(5, 6))
	var w, x [4]float64
	for range 100000 {
		for i := range w {
			w[i], x[i] = draw(g), draw(g)
		}
		got := [...]float64{
			weighted2(w[0], w[1], x[0], x[1]),
			weighted3(w[0], w[1], w[2], x[0], x[1], x[2]),
			weighted4(w[0], w[1], w[2], w[3], x[0], x[1], x[2], x[3]),
		}
		for i, v := range got {
			n := i + 2
			want := loop(w[:n], x[:n])
			if math.Float64bits(v) != math.Float64bits(want) && !(math.IsNaN(v) && math.IsNaN(want)) {
				t.Fatalf("weighted%d(%v, %v) = %v, want %v", n, w[:n], x[:n], v, want)
			}
		}
	}
	// All weights −0: the loop's sums are +0, so the result is 0, not NaN.
	if got := weighted2(math.Copysign(0, -1), math.Copysign(0, -1), 1, 1); math.Float64bits(got) != 0 {
		t.Errorf("weighted2 of negative-zero weights = %v, want +0", got)
	}
}

// TestBuiltinMaxBits: the builtin max, which the budget rule uses with a
// finite floor as its second operand (minRivalRatio, minThreatFactor), is
// math.Max there bit for bit: NaN when x is NaN, +0 of the two zeros,
// ±Inf against a finite floor. (They differ only for +Inf against NaN,
// which math.Max makes +Inf and the builtin NaN; a floor is never NaN. The
// payload of a NaN result is not compared: no output holds a NaN.)
func TestBuiltinMaxBits(t *testing.T) {
	g := rand.New(rand.NewPCG(7, 8))
	check := func(x, y float64) {
		got, want := max(x, y), math.Max(x, y)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("max(%v, %v) = %v (%#x), math.Max %v (%#x)", x, y, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
	floors := []float64{minRivalRatio, minThreatFactor, 0, math.Copysign(0, -1), -1, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for _, x := range specials {
		for _, y := range floors {
			check(x, y)
			check(y, x)
		}
	}
	for range 100000 {
		x, y := draw(g), math.Copysign(math.Exp(g.NormFloat64()*5), g.Float64()-0.5)
		check(x, y)
		check(y, x)
	}
	if got := max(math.Inf(1), math.NaN()); !math.IsNaN(got) {
		t.Errorf("max(+Inf, NaN) = %v: the builtin now agrees with math.Max there too", got)
	}
}

// TestStockSaturationWithoutStock: the shortcut for a stock of zero or
// less gives the formula's value bit for bit, and a non-positive
// reference still goes through the formula.
func TestStockSaturationWithoutStock(t *testing.T) {
	formula := func(stock, ref float64) float64 { return 1 - math.Exp(-max(stock, 0)/ref) }
	for _, ref := range []float64{200, math.SmallestNonzeroFloat64, math.Inf(1), 0, -1, math.NaN()} {
		p := DefaultParams()
		p.IntegrationStockRef = ref
		for _, stock := range []float64{0, math.Copysign(0, -1), -1, math.Inf(-1), 1e-300, 5, math.NaN()} {
			got, want := stockSaturation(stock, &p), formula(stock, ref)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("stockSaturation(%v) with ref %v = %v, want %v", stock, ref, got, want)
			}
		}
	}
}

// TestPowerIsPow: power gives math.Pow bit for bit, for exponents on its
// direct path (0 < y < 0.5) and off it, at random and special bases.
func TestPowerIsPow(t *testing.T) {
	g := rand.New(rand.NewPCG(9, 10))
	ys := []float64{0.25, 0.2, math.Nextafter(0.5, 0), math.SmallestNonzeroFloat64, 1e-300,
		0.5, 0, math.Copysign(0, -1), -0.25, 1, 0.75, 2, 2.5, math.NaN(), math.Inf(1), math.Inf(-1)}
	for range 200 {
		ys = append(ys, g.Float64()*0.5)
	}
	xs := append([]float64(nil), specials...)
	xs = append(xs, minRivalRatio, math.Nextafter(1, 0), math.Nextafter(1, 2))
	for range 2000 {
		xs = append(xs, math.Abs(draw(g)))
	}
	for _, y := range ys {
		pw := newPower(y)
		for _, x := range xs {
			got, want := pw.of(x), math.Pow(x, y)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Fatalf("power(%v).of(%v) = %v, math.Pow %v", y, x, got, want)
			}
		}
	}
	if !newPower(0.25).frac || newPower(0.5).frac || newPower(0).frac {
		t.Error("the direct path is for 0 < y < 0.5 only")
	}
}
