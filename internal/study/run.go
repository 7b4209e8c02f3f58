package study

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync/atomic"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/report"
	"simulate/internal/scenario"
	"simulate/internal/team"
	"simulate/model"
)

// MaxRuns is the largest ensemble; the scenario's runs key has the same
// bound.
const MaxRuns = 1_000_000

// RunOptions are the choices of a run beyond its scenario.
type RunOptions struct {
	// RunsCSV streams every run of an ensemble into runs.csv (every
	// value), draws.csv (the uncertain coefficients each run drew) and
	// shocks.csv (the events its risks produced), through Stream.
	RunsCSV bool
	// Stream creates a file of the output directory that is written as
	// the ensemble runs (it can be far larger than memory); needed with
	// RunsCSV.
	Stream func(name string) (io.WriteCloser, error)
	// Progress, if set, is told the scenario's name and number of runs
	// when an ensemble starts; done counts the runs finished. The
	// function it returns is called when the ensemble ends.
	Progress func(name string, runs int, done *atomic.Int64) (stop func())
	// Years are the years the summary, the report's headline table and a
	// comparison's differences.csv show (see ParseYears); nil for the
	// defaults: a run's start, middle and end years, a comparison's middle
	// and end years (its summary: the end year).
	Years []int
	// Roles, if set, scores the run against the teams' goals: the summary
	// prints a scorecard and scorecard.csv holds it.
	Roles *team.Roles
}

// Settle sets the scenario's number of runs from a requested count (0:
// keep the scenario's) and returns warnings about random inputs a single
// run ignores and about an ensemble with nothing random in it. A count out
// of range, or runsCSV for a single run, is a RequestError.
func Settle(s Scenario, runs int, runsCSV bool) (warnings []string, err error) {
	if runs < 0 || runs > MaxRuns {
		return nil, requestf("-runs %d is out of range: expected 1 to %d (or 0 for the scenario's runs)", runs, MaxRuns)
	}
	sc := s.Loaded.Scenario
	if runs > 0 {
		sc.Runs = runs
	}
	random := len(sc.Risks) > 0 || len(sc.Uncertain) > 0
	switch {
	case sc.Runs == 1 && runsCSV:
		return nil, requestf("-runs-csv writes every run of an ensemble, but %s has runs = 1: set runs above 1 in the scenario or with -runs", s.Path)
	case sc.Runs == 1 && random:
		warnings = append(warnings, fmt.Sprintf("%s: [[risks]] and [uncertainty] apply to ensembles; with runs = 1 this is the reference run without them (set runs, or -runs, above 1)", s.Path))
	case sc.Runs > 1 && !random:
		warnings = append(warnings, fmt.Sprintf("%s: runs = %d, but the scenario declares no [[risks]] and no [uncertainty]: every run is the same", s.Path, sc.Runs))
	}
	return warnings, nil
}

// Run is the result of running one scenario: series.csv, the charts (fan
// charts for an ensemble, with bands.csv), report.html and manifest.json.
type Run struct {
	Result
	Scenario Scenario
	Results  *model.Results  // the reference run
	Bands    *ensemble.Bands // the ensemble's bands; nil for a single run
	Years    []int           // the years the summary and the report's headline table show
	Verdicts []Verdict       // the scenario's claims, checked against the reference run
	Scores   []team.Score    // the teams' goals scored, with RunOptions.Roles
	Roles    *team.Roles
}

