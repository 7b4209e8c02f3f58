package study

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

// DefaultIndicator is what sensitivity and sweep look at unless told.
const DefaultIndicator = model.IndDeterrenceCredibility

// Bounds on a sweep's size.
const (
	MaxSweepValues = 1000   // values of one key
	MaxSweepPoints = 10_000 // points of a grid
)

// analysisRuns says what every run of a sensitivity analysis or sweep is.
const analysisRuns = "the reference run (scheduled events, no risks or drawn coefficients) with the changes listed"

// Target checks an indicator, subject and year against the model and the
// scenario's horizon, for the command cmd (which names it in errors). The
// subject may be left out when the indicator has one, or when every subject
// will do (the Target's Subject is then ""); year 0 is the end year.
func Target(cmd string, sc *model.Scenario, indicator, subject string, year int, everySubject bool) (ensemble.Target, error) {
	info, ok := model.LookupIndicator(model.IndicatorID(indicator))
	if !ok {
		var ids []string
		for _, in := range model.IndicatorList() {
			ids = append(ids, string(in.ID))
		}
		return ensemble.Target{}, requestf("%s: unknown indicator %q%s (simulate list shows them all)", cmd, indicator, scenario.Suggest(indicator, ids))
	}
	switch {
	case subject == "" && len(info.Subjects) == 1:
		subject = info.Subjects[0]
	case subject == "" && everySubject:
	case subject == "":
		return ensemble.Target{}, requestf("%s: %s has several subjects (%s): choose one with -subject", cmd, indicator, strings.Join(info.Subjects, ", "))
	case !slices.Contains(info.Subjects, subject):
		return ensemble.Target{}, requestf("%s: %s has no subject %q%s (its subjects: %s)", cmd, indicator, subject, scenario.Suggest(subject, info.Subjects), strings.Join(info.Subjects, ", "))
	}
	if year == 0 {
		year = sc.EndYear
	}
	if year < sc.StartYear || year > sc.EndYear {
		return ensemble.Target{}, requestf("%s: -year %d is outside the scenario's horizon %d–%d", cmd, year, sc.StartYear, sc.EndYear)
	}
	return ensemble.Target{Indicator: info.ID, Subject: subject, Year: year}, nil
}

// Sensitivity is a one-at-a-time sensitivity analysis: sensitivity.csv
// (every coefficient), the tornado chart and manifest.json.
type Sensitivity struct {
	Result
	*ensemble.Sensitivity
}

