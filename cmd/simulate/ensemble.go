package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"text/tabwriter"

	"simulate/internal/chart"
	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/internal/report"
	"simulate/internal/scenario"
	"simulate/model"
)

// maxRuns is the largest ensemble; the scenario's runs key has the same
// bound.
const maxRuns = 1_000_000

// settleRuns sets the scenario's number of runs from the -runs flag (0:
// keep the scenario's) and warns, on stderr, about random inputs a single
// run ignores and about an ensemble with nothing random in it.
func settleRuns(path string, sc *model.Scenario, flagRuns int, runsCSV bool, stderr io.Writer) error {
	if flagRuns < 0 || flagRuns > maxRuns {
		return usagef("-runs %d is out of range: expected 1 to %d (or 0 for the scenario's runs)", flagRuns, maxRuns)
	}
	if flagRuns > 0 {
		sc.Runs = flagRuns
	}
	random := len(sc.Risks) > 0 || len(sc.Uncertain) > 0
	switch {
	case sc.Runs == 1 && runsCSV:
		return usagef("-runs-csv writes every run of an ensemble, but %s has runs = 1: set runs above 1 in the scenario or with -runs", path)
	case sc.Runs == 1 && random:
		fmt.Fprintf(stderr, "warning: %s: [[risks]] and [uncertainty] apply to ensembles; with runs = 1 this is the reference run without them (set runs, or -runs, above 1)\n", path)
	case sc.Runs > 1 && !random:
		fmt.Fprintf(stderr, "warning: %s: runs = %d, but the scenario declares no [[risks]] and no [uncertainty]: every run is the same\n", path, sc.Runs)
	}
	return nil
}

