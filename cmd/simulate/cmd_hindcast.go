package main

import (
	"io"
	"path/filepath"

	"simulate/internal/study"
	"simulate/model"
)

const hindcastUsage = `Usage: simulate hindcast [flags] [SCENARIO.toml]

Reruns the model over 2015–2024 against the record: it starts from 2015
(GDP and defense shares as recorded), nominal GDP follows the record, the
events of 2016–2024 happen as listed in the shipped events file, and every
actor sets its defense share by its own decision rule (no policy paths).
Prints, for US, ROK, CHN and JPN, the mean absolute percentage error and the
bias of the defense share and of defense spending against SIPRI, and writes
hindcast.csv and one chart per actor (PNG and SVG) to <out>/hindcast/.

The coefficients are SCENARIO.toml's (default scenarios/baseline.toml, which
holds the calibrated values); with -defaults, the registry's defaults (the
model before calibration).

Flags:
`

// defaultBase is the scenario whose coefficients hindcast and calibrate use
// when none is named.
const defaultBase = "scenarios/baseline.toml"

func runHindcast(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("hindcast", hindcastUsage, stdout)
	out := fs.String("out", "output", "write the charts and table to `DIR`/hindcast")
	defaults := fs.Bool("defaults", false, "use the registry's default coefficients instead of the scenario's")
	if err := parse(fs, args); err != nil {
		return err
	}
	base, label, err := hindcastBase(fs.Args(), *defaults, stderr)
	if err != nil {
		return err
	}
	h, err := study.RunHindcast(base, label)
	if err != nil {
		return err
	}
	return publish(stdout, filepath.Join(*out, h.Dir), h, nil)
}

// hindcastBase loads the scenario whose coefficients (and the inputs no
// budget decision reads) a hindcast or calibration uses, and describes the
// coefficients' origin.
func hindcastBase(args []string, defaults bool, stderr io.Writer) (*model.Scenario, string, error) {
	if len(args) > 1 {
		return nil, "", usagef("one scenario file at most (got %d)", len(args))
	}
	path := defaultBase
	if len(args) == 1 {
		path = args[0]
	}
	s, err := loadScenario(path, stderr)
	if err != nil {
		return nil, "", err
	}
	base, label := study.HindcastBase(s, defaults)
	return base, label, nil
}
