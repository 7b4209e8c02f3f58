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
	// The sign spread over every bit, and the sign bit alone: a mask with
	// no branch, since a cell may hold numbers of both signs at random.
	return u ^ (uint64(int64(u)>>63) | 1<<63)
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

// selectBits is how many bits of a key each pass of selectRanks sorts by:
// a pass counts the keys in 2^selectBits buckets.
const selectBits = 11

// selector finds order statistics of keys; its scratch is kept from one
// cell to the next.
type selector struct {
	counts [1 << selectBits]int32
	part   [1 << selectBits]int8 // 1 + the part a wanted bucket's keys go to; 0: not wanted
	tmp    []uint64
}

// selectRanks sets out[i] to the key that a full sort of keys would put at
// index ranks[i], for at most NumQuantiles ranks, sorted increasingly. It
// rearranges keys. It is a radix selection, most significant bits first:
// a pass counts the keys in buckets of equal width between their least
// and greatest key, keeps only the buckets that hold a wanted rank (at
// most one per rank) and goes on inside each of them, so each pass narrows
// the keys' range by selectBits bits, and a bucket of one key value ends
// at once. The first pass reads every key three times (least and
// greatest, which selectFloats finds as it makes the keys, counts, the
// wanted buckets' keys gathered); later passes read
// only the gathered keys, a few in a bucket of thousands. Ties cost
// nothing (a cell where most runs saw no shock), and no input costs more
// than six passes over the keys: it is linear in the keys, whatever their
// order.
//
// References: Knuth, TAOCP vol. 3, §5.2.5 (radix sorting, most significant
// digit first); Herf (2001), Radix tricks, for the keys.
func (s *selector) selectRanks(keys []uint64, ranks []int, out []uint64) {
	if cap(s.tmp) < len(keys) {
		s.tmp = make([]uint64, len(keys))
	}
	s.selectIn(keys, 0, ranks, out)
}

// selectFloats is selectRanks on the keys of x (floatKey), which it writes
// to keys, finding their least and greatest as it goes, so that the
// first pass need not read them for that.
func (s *selector) selectFloats(x []float64, keys []uint64, ranks []int, out []uint64) {
	keys = keys[:len(x)]
	lo, hi := uint64(math.MaxUint64), uint64(0)
	for i, v := range x {
		k := floatKey(v)
		keys[i] = k
		lo, hi = min(lo, k), max(hi, k)
	}
	if cap(s.tmp) < len(keys) {
		s.tmp = make([]uint64, len(keys))
	}
	if len(keys) <= 32 {
		s.selectIn(keys, 0, ranks, out)
		return
	}
	s.selectBetween(keys, 0, ranks, out, lo, hi)
}

// selectIn is selectRanks on keys, a part of the whole starting at index
// base; ranks are indices into the whole, all within the part.
func (s *selector) selectIn(keys []uint64, base int, ranks []int, out []uint64) {
	if len(keys) <= 32 {
		slices.Sort(keys)
		for i, r := range ranks {
			out[i] = keys[r-base]
		}
		return
	}
	lo, hi := keys[0], keys[0]
	for _, k := range keys {
		lo, hi = min(lo, k), max(hi, k)
	}
	s.selectBetween(keys, base, ranks, out, lo, hi)
}

// selectBetween is selectIn on more than 32 keys whose least is lo and
// greatest hi.
func (s *selector) selectBetween(keys []uint64, base int, ranks []int, out []uint64, lo, hi uint64) {
	if lo == hi {
		for i := range ranks {
			out[i] = lo
		}
		return
	}
	shift := uint(max(bits.Len64(hi-lo)-selectBits, 0))
	used := int((hi-lo)>>shift) + 1
	countBuckets(keys, &s.counts, lo, shift)
	counts := s.counts[:used]
	// The buckets that hold a wanted rank, in order: part j is bucket
	// parts[j], its keys from index start (in keys sorted) on, and it holds
	// ranks[first[j]:first[j+1]].
	type part struct{ bucket, start, n, first, last int }
	var parts [NumQuantiles]part
	np, i, start := 0, 0, 0
	for b, c := range counts {
		end := start + int(c)
		if i < len(ranks) && ranks[i]-base < end {
			p := part{bucket: b, start: start, n: int(c), first: i}
			for i < len(ranks) && ranks[i]-base < end {
				i++
			}
			p.last = i
			parts[np] = p
			np++
			s.part[b] = int8(np)
		}
		start = end
	}
	clear(counts)
	// Gather the wanted buckets' keys, part after part, and go on in each.
	var at [NumQuantiles]int
	n := 0
	for j := range np {
		at[j] = n
		n += parts[j].n
	}
	gatherBuckets(keys, s.tmp, &s.part, &at, lo, shift)
	copy(keys, s.tmp[:n])
	for _, p := range parts[:np] {
		s.part[p.bucket] = 0
	}
	n = 0
	for _, p := range parts[:np] {
		s.selectIn(keys[n:n+p.n], base+p.start, ranks[p.first:p.last], out[p.first:p.last])
		n += p.n
	}
}

// The passes over every key, each a function of its own: inlined into
// selectBetween, they compile to fewer instructions a key than the same
// loops written there, whose many variables kept the loops' own on the
// stack. A key's bucket, (k-lo)>>shift, is below 2^selectBits; the mask,
// which changes no bucket, lets the compiler drop the bounds check of
// every key's access to the tables.
const bucketMask = 1<<selectBits - 1

// countBuckets adds to counts each key's bucket.
func countBuckets(keys []uint64, counts *[1 << selectBits]int32, lo uint64, shift uint) {
	for _, k := range keys {
		counts[(k-lo)>>shift&bucketMask]++
	}
}

// gatherBuckets copies to tmp the keys of the wanted buckets (part[b] =
// 1 + the part that bucket b's keys go to, 0 for a bucket not wanted), the
// keys of part j from tmp[at[j]] on; it advances at past them.
func gatherBuckets(keys, tmp []uint64, part *[1 << selectBits]int8, at *[NumQuantiles]int, lo uint64, shift uint) {
	for _, k := range keys {
		if j := part[(k-lo)>>shift&bucketMask]; j != 0 {
			tmp[at[j-1]] = k
			at[j-1]++
		}
	}
}
