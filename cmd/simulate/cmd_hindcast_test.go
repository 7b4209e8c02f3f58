package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"simulate/internal/forecast"
	"simulate/internal/scenario"
)

const baselinePath = "../../scenarios/baseline.toml"

// readCSV reads a CSV file into its header and rows, failing the test on
// error.
func readCSV(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v (%d rows)", path, err, len(rows))
	}
	return rows[0], rows[1:]
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// runBaselineHindcast runs simulate hindcast on the baseline into a
// temporary directory and returns the output directory and stdout.
func runBaselineHindcast(t *testing.T) (string, string) {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"hindcast", "-out", out, baselinePath}, &stdout, &stderr); err != nil {
		t.Fatalf("hindcast: %v\n%s", err, stderr.String())
	}
	return filepath.Join(out, "hindcast"), stdout.String()
}

func TestHindcastCommand(t *testing.T) {
	dir, stdout := runBaselineHindcast(t)
	for _, want := range []string{"origins 2000–2019, 1–5 years ahead", "PERSISTENCE MAPE %", "THEIL'S U", "of 4 actors beat persistence", "wrote " + dir} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	for _, a := range []string{"US", "ROK", "CHN", "JPN"} {
		for _, h := range []string{"1", "5", "1–5"} {
			row := "\n" + strings.Repeat(" ", 7-len(a)) + a + "  " + strings.Repeat(" ", 7-len([]rune(h))) + h + "  "
			if !strings.Contains(stdout, row) {
				t.Errorf("stdout has no horizon %s row for %s:\n%s", h, a, stdout)
			}
		}
	}
	for _, name := range []string{"forecasts.csv", "skill.csv", "forecasts.png", "forecasts.svg", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	head, rows := readCSV(t, filepath.Join(dir, "forecasts.csv"))
	if got := strings.Join(head, ","); got != "origin,year,actor,model_share_pct,record_share_pct,persistence_share_pct" {
		t.Errorf("forecasts.csv header %q", got)
	}
	if len(rows) != 20*4*5 {
		t.Errorf("forecasts.csv has %d rows, want 20 origins × 4 actors × 5 years", len(rows))
	}
	head, rows = readCSV(t, filepath.Join(dir, "skill.csv"))
	if got := strings.Join(head, ","); got != "actor,horizon,n,model_mape,persistence_mape,mase,theil_u" {
		t.Errorf("skill.csv header %q", got)
	}
	if len(rows) != 4*5 {
		t.Errorf("skill.csv has %d rows, want 4 actors × 5 horizons", len(rows))
	}
}

// Persistence's scores, computed here from the record's CSV alone (the
// share at the origin as the forecast of every later year), match
// skill.csv; and the model's MAPE and Theil's U recomputed from
// forecasts.csv match it too.
func TestHindcastSkillFromTheRecord(t *testing.T) {
	dir, _ := runBaselineHindcast(t)
	_, recRows := readCSV(t, "../../data/history-1988-2024.csv")
	share := map[string]float64{} // "ACTOR year"
	for _, r := range recRows {
		if r[5] != "" {
			share[r[1]+" "+r[0]] = atof(t, r[5])
		}
	}
	_, fcRows := readCSV(t, filepath.Join(dir, "forecasts.csv"))
	type sums struct{ ape, se, seP float64 }
	fromForecasts := map[string]*sums{}
	for _, r := range fcRows {
		origin, year := r[0], atof(t, r[1])
		key := fmt.Sprintf("%s %d", r[2], int(year)-int(atof(t, origin)))
		s := fromForecasts[key]
		if s == nil {
			s = &sums{}
			fromForecasts[key] = s
		}
		m, rec, p := atof(t, r[3]), atof(t, r[4]), atof(t, r[5])
		s.ape += math.Abs(m-rec) / rec
		s.se += (m - rec) * (m - rec)
		s.seP += (p - rec) * (p - rec)
	}
	_, skill := readCSV(t, filepath.Join(dir, "skill.csv"))
	for _, r := range skill {
		actor, h := r[0], int(atof(t, r[1]))
		var ape float64
		n := 0
		for origin := 2000; origin <= 2019; origin++ {
			at, later := share[fmt.Sprintf("%s %d", actor, origin)], share[fmt.Sprintf("%s %d", actor, origin+h)]
			ape += math.Abs(at-later) / later
			n++
		}
		if got := atof(t, r[2]); int(got) != n {
			t.Errorf("%s horizon %d: n = %v, want %d", actor, h, got, n)
		}
		if got, want := atof(t, r[4]), 100*ape/float64(n); math.Abs(got-want) > 5e-5 {
			t.Errorf("%s horizon %d: persistence MAPE %v in skill.csv, %.6f from the record", actor, h, got, want)
		}
		s := fromForecasts[fmt.Sprintf("%s %d", actor, h)]
		// forecasts.csv rounds the model's share to 0.00005 pp, which moves
		// a MAPE on shares near 1% by up to 0.005 points.
		if got, want := atof(t, r[3]), 100*s.ape/float64(n); math.Abs(got-want) > 0.01 {
			t.Errorf("%s horizon %d: model MAPE %v in skill.csv, %.6f from forecasts.csv", actor, h, got, want)
		}
		if got, want := atof(t, r[6]), math.Sqrt(s.se/s.seP); math.Abs(got-want) > 1e-3 {
			t.Errorf("%s horizon %d: Theil's U %v in skill.csv, %.6f from forecasts.csv", actor, h, got, want)
		}
	}
}

func TestCalibrateCommand(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run([]string{"calibrate", baselinePath}, &stdout, &stderr); err != nil {
		t.Fatalf("calibrate: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"Estimates on the record 1990–2024", "ESTIMATE ± 1.96 SE", "BOOTSTRAP 95%", "inertia.US", "not identified", "THEIL'S U", "[params.US]", "inertia = "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
}

func TestHindcastUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"hindcast", baselinePath, baselinePath},
		{"hindcast", "-nope"},
		{"calibrate", "-toml", baselinePath, baselinePath},
	} {
		var stdout, stderr bytes.Buffer
		err := run(args, &stdout, &stderr)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: error %v, want a usage error (exit 2)", args, err)
		}
	}
}

