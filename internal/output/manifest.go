package output

import (
	"encoding/json"
	"io"

	"simulate/model"
)

// Version is the version of simulate written into every manifest.
const Version = "0.1.0"

// FileRef names a scenario file and its SHA-256.
type FileRef struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Manifest records what produced a run's outputs, so that a run can be
// identified and reproduced: the scenario file and its hash, the files it
// extends, the seed, the resolved coefficients and the version.
type Manifest struct {
	Simulate   string         `json:"simulate_version"`
	Scenario   string         `json:"scenario"`
	SHA256     string         `json:"sha256"`
	Extends    []FileRef      `json:"extends,omitempty"`
	Title      string         `json:"title"`
	StartYear  int            `json:"start_year"`
	EndYear    int            `json:"end_year"`
	Seed       uint64         `json:"seed"`
	Runs       int            `json:"runs"`
	Parameters map[string]any `json:"parameters"`
	Outputs    []string       `json:"outputs"`
	Warnings   []string       `json:"warnings,omitempty"`
	Ensemble   *Ensemble      `json:"ensemble,omitempty"` // only for runs > 1
}

// Ensemble records how an ensemble's runs were drawn and summarized, so
// that any one run can be reproduced: its random numbers follow from the
// seed, its index and the rule in Streams.
type Ensemble struct {
	Runs      int      `json:"runs"`
	Seed      uint64   `json:"seed"`
	Streams   string   `json:"streams"`   // how run r's random numbers derive from (seed, r, year)
	Quantiles string   `json:"quantiles"` // how bands.csv's quantiles are computed
	Reference string   `json:"reference"` // what series.csv holds
	Risks     []Risk   `json:"risks"`
	Uncertain []string `json:"uncertain_params"` // "ROK.inertia", "rok_resolve": the coefficients each run draws
}

// Risk is one random event of an ensemble, as the scenario declares it.
type Risk struct {
	Kind              string  `json:"kind"`
	Actor             string  `json:"actor,omitempty"`
	AnnualProbability float64 `json:"annual_probability"`
	SeverityMin       float64 `json:"severity_min"`
	SeverityMax       float64 `json:"severity_max"`
	FromYear          int     `json:"from_year"`
	ToYear            int     `json:"to_year"`
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
