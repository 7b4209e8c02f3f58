package main

import (
	"fmt"
	"io"

	"simulate/internal/forecast"
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
	est, err := forecast.EstimateRule(&base.Params, rec)
	if err != nil {
		return err
	}
	if err := est.Bootstrap(); err != nil {
		return err
	}
	ev, err := forecast.Evaluate(&base.Params, rec)
	if err != nil {
		return err
	}
	if !*tomlOnly {
		fmt.Fprintf(stdout, "Estimates on the record %d–%d (one-step-ahead, %d observations; other coefficients: %s)\n", est.First, est.Last, est.N, label)
		fmt.Fprintf(stdout, "Least squares, Nelder–Mead inside each plausible range: %d evaluations; one-step RMSE %.3f pp of GDP.\n", est.Evaluations, est.RMSE)
		fmt.Fprintf(stdout, "SE: asymptotic (Gauss–Newton); not valid for an estimate on its range's edge. Bootstrap: percentiles over\n")
		fmt.Fprintf(stdout, "%d resamples of 3-year blocks of the record, each re-estimated inside the ranges.\n\n", forecast.BootstrapResamples)
		if err := forecast.WriteEstimates(stdout, est); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nThe same estimates at each origin %d–%d, on the record up to the origin:\n\n", ev.Origins[0], ev.Origins[len(ev.Origins)-1])
		if err := forecast.WriteStability(stdout, ev); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
		writeSkillIntro(stdout, ev, label)
		if err := forecast.WriteSkillTable(stdout, ev); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
	}
	return forecast.WriteTOML(stdout, est, ev)
}
