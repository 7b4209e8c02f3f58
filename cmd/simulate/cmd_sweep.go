package main

import (
	"io"
	"strings"

	"simulate/internal/output"
	"simulate/internal/study"
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

Examples:
  simulate sweep -set actors.ROK.defense_pct=2.5:5.0:0.25 scenarios/3.5pct.toml
  simulate sweep -indicator alliance_cohesion -set alliance.us_commitment_pct=60:100:10 -set actors.ROK.defense_pct=2.5:5:0.5 scenarios/baseline.toml

Flags:
`

// setFlags collects repeated -set flags.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, " ") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

func runSweep(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sweep", sweepUsage, stdout)
	out := fs.String("out", "output", "write into `DIR`/sweep-<name>/")
	indicator := fs.String("indicator", string(study.DefaultIndicator), "the indicator `ID` to chart and print (simulate list shows them)")
	subject := fs.String("subject", "", "its `SUBJECT` (needed for a heat map of an indicator with several)")
	var sets setFlags
	fs.Var(&sets, "set", "sweep `KEY=LOW:HIGH:STEP` (once, or twice for a grid)")
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := oneScenario("sweep", fs.Args(), stderr)
	if err != nil {
		return err
	}
	q, err := study.NewSweep(s, sets, *indicator, *subject)
	if err != nil {
		return err
	}
	dir := outputDir(stderr, *out, "sweep-"+s.Name())
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	r, err := q.Run()
	return publish(stdout, dir, r, err)
}
