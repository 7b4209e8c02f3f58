package main

import (
	"io"

	"simulate/internal/progress"
	"simulate/internal/study"
)

const compareUsage = `Usage: simulate compare [flags] A.toml B.toml [C.toml ...]

Runs each scenario and writes <out>/compare-<A>-vs-<B>[-vs-<C>...]/:
differences.csv (each indicator and subject at a middle year and the end
year, or the -years, per scenario, with the difference from the first
scenario), series.csv (every scenario's series, with a scenario column),
overlay charts and a comparison dashboard. Scenarios with different horizons are
compared over the years they share.

A scenario with runs above 1 (or all of them, with -runs) is run as an
ensemble: its charts show the median of its runs over its middle 50% and
90% shaded, and bands-<name>.csv holds its bands. differences.csv and the
table compare the reference runs, without risks or drawn coefficients.

Examples:
  simulate compare scenarios/baseline.toml scenarios/3.5pct.toml scenarios/5pct.toml
  simulate compare -years 2030,2035 -set params.rok_resolve=0.8 scenarios/baseline.toml scenarios/masga.toml

Flags:
`

func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", compareUsage, stdout)
	out := fs.String("out", "output", "write the comparison into `DIR`/compare-<A>-vs-<B>/")
	nruns := fs.Int("runs", 0, "run every scenario as an ensemble of `N` runs (0: each scenario's runs)")
	years := yearsFlag(fs, "the middle and end years in the files, the end year printed")
	sets := setFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	yearList, err := study.ParseYears(*years)
	if err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return usagef("compare: name at least two scenario files (got %d)", fs.NArg())
	}
	var scenarios []study.Scenario
	for _, path := range fs.Args() {
		s, err := loadForRun(path, *sets, *nruns, false, stderr)
		if err != nil {
			return err
		}
		scenarios = append(scenarios, s)
	}
	c, err := study.Compare(scenarios, study.RunOptions{Progress: progress.On(stderr), Years: yearList})
	if err != nil {
		return err
	}
	return publish(stdout, outputDir(stderr, *out, c.Dir), c, nil)
}
