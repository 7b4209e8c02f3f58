package report

import (
	"fmt"
	"strings"

	"simulate/internal/scenario"
	"simulate/model"
)

// scenarioView is what the page shows of one scenario.
type scenarioView struct {
	Name, Title, Description string
	Extends                  string // the file it extends directly, "" for none
	Changes                  []change
	Set                      []Setting
	Files                    []scenario.Source
	Seed                     uint64
	Runs                     int
	Warnings                 []string
	Timeline                 timeline
}

// viewOf describes sc, with its timeline over the years first..last.
func viewOf(sc Scenario, first, last int) scenarioView {
	v := scenarioView{Name: sc.Name, Title: sc.Title, Description: sc.Description, Files: sc.Files,
		Seed: sc.Seed, Runs: sc.Runs, Warnings: sc.Warnings, Timeline: newTimeline(sc, first, last), Set: sc.Set}
	if len(sc.Files) > 1 {
		v.Extends = sc.Files[1].Path
	}
	for _, c := range sc.Changes {
		// The title and description head the page already.
		if c.Key != "title" && c.Key != "description" {
			v.Changes = append(v.Changes, changeOf(c))
		}
	}
	return v
}

// change is a row of the table of what a scenario changes.
type change struct {
	Key, Value string
	Was        string // the value replaced, or why there is none
	Replaces   bool   // Was is a value
}

func changeOf(c scenario.Change) change {
	switch {
	case c.Was != "":
		return change{c.Key, c.Value, c.Was, true}
	case c.Added:
		return change{Key: c.Key, Value: c.Value, Was: "added to those it extends"}
	}
	return change{Key: c.Key, Value: c.Value, Was: "not set: the model's rule or start value applied"}
}

// timeline lays out a scenario's packages and events as rows of a table
// with one column per year: a package spans the years it disburses, an
// event marks its year.
type timeline struct {
	Years   []int
	Columns int // of the table: the label and one per year
	Rows    []timelineRow
}

type timelineRow struct {
	Label  string // what it is
	Detail string // its figures, in words
	Cells  []timelineCell
}

// timelineCell is a run of Span years: empty, a package, or an event.
type timelineCell struct {
	Span int
	Kind string // "", "package" or "event"
	Text string // shown in the cell
}

func newTimeline(sc Scenario, first, last int) timeline {
	t := timeline{Columns: 1}
	for y := first; y <= last; y++ {
		t.Years = append(t.Years, y)
		t.Columns++
	}
	for _, inv := range sc.Investments {
		from, to := 0, 0
		for y := first; y <= last; y++ {
			if inv.Disbursement(y) > 0 {
				if from == 0 {
					from = y
				}
				to = y
			}
		}
		if from == 0 {
			continue
		}
		detail := fmt.Sprintf("%s → %s, %s, $%s bn", inv.Source(), inv.To, inv.Sector, number(inv.TotalUSDbn))
		if inv.AnnualCap > 0 {
			detail += fmt.Sprintf(", at most $%s bn a year", number(inv.AnnualCap))
		}
		detail += fmt.Sprintf("; disburses %d–%d", from, to)
		if to == last && inv.Disbursement(last+1) > 0 {
			detail += fmt.Sprintf(" and after %d", last)
		}
		t.Rows = append(t.Rows, timelineRow{Label: inv.Name, Detail: detail, Cells: cells(first, last, from, to, "package", fmt.Sprintf("%d–%d", from, to))})
	}
	for _, e := range sc.Events {
		if e.Year < first || e.Year > last {
			continue
		}
		label := strings.ReplaceAll(e.Kind.String(), "_", " ")
		if e.Kind.NeedsActor() {
			label += ", " + e.Actor.String()
		}
		detail := fmt.Sprintf("%d, severity %s", e.Year, number(e.Severity))
		t.Rows = append(t.Rows, timelineRow{Label: label, Detail: detail, Cells: cells(first, last, e.Year, e.Year, "event", "●")})
	}
	return t
}

