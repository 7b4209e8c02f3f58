package study

import (
	"fmt"
	"io"
	"path/filepath"

	"simulate/internal/chart"
	"simulate/internal/hindcast"
	"simulate/internal/output"
	"simulate/model"
)

// hindcastRecord names the record a hindcast's charts compare against.
const hindcastRecord = "Record: SIPRI (April 2025 edition); GDP: World Bank."

// Hindcast is the model rerun over the record: hindcast.csv, one chart per
// scored actor and manifest.json.
type Hindcast struct {
	Result
	Outcome *hindcast.Result // the model's and the record's values, and the errors
	Inputs  *hindcast.Inputs
	Label   string // whose coefficients: a scenario file, or the registry's defaults
}

// HindcastBase returns the scenario whose coefficients a hindcast or
// calibration uses (the registry's defaults with defaults) and the label
// that says so.
func HindcastBase(s Scenario, defaults bool) (*model.Scenario, string) {
	sc := s.Loaded.Scenario
	if defaults {
		sc.Params = model.DefaultParams()
		return sc, "the registry's defaults"
	}
	return sc, filepath.ToSlash(s.Path)
}

// RunHindcast reruns the model with base's coefficients over the shipped
// record and events and renders its output directory; label says whose
// coefficients they are.
func RunHindcast(base *model.Scenario, label string) (*Hindcast, error) {
	in, err := hindcast.Embedded()
	if err != nil {
		return nil, err
	}
	res, err := hindcast.Run(base, in)
	if err != nil {
		return nil, fmt.Errorf("hindcast: %w", err)
	}
	h := &Hindcast{Result: Result{Dir: "hindcast"}, Outcome: res, Inputs: in, Label: label}
	return h, h.render(base)
}

func (h *Hindcast) render(base *model.Scenario) error {
	csv, err := output.Encode("hindcast.csv", func(w io.Writer) error { return output.WriteHindcastCSV(w, h.Outcome) })
	if err != nil {
		return err
	}
	charts, err := chart.RenderHindcast(h.Outcome, "Coefficients: "+h.Label+". "+hindcastRecord)
	if err != nil {
		return err
	}
	h.Files = append(append(h.Files, csv), charts...)
	years := h.Outcome.Years
	return h.finish(&output.Manifest{
		Simulate: output.Version, Command: "hindcast", Coefficients: h.Label,
		FirstYear: years[0], LastYear: years[len(years)-1], Parameters: output.ResolvedParams(&base.Params),
	})
}

// Calibrate fits the decision rule's coefficients to the record's fit
// window, starting from base's other coefficients.
func Calibrate(base *model.Scenario) (*hindcast.Fit, error) {
	in, err := hindcast.Embedded()
	if err != nil {
		return nil, err
	}
	return hindcast.Calibrate(base, in)
}
