package main

import (
	"fmt"
	"io"

	"simulate/internal/scenario"
)

const checkUsage = `Usage: simulate check SCENARIO.toml...

Validates scenario files without running them: prints "ok" and any warnings
for each valid file; stops at the first invalid one with exit status 2.

`

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkUsage, stdout)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("check: name at least one scenario file")
	}
	for _, path := range fs.Args() {
		l, err := scenario.Load(path)
		if err != nil {
			return err
		}
		for _, w := range l.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		fmt.Fprintf(stdout, "ok %s\n", path)
	}
	return nil
}
