package chart

import (
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// fitText's bisection keeps the same text as cutting one character at a
// time would: the longest prefix whose cut, with "…", fits.
func TestFitTextBisectionKeepsLongestPrefix(t *testing.T) {
	sty := textStyle(22, black, true)
	text := strings.Repeat("Alliance cohesion — ROK 3.5% of GDP, 2035 ", 20)
	for _, width := range []vg.Length{5, 40, 100, 333, 500, 1200} {
		got, s := fitText(sty, text, width)
		r := []rune(text)
		for len(r) > 1 && got.Width(string(r)+"…") > width {
			r = r[:len(r)-1]
		}
		if want := strings.TrimRight(string(r), " ") + "…"; s != want {
			t.Errorf("width %v: got %q, want %q", width, s, want)
		}
		if width >= 40 && got.Width(s) > width {
			t.Errorf("width %v: %q is %v wide", width, s, got.Width(s))
		}
	}
}

// BenchmarkFitTextLong fits a 4,400-character title into a figure's width.
func BenchmarkFitTextLong(b *testing.B) {
	sty := textStyle(22, black, true)
	title := strings.Repeat("word ", 880)
	for b.Loop() {
		fitText(sty, title, 900)
	}
}
