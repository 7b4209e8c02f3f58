package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"simulate/internal/output"
	"simulate/internal/progress"
	"simulate/internal/scenario"
	"simulate/internal/study"
)

const runUsage = `Usage: simulate [flags] SCENARIO.toml

Runs the scenario and writes <out>/<name>/: series.csv, manifest.json and
charts, where <name> is the file's stem. Prints a summary of the headline
indicators.

With runs above 1 (in the scenario or -runs) it also runs an ensemble: each
run draws the scenario's [[risks]] and [uncertainty] from its own random
numbers, and bands.csv holds every indicator's mean and quantiles across the
runs; the charts become fan charts. series.csv stays the reference run,
without risks or drawn coefficients.

Examples:
  simulate -years 2026:2030,2035 scenarios/3.5pct.toml
  simulate -set alliance.us_commitment_pct=70 -out /tmp/runs scenarios/baseline.toml

Flags:
`

// stem returns the scenario file's name without directory or extension.
func stem(path string) string { return study.Name(path) }

func runScenario(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("simulate", usageText+"\n"+runUsage, stdout)
	out := fs.String("out", "output", "write the run into `DIR`/<name>/")
	runs := fs.Int("runs", 0, "run an ensemble of `N` runs (0: the scenario's runs)")
	runsCSV := fs.Bool("runs-csv", false, "with an ensemble, also write every run: runs.csv, draws.csv, shocks.csv")
	years := yearsFlag(fs, "the start, middle and end years")
	sets := setFlag(fs)
	name := fs.String("name", "", "name the run `NAME` instead of the file's stem: its output directory and summary (e.g. round-2-rok)")
	roles := fs.String("roles", "", "score the run against the teams' goals in the roles `FILE` (see simulate check -h)")
	if err := parse(fs, args); err != nil {
		return err
	}
	yearList, err := study.ParseYears(*years)
	if err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usagef("name a scenario file, e.g. simulate scenarios/3.5pct.toml")
	case fs.NArg() > 1:
		return usagef("one scenario file at a time (got %d: %s); to overlay scenarios use simulate compare", fs.NArg(), strings.Join(fs.Args(), " "))
	}
	if err := study.CheckName(fs.Arg(0)); err != nil {
		return err
	}
	s, err := loadForRun(fs.Arg(0), *sets, *runs, *runsCSV, stderr)
	if err != nil {
		return err
	}
	if *name != "" {
		if err := s.SetLabel(*name); err != nil {
			return err
		}
	}
	dir := outputDir(stderr, *out, s.Name())
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	opt := study.RunOptions{RunsCSV: *runsCSV, Progress: progress.On(stderr), Years: yearList}
	if *roles != "" {
		if opt.Roles, err = loadRoles(*roles); err != nil {
			return err
		}
	}
	if !*runsCSV {
		r, err := study.RunScenario(s, opt)
		return publish(stdout, dir, r, err)
	}
	// Every run is streamed into the new directory as it is computed.
	var r *study.Run
	err = output.WriteDir(dir, func(tmp string) error {
		opt.Stream = output.Creator(tmp)
		if r, err = study.RunScenario(s, opt); err != nil {
			return err
		}
		return output.WriteFiles(tmp, r.Files)
	})
	if err != nil {
		return err
	}
	return summarize(stdout, dir, r)
}

// yearsFlag defines -years, the years a summary and a report's headline
// table show; def says which they are without it.
func yearsFlag(fs *flag.FlagSet, def string) *string {
	return fs.String("years", "", "show the `YEARS` given, as 2028,2035 or 2026:2030 (default: "+def+")")
}

// loadScenario loads a scenario file and prints its warnings.
func loadScenario(path string, stderr io.Writer) (study.Scenario, error) {
	l, err := scenario.Load(path)
	if err != nil {
		return study.Scenario{}, err
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return study.Scenario{Path: path, Loaded: l}, nil
}

// setFlag defines -set, repeatable: inputs to set over the scenario's.
func setFlag(fs *flag.FlagSet) *setFlags {
	var sets setFlags
	fs.Var(&sets, "set", "set `KEY=VALUE` over the scenario's value, as sweep's keys (repeatable; see simulate sweep -h)")
	return &sets
}

// loadForRun loads a scenario to run, applies the -set values, settles its
// number of runs and prints the warnings of both.
func loadForRun(path string, sets []string, runs int, runsCSV bool, stderr io.Writer) (study.Scenario, error) {
	s, err := loadScenario(path, stderr)
	if err != nil {
		return s, err
	}
	if err := study.ApplySets(&s, sets); err != nil {
		return s, err
	}
	warnings, err := study.Settle(s, runs, runsCSV)
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return s, err
}

// result is what every study returns: its files and a summary for the
// terminal.
type result interface {
	Study() *study.Result
	WriteSummary(io.Writer) error
}

// publish writes a study's result (unless err) as dir, whole or not at
// all, then prints its summary and where it went.
func publish(stdout io.Writer, dir string, r result, err error) error {
	if err != nil {
		return err
	}
	if err := output.WriteDir(dir, func(tmp string) error { return output.WriteFiles(tmp, r.Study().Files) }); err != nil {
		return err
	}
	return summarize(stdout, dir, r)
}

// summarize prints a written study's summary and where it went.
func summarize(stdout io.Writer, dir string, r result) error {
	if err := r.WriteSummary(stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// outputDir returns the directory a study named name writes under out,
// warning on stderr when it lands inside a directory named scenarios/ (as
// a run started from inside scenarios/ would write scenarios/output/),
// where outputs mix with the scenario files.
func outputDir(stderr io.Writer, out, name string) string {
	dir := filepath.Join(out, name)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := filepath.Dir(abs); filepath.Dir(d) != d; d = filepath.Dir(d) {
		if filepath.Base(d) == scenario.BundledDir {
			fmt.Fprintf(stderr, "warning: writing %s inside %s, among the scenario files; run from the directory above it, or choose another place with -out\n", dir, d)
			break
		}
	}
	return dir
}
