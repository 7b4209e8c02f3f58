package chart

import (
	"bytes"
	"encoding/binary"
	"io"
	"math/bits"
	"slices"
)

// rowDeflater compresses a PNG's filtered rows as a zlib stream (RFC 1950,
// 1951), for charts. compress/flate at its best speed hashes every
// position to find repeats anywhere in its window and makes new Huffman
// codes for every 64 KB of input, which on a chart's 3.5 MB of rows was a
// quarter of the whole command's time. A chart's repeats are nearly all of
// two kinds, and rowDeflater tries those first at each position: the bytes
// of the row above (distance: a row), which the rows of a background, a
// band or a vertical line repeat, and the byte before (distance 1), which
// a run of one colour repeats once the Sub filter has made it zeros. Only
// where neither gives a match does it look up the last place the next four
// bytes were seen (text, a line's slope), as compress/flate does
// everywhere. A row the caller knows to be the row above is a run of
// matches at once, without comparing bytes, and its checksum comes from
// the last distinct row's sums. Matches are greedy (the longest of the
// candidates, if at least minMatch bytes); a candidate whose next four
// bytes differ is passed over at once, the others are compared eight bytes
// at a time (or by bytes.Equal, for a whole match to the row above), and
// the tokens are coded with Huffman codes made for each block of
// maxBlockTokens tokens.
//
// On the charts of an ensemble it takes half the time of compress/flate
// at its best speed for files 9–14% larger (BenchmarkEncodePNG;
// docs/PERFORMANCE.md); any inflater reads them (TestRowDeflater).
type rowDeflater struct {
	rowLen int    // bytes a row, its filter byte included
	hist   []byte // the stream's last bytes, from offset base on
	base   int
	table  []int32  // by hash of four bytes: 1 + the stream offset they were last seen at
	tokens []uint32 // the current block's: a literal byte, or a match (see matchFlag)
	bw     bitWriter
	// a1, a2 are the Adler-32 sums of the stream so far; r1, r2 those of
	// the last row alone that was not the same as the one before it.
	a1, a2, r1, r2 uint32
}

// Token encoding: a literal is its byte; a match is 1<<31 | length<<16 |
// distance.
const (
	matchFlag      = 1 << 31
	minMatch       = 4
	maxMatch       = 258
	maxBlockTokens = 1 << 16
	maxDistance    = 32768
	hashBits       = 14
)

func newRowDeflater(w io.Writer, rowLen int) *rowDeflater {
	d := new(rowDeflater)
	d.reset(w, rowLen)
	return d
}

// reset starts a new stream of rows of rowLen bytes into w, keeping d's
// buffers, each made as large as the stream will need: the history holds
// at most 4 windows' worth (see writeRow), a block's tokens fewer than
// maxBlockTokens and one row's.
func (d *rowDeflater) reset(w io.Writer, rowLen int) {
	table := d.table
	if table == nil {
		table = make([]int32, 1<<hashBits)
	}
	clear(table)
	*d = rowDeflater{
		rowLen: rowLen,
		hist:   slices.Grow(d.hist[:0], 4*(maxDistance+rowLen)),
		table:  table,
		tokens: slices.Grow(d.tokens[:0], maxBlockTokens+rowLen),
		// The zlib header: deflate with a 32 KiB window, the fastest level.
		bw: bitWriter{w: w, out: append(d.bw.out[:0], 0x78, 0x01)},
		a1: 1,
	}
}

