// Package output formats and writes simulate's files: the tidy CSVs (one
// number formatter for all of them), the one manifest type, and the
// directory they go in, created whole or not at all. A study's files are
// in memory (File); WriteFiles writes them into a directory that WriteDir
// fills.
package output

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"simulate/model"
)

// SeriesHeader is the header of series.csv.
const SeriesHeader = "year,subject,indicator,unit,value"

// FormatValue formats a number at the fixed precision of every output file
// (four decimals, never "-0.0000").
func FormatValue(v float64) string {
	s := strconv.FormatFloat(v, 'f', 4, 64)
	if s == "-0.0000" {
		return "0.0000"
	}
	return s
}

// Thousands writes n with commas between groups of three digits, as
// summaries and progress bars print counts of runs.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WriteSeriesCSV writes res in tidy long format: one row per year, subject
// and indicator, sorted by year and then in the indicators' report order.
func WriteSeriesCSV(w io.Writer, res *model.Results) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(SeriesHeader + "\n")
	writeSeriesRows(bw, "", res)
	return bw.Flush()
}

// ScenarioSeriesHeader is the header of a comparison's series.csv.
const ScenarioSeriesHeader = "scenario," + SeriesHeader

// NamedResults are a scenario's results under its name.
type NamedResults struct {
	Name    string
	Results *model.Results
}

// WriteScenarioSeriesCSV writes the results of several scenarios in one
// tidy table, each scenario's rows as WriteSeriesCSV writes them with the
// scenario's name in a first column, the scenarios in the order given.
func WriteScenarioSeriesCSV(w io.Writer, runs []NamedResults) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(ScenarioSeriesHeader + "\n")
	for _, r := range runs {
		writeSeriesRows(bw, csvField(r.Name)+",", r.Results)
	}
	return bw.Flush()
}

// writeSeriesRows writes the rows of series.csv, each after prefix.
func writeSeriesRows(bw *bufio.Writer, prefix string, res *model.Results) {
	for t, y := range res.Years {
		ys := strconv.Itoa(y)
		for i, s := range res.Series {
			bw.WriteString(prefix)
			bw.WriteString(ys)
			bw.WriteByte(',')
			bw.WriteString(csvField(s.Subject))
			bw.WriteByte(',')
			bw.WriteString(csvField(string(s.Indicator)))
			bw.WriteByte(',')
			bw.WriteString(csvField(s.Unit))
			bw.WriteByte(',')
			bw.WriteString(FormatValue(res.At(i, t)))
			bw.WriteByte('\n')
		}
	}
}

// CSVField quotes a field of a CSV row if it needs quoting.
func CSVField(s string) string { return csvField(s) }

// csvField quotes a field if it needs quoting, as RFC 4180 does: in double
// quotes, with each double quote doubled.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
