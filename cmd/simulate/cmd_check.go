package main

import (
	"errors"
	"fmt"
	"io"

	"simulate/internal/scenario"
	"simulate/internal/serve"
	"simulate/internal/study"
	"simulate/internal/team"
)

const checkUsage = `Usage: simulate check [flags] SCENARIO.toml...

Validates scenario files without running them: prints "ok FILE" and any
warnings for each valid file and every error of each invalid one; the exit
status is 2 if any file is invalid. With -set, also checks that the values
can be set over each file's. With -roles, also refuses every key a team's
file sets that the team does not own. A roles file is TOML:

  year = 2035                      # the year goals are scored in (simulate -roles)
  [[teams]]
  name = "US"
  files = ["us.toml"]              # the team's files, by name, in any round
  owns = ["actors.US", "alliance.us_commitment_pct", "events kind=trade_dispute"]
  [[teams.goals]]
  indicator = "burden_share"
  subject = "US-ROK"
  at_least = "burden_parity"       # a number, or an indicator of the subject

An owned key path owns the keys under it; "events kind=K" and
"investments from=A" own entries of those arrays; every file may set its
title and description. unset = [...] needs the keys it unsets.

A session file of simulate serve (one with base and roles keys) is checked
as one: its roles file, its base scenario, its rounds and its injects.

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
	rolesPath := fs.String("roles", "", "also refuse any key a team's file sets that the team does not own, per the roles `FILE`")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("check: name at least one scenario file")
	}
	var roles *team.Roles
	if *rolesPath != "" {
		var err error
		if roles, err = loadRoles(*rolesPath); err != nil {
			return err
		}
	}
	invalid := 0
	for _, path := range fs.Args() {
		if bundledSession(path) || serve.IsSession(path) {
			// A session file of simulate serve: its roles, base and injects.
			if _, err := loadSession(path); err != nil {
				if fs.NArg() == 1 {
					return err
				}
				fmt.Fprintln(stderr, "simulate:", err)
				invalid++
				continue
			}
			fmt.Fprintf(stdout, "ok %s (a session file)\n", path)
			continue
		}
		l, err := scenario.LoadAll(path)
		var all scenario.Errors
		if errors.As(err, &all) {
			// Every error but the last is printed here; the last goes the
			// way of any other.
			for _, e := range all[:len(all)-1] {
				fmt.Fprintln(stderr, "simulate:", e)
			}
			err = all[len(all)-1]
		}
		if err == nil {
			err = study.ApplySets(&study.Scenario{Path: path, Loaded: l}, *sets)
		}
		if err == nil && roles != nil {
			if errs := roles.Check(path, l); len(errs) > 0 {
				for _, e := range errs[:len(errs)-1] {
					fmt.Fprintln(stderr, "simulate:", e)
				}
				err = errs[len(errs)-1]
			}
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
