package main

import (
	"fmt"
	"io"

	"simulate/internal/hindcast"
)

const calibrateUsage = `Usage: simulate calibrate [-toml] [SCENARIO.toml]

Fits the decision-rule coefficients the record can inform — each scored
actor's inertia and reaction elasticity, the free-riding elasticity of ROK
and JPN, and the threat response (through threat_to_dispute_pp) — by minimizing the hindcast's defense-share
error over 2016–2019 with Nelder–Mead, inside each coefficient's plausible
range, starting from the registry's defaults. 2020–2024 is held out: its
errors are those of a fit that never saw it. Prints the fitted values, how
much worse the fit gets with each held at its default, the errors before and
after, and the values as TOML to paste into a scenario's [params]. The
other coefficients are SCENARIO.toml's (default scenarios/baseline.toml).

Flags:
`

func runCalibrate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("calibrate", calibrateUsage, stdout)
	tomlOnly := fs.Bool("toml", false, "print only the fitted values as TOML")
	if err := parse(fs, args); err != nil {
		return err
	}
	base, in, label, err := hindcastInputs(fs.Args(), false, stderr)
	if err != nil {
		return err
	}
	fit, err := hindcast.Calibrate(base, in)
	if err != nil {
		return err
	}
	if !*tomlOnly {
		fmt.Fprintf(stdout, "Calibration on %s (hindcast from %d; other coefficients: %s)\n", hindcast.FitWindow, fit.BeforeResult.Years[0], label)
		fmt.Fprintf(stdout, "Objective: mean defense-share MAPE of US, ROK, CHN, JPN over %s: %.2f%% with the defaults, %.2f%% fitted.\n", hindcast.FitWindow, fit.BeforeResult.MeanShareMAPE(hindcast.FitWindow), fit.Objective)
		fmt.Fprintf(stdout, "Nelder–Mead: %d hindcasts, stopped on %s.\n\n", fit.Evaluations, fit.Status)
		if err := hindcast.WriteFit(stdout, fit); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nDefense-share errors before (defaults) and after (fitted), %% of the record:\n\n")
		if err := hindcast.WriteComparison(stdout, fit.BeforeResult, fit.AfterResult); err != nil {
			return err
		}
		fmt.Fprintln(stdout)
	}
	if err := hindcast.WriteTOML(stdout, fit); err != nil {
		return err
	}
	return nil
}
