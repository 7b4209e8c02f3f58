package hindcast

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteCharts(t *testing.T) {
	r, err := Run(loadBaseline(t), embedded(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	names, err := WriteCharts(dir, r, "test label")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2*len(Scored) {
		t.Fatalf("wrote %v, want a PNG and an SVG per scored actor", names)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "hindcast-ROK.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ROK: defense share and spending, model against record, 2015–2024",
		"Defense share, % of GDP", "Defense spending, USD bn (current)",
		"model (decision rule, no policy paths)", "record (SIPRI)", "end of the fit window (2019)",
		">2015<", ">2024<", "test label",
	} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("ROK chart lacks %q", want)
		}
	}
	for _, name := range names {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: missing or empty (%v)", name, err)
		}
	}
}

func TestChartRejectsNonFinite(t *testing.T) {
	r, err := Run(loadBaseline(t), embedded(t))
	if err != nil {
		t.Fatal(err)
	}
	r.Model[Scored[0]].Share[3] = math.NaN()
	if _, err := WriteCharts(t.TempDir(), r, ""); err == nil {
		t.Error("a NaN in the data drew a chart; want an error")
	}
}
