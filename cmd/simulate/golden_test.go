package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"simulate/internal/output"

	"simulate/internal/scenario"
)

// Golden files: every bundled scenario's series.csv, byte for byte, in
// testdata/golden/<name>.csv. After an intended change to the model or a
// scenario, rewrite them with
//
//	go test ./cmd/simulate -run Golden -update
//
// and read the diff of testdata/golden before committing it.

// bundledScenarios returns every scenarios/*.toml, so that a new scenario
// is covered without touching the tests.
func bundledScenarios(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios found (%v)", err)
	}
	return files
}

// runOutputs runs the command on path, writing into a fresh directory, and
// returns the files of the run by name.
func runOutputs(t *testing.T, path string) map[string][]byte {
	t.Helper()
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-out", out, path}, &stdout, &stderr); err != nil {
		t.Fatalf("simulate %s: %v\n%s", path, err, stderr.String())
	}
	dir := filepath.Join(out, stem(path))
	names, err := output.ListFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, name := range names {
		if files[name], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	if files["series.csv"] == nil {
		t.Fatalf("simulate %s wrote no series.csv", path)
	}
	return files
}

func TestGolden(t *testing.T) {
	goldenDir := filepath.Join("testdata", "golden")
	stems := map[string]bool{}
	for _, path := range bundledScenarios(t) {
		name := stem(path)
		stems[name] = true
		t.Run(name, func(t *testing.T) {
			got := runOutputs(t, path)["series.csv"]
			golden := filepath.Join(goldenDir, name+".csv")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v\n(new scenario? create its golden file with: go test ./cmd/simulate -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("series.csv of %s differs from %s:\n%s\nIf the change is intended: go test ./cmd/simulate -run Golden -update",
					path, golden, seriesDiff(got, want))
			}
		})
	}

	// A golden file whose scenario is gone would never be checked again.
	olds, _ := filepath.Glob(filepath.Join(goldenDir, "*.csv"))
	for _, old := range olds {
		if stems[strings.TrimSuffix(filepath.Base(old), ".csv")] {
			continue
		}
		if *update {
			os.Remove(old)
			continue
		}
		t.Errorf("%s has no scenario in scenarios/: remove it, or run -update", old)
	}
}

// seriesDiff describes how two series.csv files differ, row by row: the
// first differing rows named by year, subject and indicator, then counts.
func seriesDiff(got, want []byte) string {
	const show = 10
	g, errG := csv.NewReader(bytes.NewReader(got)).ReadAll()
	w, errW := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if errG != nil || errW != nil {
		return fmt.Sprintf("(not comparable as CSV: got %v, want %v)", errG, errW)
	}
	if len(g) == 0 || len(w) == 0 || !slices.Equal(g[0], w[0]) {
		return fmt.Sprintf("header: got %q, want %q", headerOf(g), headerOf(w))
	}
	key := func(r []string) string { return strings.Join(r[:3], " ") } // year subject indicator
	rows := func(recs [][]string) (map[string][]string, []string) {
		m, order := map[string][]string{}, []string{}
		for _, r := range recs[1:] {
			m[key(r)] = r
			order = append(order, key(r))
		}
		return m, order
	}
	gm, gOrder := rows(g)
	wm, wOrder := rows(w)
	var lines []string
	changed, missing, extra := 0, 0, 0
	note := func(s string) {
		if len(lines) < show {
			lines = append(lines, s)
		}
	}
	for _, k := range wOrder {
		gr, ok := gm[k]
		wr := wm[k]
		switch {
		case !ok:
			missing++
			note(fmt.Sprintf("  %s: missing (want %s %s)", k, wr[4], wr[3]))
		case !slices.Equal(gr, wr):
			changed++
			d := ""
			if gv, err1 := strconv.ParseFloat(gr[4], 64); err1 == nil {
				if wv, err2 := strconv.ParseFloat(wr[4], 64); err2 == nil {
					d = fmt.Sprintf(" (%+.4f)", gv-wv)
				}
			}
			note(fmt.Sprintf("  %s: got %s, want %s %s%s", k, gr[4], wr[4], wr[3], d))
		}
	}
	for _, k := range gOrder {
		if _, ok := wm[k]; !ok {
			extra++
			note(fmt.Sprintf("  %s: extra row (%s %s)", k, gm[k][4], gm[k][3]))
		}
	}
	summary := fmt.Sprintf("%d of %d rows changed, %d missing, %d extra", changed, len(wOrder), missing, extra)
	if changed+missing+extra == 0 {
		summary = "the same rows in another order, or differences in quoting or line endings"
	}
	return strings.Join(append(lines, summary), "\n")
}

func headerOf(recs [][]string) []string {
	if len(recs) == 0 {
		return nil
	}
	return recs[0]
}

