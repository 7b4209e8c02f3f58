package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"simulate/internal/hindcast"
	"simulate/internal/output"
	"simulate/internal/scenario"
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
	base, in, label, err := hindcastInputs(fs.Args(), *defaults, stderr)
	if err != nil {
		return err
	}
	res, err := hindcast.Run(base, in)
	if err != nil {
		return fmt.Errorf("hindcast: %w", err)
	}
	dir := filepath.Join(*out, "hindcast")
	err = output.WriteDir(dir, func(tmp string) error {
		if err := output.WriteFile(tmp, "hindcast.csv", func(f *os.File) error { return hindcast.WriteCSV(f, res) }); err != nil {
			return err
		}
		if _, err := hindcast.WriteCharts(tmp, res, "Coefficients: "+label+". Record: SIPRI (April 2025 edition); GDP: World Bank."); err != nil {
			return err
		}
		files, err := output.ListFiles(tmp)
		if err != nil {
			return err
		}
		m := hindcastManifest{
			Simulate:     output.Version,
			Command:      "hindcast",
			Coefficients: label,
			FirstYear:    res.Years[0],
			LastYear:     res.Years[len(res.Years)-1],
			Parameters:   output.ResolvedParams(&base.Params),
			Outputs:      append(files, output.ManifestName),
		}
		return output.WriteFile(tmp, output.ManifestName, func(f *os.File) error { return output.WriteJSON(f, m) })
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Hindcast %d–%d (coefficients: %s)\n", res.Years[0], res.Years[len(res.Years)-1], label)
	fmt.Fprintf(stdout, "Errors against the record, %% of the record; %d is the start and matches it by construction.\n", res.Years[0])
	fmt.Fprintf(stdout, "Bias: mean signed error (+: model above the record). Record gap: SIPRI's share against its\n")
	fmt.Fprintf(stdout, "spending over World Bank GDP, the floor under the spending error.\n\n")
	if err := hindcast.WriteErrors(stdout, res, in.History); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nwrote %s\n", dir)
	return nil
}

// hindcastManifest records what produced a hindcast's files.
type hindcastManifest struct {
	Simulate     string         `json:"simulate_version"`
	Command      string         `json:"command"`
	Coefficients string         `json:"coefficients"`
	FirstYear    int            `json:"first_year"`
	LastYear     int            `json:"last_year"`
	Parameters   map[string]any `json:"parameters"`
	Outputs      []string       `json:"outputs"`
}

// hindcastInputs loads the scenario whose coefficients (and the inputs no
// budget decision reads) a hindcast or calibration uses, with the shipped
// record and events, and describes the coefficients' origin.
func hindcastInputs(args []string, defaults bool, stderr io.Writer) (*model.Scenario, *hindcast.Inputs, string, error) {
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
	in, err := hindcast.Embedded()
	if err != nil {
		return nil, nil, "", err
	}
	label := filepath.ToSlash(path)
	if defaults {
		l.Scenario.Params = model.DefaultParams()
		label = "the registry's defaults"
	}
	return l.Scenario, in, label, nil
}
