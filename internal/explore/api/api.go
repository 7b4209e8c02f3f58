// Package api is what the explorer page asks of the model: the levers'
// definitions (from the loader's rules and the coefficient registry), a
// run of a scenario with the page's changes, and an ensemble. It is
// compiled to WebAssembly for the page (see ../wasm) and called natively by
// simulate explore and the tests, so the page and the command line load
// and run scenarios with the same code.
//
// Scenarios are read from Files, an in-memory directory, with the same
// loader the command line uses (scenario.LoadFS): the page's changes are
// written as a scenario file that extends the loaded one, and that file is
// loaded, so every lever value is checked by the loader's rules and the
// file the page offers for download is the one it ran.
package api

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"

	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

// Files are scenario files by slash-separated path: the bundled scenarios
// under scenarios/, a scenario named on the command line under files/.
type Files map[string]string

// Session loads and runs scenarios of a set of files, keeping the files
// it has decoded (a slider move decodes only the small file of changes).
type Session struct {
	fsys  memFS
	cache *scenario.Cache
}

// NewSession returns a session over files.
func NewSession(files Files) *Session {
	m := memFS{}
	for name, text := range files {
		m[name] = []byte(text)
	}
	return &Session{fsys: m, cache: scenario.NewCache()}
}

// with returns the session's files and the file name holding text.
func (s *Session) with(name, text string) fs.FS {
	m := maps.Clone(s.fsys)
	m[name] = []byte(text)
	return m
}

// Run is a scenario's run as the page draws it, or the error that stopped
// it.
type Run struct {
	Error    string   `json:"error,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// Name is the file that was run; TOML its text when the page's changes
	// made it (empty when the loaded scenario ran unchanged).
	Name     string        `json:"name"`
	TOML     string        `json:"toml,omitempty"`
	Changed  []string      `json:"changed,omitempty"`
	Scenario *ScenarioView `json:"scenario,omitempty"`
	Years    []int         `json:"years,omitempty"`
	// Series are the reported series in report order, Values[i] series i.
	Series []SeriesRef `json:"series,omitempty"`
	Values [][]float64 `json:"values,omitempty"`
}

// SeriesRef names a reported series.
type SeriesRef struct {
	Indicator string `json:"indicator"`
	Subject   string `json:"subject"`
	Unit      string `json:"unit"`
}

// SeriesKey names a series in Bands.Series and to CSV: "indicator subject".
func SeriesKey(indicator, subject string) string { return indicator + " " + subject }

// ScenarioView is the part of a loaded scenario the levers start from.
type ScenarioView struct {
	Title       string               `json:"title"`
	Description string               `json:"description"`
	StartYear   int                  `json:"start_year"`
	EndYear     int                  `json:"end_year"`
	Runs        int                  `json:"runs"`
	Uncertain   bool                 `json:"uncertain"` // it has risks or uncertain coefficients
	Investments []Investment         `json:"investments"`
	Events      []Event              `json:"events"`
	Params      map[string][]float64 `json:"params"` // one value, or one per actor
	// Inputs holds the value of every key of scenario.Inputs, by key path
	// (actors.ROK.naval_kt, alliance.tariff_pct): a number, or a path
	// (null where the model's rule decides).
	Inputs map[string]InputValue `json:"inputs"`
}

// InputValue is a number, or a path (nil for an unset path).
type InputValue struct {
	Value *float64  `json:"value,omitempty"`
	Path  *PathView `json:"path,omitempty"`
}

// PathView is a path's points; a constant has the one year 0.
type PathView struct {
	Years  []int     `json:"years"`
	Values []float64 `json:"values"`
}

func pathView(p model.Path) *PathView {
	if !p.IsSet() {
		return nil
	}
	return &PathView{Years: p.Years, Values: p.Values}
}

// Investment is a package as a scenario file writes it.
type Investment struct {
	Name      string  `json:"name"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Sector    string  `json:"sector"`
	TotalUSD  float64 `json:"total_usd_bn"`
	StartYear int     `json:"start_year"`
	EndYear   int     `json:"end_year,omitempty"`
	AnnualCap float64 `json:"annual_cap_usd_bn,omitempty"`
	Note      string  `json:"note,omitempty"` // where its figures come from, written as a comment
}

