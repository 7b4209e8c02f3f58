package ensemble

import "math"

// sortFloats sorts x, which holds no NaN, in increasing order, using keys
// and tmp (each as long as x) as scratch.
//
// It is a least-significant-digit radix sort on the numbers' bits, a byte at
// a time: a float64 whose sign bit is flipped (a positive number) or whose
// bits are all flipped (a negative one) orders as an unsigned integer the
// way the number orders. A byte that every key shares (the sign and high
// exponent bits, for values of one magnitude) costs one counting pass and no
// moves. For the 10,000 values of a cell it is several times faster than a
// comparison sort, whose branches a random order defeats; the bands'
// quantiles are the same (TestSortFloats compares it with slices.Sort).
//
// References: Knuth, The Art of Computer Programming, vol. 3, §5.2.5;
// Herf (2001), Radix tricks (the bit flips for floating point).
func sortFloats(x []float64, keys, tmp []uint64) {
	n := len(x)
	keys, tmp = keys[:n], tmp[:n]
	for i, v := range x {
		u := math.Float64bits(v)
		if u>>63 == 1 {
			u = ^u
		} else {
			u |= 1 << 63
		}
		keys[i] = u
	}
	for shift := 0; shift < 64 && n > 1; shift += 8 {
		var count [256]int
		for _, k := range keys {
			count[byte(k>>shift)]++
		}
		if count[byte(keys[0]>>shift)] == n {
			continue // every key has this byte: the order stands
		}
		pos := 0
		for d, c := range count {
			count[d] = pos
			pos += c
		}
		for _, k := range keys {
			d := byte(k >> shift)
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	for i, k := range keys {
		if k>>63 == 1 {
			k &^= 1 << 63
		} else {
			k = ^k
		}
		x[i] = math.Float64frombits(k)
	}
}
