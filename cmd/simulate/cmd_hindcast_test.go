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
		if got, want := atof(t, r[3]), 100*s.ape/float64(n); math.Abs(got-want) > 1e-3 {
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
	for _, want := range []string{"Estimates on the record 1990–2024", "95% INTERVAL", "inertia.US", "not identified", "THEIL'S U", "[params.US]", "inertia = "} {
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
