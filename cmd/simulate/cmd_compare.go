package main

import (
	"io"
	"path/filepath"

	"simulate/internal/progress"
	"simulate/internal/study"
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
	var scenarios []study.Scenario
	for _, path := range fs.Args() {
		s, err := loadForRun(path, *nruns, false, stderr)
		if err != nil {
			return err
		}
		scenarios = append(scenarios, s)
	}
	c, err := study.Compare(scenarios, study.RunOptions{Progress: progress.On(stderr)})
	if err != nil {
		return err
	}
	return publish(stdout, filepath.Join(*out, c.Dir), c, nil)
}
