package main

import (
	"io"

	"simulate/internal/forecast"
	"simulate/internal/study"
	"simulate/model"
)

const hindcastUsage = `Usage: simulate hindcast [flags] [SCENARIO.toml]

Scores the decision rule out of sample against the 1988–2024 record
(SIPRI shares of GDP; World Bank GDP), by rolling origins: for each origin
year from 2000 to 2019 it estimates the rule's coefficients on the record up
to the origin only, forecasts the defense shares of US, ROK, CHN and JPN one
to five years ahead with nothing known after the origin (GDP at its trend
as of the origin), and compares them with the record and with persistence
(the share held at its origin value). Prints, per actor and horizon, the
mean absolute percentage error of the rule and of persistence, MASE and
Theil's U (below 1: the rule beats persistence), and writes forecasts.csv,
skill.csv and forecasts.png/.svg to <out>/hindcast/.

The coefficients not estimated (bounds, rival weights) are SCENARIO.toml's
(default scenarios/baseline.toml); with -defaults, the registry's defaults.
With -record FILE, the record is FILE (the format of the shipped
data/history-1988-2024.csv) instead of the shipped one.

Examples:
  simulate hindcast
  simulate hindcast -defaults -out /tmp/hc

Flags:
`

// defaultBase is the scenario whose coefficients hindcast and calibrate use
// when none is named.
const defaultBase = "scenarios/baseline.toml"

func runHindcast(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("hindcast", hindcastUsage, stdout)
	out := fs.String("out", "output", "write the charts and tables to `DIR`/hindcast")
	defaults := fs.Bool("defaults", false, "use the registry's default coefficients instead of the scenario's")
	recordPath := fs.String("record", "", "score against the record in `FILE` instead of the shipped one")
	if err := parse(fs, args); err != nil {
		return err
	}
	base, rec, label, err := hindcastInputs(fs.Args(), *defaults, *recordPath, stderr)
	if err != nil {
		return err
	}
	h, err := study.RunHindcast(base, rec, label)
	if err != nil {
		return err
	}
	return publish(stdout, outputDir(stderr, *out, h.Dir), h, nil)
}

// hindcastInputs loads the scenario whose coefficients a hindcast or
// calibration starts from (for those it does not estimate) and the record
// (the shipped one, or recordPath), and describes the coefficients' origin.
func hindcastInputs(args []string, defaults bool, recordPath string, stderr io.Writer) (*model.Scenario, *forecast.Record, string, error) {
	if len(args) > 1 {
		return nil, nil, "", usagef("one scenario file at most (got %d)", len(args))
	}
	path := defaultBase
	if len(args) == 1 {
		path = args[0]
	}
	s, err := loadScenario(path, stderr)
	if err != nil {
		return nil, nil, "", err
	}
	rec, err := forecast.Embedded()
	if recordPath != "" {
		if rec, err = forecast.ReadRecord(recordPath); err != nil {
			return nil, nil, "", &usageError{"-record: " + err.Error()}
		}
	}
	if err != nil {
		return nil, nil, "", err
	}
	base, label := study.HindcastBase(s, defaults)
	return base, rec, label, nil
}
