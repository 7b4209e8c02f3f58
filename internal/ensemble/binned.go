package ensemble

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// numBins is the number of bins of each cell's histogram. A cell's range is
// the pilot runs' spread widened by half of it each way, so a bin is a
// 2,048th of that spread and a binned quantile (the middle of its bin) is
// within a 4,096th of it from the exact one.
const numBins = 4096

// binned is the histogram of a large ensemble's values, cell by cell (cell
// = series*len(years)+year), with what the histogram loses kept exactly:
// each cell's extremes, the values that fall outside its range, and the
// sum of its values. Counts and extremes do not depend on the order in
// which runs are added, sums are exact (exactSum) and outliers are sorted
// before use, so the bands do not depend on how runs were spread over
// workers.
type binned struct {
	lo, width []float64   // each cell's histogram starts at lo, bins width wide
	counts    []uint32    // counts[cell*numBins+bin]
	under     [][]float64 // values below a cell's range
	over      [][]float64 // values at or above its top
	min, max  []float64
	sums      []exactSum
	runs      int
}

// newBinned sets the cells' ranges from the kept runs' values (samples, by
// cell, kept runs a cell) and bins those runs; base is a value of every
// cell, as add takes it.
func newBinned(samples []float64, kept, cells int, base []float64) *binned {
	b := &binned{lo: make([]float64, cells), width: make([]float64, cells)}
	for c := range cells {
		x := samples[c*kept : (c+1)*kept]
		lo, hi := slices.Min(x), slices.Max(x)
		spread := hi - lo
		if spread == 0 { // one value so far: a narrow range around it
			spread = math.Max(math.Abs(lo)*1e-9, 1e-12)
		}
		b.lo[c] = lo - spread/2
		b.width[c] = 2 * spread / numBins
	}
	b = b.empty()
	// Bin the kept runs a chunk at a time, laid out as the workers' are.
	vals := make([]float64, chunkRuns*cells)
	for r0 := 0; r0 < kept; r0 += chunkRuns {
		r1 := min(r0+chunkRuns, kept)
		for c := range cells {
			for j := range r1 - r0 {
				vals[j*cells+c] = samples[c*kept+r0+j]
			}
		}
		b.add(vals[:(r1-r0)*cells], []int{r1 - r0}, base)
	}
	return b
}

// empty returns a histogram with b's ranges and nothing in it.
func (b *binned) empty() *binned {
	cells := len(b.lo)
	e := &binned{
		lo: b.lo, width: b.width,
		counts: make([]uint32, cells*numBins),
		under:  make([][]float64, cells),
		over:   make([][]float64, cells),
		min:    make([]float64, cells),
		max:    make([]float64, cells),
		sums:   make([]exactSum, cells),
	}
	for c := range cells {
		e.min[c], e.max[c] = math.Inf(1), math.Inf(-1)
	}
	return e
}

// add bins chunks of runs, chunks[i] runs in the i-th: vals holds run j's
// cell c at j*cells+c, the chunks' runs one after another. Each chunk's
// sum of a cell is added in run order, and exactly from there on, so the
// sums do not depend on which chunks are binned together. base is a value
// of every cell (run 0's): a cell that has base's value in every run, as
// most cells do, is binned once for all of them.
func (b *binned) add(vals []float64, chunks []int, base []float64) {
	cells := len(b.lo)
	runs := 0
	for _, k := range chunks {
		runs += k
	}
	for c0 := 0; c0 < cells; c0 += keepTile {
		tile := base[c0:min(c0+keepTile, cells)]
		differ := differing(vals[c0:], cells, runs, tile)
		for i := range tile {
			c := c0 + i
			if differ&(1<<i) == 0 {
				b.addSame(c, tile[i], chunks)
				continue
			}
			for j := range runs {
				b.bin(c, vals[j*cells+c], 1)
			}
			j := 0
			for _, k := range chunks {
				sum := 0.0
				for range k {
					sum += vals[j*cells+c]
					j++
				}
				b.sums[c].Add(sum)
			}
		}
	}
	b.runs += runs
}

// bin adds the value v of n runs to cell c's histogram (or its outliers)
// and extremes.
func (b *binned) bin(c int, v float64, n int) {
	b.min[c], b.max[c] = math.Min(b.min[c], v), math.Max(b.max[c], v)
	k := math.Floor((v - b.lo[c]) / b.width[c])
	switch {
	case k < 0:
		for range n {
			b.under[c] = append(b.under[c], v)
		}
	case k >= numBins:
		for range n {
			b.over[c] = append(b.over[c], v)
		}
	default:
		b.counts[c*numBins+int(k)] += uint32(n)
	}
}

// addSame adds the value v of every run of the chunks to cell c: binned
// once, counted for every run, each chunk's sum added as add adds it.
func (b *binned) addSame(c int, v float64, chunks []int) {
	runs := 0
	for _, k := range chunks {
		sum := 0.0
		for range k {
			sum += v
		}
		b.sums[c].Add(sum)
		runs += k
	}
	b.bin(c, v, runs)
}

// merge adds o's runs to b.
func (b *binned) merge(o *binned) {
	for i, n := range o.counts {
		b.counts[i] += n
	}
	for c := range b.lo {
		b.under[c] = append(b.under[c], o.under[c]...)
		b.over[c] = append(b.over[c], o.over[c]...)
		b.min[c], b.max[c] = math.Min(b.min[c], o.min[c]), math.Max(b.max[c], o.max[c])
		b.sums[c].Merge(&o.sums[c])
	}
	b.runs += o.runs
}

// stats returns cell c's mean and quantiles: the Empirical quantiles of its
// outliers and bin middles, weighted by their counts, kept within the
// cell's extremes. x and w are scratch, kept for the next cell.
func (b *binned) stats(c int, xp, wp *[]float64) Stats {
	under, over := b.under[c], b.over[c]
	slices.Sort(under)
	slices.Sort(over)
	x, w := (*xp)[:0], (*wp)[:0]
	defer func() { *xp, *wp = x, w }()
	for _, v := range under {
		x, w = append(x, v), append(w, 1)
	}
	for k, n := range b.counts[c*numBins : (c+1)*numBins] {
		if n > 0 {
			x, w = append(x, b.lo[c]+(float64(k)+0.5)*b.width[c]), append(w, float64(n))
		}
	}
	for _, v := range over {
		x, w = append(x, v), append(w, 1)
	}
	s := Stats{Mean: b.sums[c].Value() / float64(b.runs)}
	for k, p := range Probs {
		s.Q[k] = math.Min(math.Max(stat.Quantile(p, stat.Empirical, x, w), b.min[c]), b.max[c])
	}
	return s
}

// binnedBands merges the workers' histograms, in a fixed order, and
// computes every cell's statistics, spreading the cells over the workers.
func (e *engine) binnedBands(accs []*binned, workers int) *Bands {
	all := accs[0]
	for _, o := range accs[1:] {
		all.merge(o)
	}
	return e.summarizeCells(workers, true, func() func(c int) Stats {
		var x, w []float64
		return func(c int) Stats { return all.stats(c, &x, &w) }
	})
}
