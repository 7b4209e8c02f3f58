// Package study turns loaded scenarios and a request — a run, a
// comparison, an ensemble, a sweep, a sensitivity analysis, a hindcast or a
// calibration — into an in-memory result: the tidy tables, the figures and
// the report as bytes, and one manifest that lists them.
//
// A study touches no disk: it takes scenarios already loaded (by
// scenario.Load or from bytes) and returns its files as []output.File,
// which output.WriteDir and output.WriteFiles write whole or not at all.
// The command line is flags → study → write → print; an explorer or a
// server calls the same functions and keeps the bytes in memory.
//
// Every result is deterministic: the same scenarios, request and seed give
// the same bytes, whatever the number of cores.
package study

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

// Scenario is a loaded scenario and the path it was loaded from, which
// names its outputs (see Name) and is recorded in manifests and reports.
type Scenario struct {
	Path   string
	Loaded *scenario.Loaded
	Set    []output.Set // the inputs ApplySets set over the file's, in order
	// Label, if set, is the scenario's name instead of its file's stem
	// (see SetLabel).
	Label string
}

// Name returns the scenario's name: its Label, or else its file's stem.
func (s Scenario) Name() string {
	if s.Label != "" {
		return s.Label
	}
	return Name(s.Path)
}

// SetLabel names the scenario label instead of its file's stem, as -name
// does: its output directory and its column in tables. A label is a
// single file name: letters, digits, '.', '-' and '_', not starting with '.'.
func (s *Scenario) SetLabel(label string) error {
	ok := label != "" && label[0] != '.' && len(label) <= 100
	for _, r := range label {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
	}
	if !ok {
		return requestf("-name %q: expected a name of letters, digits, '.', '-' and '_' (not starting with '.'), e.g. round-2-rok", label)
	}
	s.Label = label
	return nil
}

// sources returns the scenario's files with slash-separated paths: its own
// first, then those it extends.
func (s Scenario) sources() []scenario.Source {
	out := make([]scenario.Source, len(s.Loaded.Files))
	for i, f := range s.Loaded.Files {
		out[i] = scenario.Source{Path: filepath.ToSlash(f.Path), SHA256: f.SHA256, Bundled: f.Bundled}
	}
	return out
}

// Name returns a scenario file's name without directory or extension:
// scenarios/3.5pct.toml is 3.5pct, and its run writes output/3.5pct/.
func Name(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// CheckName reports, as a RequestError, a path with no file name to name an
// output directory after ("", ".", "..").
func CheckName(path string) error {
	switch Name(path) {
	case "", ".", "..":
		// The output directory would be -out itself, which a run replaces.
		return requestf("%q has no file name to name the output directory after", path)
	}
	return nil
}

// Result is what every study produces: the files of its output directory,
// in memory, the manifest last.
type Result struct {
	Dir      string        // the output directory's name: "3.5pct", "compare-a-vs-b", "sweep-3.5pct", "hindcast"
	Files    []output.File // every file but those streamed (see RunOptions.Stream), manifest.json last
	Manifest *output.Manifest
}

// Study returns the result itself, for the types that embed it.
func (r *Result) Study() *Result { return r }

// File returns the named file of the result, or nil.
func (r *Result) File(name string) []byte {
	for _, f := range r.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// finish adds the manifest to the result's files, its outputs being every
// file of the result, streamed ones included, sorted, and then itself.
func (r *Result) finish(m *output.Manifest, streamed ...string) error {
	m.Outputs = append(output.Names(r.Files, streamed...), output.ManifestName)
	f, err := output.Encode(output.ManifestName, func(w io.Writer) error { return output.WriteJSON(w, m) })
	if err != nil {
		return err
	}
	r.Files, r.Manifest = append(r.Files, f), m
	return nil
}

// RequestError is a request a study cannot carry out as asked: an unknown
// indicator, a year outside the horizon, a malformed sweep. The command line
// reports it as a usage error.
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

func requestf(format string, args ...any) error {
	return &RequestError{fmt.Sprintf(format, args...)}
}

// Key names one (indicator, subject) series.
type Key struct {
	Indicator model.IndicatorID
	Subject   string
}

// Headline lists the (indicator, subject) rows of the end-of-run summary
// and of the reports' headline tables.
var Headline = []Key{
	{model.IndDefenseShare, "ROK"},
	{model.IndDefenseSpending, "ROK"},
	{model.IndBurdenShare, model.SubjectAlliance},
	{model.IndUSCommitment, model.SubjectAlliance},
	{model.IndDeterrenceCredibility, model.SubjectAlliance},
	{model.IndAllianceCohesion, model.SubjectAlliance},
	{model.IndIndustrialIntegration, model.SubjectAlliance},
	{model.IndTariffRate, model.SubjectAlliance},
	{model.IndNavalBalance, model.SubjectRegion},
	{model.IndDPRKThreat, model.SubjectRegion},
	{model.IndRegionalTension, model.SubjectRegion},
}

// SummaryYears returns the start, middle and end years of years.
func SummaryYears(years []int) []int {
	first, last := years[0], years[len(years)-1]
	out := []int{first}
	if mid := first + (last-first)/2; mid != first && mid != last {
		out = append(out, mid)
	}
	if last != first {
		out = append(out, last)
	}
	return out
}

// ComparisonYears returns the middle and end years of the shared span
// first..last.
func ComparisonYears(first, last int) []int {
	if mid := first + (last-first)/2; mid != last {
		return []int{mid, last}
	}
	return []int{last}
}
