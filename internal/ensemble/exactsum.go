package ensemble

import "math"

// exactSum adds floating-point numbers without rounding error: it keeps the
// running total as a list of non-overlapping partials whose exact sum is the
// exact sum of everything added (Shewchuk's adaptive-precision addition), and
// rounds once, at the end. The result is therefore the same whatever the order
// of the additions, which lets workers sum their runs in whatever order the
// scheduler gives them and still produce the same mean.
//
// Reference: Shewchuk (1997), Adaptive precision floating-point arithmetic
// and fast robust geometric predicates, Discrete & Computational Geometry
// 18:305–363 (the GROW-EXPANSION procedure, with Knuth's two-sum).
type exactSum struct {
	partials []float64 // increasing magnitude, non-overlapping
}

// Add adds x, which must be finite and far from overflow.
func (s *exactSum) Add(x float64) {
	k := 0
	for _, p := range s.partials {
		if math.Abs(x) < math.Abs(p) {
			x, p = p, x
		}
		hi := x + p
		lo := p - (hi - x) // the rounding error of hi, exactly (|x| ≥ |p|)
		if lo != 0 {
			s.partials[k] = lo
			k++
		}
		x = hi
	}
	s.partials = append(s.partials[:k], x)
}

// Merge adds every partial of t.
func (s *exactSum) Merge(t *exactSum) {
	for _, p := range t.partials {
		s.Add(p)
	}
}

// Value returns the exact sum rounded to the nearest float64, ties to even.
func (s *exactSum) Value() float64 {
	ps := s.partials
	n := len(ps)
	if n == 0 {
		return 0
	}
	// Add from the largest partial down until a sum is inexact: the
	// partials below it only matter when the rounding error lo is exactly
	// half an ulp of hi and they push the tie one way.
	n--
	hi, lo := ps[n], 0.0
	for n > 0 {
		x := hi
		n--
		hi = x + ps[n]
		lo = ps[n] - (hi - x)
		if lo != 0 {
			break
		}
	}
	if n > 0 && (lo < 0 && ps[n-1] < 0 || lo > 0 && ps[n-1] > 0) {
		// lo is a tie that the smaller partials break away from hi's even
		// neighbour: round toward them instead.
		y := 2 * lo
		if x := hi + y; x-hi == y {
			hi = x
		}
	}
	return hi
}
