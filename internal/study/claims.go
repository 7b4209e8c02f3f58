package study

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

// Verdict is a claim checked against a run: whether it held and the
// figures that say so.
type Verdict struct {
	Claim    scenario.Claim
	Unit     string
	From, To int   // the years the claim is about
	Held     bool  // it holds in some year (every year, for an "every year" claim) of From..To
	Years    []int // the years of From..To in which the comparison holds
	// Extreme is the value most favourable to the claim over From..To
	// (the peak for "above", the trough for "below") and ExtremeYear its
	// first year.
	Extreme     float64
	ExtremeYear int
}

// CheckClaims checks the claims against a run's results, in order.
func CheckClaims(claims []scenario.Claim, res *model.Results) []Verdict {
	var out []Verdict
	for _, c := range claims {
		i := res.Index(c.Indicator, c.Subject)
		v := Verdict{Claim: c, Unit: res.Series[i].Unit, From: c.FromYear, To: c.ToYear}
		if v.From == 0 {
			v.From = res.Years[0] + 1
		}
		if v.To == 0 {
			v.To = res.Years[len(res.Years)-1]
		}
		n := 0
		for t, y := range res.Years {
			if y < v.From || y > v.To {
				continue
			}
			x := res.At(i, t)
			if n == 0 || (c.Below && x < v.Extreme) || (!c.Below && x > v.Extreme) {
				v.Extreme, v.ExtremeYear = x, y
			}
			n++
			if (c.Below && x < c.Threshold) || (!c.Below && x > c.Threshold) {
				v.Years = append(v.Years, y)
			}
		}
		v.Held = len(v.Years) > 0 && (!c.Every || len(v.Years) == n)
		out = append(out, v)
	}
	return out
}

// Sentence says whether the claim held, with the figures, as the summary
// and the report print it.
func (v Verdict) Sentence() string {
	c := v.Claim
	what := fmt.Sprintf("Claim '%s' (%s, %s, %s %s in %s of %d–%d)", c.Text, c.Indicator, c.Subject, c.Comparison(), trimNumber(c.Threshold), c.Quantifier(), v.From, v.To)
	extreme := "peak"
	if c.Below {
		extreme = "lowest"
	}
	figures := fmt.Sprintf("%s %.1f %s in %d", extreme, v.Extreme, v.Unit, v.ExtremeYear)
	span := v.To - v.From + 1
	switch {
	case v.Held && c.Every:
		return fmt.Sprintf("%s: held in all %d years (%s).", what, span, figures)
	case v.Held:
		return fmt.Sprintf("%s: held in %d of %d years, first in %d (%s).", what, len(v.Years), span, v.Years[0], figures)
	case len(v.Years) > 0:
		return fmt.Sprintf("%s: not held: it fails in %d of %d years (%s).", what, span-len(v.Years), span, figures)
	}
	return fmt.Sprintf("%s: not held in any year (%s).", what, figures)
}

// ClaimsHeader is the header of claims.csv.
const ClaimsHeader = "scenario,claim,indicator,subject,unit,comparison,threshold,holds_in,from_year,to_year,held,years_held,first_year_held,extreme_value,extreme_year,source"

// writeClaims writes one row per claim of each named scenario.
func writeClaims(w io.Writer, names []string, verdicts [][]Verdict) error {
	if _, err := fmt.Fprintln(w, ClaimsHeader); err != nil {
		return err
	}
	for k, vs := range verdicts {
		for _, v := range vs {
			c := v.Claim
			first := ""
			if len(v.Years) > 0 {
				first = strconv.Itoa(v.Years[0])
			}
			row := []string{names[k], c.Text, string(c.Indicator), c.Subject, v.Unit, c.Comparison(), output.FormatValue(c.Threshold), c.Quantifier(),
				strconv.Itoa(v.From), strconv.Itoa(v.To), strconv.FormatBool(v.Held), strconv.Itoa(len(v.Years)), first,
				output.FormatValue(v.Extreme), strconv.Itoa(v.ExtremeYear), c.Source}
			for i, f := range row {
				row[i] = output.CSVField(f)
			}
			if _, err := fmt.Fprintln(w, strings.Join(row, ",")); err != nil {
				return err
			}
		}
	}
	return nil
}

// claimsFile returns claims.csv for the scenarios' verdicts, or false when
// no scenario declares a claim.
func claimsFile(names []string, verdicts [][]Verdict) (output.File, bool, error) {
	any := false
	for _, vs := range verdicts {
		any = any || len(vs) > 0
	}
	if !any {
		return output.File{}, false, nil
	}
	f, err := output.Encode("claims.csv", func(w io.Writer) error { return writeClaims(w, names, verdicts) })
	return f, err == nil, err
}

// sentences returns the verdicts' sentences.
func sentences(vs []Verdict) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Sentence()
	}
	return out
}