// writeRow adds a row; same says that it is the same as the row before
// (the caller knows from the pixels, so the bytes need not be compared).
func (d *rowDeflater) writeRow(row []byte, same bool) error {
	// Adler-32 (RFC 1950 § 8.2): s1 is 1 plus the sum of the bytes, s2 the
	// sum of s1 after each byte, both modulo 65521; a row's own sums then
	// add to the stream's as below, so a row the same as the one before
	// costs nothing to checksum.
	if !same {
		d.r1, d.r2 = adlerSums(row)
	}
	d.a2 = uint32((uint64(d.a2) + uint64(len(row))*uint64(d.a1) + uint64(d.r2)) % adlerMod)
	d.a1 = (d.a1 + d.r1) % adlerMod
	if keep := maxDistance + d.rowLen; len(d.hist)+len(row) > 4*keep {
		drop := len(d.hist) - keep
		d.hist = d.hist[:copy(d.hist, d.hist[drop:])]
		d.base += drop
	}
	d.hist = append(d.hist, row...)
	h := d.hist
	up := d.rowLen // 0: rows too long (or too short) for a match to the row above
	if up > maxDistance || up < minMatch {
		up = 0
	}
	i := len(h) - len(row)
	if same && up > 0 && i >= up {
		for n := len(row); n > 0; {
			k := min(n, maxMatch)
			if n-k > 0 && n-k < minMatch {
				k = n - minMatch // leave a match's worth for the last token
			}
			d.tokens = append(d.tokens, matchFlag|uint32(k)<<16|uint32(up))
			n -= k
		}
	} else {
		for i < len(h) {
			longest := min(len(h)-i, maxMatch) // no match is longer
			if longest < minMatch {
				d.tokens = append(d.tokens, uint32(h[i]))
				i++
				continue
			}
			// A match is at least minMatch bytes: where the next four
			// bytes differ from a candidate's (most positions of text and
			// slopes), the candidate is passed over without measuring it.
			next := binary.LittleEndian.Uint32(h[i:])
			best, dist := 0, 0
			if up > 0 && i >= up && binary.LittleEndian.Uint32(h[i-up:]) == next {
				// Most matches to the row above are as long as they can
				// be: bytes.Equal, in vector registers, finds those.
				best, dist = longest, up
				if !bytes.Equal(h[i:i+longest], h[i-up:i-up+longest]) {
					best = commonPrefix(h[i:], h[i-up:])
				}
			}
			// A run of h[i-1] is a match at distance 1.
			if best < longest && i > 0 && binary.LittleEndian.Uint32(h[i-1:]) == next {
				if n := runLength(h[i:], h[i-1]); n > best {
					best, dist = n, 1
				}
			}
			if best < minMatch {
				// Anywhere in the window: the last position with the
				// same four bytes.
				k := (next * 0x1e35a7bd) >> (32 - hashBits)
				p := d.base + i
				c := int(d.table[k]) - 1
				d.table[k] = int32(p + 1)
				if c >= d.base && p-c <= maxDistance && binary.LittleEndian.Uint32(h[c-d.base:]) == next {
					best, dist = commonPrefix(h[i:], h[c-d.base:]), p-c
				}
			}
			if best >= minMatch {
				best = min(best, maxMatch)
				d.tokens = append(d.tokens, matchFlag|uint32(best)<<16|uint32(dist))
				i += best
				continue
			}
			d.tokens = append(d.tokens, uint32(h[i]))
			i++
		}
	}
	if len(d.tokens) >= maxBlockTokens {
		return d.block(false)
	}
	return nil
}

// close ends the stream: the last block and the Adler-32 of the data.
func (d *rowDeflater) close() error {
	if err := d.block(true); err != nil {
		return err
	}
	d.bw.align()
	d.bw.out = binary.BigEndian.AppendUint32(d.bw.out, d.a2<<16|d.a1)
	return d.bw.flush()
}

const adlerMod = 65521

