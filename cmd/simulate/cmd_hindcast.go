package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"simulate/internal/forecast"
	"simulate/internal/output"
	"simulate/internal/scenario"
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
	ev, err := forecast.Evaluate(&base.Params, rec)
	if err != nil {
		return fmt.Errorf("hindcast: %w", err)
	}
	dir := filepath.Join(*out, "hindcast")
	err = output.WriteDir(dir, func(tmp string) error {
		if err := output.WriteFile(tmp, "forecasts.csv", func(f *os.File) error { return forecast.WriteForecasts(f, ev) }); err != nil {
			return err
		}
		if err := output.WriteFile(tmp, "skill.csv", func(f *os.File) error { return forecast.WriteSkill(f, ev) }); err != nil {
			return err
		}
		if _, err := ev.WriteChart(tmp, rec, "other coefficients: "+label); err != nil {
			return err
		}
		files, err := output.ListFiles(tmp)
		if err != nil {
			return err
		}
		m := hindcastManifest{
			Simulate:     output.Version,
			Command:      "hindcast",
			Record:       recordName(*recordPath),
			Coefficients: label,
			FirstOrigin:  ev.Origins[0],
			LastOrigin:   ev.Origins[len(ev.Origins)-1],
			Horizon:      forecast.Horizon,
			Parameters:   output.ResolvedParams(&base.Params),
			Outputs:      append(files, output.ManifestName),
		}
		return output.WriteFile(tmp, output.ManifestName, func(f *os.File) error { return output.WriteJSON(f, m) })
	})
	if err != nil {
		return err
	}
	writeSkillIntro(stdout, ev, label)
	if err := forecast.WriteSkillTable(stdout, ev); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%d of %d actors beat persistence (Theil's U below 1, horizons 1–%d pooled).\n", ev.Beating(), len(forecast.Scored), forecast.Horizon)
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// writeSkillIntro says what the skill table scores.
func writeSkillIntro(w io.Writer, ev *forecast.Evaluation, label string) {
	fmt.Fprintf(w, "Rolling-origin forecasts of the defense share, origins %d–%d, 1–%d years ahead (other coefficients: %s)\n",
		ev.Origins[0], ev.Origins[len(ev.Origins)-1], forecast.Horizon, label)
	fmt.Fprintf(w, "Each origin's rule is estimated on the record up to the origin only. Persistence: the share held at its origin value.\n")
	fmt.Fprintf(w, "MAPE: %% of the record. MASE: mean error over the in-sample mean yearly change. Theil's U: RMSE over persistence's.\n\n")
}

// hindcastManifest records what produced a hindcast's files.
type hindcastManifest struct {
	Simulate     string         `json:"simulate_version"`
	Command      string         `json:"command"`
	Record       string         `json:"record"`
	Coefficients string         `json:"coefficients"`
	FirstOrigin  int            `json:"first_origin"`
	LastOrigin   int            `json:"last_origin"`
	Horizon      int            `json:"horizon_years"`
	Parameters   map[string]any `json:"parameters"`
	Outputs      []string       `json:"outputs"`
}

// hindcastInputs loads the scenario whose coefficients a hindcast or
// calibration starts from, with the shipped record, and describes the
// coefficients' origin.
func hindcastInputs(args []string, defaults bool, recordPath string, stderr io.Writer) (*model.Scenario, *forecast.Record, string, error) {
	if len(args) > 1 {
		return nil, nil, "", usagef("one scenario file at most (got %d)", len(args))
	}
	path := defaultBase
	if len(args) == 1 {
		path = args[0]
	}
	l, err := scenario.Load(path)
	if err != nil {
		return nil, nil, "", err
	}
	for _, w := range l.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	rec, err := forecast.Embedded()
	if recordPath != "" {
		rec, err = forecast.ReadRecord(recordPath)
		if err != nil {
			return nil, nil, "", &usageError{"-record: " + err.Error()}
		}
	}
	if err != nil {
		return nil, nil, "", err
	}
	label := filepath.ToSlash(path)
	if defaults {
		l.Scenario.Params = model.DefaultParams()
		label = "the registry's defaults"
	}
	return l.Scenario, rec, label, nil
}

// recordName is the record's name for the manifest: the file given with
// -record, or the shipped record's path in the repository.
func recordName(path string) string {
	if path == "" {
		return forecast.RecordName
	}
	return filepath.ToSlash(path)
}
