package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

const sensitivityUsage = `Usage: simulate sensitivity [flags] SCENARIO.toml

Moves each coefficient of the model (a per-actor coefficient for each actor
in turn) alone to the low and then to the high end of its plausible range,
and ranks the coefficients by how far they move one indicator in one year:
which assumption matters most? Every run is the scenario's reference run,
with its scheduled events and without risks.

Writes <out>/sensitivity-<name>/: sensitivity.csv (every coefficient),
tornado.png and tornado.svg (the coefficients that matter most) and
manifest.json, and prints the ranking.

Flags:
`

// defaultIndicator is what sensitivity and sweep look at unless told.
const defaultIndicator = "deterrence_credibility"

// sensitivityShown is how many coefficients the printed ranking lists.
const sensitivityShown = 15

func runSensitivity(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sensitivity", sensitivityUsage, stdout)
	out := fs.String("out", "output", "write into `DIR`/sensitivity-<name>/")
	indicator := fs.String("indicator", defaultIndicator, "the indicator `ID` to explain (simulate list shows them)")
	subject := fs.String("subject", "", "its `SUBJECT` when it has several (US, ROK, ...)")
	year := fs.Int("year", 0, "the `YEAR` to look at (0: the end year)")
	if err := parse(fs, args); err != nil {
		return err
	}
	path, l, err := oneScenario("sensitivity", fs.Args(), stderr)
	if err != nil {
		return err
	}
	target, err := parseTarget("sensitivity", l.Scenario, *indicator, *subject, *year, false)
	if err != nil {
		return err
	}
	dir := filepath.Join(*out, "sensitivity-"+stem(path))
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	s, err := ensemble.OneAtATime(l.Scenario, target, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	err = writeAnalysis(dir, path, l, analysisTarget{Target: &target}, "sensitivity.csv",
		func(f *os.File) error { return output.WriteSensitivityCSV(f, s) },
		func(tmp string) error { return chart.WriteTornado(tmp, s, runInfo(path, l.Scenario)) })
	if err != nil {
		return err
	}
	printSensitivity(stdout, s)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// oneScenario loads the single scenario file of a command's arguments and
// prints its warnings.
func oneScenario(cmd string, args []string, stderr io.Writer) (string, *scenario.Loaded, error) {
	switch {
	case len(args) == 0:
		return "", nil, usagef("%s: name a scenario file, e.g. simulate %s scenarios/3.5pct.toml", cmd, cmd)
	case len(args) > 1:
		return "", nil, usagef("%s: one scenario file at a time (got %d: %s)", cmd, len(args), strings.Join(args, " "))
	}
	path := args[0]
	switch stem(path) {
	case "", ".", "..":
		return "", nil, usagef("%q has no file name to name the output directory after", path)
	}
	l, err := scenario.Load(path)
	if err != nil {
		return "", nil, err
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return path, l, nil
}

// parseTarget checks an indicator, subject and year against the model and
// the scenario's horizon. The subject may be left out when the indicator
// has one, or when every subject will do (the Target's Subject is then "");
// year 0 is the end year.
func parseTarget(cmd string, sc *model.Scenario, indicator, subject string, year int, everySubject bool) (ensemble.Target, error) {
	info, ok := model.LookupIndicator(indicator)
	if !ok {
		var ids []string
		for _, in := range model.IndicatorList() {
			ids = append(ids, in.ID)
		}
		return ensemble.Target{}, usagef("%s: unknown indicator %q%s (simulate list shows them all)", cmd, indicator, scenario.Suggest(indicator, ids))
	}
	switch {
	case subject == "" && len(info.Subjects) == 1:
		subject = info.Subjects[0]
	case subject == "" && everySubject:
	case subject == "":
		return ensemble.Target{}, usagef("%s: %s has several subjects (%s): choose one with -subject", cmd, indicator, strings.Join(info.Subjects, ", "))
	case !slices.Contains(info.Subjects, subject):
		return ensemble.Target{}, usagef("%s: %s has no subject %q%s (its subjects: %s)", cmd, indicator, subject, scenario.Suggest(subject, info.Subjects), strings.Join(info.Subjects, ", "))
	}
	if year == 0 {
		year = sc.EndYear
	}
	if year < sc.StartYear || year > sc.EndYear {
		return ensemble.Target{}, usagef("%s: -year %d is outside the scenario's horizon %d–%d", cmd, year, sc.StartYear, sc.EndYear)
	}
	return ensemble.Target{Indicator: indicator, Subject: subject, Year: year}, nil
}

// printSensitivity prints the coefficients that move the target most.
func printSensitivity(w io.Writer, s *ensemble.Sensitivity) {
	t := s.Target
	fmt.Fprintf(w, "What moves %s for %s in %d (reference run: %.2f, unit %s)\n", t.Indicator, t.Subject, t.Year, s.Baseline, s.Unit)
	fmt.Fprintln(w, "Each coefficient alone at the low and the high end of its plausible range, ranked by how far it moves the indicator.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "rank\tcoefficient\tactor\tlow\thigh\tat low\tat high\tspan\t\n")
	moved := 0
	for i, e := range s.Effects {
		if e.Span == 0 {
			continue
		}
		moved++
		if i >= sensitivityShown {
			continue
		}
		actor := ""
		if e.PerActor {
			actor = e.Param.Actor.String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t\n", i+1, e.Param.Key, actor, trimNumber(e.Low), trimNumber(e.High), e.AtLow, e.AtHigh, e.Span)
	}
	tw.Flush()
	fmt.Fprintln(w)
	switch {
	case moved == 0:
		fmt.Fprintf(w, "None of the %d coefficients moves it.\n", len(s.Effects))
	case moved > sensitivityShown:
		fmt.Fprintf(w, "%d more coefficients move it less; %d do not move it at all (sensitivity.csv lists all %d).\n", moved-sensitivityShown, len(s.Effects)-moved, len(s.Effects))
	default:
		fmt.Fprintf(w, "The other %d coefficients do not move it at all (sensitivity.csv lists all %d).\n", len(s.Effects)-moved, len(s.Effects))
	}
}

// trimNumber writes v without trailing zeros: 0.6, 0.97, 150.
func trimNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// analysisTarget is what a sensitivity analysis or sweep looked at.
type analysisTarget struct {
	Target *ensemble.Target
	Axes   []ensemble.Axis
}

// writeAnalysis writes the directory of a sensitivity analysis or a sweep,
// whole or not at all: its CSV, its chart and its manifest.
func writeAnalysis(dir, path string, l *scenario.Loaded, a analysisTarget, csv string, writeCSV func(*os.File) error, writeChart func(dir string) error) error {
	return output.WriteDir(dir, func(tmp string) error {
		if err := output.WriteFile(tmp, csv, writeCSV); err != nil {
			return err
		}
		if err := writeChart(tmp); err != nil {
			return err
		}
		return writeAnalysisManifest(tmp, path, l, a)
	})
}

// writeAnalysisManifest writes the manifest of a sensitivity analysis or a
// sweep: the scenario file and its hash, what was looked at, and every file
// written before it.
func writeAnalysisManifest(dir, path string, l *scenario.Loaded, a analysisTarget) error {
	files, err := output.ListFiles(dir)
	if err != nil {
		return err
	}
	type axis struct {
		Key    string    `json:"key"`
		How    string    `json:"how"`
		Values []float64 `json:"values"`
	}
	m := struct {
		Simulate  string           `json:"simulate_version"`
		Scenario  string           `json:"scenario"`
		SHA256    string           `json:"sha256"`
		Extends   []output.FileRef `json:"extends,omitempty"`
		Title     string           `json:"title"`
		Runs      string           `json:"runs"`
		Indicator string           `json:"indicator,omitempty"`
		Subject   string           `json:"subject,omitempty"`
		Year      int              `json:"year,omitempty"`
		Axes      []axis           `json:"axes,omitempty"`
		Outputs   []string         `json:"outputs"`
		Warnings  []string         `json:"warnings,omitempty"`
	}{
		Simulate: output.Version, Scenario: filepath.ToSlash(path), SHA256: l.Files[0].SHA256, Title: l.Scenario.Title,
		Runs:    "the reference run (scheduled events, no risks or drawn coefficients) with the changes listed",
		Outputs: append(files, "manifest.json"), Warnings: l.Warnings,
	}
	for _, f := range l.Files[1:] {
		m.Extends = append(m.Extends, output.FileRef{Path: filepath.ToSlash(f.Path), SHA256: f.SHA256})
	}
	if t := a.Target; t != nil {
		m.Indicator, m.Subject, m.Year = t.Indicator, t.Subject, t.Year
	}
	for _, ax := range a.Axes {
		m.Axes = append(m.Axes, axis{ax.Key, ax.How, ax.Values})
	}
	return output.WriteFile(dir, "manifest.json", func(f *os.File) error { return output.WriteJSON(f, m) })
}
