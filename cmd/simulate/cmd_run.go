package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
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

Flags:
`

// stem returns the scenario file's name without directory or extension.
func stem(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func runScenario(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("simulate", usageText+"\n"+runUsage, stdout)
	out := fs.String("out", "output", "write the run into `DIR`/<name>/")
	runs := fs.Int("runs", 0, "run an ensemble of `N` runs (0: the scenario's runs)")
	runsCSV := fs.Bool("runs-csv", false, "with an ensemble, also write every run: runs.csv, draws.csv, shocks.csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() == 0:
		return usagef("name a scenario file, e.g. simulate scenarios/3.5pct.toml")
	case fs.NArg() > 1:
		return usagef("one scenario file at a time (got %d: %s); to overlay scenarios use simulate compare", fs.NArg(), strings.Join(fs.Args(), " "))
	}
	path := fs.Arg(0)
	switch stem(path) {
	case "", ".", "..":
		// The output directory would be -out itself, which a run replaces.
		return usagef("%q has no file name to name the output directory after", path)
	}
	l, err := scenario.Load(path)
	if err != nil {
		return err
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if err := settleRuns(path, l.Scenario, *runs, *runsCSV, stderr); err != nil {
		return err
	}
	dir := filepath.Join(*out, stem(path))
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var bands *ensemble.Bands
	err = output.WriteDir(dir, func(tmp string) error {
		if l.Scenario.Runs > 1 {
			if bands, err = runEnsemble(tmp, stem(path), l.Scenario, *runsCSV, stderr); err != nil {
				return err
			}
		}
		return writeRun(tmp, path, l, res, bands)
	})
	if err != nil {
		return err
	}
	printSummary(stdout, l.Scenario, res)
	if bands != nil {
		printBands(stdout, l.Scenario, bands)
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// writeRun writes a run's files into dir: the series, the charts, and last
// the manifest, which lists every file written before it. An ensemble's
// bands (nil for a single run) add bands.csv and make the charts fan charts.
func writeRun(dir, path string, l *scenario.Loaded, res *model.Results, bands *ensemble.Bands) error {
	if err := output.WriteFile(dir, "series.csv", func(f *os.File) error { return output.WriteSeriesCSV(f, res) }); err != nil {
		return err
	}
	if bands != nil {
		if err := writeBands(dir, path, l, res, bands); err != nil {
			return err
		}
	} else if err := chart.WriteRun(dir, res, runInfo(path, l.Scenario)); err != nil {
		return err
	}
	if err := writeRunReport(dir, path, l, res, ensembleSections(l.Scenario, bands)...); err != nil {
		return err
	}
	files, err := output.ListFiles(dir)
	if err != nil {
		return err
	}
	m := manifest(path, l, append(files, "manifest.json"))
	if bands != nil {
		m.Ensemble = ensembleManifest(l.Scenario, bands)
	}
	return output.WriteFile(dir, "manifest.json", func(f *os.File) error { return output.WriteManifest(f, m) })
}

// runInfo labels a scenario's charts.
func runInfo(path string, sc *model.Scenario) chart.RunInfo {
	return chart.RunInfo{Name: stem(path), Title: sc.Title, Events: sc.Events, Investments: sc.Investments, Commitment: sc.Alliance.USCommitmentPct}
}

func manifest(path string, l *scenario.Loaded, outputs []string) *output.Manifest {
	sc := l.Scenario
	m := &output.Manifest{
		Simulate:   output.Version,
		Scenario:   filepath.ToSlash(path),
		SHA256:     l.Files[0].SHA256,
		Title:      sc.Title,
		StartYear:  sc.StartYear,
		EndYear:    sc.EndYear,
		Seed:       sc.Seed,
		Runs:       sc.Runs,
		Parameters: output.ResolvedParams(&sc.Params),
		Outputs:    outputs,
		Warnings:   l.Warnings,
	}
	for _, f := range l.Files[1:] {
		m.Extends = append(m.Extends, output.FileRef{Path: filepath.ToSlash(f.Path), SHA256: f.SHA256})
	}
	return m
}