// Event is a scheduled event as a scenario file writes it.
type Event struct {
	Year     int     `json:"year"`
	Kind     string  `json:"kind"`
	Actor    string  `json:"actor,omitempty"`
	Severity float64 `json:"severity"`
	Note     string  `json:"note,omitempty"`
}

func view(sc *model.Scenario) *ScenarioView {
	v := &ScenarioView{
		Title: sc.Title, Description: sc.Description, StartYear: sc.StartYear, EndYear: sc.EndYear,
		Runs: sc.Runs, Uncertain: len(sc.Risks) > 0 || len(sc.Uncertain) > 0,
		Params:      map[string][]float64{},
		Investments: []Investment{}, Events: []Event{}, Inputs: map[string]InputValue{},
	}
	for _, in := range scenario.Inputs() {
		who := []string{""}
		if in.Table == "actors" {
			who = in.Actors
		}
		for _, code := range who {
			a, _ := model.ParseActor(code)
			key := in.Table + "." + in.Key
			if code != "" {
				key = in.Table + "." + code + "." + in.Key
			}
			x, p := in.Get(sc, a)
			if in.Path {
				v.Inputs[key] = InputValue{Path: pathView(p)}
			} else {
				v.Inputs[key] = InputValue{Value: &x}
			}
		}
	}
	for _, inv := range sc.Investments {
		v.Investments = append(v.Investments, Investment{Name: inv.Name, From: inv.From.String(), To: inv.To.String(),
			Sector: inv.Sector.String(), TotalUSD: inv.TotalUSDbn, StartYear: inv.StartYear, EndYear: inv.EndYear, AnnualCap: inv.AnnualCap})
	}
	for _, e := range sc.Events {
		ev := Event{Year: e.Year, Kind: e.Kind.String(), Severity: e.Severity}
		if e.Kind.NeedsActor() {
			ev.Actor = e.Actor.String()
		}
		v.Events = append(v.Events, ev)
	}
	for _, spec := range model.ParamSpecs() {
		if !spec.PerActor {
			v.Params[spec.Key] = []float64{spec.Get(&sc.Params, 0)}
			continue
		}
		vals := make([]float64, model.NumActors)
		for a := range model.NumActors {
			vals[a] = spec.Get(&sc.Params, a)
		}
		v.Params[spec.Key] = vals
	}
	return v
}

// Load loads the scenario name and runs it once (the reference run,
// without risks), with the levers' starting values.
func (s *Session) Load(name string) *Run {
	r, _ := s.run(s.fsys, name, true)
	return r
}

// run loads and runs name in fsys: the page's view of the run, and the
// model's results (nil on an error).
func (s *Session) run(fsys fs.FS, name string, withView bool) (*Run, *model.Results) {
	out := &Run{Name: name}
	l, err := s.cache.LoadFS(fsys, name)
	if err != nil {
		out.Error = err.Error()
		return out, nil
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		out.Error = err.Error()
		return out, nil
	}
	out = NewRun(name, l, res)
	if withView {
		out.Scenario = view(l.Scenario)
	}
	return out, res
}

// NewRun is the page's view of res, the run of l, the scenario loaded
// from the file name, without the levers' starting values (Load adds
// them): for a caller that has loaded and run it already. Its values
// share res's memory.
func NewRun(name string, l *scenario.Loaded, res *model.Results) *Run {
	out := &Run{Name: name, Warnings: l.Warnings, Changed: l.Changed, Years: res.Years}
	for i, s := range res.Series {
		out.Series = append(out.Series, SeriesRef{string(s.Indicator), s.Subject, s.Unit})
		out.Values = append(out.Values, res.Row(i))
	}
	return out
}