// RunScenario runs the scenario (its reference run and, with runs above 1,
// its ensemble) and renders its output directory.
func RunScenario(s Scenario, opt RunOptions) (*Run, error) {
	sc := s.Loaded.Scenario
	if err := checkYears(opt.Years, sc.StartYear, sc.EndYear, "the horizon of "+s.Path); err != nil {
		return nil, err
	}
	res, err := model.Run(sc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Path, err)
	}
	r := &Run{Result: Result{Dir: s.Name()}, Scenario: s, Results: res, Years: yearsOr(opt.Years, SummaryYears(res.Years))}
	var streamed []string
	if sc.Runs > 1 {
		if r.Bands, streamed, err = runEnsemble(s, opt); err != nil {
			return nil, err
		}
	}
	series, err := output.Encode("series.csv", func(w io.Writer) error { return output.WriteSeriesCSV(w, res) })
	if err != nil {
		return nil, err
	}
	r.Files = append(r.Files, series)
	var charts []output.File
	if r.Bands != nil {
		bands, err := output.Encode("bands.csv", func(w io.Writer) error { return output.WriteBandsCSV(w, r.Bands) })
		if err != nil {
			return nil, err
		}
		r.Files = append(r.Files, bands)
		charts, err = chart.RenderFan(chart.Fan{Info: runInfo(s), Bands: r.Bands, Ref: res})
		if err != nil {
			return nil, err
		}
	} else if charts, err = chart.RenderRun(res, runInfo(s)); err != nil {
		return nil, err
	}
	r.Files = append(r.Files, charts...)
	r.Verdicts = CheckClaims(s.Loaded.Claims, res)
	if f, ok, err := claimsFile([]string{s.Name()}, [][]Verdict{r.Verdicts}); err != nil {
		return nil, err
	} else if ok {
		r.Files = append(r.Files, f)
	}
	if opt.Roles != nil {
		if r.Scores, err = opt.Roles.Scorecard(res); err != nil {
			return nil, &RequestError{err.Error()}
		}
		r.Roles = opt.Roles
		f, err := output.Encode("scorecard.csv", func(w io.Writer) error { return team.WriteScorecardCSV(w, r.Scores, output.FormatValue) })
		if err != nil {
			return nil, err
		}
		r.Files = append(r.Files, f)
	}
	rs, err := reportScenario(s, res, r.Verdicts)
	if err != nil {
		return nil, err
	}
	svgs, err := chart.SVGElements(charts)
	if err != nil {
		return nil, err
	}
	page, err := report.RenderRun(&report.Run{Scenario: rs, Charts: svgs, Headline: headlineKeys(), Years: r.Years, SummaryYears: slices.Equal(r.Years, SummaryYears(r.Results.Years)), Version: output.Version, Sections: ensembleSections(sc, r.Bands)})
	if err != nil {
		return nil, err
	}
	r.Files = append(r.Files, output.File{Name: report.FileName, Data: page})
	m := runManifest(s)
	if r.Bands != nil {
		m.Ensemble = ensembleManifest(sc, r.Bands)
	}
	return r, r.finish(m, streamed...)
}

// runInfo labels a scenario's charts.
func runInfo(s Scenario) chart.RunInfo {
	sc := s.Loaded.Scenario
	return chart.RunInfo{Name: s.Name(), Title: sc.Title, Events: sc.Events, Investments: sc.Investments, Commitment: sc.Alliance.USCommitmentPct}
}

// runManifest returns the manifest entry of a scenario: its file and
// hashes, title, horizon, seed, runs and resolved coefficients.
func runManifest(s Scenario) *output.Manifest {
	sc := s.Loaded.Scenario
	files := s.sources()
	seed := sc.Seed
	return &output.Manifest{
		Simulate:   output.Version,
		Scenario:   files[0].Path,
		SHA256:     files[0].SHA256,
		Bundled:    files[0].Bundled,
		Extends:    files[1:],
		Title:      sc.Title,
		StartYear:  sc.StartYear,
		EndYear:    sc.EndYear,
		Seed:       &seed,
		Runs:       sc.Runs,
		Parameters: output.ResolvedParams(&sc.Params),
		Set:        s.Set,
		Warnings:   s.Loaded.Warnings,
	}
}

// runEnsemble runs the scenario's ensemble, streaming every run through
// opt.Stream with opt.RunsCSV, and returns its bands and the names of the
// files it streamed.
func runEnsemble(s Scenario, opt RunOptions) (*ensemble.Bands, []string, error) {
	sc := s.Loaded.Scenario
	var done atomic.Int64
	eo := ensemble.Options{Done: &done}
	var files *runFiles
	var names []string
	if opt.RunsCSV {
		if opt.Stream == nil {
			return nil, nil, fmt.Errorf("internal error: %s: every run is to be written, but there is nowhere to stream it", s.Path)
		}
		var err error
		if files, err = createRunFiles(opt.Stream); err != nil {
			return nil, nil, err
		}
		eo.Encode = func(r *ensemble.Replication) { r.Encoded = output.AppendRunRows(r.Encoded, r) }
		eo.Write = files.write
		for _, f := range runFileNames {
			names = append(names, f.name)
		}
	}
	stop := func() {}
	if opt.Progress != nil {
		stop = opt.Progress(s.Name(), sc.Runs, &done)
	}
	bands, err := ensemble.Run(sc, eo)
	stop()
	if files != nil {
		if cerr := files.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.Name(), err)
	}
	// The ensemble's samples (8 bytes per series, year and run) are
	// garbage now; collecting them before the charts are drawn keeps the
	// charts' garbage from piling up on top of them, which would double the
	// peak memory of a large ensemble.
	runtime.GC()
	return bands, names, nil
}

// runFiles are the files every run of an ensemble is streamed into, in
// the order of runFileNames.
type runFiles struct {
	files   []io.WriteCloser
	ws      []*bufio.Writer
	scratch []byte
}

var runFileNames = []struct{ name, header string }{
	{"runs.csv", output.RunsHeader},
	{"draws.csv", output.DrawsHeader},
	{"shocks.csv", output.ShocksHeader},
}