// Two hindcasts of the same inputs write the same bytes.
func TestHindcastReproducible(t *testing.T) {
	a, _ := runBaselineHindcast(t)
	b, _ := runBaselineHindcast(t)
	for _, name := range []string{"forecasts.csv", "skill.csv", "forecasts.svg", "forecasts.png", "manifest.json"} {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// calibrate -toml prints only TOML that a scenario accepts under [params].
func TestCalibrateTOML(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run([]string{"calibrate", "-toml", baselinePath}, &stdout, &stderr); err != nil {
		t.Fatalf("calibrate -toml: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stdout.String(), "COEFFICIENT") {
		t.Errorf("-toml printed the tables:\n%s", stdout.String())
	}
	dir := t.TempDir()
	sc := "extends = " + strconv.Quote(filepath.ToSlash(mustAbs(t, baselinePath))) + "\n" + stdout.String()
	path := filepath.Join(dir, "estimated.toml")
	if err := os.WriteFile(path, []byte(sc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run([]string{"check", path}, &stdout, &stderr); err != nil {
		t.Errorf("the estimates as a scenario: %v\n%s\n%s", err, stderr.String(), sc)
	}
}

func mustAbs(t *testing.T, path string) string {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// No look-ahead, end to end: a record whose years after 2010 are changed
// gives the same forecasts from the origins up to 2010.
func TestHindcastRecordAfterOrigin(t *testing.T) {
	const origin = 2010
	shipped, err := os.ReadFile("../../data/history-1988-2024.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(shipped), "\n"), "\n")
	for i, line := range lines[1:] {
		f := strings.Split(line, ",")
		if y, _ := strconv.Atoi(f[0]); y > origin && f[5] != "" {
			f[5] = strconv.FormatFloat(atof(t, f[5])*1.25, 'f', 3, 64)
			f[4] = strconv.FormatFloat(atof(t, f[4])*0.8, 'f', 4, 64)
			lines[i+1] = strings.Join(f, ",")
		}
	}
	path := filepath.Join(t.TempDir(), "changed.csv")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir, _ := runBaselineHindcast(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"hindcast", "-record", path, "-out", out, baselinePath}, &stdout, &stderr); err != nil {
		t.Fatalf("hindcast -record: %v\n%s", err, stderr.String())
	}
	_, before := readCSV(t, filepath.Join(dir, "forecasts.csv"))
	_, after := readCSV(t, filepath.Join(out, "hindcast", "forecasts.csv"))
	if len(before) != len(after) {
		t.Fatalf("%d forecasts before, %d after", len(before), len(after))
	}
	moved := 0
	for i := range before {
		b, a := before[i], after[i]
		if o, _ := strconv.Atoi(b[0]); o <= origin {
			if b[3] != a[3] || b[5] != a[5] {
				t.Errorf("origin %s, %s %s: model %s → %s, persistence %s → %s after the record after %d changed", b[0], b[2], b[1], b[3], a[3], b[5], a[5], origin)
			}
		} else if b[3] != a[3] {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no forecast from a later origin moved: the changed record was not read")
	}
}

// A record that cannot be read is a usage error (exit 2) naming the file,
// and nothing is written.
func TestHindcastBadRecord(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("year,actor\n1990,US\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ record, want string }{
		{filepath.Join(dir, "none.csv"), "-record: open " + filepath.Join(dir, "none.csv") + ": no such file or directory"},
		{dir, "-record: " + dir + ": not a regular file"},
		{bad, "-record: " + bad + `:1: header is "year,actor", want "year,actor,gdp_usd_bn,real_growth_pct,milex_usd_bn,milex_pct_gdp,deflator_pct,cpi_pct"`},
	} {
		out := filepath.Join(t.TempDir(), "out")
		var stdout, stderr bytes.Buffer
		err := run([]string{"hindcast", "-record", c.record, "-out", out, baselinePath}, &stdout, &stderr)
		var ue *usageError
		if !errors.As(err, &ue) || err.Error() != c.want {
			t.Errorf("-record %s: error %v, want the usage error %q", c.record, err, c.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("-record %s: %s was written", c.record, out)
		}
	}
}

// The baseline's decision-rule coefficients are the estimates simulate
// calibrate prints, at its precision.
func TestBaselineHoldsTheEstimates(t *testing.T) {
	l, err := scenario.Load(baselinePath)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := forecast.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	est, err := forecast.EstimateRule(&l.Scenario.Params, rec)
	if err != nil {
		t.Fatal(err)
	}
	for i := range est.Coefs {
		c := &est.Coefs[i]
		want := math.Round(c.Value*1000) / 1000
		if got := c.Spec.Get(&l.Scenario.Params, c.Actor); math.Abs(got-want) > 1e-9 {
			t.Errorf("baseline %s = %v, the estimate is %v: paste the output of simulate calibrate -toml", c.Name(), got, want)
		}
	}
}
