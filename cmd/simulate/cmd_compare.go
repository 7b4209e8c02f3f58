package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

const compareUsage = `Usage: simulate compare [flags] A.toml B.toml [C.toml ...]

Runs each scenario and writes <out>/compare-<A>-vs-<B>[-vs-<C>...]/:
differences.csv (each indicator and subject at a middle year and the end
year, per scenario, with the difference from the first scenario), overlay
charts and a comparison dashboard. Scenarios with different horizons are
compared over the years they share.

A scenario with runs above 1 (or all of them, with -runs) is run as an
ensemble: its charts show the median of its runs over its middle 50% and
90% shaded, and bands-<name>.csv holds its bands. differences.csv and the
table compare the reference runs, without risks or drawn coefficients.

Flags:
`

// compared is one scenario of a comparison.
type compared struct {
	path  string
	l     *scenario.Loaded
	res   *model.Results
	bands *ensemble.Bands // nil unless the scenario is run as an ensemble
}

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", compareUsage, stdout)
	out := fs.String("out", "output", "directory for the comparison's output `DIR`ectory")
	nruns := fs.Int("runs", 0, "run every scenario as an ensemble of `N` runs (0: each scenario's runs)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return usagef("compare: name at least two scenario files (got %d)", fs.NArg())
	}
	var runs []compared
	stems := map[string]bool{}
	for _, path := range fs.Args() {
		if stems[stem(path)] {
			return usagef("compare: two scenarios share the name %q; names must differ", stem(path))
		}
		stems[stem(path)] = true
		l, err := scenario.Load(path)
		if err != nil {
			return err
		}
		for _, w := range l.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		if err := settleRuns(path, l.Scenario, *nruns, false, stderr); err != nil {
			return err
		}
		res, err := model.Run(l.Scenario)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		c := compared{path: path, l: l, res: res}
		if l.Scenario.Runs > 1 {
			if c.bands, err = runEnsemble("", stem(path), l.Scenario, false, stderr); err != nil {
				return err
			}
		}
		runs = append(runs, c)
	}
	first, last := sharedYears(runs)
	if first > last {
		return fmt.Errorf("compare: the scenarios share no year")
	}
	note := ""
	for _, r := range runs {
		if r.res.Years[0] != first || r.res.Years[len(r.res.Years)-1] != last {
			note = fmt.Sprintf("note: the horizons differ; compared over the shared years %d–%d", first, last)
		}
	}
	var names []string
	for _, r := range runs {
		names = append(names, stem(r.path))
	}
	dir := filepath.Join(*out, "compare-"+strings.Join(names, "-vs-"))
	years := comparisonYears(first, last)
	err := output.WriteDir(dir, func(tmp string) error {
		if err := output.WriteFile(tmp, "differences.csv", func(f *os.File) error { return writeDifferences(f, runs, years) }); err != nil {
			return err
		}
		if err := writeCompareCharts(tmp, runs); err != nil {
			return err
		}
		if err := writeCompareReport(tmp, runs, first, last); err != nil {
			return err
		}
		return writeCompareExtras(tmp, runs, first, last)
	})
	if err != nil {
		return err
	}
	if note != "" {
		fmt.Fprintln(stdout, note)
	}
	printDifferences(stdout, runs, last)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// sharedYears returns the first and last year every run simulates.
func sharedYears(runs []compared) (first, last int) {
	first, last = runs[0].res.Years[0], runs[0].res.Years[len(runs[0].res.Years)-1]
	for _, r := range runs[1:] {
		first = max(first, r.res.Years[0])
		last = min(last, r.res.Years[len(r.res.Years)-1])
	}
	return first, last
}

// comparisonYears returns the middle and end years of the shared span.
func comparisonYears(first, last int) []int {
	if mid := first + (last-first)/2; mid != last {
		return []int{mid, last}
	}
	return []int{last}
}

// writeDifferences writes one row per indicator, subject, year and
// scenario, with the difference from the first scenario.
func writeDifferences(w io.Writer, runs []compared, years []int) error {
	if _, err := fmt.Fprintln(w, "indicator,subject,unit,year,scenario,value,difference_from_first"); err != nil {
		return err
	}
	base := runs[0].res
	for _, s := range base.Series {
		for _, y := range years {
			v0, _ := base.Value(s.Indicator, s.Subject, y)
			for _, r := range runs {
				v, _ := r.res.Value(s.Indicator, s.Subject, y)
				_, err := fmt.Fprintf(w, "%s,%s,%s,%d,%s,%s,%s\n", s.Indicator, s.Subject, s.Unit, y, stem(r.path),
					output.FormatValue(v), output.FormatValue(v-v0))
				if err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// printDifferences prints the headline indicators in the end year for
// every scenario, with the difference from the first.
func printDifferences(w io.Writer, runs []compared, year int) {
	fmt.Fprintf(w, "Headline indicators in %d (difference from %s in brackets)\n\n", year, stem(runs[0].path))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t", stem(r.path))
	}
	fmt.Fprintln(tw)
	for _, h := range headline {
		fmt.Fprintf(tw, "%s\t%s\t", h.indicator, h.subject)
		v0, _ := runs[0].res.Value(h.indicator, h.subject, year)
		for k, r := range runs {
			v, _ := r.res.Value(h.indicator, h.subject, year)
			if k == 0 {
				fmt.Fprintf(tw, "%.1f\t", v)
			} else {
				fmt.Fprintf(tw, "%.1f (%+.1f)\t", v, v-v0)
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// writeCompareExtras writes the comparison's manifest.
func writeCompareExtras(dir string, runs []compared, first, last int) error {
	type entry struct {
		Scenario   string           `json:"scenario"`
		SHA256     string           `json:"sha256"`
		Extends    []output.FileRef `json:"extends,omitempty"`
		Title      string           `json:"title"`
		Seed       uint64           `json:"seed"`
		Runs       int              `json:"runs"`
		Parameters map[string]any   `json:"parameters"`
	}
	files, err := output.ListFiles(dir)
	if err != nil {
		return err
	}
	m := struct {
		Simulate  string   `json:"simulate_version"`
		Command   string   `json:"command"`
		FirstYear int      `json:"first_year"`
		LastYear  int      `json:"last_year"`
		Scenarios []entry  `json:"scenarios"`
		Outputs   []string `json:"outputs"`
	}{Simulate: output.Version, Command: "compare", FirstYear: first, LastYear: last, Outputs: append(files, output.ManifestName)}
	for _, r := range runs {
		one := manifest(r.path, r.l, nil)
		m.Scenarios = append(m.Scenarios, entry{one.Scenario, one.SHA256, one.Extends, one.Title, one.Seed, one.Runs, one.Parameters})
	}
	return output.WriteFile(dir, output.ManifestName, func(f *os.File) error { return output.WriteJSON(f, m) })
}