// Apply writes the page's changes as a scenario that extends req.Base,
// loads it beside the base and runs it. With no changes it is Load.
func (s *Session) Apply(req *Request) *Run {
	r, _ := s.apply(req)
	return r
}

func (s *Session) apply(req *Request) (*Run, *model.Results) {
	text, err := Compose(req)
	if err != nil {
		return &Run{Name: req.Base, Error: err.Error()}, nil
	}
	if text == "" {
		return s.run(s.fsys, req.Base, true)
	}
	name := ChildName(req.Base)
	r, res := s.run(s.with(name, text), name, false)
	r.TOML = text
	return r, res
}

// ChildName is the name of the file holding the page's changes to base:
// beside it, so that its extends is the base's file name.
func ChildName(base string) string {
	stem := strings.TrimSuffix(path.Base(base), ".toml")
	return path.Join(path.Dir(base), stem+"-explore.toml")
}

// Bands are an ensemble's median and 50% and 90% bands of every series.
type Bands struct {
	Error  string                  `json:"error,omitempty"`
	Runs   int                     `json:"runs"`
	Years  []int                   `json:"years,omitempty"`
	Series map[string][5][]float64 `json:"series,omitempty"` // p05, p25, p50, p75, p95
}

// MaxRuns is the largest ensemble the page runs: 10,000 runs take seconds
// in a browser (the page asks for 100 and 1,000).
const MaxRuns = 10_000

// Ensemble runs the page's scenario runs times, each run drawing the
// scenario's risks and uncertain coefficients, as simulate -runs does.
func (s *Session) Ensemble(req *Request, runs int) *Bands {
	sc, err := s.ensembleScenario(req, runs)
	if err != nil {
		return &Bands{Error: err.Error()}
	}
	b, err := ensemble.Run(sc, ensemble.Options{Runs: runs, Workers: 1})
	if err != nil {
		return &Bands{Error: err.Error()}
	}
	return bandsView(b)
}

// ensembleScenario loads the page's scenario for an ensemble of runs runs.
func (s *Session) ensembleScenario(req *Request, runs int) (*model.Scenario, error) {
	if runs < 1 || runs > MaxRuns {
		return nil, fmt.Errorf("an ensemble in the page has 1 to %d runs, got %d", MaxRuns, runs)
	}
	text, err := Compose(req)
	if err != nil {
		return nil, err
	}
	name, fsys := req.Base, fs.FS(s.fsys)
	if text != "" {
		name = ChildName(req.Base)
		fsys = s.with(name, text)
	}
	l, err := s.cache.LoadFS(fsys, name)
	if err != nil {
		return nil, err
	}
	return l.Scenario, nil
}

// bandsView returns an ensemble's bands as the page reads them.
func bandsView(b *ensemble.Bands) *Bands {
	out := &Bands{Runs: b.Runs, Years: b.Years, Series: make(map[string][5][]float64, len(b.Series))}
	for i, s := range b.Series {
		var q [5][]float64
		for k := range q {
			q[k] = make([]float64, len(b.Years))
			for t := range b.Years {
				q[k][t] = b.At(i, t).Q[k]
			}
		}
		out.Series[SeriesKey(string(s.Indicator), s.Subject)] = q
	}
	return out
}

// CSV runs the page's changes and writes the series named in shown (by
// SeriesKey) with the writer of series.csv, so that its lines are lines of
// the series.csv of simulate run on the page's scenario.
func (s *Session) CSV(req *Request, shown []string) (string, error) {
	r, res := s.apply(req)
	if r.Error != "" {
		return "", errors.New(r.Error)
	}
	sub := &model.Results{Frame: model.Frame[float64]{Years: res.Years}}
	for i, ser := range res.Series {
		if slices.Contains(shown, SeriesKey(string(ser.Indicator), ser.Subject)) {
			sub.Series = append(sub.Series, ser)
			sub.Values = append(sub.Values, res.Row(i)...)
		}
	}
	var b strings.Builder
	if err := output.WriteSeriesCSV(&b, sub); err != nil {
		return "", err
	}
	return b.String(), nil
}
