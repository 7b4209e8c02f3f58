package study_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"simulate/internal/scenario"
	"simulate/internal/study"
)

// shortScenario is a scenario of its own (no extends, whose paths would
// name years outside a short horizon) from 2025 to end.
func shortScenario(end int) string {
	return fmt.Sprintf(`title = "Short"
start_year = 2025
end_year = %d
[actors.US]
gdp_usd_bn = 30000
defense_pct = 3.4
[actors.ROK]
gdp_usd_bn = 1870
defense_pct = 2.6
[actors.DPRK]
gdp_usd_bn = 27
initial_defense_pct = 22
[actors.CHN]
gdp_usd_bn = 19000
initial_defense_pct = 1.7
[actors.JPN]
gdp_usd_bn = 4200
defense_pct = 1.6
[alliance]
krw_per_usd = 1400
trust_pct = 65
`, end)
}

var headlineCaption = regexp.MustCompile(`<caption>([^<]*)</caption>`)

// The report's headline table says which years it shows: the summary
// years by default, whatever the horizon, and the years asked for
// otherwise.
func TestReportHeadlineCaption(t *testing.T) {
	for _, c := range []struct {
		end   int
		years []int
		want  string
	}{
		{2026, nil, "In the start and end year"},         // summary years 2025, 2026
		{2027, nil, "In the start, middle and end year"}, // 2025, 2026, 2027
		{2040, nil, "In the start, middle and end year"}, // 2025, 2032, 2040
		{2040, []int{2025, 2032, 2040}, "In the start, middle and end year"},
		{2026, []int{2026}, "In the years asked for"},
		{2040, []int{2030, 2035}, "In the years asked for"},
	} {
		path := filepath.Join(t.TempDir(), "short.toml")
		if err := os.WriteFile(path, []byte(shortScenario(c.end)), 0o644); err != nil {
			t.Fatal(err)
		}
		l, err := scenario.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := study.RunScenario(study.Scenario{Path: path, Loaded: l}, study.RunOptions{Years: c.years})
		if err != nil {
			t.Fatal(err)
		}
		m := headlineCaption.FindSubmatch(r.File("report.html"))
		if m == nil {
			t.Fatalf("2025–%d, years %v: no headline caption in the report", c.end, c.years)
		}
		if got := string(m[1]); got != c.want {
			t.Errorf("2025–%d, years %v: caption %q, want %q", c.end, c.years, got, c.want)
		}
	}
}
