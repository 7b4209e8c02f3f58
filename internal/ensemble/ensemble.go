// Package ensemble runs a scenario many times: Monte Carlo ensembles with
// random risks and uncertain coefficients summarized as bands of quantiles,
// one-at-a-time sensitivity analysis, and sweeps of one or two inputs over a
// range or a grid.
//
// Work is spread over all cores, and nothing a caller sees depends on how
// many: every run's random numbers derive from (seed, run, year) alone
// (model.StreamRule), every run's values go to a place fixed by its index,
// and statistics are computed after all runs, in a fixed order.
package ensemble

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/stat"

	"simulate/model"
)

// Probs are the quantiles reported for every year, subject and indicator.
var Probs = [NumQuantiles]float64{0.05, 0.25, 0.5, 0.75, 0.95}

// NumQuantiles is the number of reported quantiles.
const NumQuantiles = 5

// Indices of Probs.
const (
	P05 = iota
	P25
	P50
	P75
	P95
)

// Stats summarize one series in one year across the runs of an ensemble.
type Stats struct {
	Mean float64
	Q    [NumQuantiles]float64 // at Probs
}

// Bands are an ensemble's statistics over Runs runs: a frame whose cell
// (series i, year Years[t]) summarizes that series in that year across the
// runs.
type Bands struct {
	Runs   int
	Binned bool // too many runs to keep: quantiles from histograms (see Run)
	model.Frame[Stats]
}

// Method says how the quantiles and means were computed, for the manifest.
func (b *Bands) Method() string {
	if b.Binned {
		return fmt.Sprintf("gonum stat.Quantile with stat.Empirical over the runs binned: the first %d runs set each cell's range (their spread, widened by half of it each way) in %d bins, values outside it are kept exactly; each quantile is within half a bin of the exact one, kept within the runs' extremes; mean exact over every run", pilotRuns, numBins)
	}
	return "gonum stat.Quantile with stat.Empirical over every run's value: the smallest value at or above which lie at least p of the runs (Hyndman & Fan type 1); mean over every run"
}

// Replication is one run of an ensemble, as a stream (Options.Encode and
// Write) sees it. It is reused once Write returns.
type Replication struct {
	Run           int
	model.Results                   // the run's values: the same frame as a single run's
	Draws         []model.ParamDraw // the run's uncertain coefficients, in registry order
	Shocks        []model.Event     // the events its risks produced, by year
	// Encoded is for Encode to fill and Write to write; it is handed back
	// empty, with its capacity, for the next run.
	Encoded []byte
}

// Options control how an ensemble runs. The zero value runs sc.Runs runs
// on every core and keeps nothing but the statistics.
type Options struct {
	Runs    int // 0: the scenario's runs
	Workers int // 0: runtime.GOMAXPROCS(0)

	// Write, when set, is called with every run, one at a time in run
	// order; Encode, when set too, is called first for each run,
	// concurrently from the workers, to do the costly part of the work
	// (formatting) in parallel. Together they stream every run to files
	// without holding the runs in memory: at most a few runs per worker
	// wait for their turn.
	Encode func(r *Replication)
	Write  func(r *Replication) error

	// Done, when set, counts the runs finished, for a progress bar.
	Done *atomic.Int64

	// MaxSampleBytes is the most memory that exact quantiles may take
	// before the runs are binned instead; 0: ExactSampleBytes.
	MaxSampleBytes int64
}

// ExactSampleBytes bounds the memory that exact quantiles may take: every
// run's value of every series and year, 8 bytes each. An ensemble that
// would need more bins its values instead (see binned), so that memory
// stays flat however many runs there are.
const ExactSampleBytes = 128 << 20

