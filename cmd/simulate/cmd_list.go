package main

import (
	"io"

	"simulate/internal/study"
)

const listUsage = `Usage: simulate list [-params | -scenarios]

Lists the indicators every run reports, with subjects, units and meaning;
with -params, every model coefficient with its default, unit, plausible
range and source; with -scenarios, the bundled scenarios, which run from
any directory (a file on disk at the same path wins).

Examples:
  simulate list
  simulate list -params

Flags:
`

func runList(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("list", listUsage, stdout)
	params := fs.Bool("params", false, "list the model's coefficients instead of the indicators")
	bundled := fs.Bool("scenarios", false, "list the bundled scenarios instead of the indicators")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list: unexpected argument %q", fs.Arg(0))
	}
	switch {
	case *params && *bundled:
		return usagef("list: -params or -scenarios, not both")
	case *params:
		return study.WriteParams(stdout)
	case *bundled:
		return study.WriteBundled(stdout)
	}
	return study.WriteIndicators(stdout)
}
