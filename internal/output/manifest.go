package output

import (
	"encoding/json"
	"io"

	"simulate/internal/scenario"
	"simulate/model"
)

// Version is the version of simulate written into every manifest.
const Version = "0.1.0"

// Manifest records what produced an output directory, so that its files
// can be identified and reproduced: the command, the scenario files and
// their hashes, the seed, the resolved coefficients, what was looked at,
// every file written and the version. Every command writes this one type;
// fields a command has nothing for are left out of the JSON, in this
// order:
//
//   - a run: scenario, sha256, extends, title, start_year, end_year, seed,
//     runs, parameters, outputs, set, warnings and, for an ensemble, ensemble;
//   - a comparison: command, first_year, last_year, and one entry per
//     scenario in scenarios (scenario, sha256, extends, title, seed, runs,
//     parameters);
//   - a sensitivity analysis or sweep: scenario, sha256, extends, title,
//     runs (a sentence on what was run), indicator, subject, year, axes;
//   - a hindcast: command, coefficients, record, first_origin, last_origin,
//     horizon_years, parameters.
type Manifest struct {
	Simulate     string            `json:"simulate_version,omitempty"`
	Command      string            `json:"command,omitempty"`
	Coefficients string            `json:"coefficients,omitempty"` // a hindcast's: whose coefficients it used
	Record       string            `json:"record,omitempty"`       // a hindcast's: the record it was scored on
	FirstOrigin  int               `json:"first_origin,omitempty"` // a hindcast's forecast origins
	LastOrigin   int               `json:"last_origin,omitempty"`
	Horizon      int               `json:"horizon_years,omitempty"` // the farthest year ahead forecast from each origin
	Scenario     string            `json:"scenario,omitempty"`      // the scenario file, slash-separated
	SHA256       string            `json:"sha256,omitempty"`
	Bundled      bool              `json:"bundled,omitempty"` // the scenario was read from the copy inside the binary
	Extends      []scenario.Source `json:"extends,omitempty"`
	Title        string            `json:"title,omitempty"`
	FirstYear    int               `json:"first_year,omitempty"` // the years compared
	LastYear     int               `json:"last_year,omitempty"`
	StartYear    int               `json:"start_year,omitempty"` // a run's horizon
	EndYear      int               `json:"end_year,omitempty"`
	Seed         *uint64           `json:"seed,omitempty"`
	Runs         any               `json:"runs,omitempty"` // the number of runs; for an analysis, a sentence on them
	Indicator    string            `json:"indicator,omitempty"`
	Subject      string            `json:"subject,omitempty"`
	Year         int               `json:"year,omitempty"`
	Axes         []Axis            `json:"axes,omitempty"`
	Scenarios    []*Manifest       `json:"scenarios,omitempty"` // a comparison's scenarios
	Parameters   map[string]any    `json:"parameters,omitempty"`
	Outputs      []string          `json:"outputs,omitempty"`
	Set          []Set             `json:"set,omitempty"` // inputs set on the command line (-set), over the scenario's
	Warnings     []string          `json:"warnings,omitempty"`
	Ensemble     *Ensemble         `json:"ensemble,omitempty"` // only for runs > 1
}

// Set is one input set on the command line with -set KEY=VALUE.
type Set struct {
	Key   string  `json:"key"`
	Value float64 `json:"value"`
	How   string  `json:"how"` // how the value is applied: "ROK's defense_pct, held from 2026 on"
}

// Axis is one swept input of a sweep.
type Axis struct {
	Key    string    `json:"key"`
	How    string    `json:"how"`
	Values []float64 `json:"values"`
}

// Ensemble records how an ensemble's runs were drawn and summarized, so
// that any one run can be reproduced: its random numbers follow from the
// seed, its index and the rule in Streams.
type Ensemble struct {
	Runs      int          `json:"runs"`
	Seed      uint64       `json:"seed"`
	Streams   string       `json:"streams"`          // how run r's random numbers derive from (seed, r, year)
	Quantiles string       `json:"quantiles"`        // how bands.csv's quantiles are computed
	Reference string       `json:"reference"`        // what series.csv holds
	Risks     []model.Risk `json:"risks"`            // with their windows spelled out (model.Risk.Window)
	Uncertain []string     `json:"uncertain_params"` // "ROK.inertia", "rok_resolve": the coefficients each run draws
}

// ResolvedParams returns every coefficient's value: a number for a global
// coefficient, an object of actor → number for a per-actor one. encoding/json
// sorts map keys, so the output order is fixed.
func ResolvedParams(p *model.Params) map[string]any {
	out := map[string]any{}
	for _, s := range model.ParamSpecs() {
		if !s.PerActor {
			out[s.Key] = s.Get(p, 0)
			continue
		}
		per := map[string]float64{}
		for a := range model.NumActors {
			per[a.String()] = s.Get(p, a)
		}
		out[s.Key] = per
	}
	return out
}

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m *Manifest) error { return WriteJSON(w, m) }

// WriteJSON writes v as indented JSON with a final newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
