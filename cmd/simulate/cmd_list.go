package main

import (
	"io"

	"simulate/internal/study"
)

const listUsage = `Usage: simulate list [-params]

Lists the indicators every run reports, with subjects, units and meaning;
with -params, every model coefficient with its default, unit, plausible
range and source.

`

func runList(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("list", listUsage, stdout)
	params := fs.Bool("params", false, "list the model's coefficients instead of the indicators")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("list: unexpected argument %q", fs.Arg(0))
	}
	if *params {
		return study.WriteParams(stdout)
	}
	return study.WriteIndicators(stdout)
}