func TestSeriesDiff(t *testing.T) {
	want := []byte("year,subject,indicator,unit,value\n2035,ROK,gdp,USD bn,2000.0000\n2035,ROK,defense_spending,USD bn,70.0000\n")
	got := []byte("year,subject,indicator,unit,value\n2035,ROK,gdp,USD bn,2000.0000\n2035,ROK,defense_spending,USD bn,70.5000\n2035,ROK,new,1,1.0000\n")
	d := seriesDiff(got, want)
	for _, s := range []string{"2035 ROK defense_spending: got 70.5000, want 70.0000 USD bn (+0.5000)", "2035 ROK new: extra row", "1 of 2 rows changed, 0 missing, 1 extra"} {
		if !strings.Contains(d, s) {
			t.Errorf("diff lacks %q:\n%s", s, d)
		}
	}
	if strings.Contains(d, "gdp") {
		t.Errorf("diff names an unchanged row:\n%s", d)
	}
}

// TestDeterministicOutput: the same scenario gives byte-identical files,
// run after run, whatever the number of cores Go may use.
func TestDeterministicOutput(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, path := range bundledScenarios(t) {
		var first map[string][]byte
		for i, procs := range []int{1, 2, 1, 2} {
			runtime.GOMAXPROCS(procs)
			files := runOutputs(t, path)
			if i == 0 {
				first = files
				continue
			}
			for name, data := range first {
				if !bytes.Equal(files[name], data) {
					t.Errorf("%s: %s of run %d (GOMAXPROCS %d) differs from the first run", path, name, i+1, procs)
				}
			}
			if len(files) != len(first) {
				t.Errorf("%s: run %d wrote %d files, the first %d", path, i+1, len(files), len(first))
			}
		}
	}
}

// readSeries reads a series.csv into year → "subject indicator" → value.
func readSeries(t *testing.T, data []byte) map[int]map[string]float64 {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "year,subject,indicator,unit,value" {
		t.Fatalf("header %q", got)
	}
	out := map[int]map[string]float64{}
	for _, r := range recs[1:] {
		y, err1 := strconv.Atoi(r[0])
		v, err2 := strconv.ParseFloat(r[4], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %q", r)
		}
		if out[y] == nil {
			out[y] = map[string]float64{}
		}
		k := r[1] + " " + r[2]
		if _, dup := out[y][k]; dup {
			t.Errorf("%d %s appears twice", y, k)
		}
		out[y][k] = v
	}
	return out
}

// TestPinnedFigures checks published and hand-checked figures in the files
// a user reads. Values are printed with four decimals, so a figure computed
// from printed values is good to about 1e-4.
func TestPinnedFigures(t *testing.T) {
	names := []string{"baseline", "3.5pct", "5pct", "masga", "limited-support"}
	runs := map[string]map[int]map[string]float64{}
	for _, name := range names {
		runs[name] = readSeries(t, runOutputs(t, filepath.Join("..", "..", "scenarios", name+".toml"))["series.csv"])
	}
	pins := []struct {
		run, what string
		year      int
		want, tol float64
		why       string
	}{
		{"baseline", "ROK gdp", 2025, 1870, 0, "Bank of Korea, 10 Mar 2026: $1.87 tn"},
		{"baseline", "US-ROK host_nation_support", 2025, 1.4028 * 1000 / 1424, 5e-5, "2025 SMA 1.4028 tn KRW at 1424 KRW/USD"},
		{"baseline", "US-ROK host_nation_support", 2026, 1.5192 * 1000 / 1424, 1e-4, "12th SMA: 1.4028 × 1.083 = 1.5192 tn KRW at 1424 KRW/USD"},
		{"baseline", "US-ROK tariff_rate", 2030, 25, 0, "no package: the 25% threatened in July 2025"},
		{"3.5pct", "ROK defense_share", 2035, 3.5, 0, "the scenario's path"},
		{"3.5pct", "ROK defense_share", 2040, 3.5, 0, "flat after the last point"},
		{"3.5pct", "ROK defense_share", 2030, 2.7 + 0.8*4/9, 5e-5, "linear: 2.7 + (3.5 − 2.7)·4/9"},
		{"5pct", "ROK defense_share", 2035, 5, 0, "the scenario's path"},
		{"masga", "US-ROK tariff_rate", 2026, 15, 0, "the $350 bn package: 25 − 10 = 15%"},
		{"masga", "US-ROK investment_stock", 2026, 35 / 1.02, 5e-5, "$15 bn shipbuilding + $20 bn strategic, at 2025 prices (US inflation 2%)"},
		{"masga", "US-ROK investment_stock", 2035, embedded(35, 2026, 2035, 2035), 5e-5, "10 years of $35 bn at 2025 prices, each depreciating 4% a year"},
		{"masga", "US-ROK investment_stock", 2040, embedded(35, 2026, 2035, 2040), 5e-5, "after the last payment the stock depreciates 4% a year"},
		{"limited-support", "US-ROK us_commitment", 2030, 60, 0, "the scenario's path"},
		{"limited-support", "US-ROK us_commitment", 2028, 72.5, 0, "linear: 85 − 25·2/4"},
	}
	for _, p := range pins {
		got, ok := runs[p.run][p.year][p.what]
		if !ok {
			t.Errorf("%s: no %s in %d", p.run, p.what, p.year)
			continue
		}
		if math.Abs(got-p.want) > p.tol {
			t.Errorf("%s: %s in %d = %v, want %v (%s)", p.run, p.what, p.year, got, p.want, p.why)
		}
	}

	// ROK defense spending in 2035 under 3.5pct.toml is 3.5% of that year's
	// ROK GDP (both printed to four decimals).
	y := runs["3.5pct"][2035]
	if got, want := y["ROK defense_spending"], 0.035*y["ROK gdp"]; math.Abs(got-want) > 1e-4 {
		t.Errorf("3.5pct: ROK defense_spending 2035 = %v, want 3.5%% of GDP %v = %v", got, y["ROK gdp"], want)
	}
	// And in every year, spending = share × GDP.
	for _, name := range names {
		for year, v := range runs[name] {
			for _, a := range []string{"US", "ROK", "DPRK", "CHN", "JPN"} {
				got, want := v[a+" defense_spending"], v[a+" defense_share"]/100*v[a+" gdp"]
				if math.Abs(got-want) > 1e-4+5e-5*v[a+" gdp"]/100 {
					t.Errorf("%s %d %s: defense_spending %v, share × GDP %v", name, year, a, got, want)
				}
			}
		}
	}
}

