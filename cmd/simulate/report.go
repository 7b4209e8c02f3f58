package main

import (
	"path/filepath"

	"simulate/internal/output"
	"simulate/internal/report"
	"simulate/internal/scenario"
	"simulate/model"
)

// writeRunReport writes dir/report.html for a run whose charts are in dir,
// with the optional sections after the charts.
func writeRunReport(dir, path string, l *scenario.Loaded, res *model.Results, sections ...report.Section) error {
	sc, err := reportScenario(path, l, res)
	if err != nil {
		return err
	}
	return report.WriteRun(dir, &report.Run{Scenario: sc, Headline: headlineKeys(), Years: summaryYears(res), Version: output.Version, Sections: sections})
}

// writeCompareReport writes dir/report.html for a comparison whose overlay
// charts are in dir, over the shared years first..last.
func writeCompareReport(dir string, runs []compared, first, last int) error {
	c := &report.Compare{Headline: headlineKeys(), Years: comparisonYears(first, last), First: first, Last: last, Version: output.Version}
	for _, r := range runs {
		sc, err := reportScenario(r.path, r.l, r.res)
		if err != nil {
			return err
		}
		c.Scenarios = append(c.Scenarios, sc)
	}
	return report.WriteCompare(dir, c)
}

// reportScenario describes a loaded and run scenario for a report.
func reportScenario(path string, l *scenario.Loaded, res *model.Results) (report.Scenario, error) {
	changes, err := scenario.Changes(l)
	if err != nil {
		return report.Scenario{}, err
	}
	sc := l.Scenario
	out := report.Scenario{
		Name: stem(path), Title: sc.Title, Description: sc.Description, Changes: changes,
		Seed: sc.Seed, Runs: sc.Runs, Events: sc.Events, Investments: sc.Investments,
		Warnings: l.Warnings, Claim: claimCheck(res), Results: res,
	}
	for _, f := range l.Files {
		out.Files = append(out.Files, report.File{Path: filepath.ToSlash(f.Path), SHA256: f.SHA256})
	}
	return out, nil
}

// headlineKeys returns the rows of the printed summary, for reports.
func headlineKeys() []report.Key {
	keys := make([]report.Key, len(headline))
	for i, h := range headline {
		keys[i] = report.Key{Indicator: h.indicator, Subject: h.subject}
	}
	return keys
}
