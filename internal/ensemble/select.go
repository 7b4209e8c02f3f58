package ensemble

import (
	"math"
	"math/bits"
	"slices"
)

// floatKey maps a float64 to a uint64 that orders as the number does: the
// sign bit flipped for a positive number, every bit flipped for a negative
// one (Herf 2001, Radix tricks). −0 orders just below +0, as a radix sort on
// the bits would put it.
func floatKey(v float64) uint64 {
	u := math.Float64bits(v)
	if u>>63 == 1 {
		return ^u
	}
	return u | 1<<63
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	if k>>63 == 1 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

// empiricalRank returns the index, in x sorted, of stat.Quantile(p,
// stat.Empirical, x, nil) for n values: gonum walks the sorted values
// counting 1, 2, … and returns the first whose count reaches p·n, so the
// index is ⌈p·n⌉ − 1, and 0 when p·n ≤ 1. p·n is the same floating-point
// product gonum forms.
func empiricalRank(p float64, n int) int {
	fidx := p * float64(n)
	return max(int(math.Ceil(fidx)), 1) - 1
}

// selectRanks rearranges keys so that for every index r in ranks (sorted
// increasingly) keys[r] is the value a full sort would put there: the
// order statistics of the ranks, by quickselect on every part of the range
// that still holds a wanted rank (Hoare 1961, Find). A part is split three
// ways around a median-of-three pivot, so runs of equal keys (a cell where
// most runs saw no shock) end at once; a part that splits badly too often
// is sorted instead, so the worst case stays O(n log n). For the five
// quantiles of the bands it costs a few passes over the keys where a sort
// costs one pass per distinct byte.
//
// References: Hoare (1961), Algorithm 65: Find; Musser (1997), Introspective
// sorting and selection algorithms.
func selectRanks(keys []uint64, ranks []int) {
	selectIn(keys, 0, ranks, 2*bits.Len(uint(len(keys))))
}

// selectIn is selectRanks on keys, a part of the whole starting at index
// base; ranks are indices into the whole, all within the part; depth is
// how many more splits the part may take before it is sorted.
func selectIn(keys []uint64, base int, ranks []int, depth int) {
	for len(ranks) > 0 && len(keys) > 1 {
		if len(keys) <= 16 || depth == 0 {
			slices.Sort(keys)
			return
		}
		depth--
		lt, gt := partition3(keys)
		// keys[:lt] < pivot, keys[lt:gt] == pivot, keys[gt:] > pivot.
		i := 0
		for i < len(ranks) && ranks[i]-base < lt {
			i++
		}
		j := i
		for j < len(ranks) && ranks[j]-base < gt {
			j++
		}
		below, above := ranks[:i], ranks[j:]
		// Recurse into the smaller side that holds ranks, loop on the other.
		switch {
		case len(below) == 0:
			keys, base, ranks = keys[gt:], base+gt, above
		case len(above) == 0:
			keys, ranks = keys[:lt], below
		default:
			selectIn(keys[gt:], base+gt, above, depth)
			keys, ranks = keys[:lt], below
		}
	}
}

// partition3 splits keys around the median of its first, middle and last
// key (Dijkstra's three-way partition) and returns lt and gt with
// keys[:lt] below the pivot, keys[lt:gt] equal to it and keys[gt:] above.
func partition3(keys []uint64) (lt, gt int) {
	n := len(keys)
	a, b, c := keys[0], keys[n/2], keys[n-1]
	pivot := max(min(a, b), min(max(a, b), c))
	lt, gt = 0, n
	for i := 0; i < gt; {
		switch k := keys[i]; {
		case k < pivot:
			keys[i], keys[lt] = keys[lt], k
			lt++
			i++
		case k > pivot:
			gt--
			keys[i], keys[gt] = keys[gt], k
		default:
			i++
		}
	}
	return lt, gt
}
