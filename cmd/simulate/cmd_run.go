package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"simulate/internal/chart"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

const runUsage = `Usage: simulate [flags] SCENARIO.toml

Runs the scenario and writes <out>/<name>/: series.csv, manifest.json and
charts, where <name> is the file's stem. Prints a summary of the headline
indicators.

Flags:
`

// stem returns the scenario file's name without directory or extension.
func stem(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func runScenario(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("simulate", usageText+"\n"+runUsage, stdout)
	out := fs.String("out", "output", "write the run into `DIR`/<name>/")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := flagsFirst(fs, "simulate [flags] SCENARIO.toml"); err != nil {
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
	if n := l.Scenario.Runs; n > 1 {
		fmt.Fprintf(stderr, "warning: %s: runs = %d: ensembles are not implemented yet; this is one run with seed %d\n", path, n, l.Scenario.Seed)
	}
	dir := filepath.Join(*out, stem(path))
	if err := replaceable(dir); err != nil {
		return err
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := output.WriteDir(dir, func(tmp string) error { return writeRun(tmp, path, l, res) }); err != nil {
		return err
	}
	printSummary(stdout, l.Scenario, res)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// flagsFirst rejects a flag after the positional arguments, which the flag
// package would otherwise take for a file name ("simulate a.toml -out d").
// synopsis is the command's usage line.
func flagsFirst(fs *flag.FlagSet, synopsis string) error {
	for _, a := range fs.Args()[min(1, fs.NArg()):] {
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			return usagef("flag %s after %s: flags go before the file names (%s)", a, fs.Arg(0), synopsis)
		}
	}
	return nil
}

// replaceable checks that a run may write dir, replacing what is there:
// nothing, an empty directory, or an earlier run's output (it has a
// manifest.json). Anything else (a mistyped -out, a directory named like
// the scenario) is refused rather than deleted.
func replaceable(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("will not replace %s: it is a file, not the output of an earlier run; move it or choose another -out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		return fmt.Errorf("will not replace %s: it is not the output of an earlier run (no manifest.json in it); move it or choose another -out", dir)
	}
	return nil
}

// writeRun writes a run's files into dir: the series, the charts, and last
// the manifest, which lists every file written before it.
func writeRun(dir, path string, l *scenario.Loaded, res *model.Results) error {
	if err := output.WriteFile(dir, "series.csv", func(f *os.File) error { return output.WriteSeriesCSV(f, res) }); err != nil {
		return err
	}
	if err := chart.WriteRun(dir, res, runInfo(path, l.Scenario)); err != nil {
		return err
	}
	if err := writeRunReport(dir, path, l, res); err != nil {
		return err
	}
	files, err := output.ListFiles(dir)
	if err != nil {
		return err
	}
	m := manifest(path, l, append(files, "manifest.json"))
	return output.WriteFile(dir, "manifest.json", func(f *os.File) error { return output.WriteManifest(f, m) })
}

// runInfo labels a scenario's charts.
func runInfo(path string, sc *model.Scenario) chart.RunInfo {
	return chart.RunInfo{Name: stem(path), Title: sc.Title, Events: sc.Events, Investments: sc.Investments}
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
