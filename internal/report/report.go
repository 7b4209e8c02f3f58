// Package report renders report.html: one self-contained page per run or
// comparison that a student can open offline, print on A4 or hand in.
//
// The page holds everything a reader needs to tell what was run and what
// came out: the scenario's title and description, the keys its file changes
// over what it extends, the headline table with the $150 bn claim check,
// the dashboard and every indicator chart (the <svg> elements of the files
// the chart package rendered for the same directory, as chart.SVGElements
// hands them over, inlined), the events and packages on a
// timeline, and the manifest (files with their SHA-256, seed, version).
//
// The page has no scripts and fetches nothing: styles are inline, charts
// are inline SVG, fonts are the reader's own. Print styles keep every chart
// whole on an A4 page. Output is deterministic: the same inputs give the
// same bytes (no timestamps, no map order).
//
// Results that only some runs have (ensemble bands, a hindcast, a
// sensitivity analysis) enter as Sections: each non-empty Section is shown
// after the charts, with its own heading and an entry in the contents.
package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"simulate/internal/plaintext"
	"simulate/internal/scenario"
	"simulate/model"
)

// FileName is the name of the report in a run's or comparison's directory.
const FileName = "report.html"

// Setting is an input set on the command line (-set KEY=VALUE): its key,
// its value and how it is applied.
type Setting struct{ Key, Value, How string }

// Scenario is one scenario of a report and its results.
type Scenario struct {
	Name        string // file stem, e.g. "3.5pct"
	Title       string
	Description string
	Files       []scenario.Source // the scenario's own file first, then the files it extends; paths slash-separated
	Changes     []scenario.Change // keys its own file sets over what it extends
	Set         []Setting         // inputs set on the command line over the file's
	Seed        uint64
	Runs        int
	Events      []model.Event
	Investments []model.Investment
	Warnings    []string
	Claims      []string // a sentence for each claim the scenario declares, saying whether it held
	Results     *model.Results
}

// Key names one (indicator, subject) series, a row of the headline table.
type Key struct {
	Indicator model.IndicatorID
	Subject   string
}

// SVGs holds the <svg> elements of the charts a report inlines (as
// chart.SVGElements hands them over), by their file's path in the output
// directory: "dashboard.svg" and "charts/<indicator>.svg".
type SVGs map[string][]byte

// Run is the report of one scenario's run.
type Run struct {
	Scenario Scenario
	Charts   SVGs
	Headline []Key // rows of the headline table
	Years    []int // its columns: by default the start, middle and end year
	// SummaryYears says that Years are the run's summary years (the
	// study layer's SummaryYears: the start, middle and end year, as many
	// of them as differ), whether by default or asked for; the headline
	// table's caption names them so.
	SummaryYears bool
	Version      string
	Sections     []Section // optional: shown after the charts
}

// Compare is the report of a comparison of scenarios over their shared
// years.
type Compare struct {
	Scenarios   []Scenario // the first is the reference for differences
	Charts      SVGs
	Headline    []Key
	Years       []int // columns of the headline tables: the middle and end of the shared years
	First, Last int   // the shared years
	Version     string
	Sections    []Section
}

// Section is an optional part of a report for results that exist only for
// some runs: ensemble bands, a hindcast, a sensitivity analysis. Any of its
// parts may be empty; a Section with none is not shown.
type Section struct {
	ID      string // anchor in the page, e.g. "bands"; unique within a report
	Title   string
	Intro   string // a paragraph before the table and figure
	Table   *Table
	SVG     []byte // a figure: its <svg> element (chart.SVGElement), inlined
	Caption string // under the figure
}

// Table is a plain table of text.
type Table struct {
	Header []string
	Rows   [][]string
}

//go:embed report.tmpl
var templates embed.FS

var page = template.Must(template.ParseFS(templates, "report.tmpl"))

// RenderRun returns the report.html of a run whose charts are r.Charts:
// dashboard.svg and charts/<indicator>.svg for every indicator of the
// results. A missing chart is an error.
func RenderRun(r *Run) ([]byte, error) {
	sc := r.Scenario
	p, err := newPage(r.Charts, sc.Results)
	if err != nil {
		return nil, err
	}
	p.Title = sc.Title
	p.Kind = "run"
	p.Scenarios = []scenarioView{viewOf(sc, sc.Results.Years[0], sc.Results.Years[len(sc.Results.Years)-1])}
	p.Headline = []headlineTable{runHeadline(sc.Results, r.Headline, r.Years, r.SummaryYears)}
	for _, text := range sc.Claims {
		p.Claims = append(p.Claims, claim{sc.Name, text})
	}
	p.Version = r.Version
	if p.Sections, err = visible(r.Sections); err != nil {
		return nil, err
	}
	return p.render()
}

