package chart

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
)

// indexUnit is the unit of the model's 0–100 indices.
const indexUnit = "0–100"

// shipbuildingUnit is the unit of shipbuilding capacity: warship tonnage
// the yards can deliver a year.
const shipbuildingUnit = "thousand tonnes per year"

// flowUnit is the unit of amounts paid in a year (investment disbursed, host-
// nation support, arms exports). Their lines step at mid-year, each year's
// amount level across it, so that a package that starts in 2026 is not drawn
// as a ramp from 2025.
const flowUnit = "USD bn/yr"

// yearTicks marks every year on the X axis and labels every Step-th one,
// as a whole number ("2030", never "2030.00").
type yearTicks struct{ Step int }

// Ticks returns a tick for each whole year in [min, max].
func (t yearTicks) Ticks(min, max float64) []plot.Tick {
	var ticks []plot.Tick
	for y := int(math.Ceil(min)); float64(y) <= max; y++ {
		tick := plot.Tick{Value: float64(y)}
		if y%t.Step == 0 {
			tick.Label = strconv.Itoa(y)
		}
		ticks = append(ticks, tick)
	}
	return ticks
}

// yearStep returns the smallest round step that labels at most maxLabels of
// the years first..last.
func yearStep(first, last, maxLabels int) int {
	for _, step := range []int{1, 2, 5, 10, 20, 25, 50} {
		if last/step-(first+step-1)/step+1 <= maxLabels {
			return step
		}
	}
	return 100
}

// valueTicks labels the Y axis every Step from a multiple of Step, with the
// decimals the step needs and thousands separated by commas.
type valueTicks struct{ Step float64 }

// maxTicks bounds the ticks of an axis: an axis has 5 or 6, and a step too
// small for the range (or a range too wide for the step) is widened to a
// round step that gives at most this many, so that no data can make an
// axis generate ticks without end.
const maxTicks = 50

// Ticks returns the ticks in [min, max], at most maxTicks+1 of them, and
// none for a range or step that is not finite.
func (t valueTicks) Ticks(min, max float64) []plot.Tick {
	step := t.Step
	if !(max >= min) || math.IsInf(max-min, 0) || !(step > 0) || math.IsInf(step, 0) {
		return nil
	}
	if !((max-min)/step <= maxTicks) {
		step = niceStep((max - min) / maxTicks)
	}
	return ticksEvery(min, max, step, func(v float64) string { return formatValue(v, step) })
}

// ticksEvery returns ticks at the multiples of step in [min, max], at most
// maxTicks+1 of them (the count stops even where k*step stops changing as k
// grows), labelled by label. Zero is never written as -0.
func ticksEvery(min, max, step float64, label func(v float64) string) []plot.Tick {
	var ticks []plot.Tick
	first := math.Ceil(min/step - 1e-9)
	for i := 0; i <= maxTicks; i++ {
		v := (first + float64(i)) * step
		if v > max+step*1e-9 {
			break
		}
		if v == 0 {
			v = 0 // not -0
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label(v)})
	}
	return ticks
}

// formatValue formats v with as many decimals as the step needs, and
// thousands separated by commas: 30000 → "30,000", 2.5 → "2.5".
func formatValue(v, step float64) string {
	decimals := 0
	for s := step; decimals < 6 && math.Abs(s-math.Round(s)) > 1e-9*math.Max(1, math.Abs(s)); s *= 10 {
		decimals++
	}
	if v == 0 {
		v = 0 // no "-0"
	}
	str := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(str, "-") {
		sign, str = "-", str[1:]
	}
	whole, frac, _ := strings.Cut(str, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}

// niceStep returns the round number (1, 2, 2.5 or 5 times a power of ten)
// nearest above raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= raw*(1-1e-9) {
			return m * pow
		}
	}
	return 10 * pow
}

// flatSpan is the span of data below which an axis that includes zero is
// drawn as flat, 0 to 1: labels carry at most 6 decimals (formatValue), so
// a smaller span could not be labelled, and a subnormal one (1e-320) would
// give steps that lose all precision.
const flatSpan = 1e-6

// valueRange returns the Y range and tick step for data spanning lo..hi.
//
// A 0–100 index gets the whole 0–100 range, so a change is shown at its true
// size on the scale the indicator is defined on. Every other indicator of the
// model is a ratio-scale quantity (money, tonnes, warheads, percentages), for
// which zero is meaningful: its axis starts at zero when the data are
// non-negative, so that a line's height is proportional to its value and a
// small change is not magnified into a dramatic one. The top gets about 5% of
// headroom and is rounded up to a tick.
func valueRange(unit string, lo, hi float64) (min, max, step float64) {
	if unit == indexUnit && lo >= 0 && hi <= 100 {
		return 0, 100, 20
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi-lo < flatSpan { // all zero, to the precision of the labels
		return 0, 1, 0.2
	}
	span := hi - lo
	if hi > 0 {
		hi += 0.05 * span
	}
	if lo < 0 {
		lo -= 0.05 * span
	}
	step = niceStep((hi - lo) / 5)
	return math.Floor(lo/step+1e-9) * step, math.Ceil(hi/step-1e-9) * step, step
}
