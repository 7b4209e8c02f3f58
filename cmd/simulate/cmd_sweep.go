package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

const sweepUsage = `Usage: simulate sweep [flags] -set KEY=LOW:HIGH:STEP [-set KEY=LOW:HIGH:STEP] SCENARIO.toml

Runs the scenario for each value of one input from LOW to HIGH in steps of
STEP, or for each pair of values of two inputs (a grid), and tabulates every
indicator in the end year. Every run is the scenario's reference run, with
its scheduled events and without risks.

Writes <out>/sweep-<name>/: sweep.csv (every indicator at every point),
sweep.png and sweep.svg (the -indicator against the swept value, or a heat
map over the grid of two) and manifest.json, and prints the -indicator.

Keys are written as in a scenario file:
  actors.ACTOR.KEY, alliance.KEY, region.KEY  a value that varies over time
      (defense_pct, us_commitment_pct, ...) is held at the swept value from
      the year after the start on; the start year keeps its recorded value
  params.KEY         a coefficient, for every actor if it is per-actor
  params.ACTOR.KEY   a per-actor coefficient, for one actor
For example: -set actors.ROK.defense_pct=2.5:5.0:0.25

Flags:
`

// Bounds on a sweep's size.
const (
	maxSweepValues = 1000   // values of one key
	maxSweepPoints = 10_000 // points of a grid
)

// setFlags collects repeated -set flags.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

func runSweep(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", sweepUsage, stdout)
	out := fs.String("out", "output", "write into `DIR`/sweep-<name>/")
	indicator := fs.String("indicator", defaultIndicator, "the indicator `ID` to chart and print (simulate list shows them)")
	subject := fs.String("subject", "", "its `SUBJECT` (needed for a heat map of an indicator with several)")
	var sets setFlags
	fs.Var(&sets, "set", "sweep `KEY=LOW:HIGH:STEP` (once, or twice for a grid)")
	if err := parse(fs, args); err != nil {
		return err
	}
	path, l, err := oneScenario("sweep", fs.Args(), stderr)
	if err != nil {
		return err
	}
	switch {
	case len(sets) == 0:
		return usagef("sweep: name what to sweep with -set KEY=LOW:HIGH:STEP, e.g. -set actors.ROK.defense_pct=2.5:5.0:0.25")
	case len(sets) > 2:
		return usagef("sweep: at most two -set keys (got %d): a sweep is a line or a grid", len(sets))
	}
	axes := make([]ensemble.Axis, len(sets))
	points := 1
	for i, set := range sets {
		if axes[i], err = parseSet(set, l.Scenario.StartYear); err != nil {
			return err
		}
		if i == 1 && axes[1].Key == axes[0].Key {
			return usagef("sweep: -set %s is given twice", axes[0].Key)
		}
		points *= len(axes[i].Values)
	}
	if points > maxSweepPoints {
		return usagef("sweep: %d × %d = %d points; at most %d: use larger steps", len(axes[0].Values), len(axes[1].Values), points, maxSweepPoints)
	}
	// A line chart can show every subject of the indicator; a heat map
	// and the printed grid need one.
	target, err := parseTarget("sweep", l.Scenario, *indicator, *subject, 0, len(axes) == 1)
	if err != nil {
		return err
	}
	dir := filepath.Join(*out, "sweep-"+stem(path))
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	sw, err := ensemble.RunSweep(l.Scenario, axes, 0)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	err = writeAnalysis(dir, path, l, analysisTarget{Axes: axes}, "sweep.csv",
		func(f *os.File) error { return output.WriteSweepCSV(f, sw) },
		func(tmp string) error {
			return chart.WriteSweep(tmp, sw, target.Indicator, target.Subject, runInfo(path, l.Scenario))
		})
	if err != nil {
		return err
	}
	printSweep(stdout, sw, target)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// parseSet parses KEY=LOW:HIGH:STEP into an axis with its values, checking
// the key and the values against what a scenario file accepts there.
func parseSet(set string, startYear int) (ensemble.Axis, error) {
	key, spec, ok := strings.Cut(set, "=")
	parts := strings.Split(spec, ":")
	if !ok || key == "" || len(parts) != 3 {
		return ensemble.Axis{}, usagef("sweep: -set %s: expected KEY=LOW:HIGH:STEP, e.g. actors.ROK.defense_pct=2.5:5.0:0.25", set)
	}
	var nums [3]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return ensemble.Axis{}, usagef("sweep: -set %s: %q is not a number", set, p)
		}
		nums[i] = x
	}
	lo, hi, step := nums[0], nums[1], nums[2]
	switch {
	case step <= 0:
		return ensemble.Axis{}, usagef("sweep: -set %s: STEP must be positive (got %s)", set, parts[2])
	case hi < lo:
		return ensemble.Axis{}, usagef("sweep: -set %s: HIGH %s is below LOW %s", set, parts[1], parts[0])
	}
	n := int(math.Floor((hi-lo)/step+1e-9)) + 1
	if n > maxSweepValues {
		return ensemble.Axis{}, usagef("sweep: -set %s: %d values; at most %d: use a larger STEP", set, n, maxSweepValues)
	}
	setting, err := scenario.LookupSetting(key, startYear)
	if err != nil {
		return ensemble.Axis{}, usagef("sweep: -set %s", err)
	}
	values := make([]float64, n)
	for i := range values {
		// Round away the binary fractions that repeated steps pile up
		// (2.5 + 3×0.1 is 2.8000000000000003).
		values[i] = math.Round((lo+float64(i)*step)*1e9) / 1e9
	}
	for _, v := range []float64{values[0], values[n-1]} {
		if err := setting.Check(v); err != nil {
			return ensemble.Axis{}, usagef("sweep: -set %s: %v", set, err)
		}
	}
	return ensemble.Axis{Key: key, Unit: setting.Unit, How: setting.How, Values: values, Set: setting.Apply}, nil
}

