package chart

import (
	"os"
	"testing"
)

// TestWriteSamples writes a run and a three-way comparison of the test
// scenario into $CHART_SAMPLES, to look at the charts at slide size:
//
//	CHART_SAMPLES=/tmp/chartcheck go test -run Samples ./internal/chart
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CHART_SAMPLES")
	if dir == "" {
		t.Skip("set CHART_SAMPLES to a directory to write sample charts")
	}
	base, baseInfo := runScenario(t, "baseline", testScenario(2.8))
	mid, midInfo := runScenario(t, "3.5pct", testScenario(3.5))
	high, highInfo := runScenario(t, "5pct", testScenario(5))
	if err := writeTo(dir + "/run")(RenderRun(mid, midInfo)); err != nil {
		t.Fatal(err)
	}
	runs := []Named{{Info: baseInfo, Res: base}, {Info: midInfo, Res: mid}, {Info: highInfo, Res: high}}
	if err := writeTo(dir + "/compare")(RenderCompare(runs)); err != nil {
		t.Fatal(err)
	}
}
