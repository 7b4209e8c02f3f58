package output

import (
	"encoding/csv"
	"errors"
	"math"
	"strings"
	"testing"

	"simulate/model"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0.0000"},
		{1870, "1870.0000"},
		{1.06687668, "1.0669"}, // four decimals, rounded: 1.5192324 tn KRW / 1424
		{3.14159, "3.1416"},
		{-2.5, "-2.5000"},
		{math.Copysign(0, -1), "0.0000"}, // never "-0.0000"
		{-0.00001, "0.0000"},             // rounds to −0: printed as 0
		{1234567.891, "1234567.8910"},    // no exponent
	}
	for _, tt := range tests {
		if got := FormatValue(tt.v); got != tt.want {
			t.Errorf("FormatValue(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestWriteSeriesCSV(t *testing.T) {
	res := &model.Results{Frame: model.Frame[float64]{
		Years: []int{2025, 2026},
		Series: []model.Series{
			{Indicator: "gdp", Subject: "ROK", Unit: "USD bn"},
			{Indicator: "burden_share", Subject: "US-ROK", Unit: "% borne by ROK"},
		},
		Values: []float64{1870, 1933.579, 4.49, math.Copysign(0, -1)},
	}}
	var b strings.Builder
	if err := WriteSeriesCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	// Year-major, then the series' report order; four decimals.
	want := "year,subject,indicator,unit,value\n" +
		"2025,ROK,gdp,USD bn,1870.0000\n" +
		"2025,US-ROK,burden_share,% borne by ROK,4.4900\n" +
		"2026,ROK,gdp,USD bn,1933.5790\n" +
		"2026,US-ROK,burden_share,% borne by ROK,0.0000\n"
	if got := b.String(); got != want {
		t.Errorf("WriteSeriesCSV wrote\n%s\nwant\n%s", got, want)
	}
}

// TestWriteSeriesCSVQuoting: fields with commas, quotes or newlines come
// back intact through a standard CSV reader.
func TestWriteSeriesCSVQuoting(t *testing.T) {
	odd := []string{`a,b`, `say "hi"`, "two\nlines", `plain – dash`}
	res := &model.Results{Frame: model.Frame[float64]{Years: []int{2030}, Values: []float64{1}}}
	res.Series = []model.Series{{Indicator: model.IndicatorID(odd[0]), Subject: odd[1], Unit: odd[2]}}
	var b strings.Builder
	if err := WriteSeriesCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, b.String())
	}
	want := []string{"2030", odd[1], odd[0], odd[2], "1.0000"}
	if len(rows) != 2 || strings.Join(rows[1], "|") != strings.Join(want, "|") {
		t.Errorf("read back %q, want header and %q", rows, want)
	}
	if got := csvField(odd[3]); got != odd[3] {
		t.Errorf("csvField(%q) = %q: a field without special characters needs no quotes", odd[3], got)
	}
}

// TestWriteSeriesCSVFullRun: a model run writes one row per year and
// series, with the header the output contract requires.
func TestWriteSeriesCSVFullRun(t *testing.T) {
	res := model.NewResults(2025, 3)
	for i := range res.Series {
		copy(res.Row(i), []float64{1, 2, 3})
	}
	var b strings.Builder
	if err := WriteSeriesCSV(&b, res); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if lines[0] != "year,subject,indicator,unit,value" {
		t.Errorf("header %q", lines[0])
	}
	if got, want := len(lines)-1, 3*len(res.Series); got != want {
		t.Errorf("%d rows, want %d", got, want)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteSeriesCSVError(t *testing.T) {
	res := model.NewResults(2025, 1)
	for i := range res.Series {
		res.Row(i)[0] = 1
	}
	if err := WriteSeriesCSV(failingWriter{}, res); err == nil {
		t.Error("a failing writer must give an error")
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", -1234567: "-1,234,567", 1_000_000: "1,000,000"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