// RenderCompare returns the report.html of a comparison whose overlay
// charts are c.Charts, as RenderRun does for a run.
func RenderCompare(c *Compare) ([]byte, error) {
	if len(c.Scenarios) == 0 {
		return nil, fmt.Errorf("report: a comparison needs scenarios")
	}
	p, err := newPage(c.Charts, c.Scenarios[0].Results)
	if err != nil {
		return nil, err
	}
	p.Kind = "comparison"
	p.Title = "Comparison of " + names(c.Scenarios)
	for _, sc := range c.Scenarios {
		p.Scenarios = append(p.Scenarios, viewOf(sc, c.First, c.Last))
		for _, text := range sc.Claims {
			p.Claims = append(p.Claims, claim{sc.Name, text})
		}
	}
	for _, y := range c.Years {
		p.Headline = append(p.Headline, compareHeadline(c.Scenarios, c.Headline, y))
	}
	p.Years = fmt.Sprintf("%d–%d", c.First, c.Last)
	p.Version = c.Version
	if p.Sections, err = visible(c.Sections); err != nil {
		return nil, err
	}
	return p.render()
}

// pageData is what the template renders.
type pageData struct {
	Kind      string // "run" or "comparison"
	Title     string
	Years     string // the shared years of a comparison
	Scenarios []scenarioView
	Headline  []headlineTable
	Claims    []claim
	Dashboard template.HTML
	Charts    []chartView
	Sections  []sectionView
	Version   string
}

type claim struct{ Name, Text string }

type chartView struct {
	ID, Unit, Meaning string
	Subjects          string
	SVG               template.HTML
}

type sectionView struct {
	Section
	Figure template.HTML
}

func (p *pageData) render() ([]byte, error) {
	var b bytes.Buffer
	if err := page.Execute(&b, p); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	// The page is well-formed whatever its text held: html/template
	// escapes markup, and control characters (from a file name, say; the
	// loader refuses them in a scenario) become U+FFFD.
	return []byte(plaintext.Clean(b.String(), true)), nil
}

// newPage takes the dashboard and the chart of every indicator res
// reports, in report order, from charts.
func newPage(charts SVGs, res *model.Results) (*pageData, error) {
	p := &pageData{}
	dash, err := charts.inline("dashboard.svg")
	if err != nil {
		return nil, err
	}
	p.Dashboard = dash
	for _, info := range model.IndicatorList() {
		subjects := subjectsOf(res, info.ID)
		if len(subjects) == 0 {
			continue
		}
		svg, err := charts.inline("charts/" + string(info.ID) + ".svg")
		if err != nil {
			return nil, err
		}
		p.Charts = append(p.Charts, chartView{ID: string(info.ID), Unit: info.Unit, Meaning: info.Meaning, Subjects: join(subjects), SVG: svg})
	}
	return p, nil
}

// subjectsOf lists the subjects res reports the indicator for.
func subjectsOf(res *model.Results, indicator model.IndicatorID) []string {
	var out []string
	for _, s := range res.Series {
		if s.Indicator == indicator {
			out = append(out, s.Subject)
		}
	}
	return out
}

// inline returns the named chart's <svg> element for inlining.
func (charts SVGs) inline(name string) (template.HTML, error) {
	b, ok := charts[name]
	if !ok {
		return "", fmt.Errorf("report: the chart %s is missing", name)
	}
	return inlineSVG(b)
}

// inlineSVG returns an <svg> element for inlining. The chart package
// writes the element itself, with its text escaped; it is trusted markup,
// not user input, but it must be an element: an SVG file's prolog, or
// anything else, does not belong inside the page.
func inlineSVG(b []byte) (template.HTML, error) {
	if !bytes.HasPrefix(b, []byte("<svg")) || !bytes.HasSuffix(b, []byte("</svg>")) {
		return "", fmt.Errorf("report: not an <svg> element (it starts %q)", b[:min(len(b), 20)])
	}
	return template.HTML(b), nil
}

// visible returns the sections that have something to show, with their
// figures ready to inline.
func visible(sections []Section) ([]sectionView, error) {
	var out []sectionView
	for _, s := range sections {
		v := sectionView{Section: s}
		if len(s.SVG) > 0 {
			fig, err := inlineSVG(s.SVG)
			if err != nil {
				return nil, fmt.Errorf("report: section %q: %w", s.Title, err)
			}
			v.Figure = fig
		}
		if s.Intro == "" && s.Table == nil && v.Figure == "" {
			continue
		}
		out = append(out, v)
	}
	return out, nil
}

// refAttr matches what makes a browser fetch a resource: URL-valued
// attributes, CSS url() and @import.
var refAttr = regexp.MustCompile(`(?i)\b(?:src|srcset|href|action|poster|data|background)\s*=\s*["']?([^"'\s>]*)|url\(\s*["']?([^"')\s]*)|@import\s+(?:url\()?\s*["']?([^"');\s]*)`)

// scriptTag matches the start of a script element.
var scriptTag = regexp.MustCompile(`(?i)<script\b`)

// ExternalRefs returns what in an HTML page would make a browser load
// something from outside the page, or run code: every URL in a src, href or
// similar attribute, CSS url() or @import that is not a link within the page
// (#id) or inline data (data:), and every script element. A report has
// none; tests use this to keep it so.
func ExternalRefs(page []byte) []string {
	var out []string
	for _, m := range refAttr.FindAllSubmatch(page, -1) {
		url := string(bytes.Join(m[1:], nil))
		if strings.HasPrefix(url, "#") || strings.HasPrefix(strings.ToLower(url), "data:") {
			continue
		}
		out = append(out, string(m[0]))
	}
	for _, loc := range scriptTag.FindAllIndex(page, -1) {
		out = append(out, string(page[loc[0]:min(loc[1]+40, len(page))]))
	}
	return out
}
