package main

import (
	"fmt"
	"io"

	"simulate/internal/scenario"
	"simulate/internal/study"
)

const checkUsage = `Usage: simulate check [flags] SCENARIO.toml...

Validates scenario files without running them: prints "ok FILE" and any
warnings for each valid file and the error for each invalid one; the exit
status is 2 if any file is invalid. With -set, also checks that the values
can be set over each file's.

Examples:
  simulate check scenarios/*.toml scenarios/classroom/*.toml
  simulate check -set actors.ROK.defense_pct=4 my-scenario.toml

Flags:
`

// checkFailed reports that simulate check found invalid files; their errors
// are already printed.
type checkFailed struct{ invalid, total int }

func (e *checkFailed) Error() string {
	return fmt.Sprintf("check: %d of %d scenario files are invalid", e.invalid, e.total)
}

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", checkUsage, stdout)
	sets := setFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("check: name at least one scenario file")
	}
	invalid := 0
	for _, path := range fs.Args() {
		l, err := scenario.Load(path)
		if err == nil {
			err = study.ApplySets(&study.Scenario{Path: path, Loaded: l}, *sets)
		}
		if err != nil && fs.NArg() == 1 {
			return err
		}
		if err != nil {
			fmt.Fprintln(stderr, "simulate:", err)
			invalid++
			continue
		}
		for _, w := range l.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		fmt.Fprintf(stdout, "ok %s\n", path)
	}
	if invalid > 0 {
		return &checkFailed{invalid, fs.NArg()}
	}
	return nil
}