// Run runs the ensemble and returns its bands.
//
// While every run's values fit in opt.MaxSampleBytes, quantiles are exact:
// the values are kept (8 bytes per series, year and run) and each (series,
// year) cell's order statistics are selected once all runs are done; they
// are stat.Quantile's Empirical quantiles, so every band edge is a value
// some run produced. The mean is taken over the values in run order, so it
// too does not depend on the order in which runs finished.
//
// A larger ensemble keeps the first pilotRuns runs' values, sets each
// cell's histogram range from them, and bins the rest: its quantiles are
// stat.Quantile's Empirical quantiles of the binned values, within half a
// bin (a bin is a 2,048th of the pilot runs' spread) of the exact ones; its means
// are exact. Its memory does not grow with the number of runs, except for
// the rare values outside a cell's range, which are kept exactly.
func Run(sc *model.Scenario, opt Options) (*Bands, error) {
	n := opt.Runs
	if n == 0 {
		n = sc.Runs
	}
	if n < 1 {
		return nil, fmt.Errorf("an ensemble needs at least one run (got %d)", n)
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	e, err := newEngine(sc)
	if err != nil {
		return nil, err
	}
	cells := len(e.series) * len(e.years)
	kept := n // runs whose values are kept
	limit := opt.MaxSampleBytes
	if limit <= 0 {
		limit = ExactSampleBytes
	}
	if float64(cells)*float64(n)*8 > float64(limit) && n > pilotRuns {
		kept = pilotRuns
	}
	e.n, e.kept, e.opt, e.firstErr = n, kept, opt, math.MaxInt
	e.samples = make([]atomic.Pointer[[]float64], cells)
	e.grow = make([]sync.Mutex, cells)
	e.chunk = chunkRuns
	// Run 0 first, alone: its values are what every cell holds until a
	// run differs there.
	w := e.newWorker(1)
	e.base = make([]float64, cells)
	if err := w.run(0, e.base); err != nil {
		return nil, err
	}
	streamDone := make(chan error, 1)
	if opt.Write != nil {
		e.chunk = streamChunkRuns
		e.stream = newStream(workers, e.chunk, opt.Write)
		go func() {
			err := e.stream.drain(n)
			if err != nil {
				e.failed.Store(true)
			}
			streamDone <- err
		}()
	} else {
		streamDone <- nil
	}
	e.phase(0, kept, workers, nil)
	var accs []*binned
	if kept < n && !e.failed.Load() {
		proto := newBinned(e.dense(), kept, cells, e.base)
		accs = make([]*binned, workers)
		for i := range accs {
			accs[i] = proto.empty()
		}
		e.phase(kept, n, workers, accs)
		accs = append(accs, proto) // the pilot runs, binned in run order
	}
	streamErr := <-streamDone
	if e.err != nil {
		return nil, e.err
	}
	if streamErr != nil {
		return nil, streamErr
	}
	if accs != nil {
		return e.binnedBands(accs, workers), nil
	}
	return e.bands(workers), nil
}

// pilotRuns is how many runs of a large ensemble are kept to set the
// histograms' ranges: enough that a shock with a chance of one in a
// thousand a run shows up in them. It is a multiple of both chunk sizes.
const pilotRuns = 2048

// phase runs the runs lo..hi-1 on the workers and waits for them; with
// accs, worker i bins its runs into accs[i] instead of keeping them.
func (e *engine) phase(lo, hi, workers int, accs []*binned) {
	e.next.Store(int64(lo / e.chunk))
	e.end = hi
	var wg sync.WaitGroup
	for i := range workers {
		chunks := 1
		if accs != nil {
			chunks = binChunks
		}
		w := e.newWorker(chunks)
		if accs != nil {
			w.acc = accs[i]
		}
		wg.Go(w.loop)
	}
	wg.Wait()
}

// Runs are handed to workers in chunks of consecutive runs, so that the
// cache lines of a cell's samples of a chunk (8 runs a line) are written by
// one worker, run after run, while they stay in its cache, and never
// shared with the other workers. A streamed ensemble uses small chunks:
// every run of a chunk may wait, encoded, for the writer.
const (
	chunkRuns       = 64
	streamChunkRuns = 8
)

// newEngine prepares sc once for an ensemble's runs: its sampler, its
// model, its series and years, and its scheduled events.
func newEngine(sc *model.Scenario) (*engine, error) {
	sampler, err := model.NewSampler(sc)
	if err != nil {
		return nil, err
	}
	m, err := model.NewModel(sc)
	if err != nil {
		return nil, err
	}
	e := &engine{sc: sc, model: m, sampler: sampler, series: model.SeriesList(), scheduled: m.EventsByYear()}
	e.years = make([]int, sc.Years())
	for t := range e.years {
		e.years[t] = sc.StartYear + t
	}
	return e, nil
}

// engine is one ensemble in progress.
type engine struct {
	sc        *model.Scenario
	model     *model.Model // sc prepared, with its own parameters
	sampler   *model.Sampler
	n         int
	years     []int
	series    []model.Series
	scheduled [][]model.Event
	kept      int // runs whose values are kept in samples: n, or the pilot runs
	// base is run 0's value of every cell (cell = series*len(years)+year,
	// as in a frame). samples[cell] is nil while every kept run so far has
	// given the cell base's value, bit for bit; the first run that gives
	// another gets it the cell's kept runs' values, base's value in all
	// until a run writes its own, so a run writes only the cells where its
	// values differ from base's. Most cells of most scenarios vary in no
	// run (GDP, a policy path): they take neither memory nor writes. A
	// cell's values are side by side because the bands summarize each
	// cell's values across the runs.
	base    []float64
	samples []atomic.Pointer[[]float64]
	grow    []sync.Mutex // grow[c] is held while cell c's samples are made
	opt     Options
	stream  *stream
	chunk   int // runs per chunk

	next   atomic.Int64 // the next chunk to start
	end    int          // the run after the current phase's last
	failed atomic.Bool

	mu       sync.Mutex
	err      error // of the lowest run that failed
	firstErr int
}

// fail records run's error; the error of the lowest failing run wins, so
// the message does not depend on scheduling.
func (e *engine) fail(run int, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if run < e.firstErr {
		e.firstErr, e.err = run, err
	}
	e.failed.Store(true)
}

// worker runs chunks of replications one after another with its own
// buffers.
type worker struct {
	e  *engine
	sc model.Scenario // the scenario with this run's coefficients
	// values are the frames of the chunk's runs, one after another (run
	// j's is values[j*cells:(j+1)*cells]), after those of the chunks
	// waiting to be binned (binChunks chunks at most). rec is the frame
	// being recorded, over the current run's part of values.
	values []float64
	rec    model.Results
	draws  []model.ParamDraw
	shocks []model.Event
	events []model.Event
	acc    *binned        // where this worker bins its runs; nil: keep them in samples
	chunks []int          // the runs of each chunk waiting in values to be binned
	later  []int          // keep's scratch
	model  model.Model    // the model of the run's drawn coefficients
	states [2]model.State // the run loop's
}

// newWorker returns a worker with room for the given number of chunks'
// runs.
func (e *engine) newWorker(chunks int) *worker {
	w := &worker{e: e, sc: *e.sc, values: make([]float64, chunks*e.chunk*len(e.series)*len(e.years))}
	w.rec.Years, w.rec.Series = e.years, e.series
	return w
}

func (w *worker) loop() {
	e := w.e
	cells := len(e.series) * len(e.years)
	for !e.failed.Load() {
		if e.stream != nil {
			e.stream.acquire()
		}
		r0 := int(e.next.Add(1)-1) * e.chunk
		if r0 >= e.end {
			if e.stream != nil {
				e.stream.release()
			}
			w.flush()
			return
		}
		r1 := min(r0+e.chunk, e.end)
		held := w.held() // runs of earlier chunks waiting to be binned
		for r := r0; r < r1; r++ {
			// The chunk's runs are recorded side by side, after those
			// waiting to be binned, and then binned or copied to their
			// samples together.
			j := held + r - r0
			vals := w.values[j*cells : (j+1)*cells]
			if err := w.run(r, vals); err != nil {
				e.fail(r, err)
				if e.stream != nil {
					e.stream.abort()
				}
				return
			}
			if e.stream != nil {
				rep := e.stream.replication()
				rep.Run, rep.Years, rep.Series = r, e.years, e.series
				rep.Values = append(rep.Values[:0], vals...)
				rep.Draws = append(rep.Draws[:0], w.draws...)
				rep.Shocks = append(rep.Shocks[:0], w.shocks...)
				if e.opt.Encode != nil {
					e.opt.Encode(rep)
				}
				e.stream.put(rep)
			}
			if e.opt.Done != nil {
				e.opt.Done.Add(1)
			}
		}
		if w.acc != nil {
			w.chunks = append(w.chunks, r1-r0)
			if len(w.chunks) == binChunks {
				w.flush()
			}
		} else {
			e.keep(w.values[:(r1-r0)*cells], r0, r1-r0, &w.later)
		}
	}
}

// binChunks is how many chunks a worker bins together: a cell's histogram
// (16 kB) then takes 512 values at a visit instead of 64, so that the
// cache lines it brings in serve several values each.
const binChunks = 8

// held returns how many runs wait in w.values to be binned.
func (w *worker) held() int {
	n := 0
	for _, k := range w.chunks {
		n += k
	}
	return n
}

// flush bins the runs waiting in w.values.
func (w *worker) flush() {
	if n := w.held(); n > 0 {
		w.acc.add(w.values[:n*len(w.e.base)], w.chunks, w.e.base)
	}
	w.chunks = w.chunks[:0]
}

// keep copies the frames of the runs r0..r0+k-1, side by side in vals, to
// their samples, where some run's value differs from base's (see
// engine.samples). It goes a tile of keepTile neighbouring cells at a time,
// a cache line of each run's frame: first which of the tile's cells differ
// from base in some run, then each of those cells' k values, read from the
// tile's lines (in the cache since differing read them) and written in one
// sequential stretch. A cell whose samples another worker is making (at
// the start of an ensemble, where most cells are made, the workers come to
// the same cells at once) is left until the rest are copied, so that the
// worker does not wait for the other; later holds those cells.
func (e *engine) keep(vals []float64, r0, k int, later *[]int) {
	cells := len(e.base)
	for c0 := 0; c0 < cells; c0 += keepTile {
		base := e.base[c0:min(c0+keepTile, cells)]
		differ := differing(vals[c0:], cells, k, base)
		for differ != 0 {
			i := bits.TrailingZeros(differ)
			differ &^= 1 << i
			x, ok := e.trySamples(c0 + i)
			if !ok {
				*later = append(*later, c0+i)
				continue
			}
			copyCell(x[r0:r0+k], vals[c0+i:], cells)
		}
	}
	for _, c := range *later {
		copyCell(e.cellSamples(c)[r0:r0+k], vals[c:], cells)
	}
	*later = (*later)[:0]
}

// copyCell sets dst[j] to src[j*stride]: a cell's values in consecutive
// runs from their frames.
func copyCell(dst, src []float64, stride int) {
	for j := range dst {
		dst[j] = src[j*stride]
	}
}

// keepTile is how many neighbouring cells keep handles together: a cache
// line of float64s.
const keepTile = 8

// differing returns the set of the cells of base (bit i for base[i]) whose
// value, bit for bit, differs in some of k runs: run j's values of the
// cells are vals[j*stride:][:len(base)]. A whole tile is compared without
// a branch (the bits that differ, or'ed over the runs, in eight
// registers), since a cell that varies differs from base in one run in
// two or ten, at random.
func differing(vals []float64, stride, k int, base []float64) uint {
	bits := math.Float64bits
	var differ uint
	if len(base) == keepTile {
		b0, b1, b2, b3 := bits(base[0]), bits(base[1]), bits(base[2]), bits(base[3])
		b4, b5, b6, b7 := bits(base[4]), bits(base[5]), bits(base[6]), bits(base[7])
		var d0, d1, d2, d3, d4, d5, d6, d7 uint64
		for o := 0; o < k*stride; o += stride {
			row := vals[o : o+keepTile]
			d0 |= bits(row[0]) ^ b0
			d1 |= bits(row[1]) ^ b1
			d2 |= bits(row[2]) ^ b2
			d3 |= bits(row[3]) ^ b3
			d4 |= bits(row[4]) ^ b4
			d5 |= bits(row[5]) ^ b5
			d6 |= bits(row[6]) ^ b6
			d7 |= bits(row[7]) ^ b7
		}
		for i, d := range [keepTile]uint64{d0, d1, d2, d3, d4, d5, d6, d7} {
			if d != 0 {
				differ |= 1 << i
			}
		}
		return differ
	}
	for j := range k {
		for i, v := range vals[j*stride:][:len(base)] {
			if bits(v) != bits(base[i]) {
				differ |= 1 << i
			}
		}
	}
	return differ
}

// cellSamples returns cell c's kept values, making them (base's value in
// every run) if no run has written there yet.
func (e *engine) cellSamples(c int) []float64 {
	if x := e.samples[c].Load(); x != nil {
		return *x
	}
	e.grow[c].Lock()
	defer e.grow[c].Unlock()
	return e.makeSamples(c)
}

// trySamples is cellSamples unless another worker is making cell c's
// samples: then it returns false at once.
func (e *engine) trySamples(c int) ([]float64, bool) {
	if x := e.samples[c].Load(); x != nil {
		return *x, true
	}
	if !e.grow[c].TryLock() {
		return nil, false
	}
	defer e.grow[c].Unlock()
	return e.makeSamples(c), true
}

// makeSamples returns cell c's kept values, made if they are not yet; the
// caller holds grow[c].
func (e *engine) makeSamples(c int) []float64 {
	if x := e.samples[c].Load(); x != nil {
		return *x
	}
	x := make([]float64, e.kept)
	x[0] = e.base[c]
	for n := 1; n < len(x); n *= 2 {
		copy(x[n:], x[:n]) // base's value doubled over the runs
	}
	e.samples[c].Store(&x)
	return x
}

// dense returns every cell's kept values, cell by cell
// (values[cell*kept+run]).
func (e *engine) dense() []float64 {
	out := make([]float64, len(e.base)*e.kept)
	for c, b := range e.base {
		x := out[c*e.kept : (c+1)*e.kept]
		if s := e.samples[c].Load(); s != nil {
			copy(x, *s)
			continue
		}
		for r := range x {
			x[r] = b
		}
	}
	return out
}

// run computes replication r into vals, a frame's values.
func (w *worker) run(r int, vals []float64) error {
	e := w.e
	w.sc.Params = e.sc.Params
	w.draws = e.sampler.Draw(&w.sc.Params, r, w.draws[:0])
	w.shocks = w.shocks[:0]
	m := e.model
	if len(w.draws) > 0 {
		e.model.ForParamsInto(&w.model, &w.sc) // the scenario's paths, evaluated once
		m = &w.model
	}
	w.rec.Values = vals
	m.SimulateIn(&w.states, func(t int) []model.Event {
		w.events = append(w.events[:0], e.scheduled[t]...)
		k := len(w.events)
		w.events = w.sc.Shocks(w.events, r, e.years[t])
		w.shocks = append(w.shocks, w.events[k:]...)
		return w.events
	}, w.rec.Record)
	if err := w.rec.Check(); err != nil {
		return fmt.Errorf("run %d: %w", r, err)
	}
	return nil
}

// bands computes every cell's statistics from its samples, spreading the
// cells over the workers.
func (e *engine) bands(workers int) *Bands {
	return e.summarizeCells(workers, false, func() func(c int) Stats {
		keys := make([]uint64, e.n)
		sel := new(selector)
		return func(c int) Stats {
			if x := e.samples[c].Load(); x != nil {
				return summarize(*x, keys, sel)
			}
			return constant(e.base[c])
		}
	})
}

// summarizeCells returns the bands whose every cell's statistics a
// summarizer computes, spreading the cells over the workers; each worker
// gets its own summarizer (and scratch) from newSummarizer.
func (e *engine) summarizeCells(workers int, binned bool, newSummarizer func() func(c int) Stats) *Bands {
	b := &Bands{Runs: e.n, Binned: binned, Frame: model.NewFrame[Stats](e.series, e.years[0], len(e.years))}
	flat := b.Values
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			summarize := newSummarizer()
			for c := int(next.Add(1) - 1); c < len(flat); c = int(next.Add(1) - 1) {
				flat[c] = summarize(c)
			}
		})
	}
	wg.Wait()
	return b
}

// summarize returns the mean and quantiles of x, a cell's values in run
// order; keys is scratch as long as x. The mean is stat.Mean over the runs
// in run order, so it does not depend on how runs were spread over
// workers. Each quantile is stat.Quantile(p, stat.Empirical, x sorted, nil),
// found by selection instead of a sort: the order statistic at
// empiricalRank, which is the value that search returns
// (TestSelectQuantiles). A cell that no risk or draw moves (GDP, a policy
// path) has one value in every run and skips the selection.
func summarize(x []float64, keys []uint64, sel *selector) Stats {
	if same(x) {
		return constant(x[0])
	}
	s := Stats{Mean: stat.Mean(x, nil)}
	var ranks [NumQuantiles]int
	for k, p := range Probs {
		ranks[k] = empiricalRank(p, len(x))
	}
	var q [NumQuantiles]uint64
	sel.selectFloats(x, keys, ranks[:], q[:])
	for k := range q {
		s.Q[k] = keyFloat(q[k])
	}
	return s
}

// constant returns the statistics of a cell whose every run has the value
// v.
func constant(v float64) Stats {
	s := Stats{Mean: v}
	for k := range s.Q {
		s.Q[k] = v
	}
	return s
}

// same reports whether every value of x is x[0].
func same(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}
