package model

import (
	"math/bits"
	"math/rand/v2"
)

// pcgMul and pcgInc are math/rand/v2's PCG constants: each number the
// generator gives first advances its 128-bit state s to s·pcgMul + pcgInc
// (mod 2^128), then outputs a function of the new state. TestPCGJump checks
// them against rand.PCG.
const (
	pcgMulHi = 2549297995355413924
	pcgMulLo = 4865540595714422341
	pcgIncHi = 6364136223846793005
	pcgIncLo = 1442695040888963407
)

// pcgJump passes over a fixed number of a PCG generator's numbers at once.
// k steps of s ← s·mul + inc are one affine map s ← s·mul^k +
// inc·(mul^(k−1) + … + mul + 1), the same for every state, so a run can go
// straight to the numbers it uses instead of drawing the ones between.
//
// References: Brown (1994), Random number generation with arbitrary
// strides, Transactions of the American Nuclear Society 71.
type pcgJump struct{ mulHi, mulLo, addHi, addLo uint64 }

// newPCGJump returns the jump over k numbers.
func newPCGJump(k int) pcgJump {
	j := pcgJump{mulLo: 1} // no step: s·1 + 0
	for range k {
		j.mulHi, j.mulLo = mul128(j.mulHi, j.mulLo, pcgMulHi, pcgMulLo)
		j.addHi, j.addLo = mul128(j.addHi, j.addLo, pcgMulHi, pcgMulLo)
		j.addHi, j.addLo = add128(j.addHi, j.addLo, pcgIncHi, pcgIncLo)
	}
	return j
}

// from returns the generator whose state is the jump applied to the state
// (hi, lo), as rand.PCG's Seed sets it.
func (j pcgJump) from(hi, lo uint64) rand.PCG {
	hi, lo = mul128(hi, lo, j.mulHi, j.mulLo)
	hi, lo = add128(hi, lo, j.addHi, j.addLo)
	var g rand.PCG
	g.Seed(hi, lo)
	return g
}

// mul128 returns a·b mod 2^128, each as its high and low words.
func mul128(aHi, aLo, bHi, bLo uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(aLo, bLo)
	hi += aHi*bLo + aLo*bHi
	return hi, lo
}

// add128 returns a + b mod 2^128, each as its high and low words.
func add128(aHi, aLo, bHi, bLo uint64) (hi, lo uint64) {
	lo, c := bits.Add64(aLo, bLo, 0)
	hi, _ = bits.Add64(aHi, bHi, c)
	return hi, lo
}
