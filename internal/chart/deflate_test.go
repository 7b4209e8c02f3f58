package chart

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRowDeflaterGreedy checks rowDeflater's matches against the parse its
// comment specifies, found here by comparing byte by byte: at each position
// of a row not told to repeat the one above, the longest of the match at
// distance one row, the run of the byte before, and (when neither reaches
// minMatch) the last position whose four bytes hashed alike, the first of
// them kept on a tie; a literal when the longest is below minMatch. A chart
// PNG's bytes depend on this parse, so a faster search must find the same.
func TestRowDeflaterGreedy(t *testing.T) {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	img := drawnImage(f)
	chartLen := 1 + 3*img.Bounds().Dx()
	sets := map[string][][]byte{"chart": slices.Collect(slices.Chunk(subFiltered(img), chartLen))}
	g := rand.New(rand.NewPCG(3, 4))
	for _, rowLen := range []int{3, 5, 300, 9000} {
		var rows [][]byte
		for k := range 40 {
			r := make([]byte, rowLen)
			for i := range r {
				switch k % 4 {
				case 0: // random
					r[i] = byte(g.IntN(256))
				case 1: // a few values, runs of them
					r[i] = byte(g.IntN(3))
					if i > 0 && g.IntN(8) > 0 {
						r[i] = r[i-1]
					}
				default: // the row above, changed here and there
					r[i] = rows[k-1][i]
					if g.IntN(50) == 0 {
						r[i] = byte(g.IntN(4))
					}
				}
			}
			rows = append(rows, r)
		}
		sets[string(rune('a'+len(sets)))] = rows
	}
	for name, rows := range sets {
		rowLen := len(rows[0])
		d := newRowDeflater(new(bytes.Buffer), rowLen)
		var all []byte
		table := map[uint32]int{} // hash → the last position looked up there
		for n, row := range rows {
			same := n > 0 && bytes.Equal(row, rows[n-1])
			if err := d.writeRow(row, same); err != nil {
				t.Fatal(err)
			}
			got := slices.Clone(d.tokens)
			d.tokens = d.tokens[:0]
			start := len(all)
			all = append(all, row...)
			if same && rowLen >= minMatch {
				continue // matches of the row above without a search
			}
			var want []uint32
			for p := start; p < len(all); {
				longest := min(len(all)-p, maxMatch)
				count := func(from int) int {
					k := 0
					for k < longest && all[p+k] == all[from+k] {
						k++
					}
					return k
				}
				best, dist := 0, 0
				if rowLen >= minMatch && p >= rowLen {
					best, dist = count(p-rowLen), rowLen
				}
				if p > 0 {
					if k := count(p - 1); k > best {
						best, dist = k, 1
					}
				}
				if best < minMatch && longest >= 4 {
					h := (binary.LittleEndian.Uint32(all[p:]) * 0x1e35a7bd) >> (32 - hashBits)
					if c, ok := table[h]; ok && p-c <= maxDistance {
						if k := count(c); k > best {
							best, dist = k, p-c
						}
					}
					table[h] = p
				}
				if best >= minMatch {
					want = append(want, matchFlag|uint32(best)<<16|uint32(dist))
					p += best
				} else {
					want = append(want, uint32(all[p]))
					p++
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s, row %d: %d tokens, want %d (first difference at %d)", name, n, len(got), len(want), firstDiff(got, want))
			}
		}
	}
}

func firstDiff(a, b []uint32) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
