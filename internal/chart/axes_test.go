package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"testing"

	"gonum.org/v1/plot"
)

// No range or step makes an axis generate more than maxTicks+1 ticks, or
// ticks that are not finite.
func TestValueTicksBounded(t *testing.T) {
	for _, c := range []struct{ step, min, max float64 }{
		{1e-308, 0, 1},                         // a step far too small for the range
		{5e-324, 0, 1e-320},                    // subnormal step and range
		{1, -math.MaxFloat64, math.MaxFloat64}, // a span that overflows
		{1e-3, 1e300, 1e300 * (1 + 1e-15)},     // k*step loses all precision
		{0, 0, 1},
		{math.Inf(1), 0, 1},
		{1, 1, 0}, // an empty range
		{1, math.NaN(), 1},
	} {
		for name, ticks := range map[string][]plot.Tick{
			"valueTicks": valueTicks{Step: c.step}.Ticks(c.min, c.max),
		} {
			if len(ticks) > maxTicks+1 {
				t.Errorf("%s, step %g on [%g, %g]: %d ticks, want at most %d", name, c.step, c.min, c.max, len(ticks), maxTicks+1)
			}
			for _, tk := range ticks {
				if math.IsNaN(tk.Value) || math.IsInf(tk.Value, 0) {
					t.Errorf("%s, step %g on [%g, %g]: a tick at %g", name, c.step, c.min, c.max, tk.Value)
				}
			}
		}
	}
	// A step that fits is kept: 0, 0.2, ..., 1.
	if got := (valueTicks{Step: 0.2}).Ticks(0, 1); len(got) != 6 || got[5].Label != "1.0" {
		t.Errorf("step 0.2 on [0, 1]: %v", got)
	}
	// A step too small is widened to a round one: 1e-308 on [0, 1] becomes
	// niceStep(1/50) = 0.02, 51 ticks.
	if got := (valueTicks{Step: 1e-308}).Ticks(0, 1); len(got) != 51 || got[1].Value != 0.02 {
		t.Errorf("step 1e-308 on [0, 1]: %d ticks, the second at %v; want 51, at 0.02", len(got), got[1].Value)
	}
}

// Data whose span is below flatSpan (a subnormal share, 1e-320) get the
// axis of all-zero data.
func TestValueRangeFlat(t *testing.T) {
	for _, hi := range []float64{0, 1e-320, 5e-7} {
		if min, max, step := valueRange("USD bn", 0, hi); min != 0 || max != 1 || step != 0.2 {
			t.Errorf("valueRange(0, %g) = %v, %v, %v; want 0, 1, 0.2", hi, min, max, step)
		}
	}
	if min, max, step := valueRange("USD bn", -1e-320, 0); min != 0 || max != 1 || step != 0.2 {
		t.Errorf("valueRange(-1e-320, 0) = %v, %v, %v; want 0, 1, 0.2", min, max, step)
	}
}

// Text that did not pass the loader (a file name in a subtitle, say) cannot
// make an SVG ill-formed: control characters become U+FFFD, markup is
// escaped.
func TestSVGWellFormedWithControlCharacters(t *testing.T) {
	res, info := runScenario(t, "a\x00b\x1b[31m\ufffe<&>\xff", testScenario(3.5))
	f, err := RunChart(res, info, "defense_share")
	if err != nil {
		t.Fatal(err)
	}
	f.Title = "Title\a\x10\u0085"
	var buf bytes.Buffer
	if err := f.Render(&buf, "svg"); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&buf)
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
	}
}
