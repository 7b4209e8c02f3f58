package study

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/report"
	"simulate/model"
)

// Compared is one scenario of a comparison.
type Compared struct {
	Scenario Scenario
	Results  *model.Results
	Bands    *ensemble.Bands // nil unless the scenario is run as an ensemble
	Verdicts []Verdict       // its claims, checked against its reference run
}

// Comparison is the result of comparing scenarios: differences.csv, the
// overlay charts (with bands-<name>.csv for each ensemble), report.html and
// manifest.json.
type Comparison struct {
	Result
	Runs        []Compared
	First, Last int    // the years every scenario simulates
	Years       []int  // the years of differences.csv and the report's headline tables
	Printed     []int  // the years of the printed summary
	Note        string // "" or a note that the horizons differ
}

// Compare runs each scenario (as an ensemble where its runs are above 1;
// see Settle) and renders their comparison over the years they share.
// Scenarios must have different names.
func Compare(scenarios []Scenario, opt RunOptions) (*Comparison, error) {
	if len(scenarios) < 2 {
		return nil, requestf("compare: name at least two scenario files (got %d)", len(scenarios))
	}
	c := &Comparison{}
	scenarios = distinctNames(scenarios)
	var names []string
	for _, s := range scenarios {
		if slices.Contains(names, s.Name()) {
			return nil, requestf("compare: two scenarios share the name %q; names must differ", s.Name())
		}
		names = append(names, s.Name())
	}
	for _, s := range scenarios {
		res, err := model.Run(s.Loaded.Scenario)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.Path, err)
		}
		r := Compared{Scenario: s, Results: res, Verdicts: CheckClaims(s.Loaded.Claims, res)}
		if s.Loaded.Scenario.Runs > 1 {
			if r.Bands, _, err = runEnsemble(s, RunOptions{Progress: opt.Progress}); err != nil {
				return nil, err
			}
		}
		c.Runs = append(c.Runs, r)
	}
	c.Dir = "compare-" + strings.Join(names, "-vs-")
	c.First, c.Last = sharedYears(c.Runs)
	if c.First > c.Last {
		return nil, fmt.Errorf("compare: the scenarios share no year")
	}
	for _, r := range c.Runs {
		if r.Results.Years[0] != c.First || r.Results.Years[len(r.Results.Years)-1] != c.Last {
			c.Note = fmt.Sprintf("note: the horizons differ; compared over the shared years %d–%d", c.First, c.Last)
		}
	}
	if err := checkYears(opt.Years, c.First, c.Last, "the years the scenarios share,"); err != nil {
		return nil, err
	}
	c.Years = yearsOr(opt.Years, ComparisonYears(c.First, c.Last))
	c.Printed = yearsOr(opt.Years, []int{c.Last})
	diff, err := output.Encode("differences.csv", func(w io.Writer) error { return writeDifferences(w, c.Runs, c.Years) })
	if err != nil {
		return nil, err
	}
	series, err := output.Encode("series.csv", func(w io.Writer) error { return writeCompareSeries(w, c.Runs) })
	if err != nil {
		return nil, err
	}
	c.Files = append(c.Files, diff, series)
	verdicts := make([][]Verdict, len(c.Runs))
	for i, r := range c.Runs {
		verdicts[i] = r.Verdicts
	}
	if f, ok, err := claimsFile(names, verdicts); err != nil {
		return nil, err
	} else if ok {
		c.Files = append(c.Files, f)
	}
	charts, err := c.charts()
	if err != nil {
		return nil, err
	}
	svgs, err := chart.SVGElements(charts)
	if err != nil {
		return nil, err
	}
	rc := &report.Compare{Charts: svgs, Headline: headlineKeys(), Years: c.Years, First: c.First, Last: c.Last, Version: output.Version}
	for _, r := range c.Runs {
		sc, err := reportScenario(r.Scenario, r.Results, r.Verdicts)
		if err != nil {
			return nil, err
		}
		rc.Scenarios = append(rc.Scenarios, sc)
	}
	page, err := report.RenderCompare(rc)
	if err != nil {
		return nil, err
	}
	c.Files = append(c.Files, output.File{Name: report.FileName, Data: page})
	m := &output.Manifest{Simulate: output.Version, Command: "compare", FirstYear: c.First, LastYear: c.Last}
	for _, r := range c.Runs {
		one := runManifest(r.Scenario)
		one.Simulate, one.StartYear, one.EndYear, one.Warnings = "", 0, 0, nil
		m.Scenarios = append(m.Scenarios, one)
	}
	return c, c.finish(m)
}

