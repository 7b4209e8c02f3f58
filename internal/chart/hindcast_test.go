package chart

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"simulate/internal/hindcast"
	"simulate/internal/scenario"
)

// hindcastResult runs the hindcast of the bundled baseline.
func hindcastResult(t *testing.T) *hindcast.Result {
	t.Helper()
	l, err := scenario.Load("../../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := hindcast.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := hindcast.Run(l.Scenario, in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRenderHindcast(t *testing.T) {
	r := hindcastResult(t)
	dir := t.TempDir()
	files, err := RenderHindcast(r, "test label")
	if err == nil {
		err = writeTo(dir)(files, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name)
	}
	if len(names) != 2*len(hindcast.Scored) {
		t.Fatalf("wrote %v, want a PNG and an SVG per scored actor", names)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "hindcast-ROK.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ROK: defense share and spending, model against record, 2015–2024",
		"Defense share, % of GDP (axis not from zero)", "Defense spending, current USD bn (axis not from zero)",
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

func TestHindcastChartRejectsNonFinite(t *testing.T) {
	r := hindcastResult(t)
	r.Model[hindcast.Scored[0]].Share[3] = math.NaN()
	if _, err := RenderHindcast(r, ""); err == nil {
		t.Error("a NaN in the data drew a chart; want an error")
	}
}

// TestValueTicks checks the Y axis labels: a round step, at most
// hindcastMaxValueLabels of them, with the decimals the step needs.
func TestHindcastValueTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string
	}{
		{2.25, 2.95, []string{"2.4", "2.6", "2.8"}}, // 0.1 would give 7 labels
		{34, 56, []string{"35", "40", "45", "50", "55"}},
		{0, 1, []string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}},
		{3.25, 3.7, []string{"3.3", "3.4", "3.5", "3.6", "3.7"}},
		{0.9, 1.6, []string{"1.0", "1.2", "1.4", "1.6"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (hindcastValueTicks{}).Ticks(tt.min, tt.max) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ticks over %v–%v: %q, want %q", tt.min, tt.max, got, tt.want)
		}
	}
}
