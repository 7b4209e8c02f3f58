package output

import (
	"math"
	"strings"
	"testing"

	"simulate/internal/hindcast"
	"simulate/model"
)

// TestWriteHindcastCSV: one row per year and scored actor, four decimals,
// and a negative zero written as zero, as every other CSV writes it.
func TestWriteHindcastCSV(t *testing.T) {
	r := &hindcast.Result{Years: []int{2015}}
	for a := range model.NumActors {
		r.Model[a] = hindcast.Series{Share: []float64{2.5}, Spending: []float64{math.Copysign(0, -1)}}
		r.Record[a] = hindcast.Series{Share: []float64{2.56789}, Spending: []float64{43.21}}
	}
	var b strings.Builder
	if err := WriteHindcastCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != HindcastHeader || len(lines) != 1+len(hindcast.Scored) {
		t.Fatalf("got\n%s", b.String())
	}
	if want := "2015," + hindcast.Scored[0].String() + ",2.5000,2.5679,0.0000,43.2100"; lines[1] != want {
		t.Errorf("row %q, want %q", lines[1], want)
	}
}
