package study

import (
	"fmt"
	"io"
	"path/filepath"

	"simulate/internal/forecast"
	"simulate/internal/output"
	"simulate/model"
)

// Hindcast is the rolling-origin evaluation of the decision rule against
// the record: forecasts.csv, skill.csv, the forecast chart and
// manifest.json.
type Hindcast struct {
	Result
	Evaluation *forecast.Evaluation
	Record     *forecast.Record
	Label      string // whose other coefficients: a scenario file, or the registry's defaults
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

// RunHindcast evaluates the decision rule on rec by rolling origins
// (forecast.Evaluate), with base's coefficients for those not estimated,
// and renders its output directory; label says whose they are.
func RunHindcast(base *model.Scenario, rec *forecast.Record, label string) (*Hindcast, error) {
	ev, err := forecast.Evaluate(&base.Params, rec)
	if err != nil {
		return nil, fmt.Errorf("hindcast: %w", err)
	}
	h := &Hindcast{Result: Result{Dir: "hindcast"}, Evaluation: ev, Record: rec, Label: label}
	return h, h.render(base)
}

func (h *Hindcast) render(base *model.Scenario) error {
	ev := h.Evaluation
	forecasts, err := output.Encode("forecasts.csv", func(w io.Writer) error { return forecast.WriteForecasts(w, ev) })
	if err != nil {
		return err
	}
	skill, err := output.Encode("skill.csv", func(w io.Writer) error { return forecast.WriteSkill(w, ev) })
	if err != nil {
		return err
	}
	charts, err := ev.Charts(h.Record, "other coefficients: "+h.Label)
	if err != nil {
		return err
	}
	h.Files = append(append(h.Files, forecasts, skill), charts...)
	return h.finish(&output.Manifest{
		Simulate: output.Version, Command: "hindcast", Coefficients: h.Label, Record: h.Record.Name,
		FirstOrigin: ev.Origins[0], LastOrigin: ev.Origins[len(ev.Origins)-1], Horizon: forecast.Horizon,
		Parameters: output.ResolvedParams(&base.Params),
	})
}

// Calibration is the decision rule estimated on a whole record, with its
// bootstrap intervals, and the rolling-origin evaluation of the same
// estimation.
type Calibration struct {
	Estimate   *forecast.Estimate
	Evaluation *forecast.Evaluation
}

// Calibrate estimates the decision rule's coefficients on rec, starting
// from base's other coefficients, with bootstrap intervals, and evaluates
// the estimation out of sample.
func Calibrate(base *model.Scenario, rec *forecast.Record) (*Calibration, error) {
	est, err := forecast.EstimateRule(&base.Params, rec)
	if err != nil {
		return nil, err
	}
	if err := est.Bootstrap(); err != nil {
		return nil, err
	}
	ev, err := forecast.Evaluate(&base.Params, rec)
	if err != nil {
		return nil, err
	}
	return &Calibration{Estimate: est, Evaluation: ev}, nil
}
