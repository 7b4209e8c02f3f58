package chart

import "testing"

func BenchmarkTmpPlain(b *testing.B) {
	sc := testScenario(3.5)
	sc.Events, sc.Investments = nil, nil
	res, info := runScenario(b, "3.5pct", sc)
	dir := b.TempDir()
	for b.Loop() {
		if err := WriteRun(dir, res, info); err != nil {
			b.Fatal(err)
		}
	}
}