// adlerSums returns the Adler-32 sums of p alone, from 0: the sum of its
// bytes and the sum of the running sums after each, modulo 65521.
//
// Eight bytes b0…b7 at a time: s2 grows by 8·s1 + 8·b0 + 7·b1 + … + 1·b7
// and s1 by their sum. The bytes at even and at odd places are spread into
// four 16-bit lanes each, and one multiplication a lane set sums them with
// their weights into its top lane (no lane carries: 255 × 20 < 65536).
func adlerSums(p []byte) (s1, s2 uint32) {
	const (
		lanes = 0x00ff00ff00ff00ff
		ones  = 0x0001000100010001
		evenW = 0x0008000600040002 // b0 (lane 0) ×8, b2 ×6, b4 ×4, b6 ×2, summed in lane 3
		oddW  = 0x0007000500030001 // b1 ×7, b3 ×5, b5 ×3, b7 ×1
	)
	for len(p) > 0 {
		// 5552 bytes at most between reductions keep s2 within 32 bits
		// (zlib's NMAX); whole words, so that no word straddles two.
		q := p[:min(len(p), 5552/8*8)]
		p = p[len(q):]
		// Sixteen bytes at a time, as two words whose sums do not depend
		// on each other: the first word's bytes weigh 8 more each.
		for ; len(q) >= 16; q = q[16:] {
			v, w := binary.LittleEndian.Uint64(q), binary.LittleEndian.Uint64(q[8:])
			e, o := v&lanes, v>>8&lanes
			f, u := w&lanes, w>>8&lanes
			sv, sw := uint32(((e+o)*ones)>>48), uint32(((f+u)*ones)>>48)
			s2 += 16*s1 + 8*sv + uint32((e*evenW)>>48) + uint32((o*oddW)>>48) + uint32((f*evenW)>>48) + uint32((u*oddW)>>48)
			s1 += sv + sw
		}
		for ; len(q) >= 8; q = q[8:] {
			v := binary.LittleEndian.Uint64(q)
			e, o := v&lanes, v>>8&lanes
			s2 += 8*s1 + uint32((e*evenW)>>48) + uint32((o*oddW)>>48)
			s1 += uint32(((e + o) * ones) >> 48)
		}
		for _, b := range q {
			s1 += uint32(b)
			s2 += s1
		}
		s1 %= adlerMod
		s2 %= adlerMod
	}
	return s1, s2
}

// commonPrefix returns how many bytes a and b have in common at their start
// (at most maxMatch).
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b), maxMatch)
	i := 0
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:]); x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for ; i < n && a[i] == b[i]; i++ {
	}
	return i
}

// runLength returns how many bytes at the start of a are c (at most
// maxMatch).
func runLength(a []byte, c byte) int {
	n := min(len(a), maxMatch)
	word := uint64(c) * 0x0101010101010101
	i := 0
	for ; i+8 <= n; i += 8 {
		if x := binary.LittleEndian.Uint64(a[i:]) ^ word; x != 0 {
			return i + bits.TrailingZeros64(x)/8
		}
	}
	for ; i < n && a[i] == c; i++ {
	}
	return i
}

// The length and distance codes of deflate (RFC 1951 § 3.2.5): a code's
// base value and number of extra bits.
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	lengthCode  [maxMatch + 1]uint8 // length → index into lengthBase
)

func init() {
	for c := len(lengthBase) - 1; c >= 0; c-- {
		for l := int(lengthBase[c]); l <= maxMatch && lengthCode[l] == 0; l++ {
			lengthCode[l] = uint8(c)
		}
	}
	lengthCode[maxMatch] = 28
}

// distCode returns the index into distBase of a distance.
func distCode(d int) int {
	if d <= 256 {
		return int(distCodes[d-1])
	}
	return int(distCodes[256+(d-1)>>7])
}

// distCodes are the distance codes of distances 1 to 256 (d−1), and of
// greater distances by (d−1)/128 (zlib's table).
var distCodes [512]uint8

func init() {
	for c := range distBase {
		for d := int(distBase[c]); d < int(distBase[c])+1<<distExtra[c]; d++ {
			if d <= 256 {
				distCodes[d-1] = uint8(c)
			} else {
				distCodes[256+(d-1)>>7] = uint8(c)
			}
		}
	}
}