// embedded is the embedded stock in year y of flow USD bn a year (current
// dollars) paid from first to last: each payment deflated to 2025 prices by
// the baseline's 2% US inflation and depreciated by investment_stock_decay
// (4% a year) for every year after it.
func embedded(flow float64, first, last, y int) float64 {
	var sum float64
	for k := first; k <= last && k <= y; k++ {
		sum += flow / math.Pow(1.02, float64(k-2025)) * math.Pow(0.96, float64(y-k))
	}
	return sum
}

// briefIndicators is the indicator contract (the README's table),
// written out literally: a renamed indicator or subject fails the test.
var briefIndicators = []struct {
	id       string
	subjects []string
}{
	{"gdp", []string{"US", "ROK", "DPRK", "CHN", "JPN"}},
	{"defense_share", []string{"US", "ROK", "DPRK", "CHN", "JPN"}},
	{"defense_spending", []string{"US", "ROK", "DPRK", "CHN", "JPN"}},
	{"military_capital", []string{"US", "ROK", "DPRK", "CHN", "JPN"}},
	{"power_share", []string{"US", "ROK", "DPRK", "CHN", "JPN"}},
	{"naval_strength", []string{"US", "CHN", "JPN", "ROK"}},
	{"shipbuilding_capacity", []string{"US", "CHN", "JPN", "ROK"}},
	{"deterrence_credibility", []string{"US-ROK"}},
	{"alliance_cohesion", []string{"US-ROK"}},
	{"burden_share", []string{"US-ROK"}},
	{"host_nation_support", []string{"US-ROK"}},
	{"us_commitment", []string{"US-ROK"}},
	{"investment_stock", []string{"US-ROK"}},
	{"industrial_integration", []string{"US-ROK"}},
	{"tariff_rate", []string{"US-ROK"}},
	{"rok_autonomy", []string{"ROK"}},
	{"dprk_threat", []string{"REGION"}},
	{"regional_tension", []string{"REGION"}},
	{"naval_balance", []string{"REGION"}},
	{"trilateral_coordination", []string{"US-ROK-JPN"}},
	{"arms_exports", []string{"ROK"}},
}

// TestBriefIndicators: every bundled scenario's series.csv has every
// indicator and subject of the contract in every year of its horizon.
func TestBriefIndicators(t *testing.T) {
	for _, path := range bundledScenarios(t) {
		l, err := scenario.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		got := readSeries(t, runOutputs(t, path)["series.csv"])
		sc := l.Scenario
		if len(got) != sc.EndYear-sc.StartYear+1 {
			t.Errorf("%s: %d years in series.csv, want %d–%d", path, len(got), sc.StartYear, sc.EndYear)
		}
		for y := sc.StartYear; y <= sc.EndYear; y++ {
			for _, ind := range briefIndicators {
				for _, s := range ind.subjects {
					if _, ok := got[y][s+" "+ind.id]; !ok {
						t.Errorf("%s: no %s for %s in %d", path, ind.id, s, y)
					}
				}
			}
		}
	}
}
