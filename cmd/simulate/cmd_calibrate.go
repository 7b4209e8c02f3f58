package main

import (
	"io"

	"simulate/internal/forecast"
	"simulate/internal/study"
)

const calibrateUsage = `Usage: simulate calibrate [-toml] [-record FILE] [SCENARIO.toml]

Estimates the decision rule on the whole 1988–2024 record: each scored
actor's inertia, reaction elasticity and free-riding elasticity, and the
threat response (through threat_to_dispute_pp), by least squares on the
rule's one-step-ahead errors (Nelder–Mead from gonum/optimize, inside each
coefficient's plausible range, starting from the registry's defaults).
Prints the estimates with standard errors, 95% intervals from them and from
a block bootstrap of the record's years, flags those on
an edge of their range and those the record does not identify, then the
out-of-sample skill of the rule re-estimated at every origin (as simulate
hindcast), and the estimates as TOML to paste into a scenario's [params].
The other coefficients are SCENARIO.toml's (default scenarios/baseline.toml).
With -record FILE, the record is FILE instead of the shipped one.

Examples:
  simulate calibrate
  simulate calibrate -toml scenarios/baseline.toml

Flags:
`

func runCalibrate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("calibrate", calibrateUsage, stdout)
	tomlOnly := fs.Bool("toml", false, "print only the estimates as TOML")
	recordPath := fs.String("record", "", "estimate on the record in `FILE` instead of the shipped one")
	if err := parse(fs, args); err != nil {
		return err
	}
	base, rec, label, err := hindcastInputs(fs.Args(), false, *recordPath, stderr)
	if err != nil {
		return err
	}
	cal, err := study.Calibrate(base, rec)
	if err != nil {
		return err
	}
	if !*tomlOnly {
		if err := study.WriteCalibration(stdout, cal, label); err != nil {
			return err
		}
	}
	return forecast.WriteTOML(stdout, cal.Estimate, cal.Evaluation)
}