// printSweep prints the target indicator at every point: a column per
// subject for one key, a grid of the subject for two.
func printSweep(w io.Writer, sw *ensemble.Sweep, t ensemble.Target) {
	subjects := []string{t.Subject}
	if t.Subject == "" {
		info, _ := model.LookupIndicator(t.Indicator)
		subjects = info.Subjects
	}
	fmt.Fprintf(w, "%s in %d", t.Indicator, sw.Year)
	if len(subjects) == 1 {
		fmt.Fprintf(w, " for %s", subjects[0])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	defer tw.Flush()
	if len(sw.Axes) == 1 {
		fmt.Fprintf(tw, "%s\t", sw.Axes[0].Key)
		for _, s := range subjects {
			fmt.Fprintf(tw, "%s\t", s)
		}
		fmt.Fprintln(tw)
		for p := range sw.Points() {
			fmt.Fprintf(tw, "%s\t", trimNumber(sw.Point(p)[0]))
			for _, s := range subjects {
				v, _ := sw.Value(p, t.Indicator, s)
				fmt.Fprintf(tw, "%.2f\t", v)
			}
			fmt.Fprintln(tw)
		}
		return
	}
	a, b := sw.Axes[0], sw.Axes[1]
	fmt.Fprintf(tw, "%s ↓  %s →\t", a.Key, b.Key)
	for _, v := range b.Values {
		fmt.Fprintf(tw, "%s\t", trimNumber(v))
	}
	fmt.Fprintln(tw)
	for i, va := range a.Values {
		fmt.Fprintf(tw, "%s\t", trimNumber(va))
		for j := range b.Values {
			v, _ := sw.Value(i*len(b.Values)+j, t.Indicator, t.Subject)
			fmt.Fprintf(tw, "%.2f\t", v)
		}
		fmt.Fprintln(tw)
	}
}