// block writes the tokens as one block with dynamic Huffman codes.
func (d *rowDeflater) block(last bool) error {
	var litFreq [286]int
	var distFreq [30]int
	for _, t := range d.tokens {
		if t&matchFlag == 0 {
			litFreq[t]++
			continue
		}
		litFreq[257+int(lengthCode[t>>16&0x1ff])]++
		distFreq[distCode(int(t&0xffff))]++
	}
	litFreq[256] = 1 // end of block
	// Two distance codes at least, so that every decoder takes the code.
	distFreq[0] = max(distFreq[0], 1)
	distFreq[1] = max(distFreq[1], 1)
	litLen := huffmanLengths(litFreq[:], 15)
	distLen := huffmanLengths(distFreq[:], 15)
	litCode, distHuff := canonical(litLen), canonical(distLen)

	nlit, ndist := 286, 30
	for nlit > 257 && litLen[nlit-1] == 0 {
		nlit--
	}
	for ndist > 1 && distLen[ndist-1] == 0 {
		ndist--
	}
	// The code lengths, run-length coded (RFC 1951 § 3.2.7).
	lens := append(slices.Clone(litLen[:nlit]), distLen[:ndist]...)
	type clToken struct{ sym, extra, nbits uint8 }
	var cl []clToken
	for i := 0; i < len(lens); {
		v := lens[i]
		run := 1
		for i+run < len(lens) && lens[i+run] == v {
			run++
		}
		switch {
		case v == 0 && run >= 11:
			run = min(run, 138)
			cl = append(cl, clToken{18, uint8(run - 11), 7})
		case v == 0 && run >= 3:
			cl = append(cl, clToken{17, uint8(run - 3), 3})
		case v != 0 && run >= 4:
			run = min(run-1, 6)
			cl = append(cl, clToken{v, 0, 0}, clToken{16, uint8(run - 3), 2})
			run++
		default:
			run = 1
			cl = append(cl, clToken{v, 0, 0})
		}
		i += run
	}
	var clFreq [19]int
	for _, t := range cl {
		clFreq[t.sym]++
	}
	clLen := huffmanLengths(clFreq[:], 7)
	clCode := canonical(clLen)
	order := [19]int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	nclen := 19
	for nclen > 4 && clLen[order[nclen-1]] == 0 {
		nclen--
	}

	b := &d.bw
	b.bits(uint64(boolBit(last)), 1)
	b.bits(2, 2) // dynamic Huffman codes
	b.bits(uint64(nlit-257), 5)
	b.bits(uint64(ndist-1), 5)
	b.bits(uint64(nclen-4), 4)
	for _, s := range order[:nclen] {
		b.bits(uint64(clLen[s]), 3)
	}
	for _, t := range cl {
		b.bits(uint64(clCode[t.sym]), uint(clLen[t.sym]))
		if t.nbits > 0 {
			b.bits(uint64(t.extra), uint(t.nbits))
		}
	}
	for _, t := range d.tokens {
		if t&matchFlag == 0 {
			b.bits(uint64(litCode[t]), uint(litLen[t]))
			continue
		}
		l, dist := int(t>>16&0x1ff), int(t&0xffff)
		lc := int(lengthCode[l])
		b.bits(uint64(litCode[257+lc]), uint(litLen[257+lc]))
		if n := lengthExtra[lc]; n > 0 {
			b.bits(uint64(l-int(lengthBase[lc])), uint(n))
		}
		dc := distCode(dist)
		b.bits(uint64(distHuff[dc]), uint(distLen[dc]))
		if n := distExtra[dc]; n > 0 {
			b.bits(uint64(dist-int(distBase[dc])), uint(n))
		}
	}
	b.bits(uint64(litCode[256]), uint(litLen[256]))
	d.tokens = d.tokens[:0]
	return b.flushFull()
}

func boolBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// huffmanLengths returns the code length of each symbol for a Huffman code
// of the frequencies with no code longer than limit; symbols of frequency
// 0 get none. While the optimal code is too long, the frequencies are
// halved (keeping every used symbol at 1 at least) and it is made again,
// which ends once the code is within the limit: at the latest when every
// frequency is 1, with at most 2^limit symbols used (deflate's alphabets
// are of 286, 30 and 19 symbols, limited to 15, 15 and 7 bits).
func huffmanLengths(freq []int, limit int) []uint8 {
	f := slices.Clone(freq)
	for {
		lens := huffman(f)
		if slices.Max(lens) <= uint8(limit) {
			return lens
		}
		for i, v := range f {
			if v > 0 {
				f[i] = (v + 1) / 2
			}
		}
	}
}

// huffman returns the code lengths of an optimal prefix code for the
// frequencies (two queues over the symbols sorted by frequency). A lone
// symbol gets length 1.
func huffman(freq []int) []uint8 {
	type node struct {
		freq        int
		left, right int // children, -1 for a leaf
		sym         int
	}
	var nodes []node
	var leaves []int
	for s, f := range freq {
		if f > 0 {
			nodes = append(nodes, node{f, -1, -1, s})
			leaves = append(leaves, len(nodes)-1)
		}
	}
	lens := make([]uint8, len(freq))
	if len(leaves) == 1 {
		lens[nodes[0].sym] = 1
		return lens
	}
	slices.SortStableFunc(leaves, func(a, b int) int { return nodes[a].freq - nodes[b].freq })
	var inner []int
	take := func() int {
		if len(inner) == 0 || (len(leaves) > 0 && nodes[leaves[0]].freq <= nodes[inner[0]].freq) {
			n := leaves[0]
			leaves = leaves[1:]
			return n
		}
		n := inner[0]
		inner = inner[1:]
		return n
	}
	for len(leaves)+len(inner) > 1 {
		a, b := take(), take()
		nodes = append(nodes, node{nodes[a].freq + nodes[b].freq, a, b, -1})
		inner = append(inner, len(nodes)-1)
	}
	var walk func(n int, depth uint8)
	walk = func(n int, depth uint8) {
		if nodes[n].left < 0 {
			lens[nodes[n].sym] = depth
			return
		}
		walk(nodes[n].left, depth+1)
		walk(nodes[n].right, depth+1)
	}
	walk(inner[0], 0)
	return lens
}

// canonical returns the canonical Huffman codes of the code lengths
// (RFC 1951 § 3.2.2), bit-reversed for writing least significant bit
// first.
func canonical(lens []uint8) []uint16 {
	var count [16]int
	for _, l := range lens {
		count[l]++
	}
	count[0] = 0
	var next [16]int
	code := 0
	for l := 1; l < 16; l++ {
		code = (code + count[l-1]) << 1
		next[l] = code
	}
	out := make([]uint16, len(lens))
	for s, l := range lens {
		if l > 0 {
			out[s] = bits.Reverse16(uint16(next[l])) >> (16 - l)
			next[l]++
		}
	}
	return out
}

// bitWriter writes bits least significant first, as deflate packs them.
type bitWriter struct {
	w   io.Writer
	acc uint64
	n   uint
	out []byte
	err error
}

func (b *bitWriter) bits(v uint64, n uint) {
	b.acc |= v << b.n
	b.n += n
	if b.n >= 32 {
		b.out = binary.LittleEndian.AppendUint32(b.out, uint32(b.acc))
		b.acc >>= 32
		b.n -= 32
	}
}

// align writes the bits pending, padded with zeros to a whole byte.
func (b *bitWriter) align() {
	for b.n > 0 {
		b.out = append(b.out, byte(b.acc))
		b.acc >>= 8
		b.n = b.n - min(b.n, 8)
	}
	b.acc = 0
}

// flushFull writes the whole bytes written so far, once there are many.
func (b *bitWriter) flushFull() error {
	if len(b.out) < 1<<16 {
		return nil
	}
	return b.flush()
}

func (b *bitWriter) flush() error {
	if b.err == nil {
		_, b.err = b.w.Write(b.out)
	}
	b.out = b.out[:0]
	return b.err
}