// RunSensitivity moves each coefficient of the scenario alone to the ends
// of its plausible range and ranks them by how far they move the target.
func RunSensitivity(s Scenario, target ensemble.Target) (*Sensitivity, error) {
	sens, err := ensemble.OneAtATime(s.Loaded.Scenario, target, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	r := &Sensitivity{Result: Result{Dir: "sensitivity-" + s.Name()}, Sensitivity: sens}
	csv, err := output.Encode("sensitivity.csv", func(w io.Writer) error { return output.WriteSensitivityCSV(w, sens) })
	if err != nil {
		return nil, err
	}
	fig, err := chart.RenderTornado(sens, runInfo(s))
	if err != nil {
		return nil, err
	}
	r.Files = append(append(r.Files, csv), fig...)
	m := analysisManifest(s)
	m.Indicator, m.Subject, m.Year = string(target.Indicator), target.Subject, target.Year
	return r, r.finish(m)
}

// SweepRequest is a checked sweep: its axes and the indicator it charts.
type SweepRequest struct {
	Scenario Scenario
	Axes     []ensemble.Axis
	Target   ensemble.Target // Subject "" for every subject of a one-axis sweep
}

// NewSweep checks a sweep of the scenario over one or two keys, each given
// as KEY=LOW:HIGH:STEP, charting the indicator (for the subject, which a
// grid of two keys needs when the indicator has several).
func NewSweep(s Scenario, sets []string, indicator, subject string) (*SweepRequest, error) {
	switch {
	case len(sets) == 0:
		return nil, requestf("sweep: name what to sweep with -set KEY=LOW:HIGH:STEP, e.g. -set actors.ROK.defense_pct=2.5:5.0:0.25")
	case len(sets) > 2:
		return nil, requestf("sweep: at most two -set keys (got %d): a sweep is a line or a grid", len(sets))
	}
	sc := s.Loaded.Scenario
	axes := make([]ensemble.Axis, len(sets))
	points := 1
	for i, set := range sets {
		var err error
		if axes[i], err = ParseAxis(set, sc.StartYear); err != nil {
			return nil, err
		}
		if i == 1 && axes[1].Key == axes[0].Key {
			return nil, requestf("sweep: -set %s is given twice", axes[0].Key)
		}
		points *= len(axes[i].Values)
	}
	if points > MaxSweepPoints {
		return nil, requestf("sweep: %d × %d = %d points; at most %d: use larger steps", len(axes[0].Values), len(axes[1].Values), points, MaxSweepPoints)
	}
	// A line chart can show every subject of the indicator; a heat map
	// and the printed grid need one.
	target, err := Target("sweep", sc, indicator, subject, 0, len(axes) == 1)
	if err != nil {
		return nil, err
	}
	return &SweepRequest{Scenario: s, Axes: axes, Target: target}, nil
}

// ParseAxis parses KEY=LOW:HIGH:STEP into an axis with its values, checking
// the key and the values against what a scenario file accepts there.
func ParseAxis(set string, startYear int) (ensemble.Axis, error) {
	key, spec, ok := strings.Cut(set, "=")
	parts := strings.Split(spec, ":")
	if !ok || key == "" || len(parts) != 3 {
		return ensemble.Axis{}, requestf("sweep: -set %s: expected KEY=LOW:HIGH:STEP, e.g. actors.ROK.defense_pct=2.5:5.0:0.25", set)
	}
	var nums [3]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return ensemble.Axis{}, requestf("sweep: -set %s: %q is not a number", set, p)
		}
		nums[i] = x
	}
	lo, hi, step := nums[0], nums[1], nums[2]
	switch {
	case step <= 0:
		return ensemble.Axis{}, requestf("sweep: -set %s: STEP must be positive (got %s)", set, parts[2])
	case hi < lo:
		return ensemble.Axis{}, requestf("sweep: -set %s: HIGH %s is below LOW %s", set, parts[1], parts[0])
	}
	n := int(math.Floor((hi-lo)/step+1e-9)) + 1
	if n > MaxSweepValues {
		return ensemble.Axis{}, requestf("sweep: -set %s: %d values; at most %d: use a larger STEP", set, n, MaxSweepValues)
	}
	setting, err := scenario.LookupSetting(key, startYear)
	if err != nil {
		return ensemble.Axis{}, requestf("sweep: -set %s", err)
	}
	values := make([]float64, n)
	for i := range values {
		// Round away the binary fractions that repeated steps pile up
		// (2.5 + 3×0.1 is 2.8000000000000003).
		values[i] = math.Round((lo+float64(i)*step)*1e9) / 1e9
	}
	for _, v := range []float64{values[0], values[n-1]} {
		if err := setting.Check(v); err != nil {
			return ensemble.Axis{}, requestf("sweep: -set %s: %v", set, err)
		}
	}
	return ensemble.Axis{Key: key, Unit: setting.Unit, How: setting.How, Values: values, Set: setting.Apply}, nil
}

// Sweep is the result of a sweep: sweep.csv (every indicator at every
// point), its chart and manifest.json.
type Sweep struct {
	Result
	*ensemble.Sweep
	Target ensemble.Target
}

// Run runs the scenario at every point of the sweep.
func (q *SweepRequest) Run() (*Sweep, error) {
	s := q.Scenario
	sw, err := ensemble.RunSweep(s.Loaded.Scenario, q.Axes, 0)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	r := &Sweep{Result: Result{Dir: "sweep-" + s.Name()}, Sweep: sw, Target: q.Target}
	csv, err := output.Encode("sweep.csv", func(w io.Writer) error { return output.WriteSweepCSV(w, sw) })
	if err != nil {
		return nil, err
	}
	fig, err := chart.RenderSweep(sw, q.Target.Indicator, q.Target.Subject, runInfo(s))
	if err != nil {
		return nil, err
	}
	r.Files = append(append(r.Files, csv), fig...)
	m := analysisManifest(s)
	for _, ax := range q.Axes {
		m.Axes = append(m.Axes, output.Axis{Key: ax.Key, How: ax.How, Values: ax.Values})
	}
	return r, r.finish(m)
}

// analysisManifest returns the manifest of a sensitivity analysis or a
// sweep before what it looked at is filled in: the scenario file and its
// hash, and what every run is.
func analysisManifest(s Scenario) *output.Manifest {
	files := s.sources()
	return &output.Manifest{
		Simulate: output.Version, Scenario: files[0].Path, SHA256: files[0].SHA256, Bundled: files[0].Bundled, Extends: files[1:],
		Title: s.Loaded.Scenario.Title, Runs: analysisRuns, Set: s.Set, Warnings: s.Loaded.Warnings,
	}
}