// charts adds the comparison's overlay charts to its files: with bands
// where scenarios are ensembles, each with its bands-<name>.csv.
func (c *Comparison) charts() ([]output.File, error) {
	fans := make([]chart.Fan, len(c.Runs))
	named := make([]chart.Named, len(c.Runs))
	ensembles := false
	for i, r := range c.Runs {
		info := runInfo(r.Scenario)
		fans[i] = chart.Fan{Info: info, Bands: r.Bands, Ref: r.Results}
		named[i] = chart.Named{Info: info, Res: r.Results}
		if r.Bands == nil {
			continue
		}
		ensembles = true
		f, err := output.Encode("bands-"+r.Scenario.Name()+".csv", func(w io.Writer) error { return output.WriteBandsCSV(w, r.Bands) })
		if err != nil {
			return nil, err
		}
		c.Files = append(c.Files, f)
	}
	var charts []output.File
	var err error
	if ensembles {
		charts, err = chart.RenderCompareFans(fans)
	} else {
		charts, err = chart.RenderCompare(named)
	}
	c.Files = append(c.Files, charts...)
	return charts, err
}

// sharedYears returns the first and last year every run simulates.
func sharedYears(runs []Compared) (first, last int) {
	first, last = runs[0].Results.Years[0], runs[0].Results.Years[len(runs[0].Results.Years)-1]
	for _, r := range runs[1:] {
		first = max(first, r.Results.Years[0])
		last = min(last, r.Results.Years[len(r.Results.Years)-1])
	}
	return first, last
}

// writeDifferences writes one row per indicator, subject, year and
// scenario, with the difference from the first scenario.
func writeDifferences(w io.Writer, runs []Compared, years []int) error {
	if _, err := fmt.Fprintln(w, "indicator,subject,unit,year,scenario,value,difference_from_first"); err != nil {
		return err
	}
	base := runs[0].Results
	for _, s := range base.Series {
		for _, y := range years {
			v0, _ := base.Value(s.Indicator, s.Subject, y)
			for _, r := range runs {
				v, _ := r.Results.Value(s.Indicator, s.Subject, y)
				_, err := fmt.Fprintf(w, "%s,%s,%s,%d,%s,%s,%s\n", s.Indicator, s.Subject, s.Unit, y, r.Scenario.Name(),
					output.FormatValue(v), output.FormatValue(v-v0))
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// writeCompareSeries writes every scenario's series in tidy long format,
// as a run's series.csv with the scenario's name in front: each over its
// own horizon, in the order the scenarios were named.
func writeCompareSeries(w io.Writer, runs []Compared) error {
	named := make([]output.NamedResults, len(runs))
	for i, r := range runs {
		named[i] = output.NamedResults{Name: r.Scenario.Name(), Results: r.Results}
	}
	return output.WriteScenarioSeriesCSV(w, named)
}

// distinctNames returns the scenarios with those whose file stems collide
// (round-1/rok.toml and round-2/rok.toml) named after their directory and
// stem instead (round-1-rok, round-2-rok). Scenarios with labels keep them.
func distinctNames(scenarios []Scenario) []Scenario {
	count := map[string]int{}
	for _, s := range scenarios {
		count[s.Name()]++
	}
	out := slices.Clone(scenarios)
	for i, s := range out {
		if s.Label != "" || count[s.Name()] < 2 {
			continue
		}
		dir := filepath.Base(filepath.Dir(s.Path))
		if dir == "." || dir == string(filepath.Separator) {
			continue
		}
		out[i].SetLabel(dir + "-" + s.Name()) // a bad label is left out: the collision is reported
	}
	return out
}