func createRunFiles(create func(string) (io.WriteCloser, error)) (*runFiles, error) {
	rf := &runFiles{}
	for _, f := range runFileNames {
		fh, err := create(f.name)
		if err != nil {
			rf.close()
			return nil, err
		}
		w := bufio.NewWriterSize(fh, 1<<20)
		w.WriteString(f.header + "\n")
		rf.files, rf.ws = append(rf.files, fh), append(rf.ws, w)
	}
	return rf, nil
}

// write writes one run; the ensemble calls it in run order, after Encode
// has formatted its runs.csv rows.
func (rf *runFiles) write(r *ensemble.Replication) error {
	if _, err := rf.ws[0].Write(r.Encoded); err != nil {
		return err
	}
	rf.scratch = output.AppendDrawRows(rf.scratch[:0], r)
	if _, err := rf.ws[1].Write(rf.scratch); err != nil {
		return err
	}
	rf.scratch = output.AppendShockRows(rf.scratch[:0], r)
	_, err := rf.ws[2].Write(rf.scratch)
	return err
}

// close flushes and closes the files, returning the first error.
func (rf *runFiles) close() error {
	var first error
	keep := func(err error) {
		if first == nil {
			first = err
		}
	}
	for i, f := range rf.files {
		if err := rf.ws[i].Flush(); err != nil {
			keep(err)
		}
		if err := f.Close(); err != nil {
			keep(err)
		}
	}
	return first
}

// ensembleManifest records how the ensemble's runs were drawn.
func ensembleManifest(sc *model.Scenario, b *ensemble.Bands) *output.Ensemble {
	e := &output.Ensemble{
		Runs:      sc.Runs,
		Seed:      sc.Seed,
		Streams:   model.StreamRule,
		Quantiles: b.Method(),
		Reference: "series.csv and the dashed line on the fan charts: the reference run, with the scenario's own coefficients and scheduled events, and no risks",
		Risks:     []model.Risk{},
		Uncertain: []string{},
	}
	for _, r := range sc.Risks {
		e.Risks = append(e.Risks, r.Window(sc.StartYear, sc.EndYear))
	}
	for _, u := range sc.Uncertain {
		e.Uncertain = append(e.Uncertain, u.String())
	}
	return e
}

// ensembleSections returns the report's section on an ensemble's spread
// (none for a single run): the headline indicators' quantiles in the middle
// and end years.
func ensembleSections(sc *model.Scenario, b *ensemble.Bands) []report.Section {
	if b == nil {
		return nil
	}
	years := SummaryYears(b.Years)[1:]
	t := &report.Table{Header: []string{"indicator", "subject", "year", "p05", "p25", "median", "p75", "p95", "mean"}}
	for _, h := range Headline {
		for _, y := range years {
			st, ok := b.Value(h.Indicator, h.Subject, y)
			if !ok {
				continue
			}
			row := []string{string(h.Indicator), h.Subject, fmt.Sprint(y)}
			for _, v := range append(st.Q[:], st.Mean) {
				row = append(row, fmt.Sprintf("%.1f", v))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	intro := fmt.Sprintf("The charts above are fan charts of %s runs (seed %d): each draws the scenario's %d risks and %d uncertain coefficients from its own random numbers. "+
		"The line is the median across the runs, the shaded bands hold the middle 50%% and 90%% of them, and the dashed line is the reference run, "+
		"without risks and with the scenario's own coefficients, whose values the headline table and series.csv report. bands.csv has every indicator.",
		output.Thousands(b.Runs), sc.Seed, len(sc.Risks), len(sc.Uncertain))
	return []report.Section{{ID: "ensemble", Title: "Across the runs", Intro: intro, Table: t}}
}

// reportScenario describes a loaded and run scenario, with its claims'
// verdicts, for a report.
func reportScenario(s Scenario, res *model.Results, verdicts []Verdict) (report.Scenario, error) {
	changes, err := scenario.Changes(s.Loaded)
	if err != nil {
		return report.Scenario{}, err
	}
	sc := s.Loaded.Scenario
	return report.Scenario{
		Name: s.Name(), Title: sc.Title, Description: sc.Description, Changes: changes, Set: reportSettings(s),
		Seed: sc.Seed, Runs: sc.Runs, Events: sc.Events, Investments: sc.Investments,
		Warnings: s.Loaded.Warnings, Claims: sentences(verdicts), Results: res, Files: s.sources(),
	}, nil
}

// headlineKeys returns the rows of the printed summary, for reports.
func headlineKeys() []report.Key {
	keys := make([]report.Key, len(Headline))
	for i, h := range Headline {
		keys[i] = report.Key{Indicator: h.Indicator, Subject: h.Subject}
	}
	return keys
}
