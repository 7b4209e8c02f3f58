package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
	out := fs.String("out", "output", "directory for the run's output `DIR`ectory")
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
	l, err := scenario.Load(path)
	if err != nil {
		return err
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	dir := filepath.Join(*out, stem(path))
	if err := output.WriteDir(dir, func(tmp string) error { return writeRun(tmp, path, l, res) }); err != nil {
		return err
	}
	printSummary(stdout, l.Scenario, res)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// writeRun writes a run's files into dir.
func writeRun(dir, path string, l *scenario.Loaded, res *model.Results) error {
	if err := output.WriteFile(dir, "series.csv", func(f *os.File) error { return output.WriteSeriesCSV(f, res) }); err != nil {
		return err
	}
	m := manifest(path, l, []string{"series.csv", "manifest.json"})
	return output.WriteFile(dir, "manifest.json", func(f *os.File) error { return output.WriteManifest(f, m) })
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
