package main

import (
	"io"
	"strings"

	"simulate/internal/output"
	"simulate/internal/study"
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

Examples:
  simulate sensitivity scenarios/3.5pct.toml
  simulate sensitivity -indicator defense_spending -subject ROK -year 2035 scenarios/3.5pct.toml

Flags:
`

func runSensitivity(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sensitivity", sensitivityUsage, stdout)
	out := fs.String("out", "output", "write into `DIR`/sensitivity-<name>/")
	indicator := fs.String("indicator", string(study.DefaultIndicator), "the indicator `ID` to explain (simulate list shows them)")
	subject := fs.String("subject", "", "its `SUBJECT` when it has several (US, ROK, ...)")
	year := fs.Int("year", 0, "the `YEAR` to look at (0: the end year)")
	sets := setFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	s, err := oneScenario("sensitivity", fs.Args(), stderr)
	if err != nil {
		return err
	}
	if err := study.ApplySets(&s, *sets); err != nil {
		return err
	}
	target, err := study.Target("sensitivity", s.Loaded.Scenario, *indicator, *subject, *year, false)
	if err != nil {
		return err
	}
	dir := outputDir(stderr, *out, "sensitivity-"+s.Name())
	if err := output.Replaceable(dir); err != nil {
		return err
	}
	r, err := study.RunSensitivity(s, target)
	return publish(stdout, dir, r, err)
}

// oneScenario loads the single scenario file of a command's arguments and
// prints its warnings.
func oneScenario(cmd string, args []string, stderr io.Writer) (study.Scenario, error) {
	switch {
	case len(args) == 0:
		return study.Scenario{}, usagef("%s: name a scenario file, e.g. simulate %s scenarios/3.5pct.toml", cmd, cmd)
	case len(args) > 1:
		return study.Scenario{}, usagef("%s: one scenario file at a time (got %d: %s)", cmd, len(args), strings.Join(args, " "))
	}
	if err := study.CheckName(args[0]); err != nil {
		return study.Scenario{}, err
	}
	return loadScenario(args[0], stderr)
}
