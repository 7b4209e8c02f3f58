package chart

import "testing"

// BenchmarkWriteRun writes every chart of a run: 25 indicators over 16 years
// and the dashboard, as PNG and SVG.
func BenchmarkWriteRun(b *testing.B) {
	res, info := runScenario(b, "3.5pct", testScenario(3.5))
	dir := b.TempDir()
	for b.Loop() {
		if err := writeTo(dir)(RenderRun(res, info)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCompare writes a three-way comparison.
func BenchmarkWriteCompare(b *testing.B) {
	var runs []Named
	for _, pct := range []float64{2.8, 3.5, 5} {
		res, info := runScenario(b, "s", testScenario(pct))
		runs = append(runs, Named{Info: info, Res: res})
	}
	dir := b.TempDir()
	for b.Loop() {
		if err := writeTo(dir)(RenderCompare(runs)); err != nil {
			b.Fatal(err)
		}
	}
}
