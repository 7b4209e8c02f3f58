package main

import (
	"io"

	"simulate/internal/hindcast"
	"simulate/internal/study"
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
	base, label, err := hindcastBase(fs.Args(), false, stderr)
	if err != nil {
		return err
	}
	fit, err := study.Calibrate(base)
	if err != nil {
		return err
	}
	if !*tomlOnly {
		if err := study.WriteFit(stdout, fit, label); err != nil {
			return err
		}
	}
	return hindcast.WriteTOML(stdout, fit)
}