// runEnsemble runs the scenario's ensemble, with a progress bar on stderr
// when it is a terminal. With runsCSV it streams every run into dir:
// runs.csv (every value), draws.csv (the uncertain coefficients each run
// drew) and shocks.csv (the events its risks produced).
func runEnsemble(dir, name string, sc *model.Scenario, runsCSV bool, stderr io.Writer) (*ensemble.Bands, error) {
	var done atomic.Int64
	opt := ensemble.Options{Done: &done}
	var files *runFiles
	if runsCSV {
		var err error
		if files, err = createRunFiles(dir); err != nil {
			return nil, err
		}
		opt.Encode = func(r *ensemble.Replication) { r.Encoded = output.AppendRunRows(r.Encoded, r) }
		opt.Write = files.write
	}
	stop := startProgress(stderr, name, sc.Runs, &done)
	bands, err := ensemble.Run(sc, opt)
	stop()
	if files != nil {
		if cerr := files.close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// The ensemble's samples (8 bytes per series, year and run) are
	// garbage now; collecting them before the charts are drawn keeps the
	// charts' garbage from piling up on top of them, which would double the
	// peak memory of a large ensemble.
	runtime.GC()
	return bands, nil
}

// runFiles are the files every run of an ensemble is streamed into, in
// the order of runFileNames.
type runFiles struct {
	files   []*os.File
	ws      []*bufio.Writer
	scratch []byte
}

var runFileNames = []struct{ name, header string }{
	{"runs.csv", output.RunsHeader},
	{"draws.csv", output.DrawsHeader},
	{"shocks.csv", output.ShocksHeader},
}

func createRunFiles(dir string) (*runFiles, error) {
	rf := &runFiles{}
	for _, f := range runFileNames {
		fh, err := os.Create(filepath.Join(dir, f.name))
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
		Risks:     []output.Risk{},
		Uncertain: []string{},
	}
	for _, r := range sc.Risks {
		risk := output.Risk{Kind: r.Kind.String(), AnnualProbability: r.Probability, SeverityMin: r.SeverityMin, SeverityMax: r.SeverityMax,
			FromYear: r.FromYear, ToYear: r.ToYear}
		if risk.FromYear == 0 {
			risk.FromYear = sc.StartYear + 1
		}
		if risk.ToYear == 0 {
			risk.ToYear = sc.EndYear
		}
		if r.Kind.NeedsActor() {
			risk.Actor = r.Actor.String()
		}
		e.Risks = append(e.Risks, risk)
	}
	for _, u := range sc.Uncertain {
		e.Uncertain = append(e.Uncertain, u.String())
	}
	return e
}

// printBands prints the headline indicators' spread across the ensemble in
// the end year.
func printBands(w io.Writer, sc *model.Scenario, b *ensemble.Bands) {
	year := b.Years[len(b.Years)-1]
	fmt.Fprintf(w, "\nEnsemble of %s runs (seed %d): headline indicators in %d across the runs\n\n", thousands(b.Runs), sc.Seed, year)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\tunit\tp05\tp25\tmedian\tp75\tp95\t\n")
	for _, h := range headline {
		st, ok := b.At(h.indicator, h.subject, year)
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t", h.indicator, h.subject, b.Series[b.Index(h.indicator, h.subject)].Unit)
		for _, q := range st.Q {
			fmt.Fprintf(tw, "%.1f\t", q)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// writeBands writes an ensemble's bands.csv and fan charts.
func writeBands(dir, path string, l *scenario.Loaded, res *model.Results, bands *ensemble.Bands) error {
	if err := output.WriteFile(dir, "bands.csv", func(f *os.File) error { return output.WriteBandsCSV(f, bands) }); err != nil {
		return err
	}
	return chart.WriteFan(dir, chart.Fan{Info: runInfo(path, l.Scenario), Bands: bands, Ref: res})
}

// writeCompareCharts writes a comparison's overlay charts: with bands
// where scenarios are ensembles, each with its bands-<name>.csv.
func writeCompareCharts(dir string, runs []compared) error {
	fans := make([]chart.Fan, len(runs))
	named := make([]chart.Named, len(runs))
	ensembles := false
	for i, r := range runs {
		info := runInfo(r.path, r.l.Scenario)
		fans[i] = chart.Fan{Info: info, Bands: r.bands, Ref: r.res}
		named[i] = chart.Named{Info: info, Res: r.res}
		if r.bands == nil {
			continue
		}
		ensembles = true
		name := "bands-" + stem(r.path) + ".csv"
		if err := output.WriteFile(dir, name, func(f *os.File) error { return output.WriteBandsCSV(f, r.bands) }); err != nil {
			return err
		}
	}
	if ensembles {
		return chart.WriteCompareFans(dir, fans)
	}
	return chart.WriteCompare(dir, named)
}

// ensembleSections returns the report's section on an ensemble's spread
// (none for a single run): the headline indicators' quantiles in the middle
// and end years.
func ensembleSections(sc *model.Scenario, b *ensemble.Bands) []report.Section {
	if b == nil {
		return nil
	}
	years := summaryYears(&model.Results{Years: b.Years})[1:]
	t := &report.Table{Header: []string{"indicator", "subject", "year", "p05", "p25", "median", "p75", "p95", "mean"}}
	for _, h := range headline {
		for _, y := range years {
			st, ok := b.At(h.indicator, h.subject, y)
			if !ok {
				continue
			}
			row := []string{h.indicator, h.subject, fmt.Sprint(y)}
			for _, v := range append(st.Q[:], st.Mean) {
				row = append(row, fmt.Sprintf("%.1f", v))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	intro := fmt.Sprintf("The charts above are fan charts of %s runs (seed %d): each draws the scenario's %d risks and %d uncertain coefficients from its own random numbers. "+
		"The line is the median across the runs, the shaded bands hold the middle 50%% and 90%% of them, and the dashed line is the reference run, "+
		"without risks and with the scenario's own coefficients, whose values the headline table and series.csv report. bands.csv has every indicator.",
		thousands(b.Runs), sc.Seed, len(sc.Risks), len(sc.Uncertain))
	return []report.Section{{ID: "ensemble", Title: "Across the runs", Intro: intro, Table: t}}
}