// cells returns the row's cells: empty before from, one cell of kind
// spanning from..to, empty after.
func cells(first, last, from, to int, kind, text string) []timelineCell {
	var out []timelineCell
	if from > first {
		out = append(out, timelineCell{Span: from - first})
	}
	out = append(out, timelineCell{Span: to - from + 1, Kind: kind, Text: text})
	if to < last {
		out = append(out, timelineCell{Span: last - to})
	}
	return out
}

// headlineTable is a table of headline indicators: one row per indicator
// and subject, one column per year (a run) or per scenario (a comparison).
type headlineTable struct {
	Caption string
	Columns []string
	Rows    []headlineRow
}

type headlineRow struct {
	Indicator, Subject, Unit string
	Cells                    []string
}

// summaryCaptions name the summary years of a run by their count: a
// horizon too short for a middle year distinct from its start and end year
// has two.
var summaryCaptions = map[int]string{
	2: "In the start and end year",
	3: "In the start, middle and end year",
}

// runHeadline is the headline table of a run: the values in each year;
// summary says that years are the run's summary years.
func runHeadline(res *model.Results, keys []Key, years []int, summary bool) headlineTable {
	caption := "In the years asked for"
	if c, ok := summaryCaptions[len(years)]; ok && summary {
		caption = c
	}
	t := headlineTable{Caption: caption}
	for _, y := range years {
		t.Columns = append(t.Columns, fmt.Sprint(y))
	}
	for _, k := range keys {
		row := headlineRow{Indicator: string(k.Indicator), Subject: k.Subject, Unit: unitOf(res, k)}
		for _, y := range years {
			row.Cells = append(row.Cells, valueText(res, k, y))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// compareHeadline is the headline table of a comparison in year y: each
// scenario's value, with its difference from the first in brackets.
func compareHeadline(scs []Scenario, keys []Key, y int) headlineTable {
	t := headlineTable{Caption: fmt.Sprintf("Headline indicators in %d (difference from %s in brackets)", y, scs[0].Name)}
	for _, sc := range scs {
		t.Columns = append(t.Columns, sc.Name)
	}
	for _, k := range keys {
		row := headlineRow{Indicator: string(k.Indicator), Subject: k.Subject, Unit: unitOf(scs[0].Results, k)}
		v0, ok0 := scs[0].Results.Value(k.Indicator, k.Subject, y)
		for i, sc := range scs {
			v, ok := sc.Results.Value(k.Indicator, k.Subject, y)
			switch {
			case !ok:
				row.Cells = append(row.Cells, "—")
			case i == 0 || !ok0:
				row.Cells = append(row.Cells, fmt.Sprintf("%.1f", v))
			default:
				row.Cells = append(row.Cells, fmt.Sprintf("%.1f (%s)", v, signed(v-v0)))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func unitOf(res *model.Results, k Key) string {
	if i := res.Index(k.Indicator, k.Subject); i >= 0 {
		return res.Series[i].Unit
	}
	return ""
}

func valueText(res *model.Results, k Key, y int) string {
	if v, ok := res.Value(k.Indicator, k.Subject, y); ok {
		return fmt.Sprintf("%.1f", v)
	}
	return "—"
}

// signed formats a difference at one decimal with its sign, a true minus
// sign, and no "−0.0".
func signed(d float64) string {
	s := fmt.Sprintf("%+.1f", d)
	switch s {
	case "-0.0", "+0.0":
		return "0.0"
	}
	return strings.Replace(s, "-", "−", 1)
}

// number formats a figure from a scenario file in its shortest form.
func number(v float64) string { return fmt.Sprintf("%g", v) }

// names joins the scenarios' names: "a, b and c".
func names(scs []Scenario) string {
	var ns []string
	for _, sc := range scs {
		ns = append(ns, sc.Name)
	}
	return join(ns)
}

func join(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}
