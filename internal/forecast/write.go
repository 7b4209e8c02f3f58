package forecast

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"simulate/internal/output"
)

// ForecastsHeader is the header of forecasts.csv.
const ForecastsHeader = "origin,year,actor,model_share_pct,record_share_pct,persistence_share_pct"

// SkillHeader is the header of skill.csv.
const SkillHeader = "actor,horizon,n,model_mape,persistence_mape,mase,theil_u"

// WriteForecasts writes forecasts.csv: one row per origin, actor and year
// forecast, shares in % of GDP at four decimals.
func WriteForecasts(w io.Writer, ev *Evaluation) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(ForecastsHeader + "\n")
	for _, f := range ev.Forecasts {
		fmt.Fprintf(bw, "%d,%d,%s,%s,%s,%s\n", f.Origin, f.Year, f.Actor, output.FormatValue(f.Model), output.FormatValue(f.Record), output.FormatValue(f.Persistence))
	}
	return bw.Flush()
}

// WriteSkill writes skill.csv: one row per scored actor and horizon (1 to
// Horizon; the pooled scores are in the printed table), at four decimals.
// MAPEs are in % of the record; MASE and Theil's U are ratios.
func WriteSkill(w io.Writer, ev *Evaluation) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(SkillHeader + "\n")
	for _, s := range ev.Skill() {
		if s.Horizon == 0 {
			continue
		}
		fmt.Fprintf(bw, "%s,%d,%d,%s,%s,%s,%s\n", s.Actor, s.Horizon, s.N, output.FormatValue(s.ModelMAPE), output.FormatValue(s.PersistenceMAPE), output.FormatValue(s.MASE), output.FormatValue(s.TheilU))
	}
	return bw.Flush()
}

// WriteSkillTable writes the skill table: per scored actor, each horizon
// and the horizons pooled, with a verdict on the pooled Theil's U.
func WriteSkillTable(w io.Writer, ev *Evaluation) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ACTOR\tHORIZON\tN\tMODEL MAPE %\tPERSISTENCE MAPE %\tMASE\tTHEIL'S U\t\t")
	for _, s := range ev.Skill() {
		h, verdict := strconv.Itoa(s.Horizon), ""
		if s.Horizon == 0 {
			h = fmt.Sprintf("1–%d", Horizon)
			verdict = "loses to persistence"
			if s.TheilU < 1 {
				verdict = "beats persistence"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f\t%.2f\t%.3f\t%.3f\t%s\t\n", s.Actor, h, s.N, s.ModelMAPE, s.PersistenceMAPE, s.MASE, s.TheilU, verdict)
	}
	return tw.Flush()
}

// Beating counts the scored actors whose pooled Theil's U is below 1.
func (ev *Evaluation) Beating() (n int) {
	for _, s := range ev.Skill() {
		if s.Horizon == 0 && s.TheilU < 1 {
			n++
		}
	}
	return n
}

// WriteEstimates writes the estimate table: each coefficient's estimate,
// standard error and 95% interval from it, the bootstrap's 95% interval
// (where Bootstrap has run), the plausible range, and whether the estimate
// sits on the range's edge or is not identified by the record.
func WriteEstimates(w io.Writer, est *Estimate) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "COEFFICIENT\tDEFAULT\tESTIMATE\tSE\tESTIMATE ± 1.96 SE\tBOOTSTRAP 95%\tRANGE\t\t")
	for i := range est.Coefs {
		c := &est.Coefs[i]
		if !c.Identified {
			fmt.Fprintf(tw, "%s\t%s\t%s\t–\t–\t–\t%s\t%s\t\n", c.Name(), num(c.Start), num(c.Value), rangeOf(c), "not identified: kept at the default")
			continue
		}
		se, interval, boot := "–", "–", "–"
		if lo, hi := c.Interval(); c.SE == c.SE {
			se, interval = fmt.Sprintf("%.3f", c.SE), fmt.Sprintf("%.3f to %.3f", lo, hi)
		}
		if c.BootLo == c.BootLo {
			boot = fmt.Sprintf("%.3f to %.3f", c.BootLo, c.BootHi)
		}
		note := ""
		if c.AtEdge() {
			note = "on the range's edge"
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%s\t%s\t%s\t%s\t%s\t\n", c.Name(), num(c.Start), c.Value, se, interval, boot, rangeOf(c), note)
	}
	return tw.Flush()
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func rangeOf(c *Coefficient) string { return num(c.Lo) + "–" + num(c.Hi) }

// tomlDecimals is the number of decimals of an estimate in TOML. Every
// range edge has at most this many, so rounding keeps an estimate inside
// its range.
const tomlDecimals = 3

// WriteTOML writes the estimates as a scenario's [params] and
// [params.<ACTOR>] tables, each value with a comment that gives its source
// (the estimation), standard error and range, ready to paste into a
// scenario file; a coefficient the record does not identify keeps its
// default and says so. ev gives each actor's out-of-sample skill.
func WriteTOML(w io.Writer, est *Estimate, ev *Evaluation) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Decision-rule coefficients estimated by `simulate calibrate`: least squares\n")
	fmt.Fprintf(bw, "# on the one-step-ahead errors of the defense share (SIPRI's share of GDP),\n")
	fmt.Fprintf(bw, "# %d–%d, in %s, inside each coefficient's plausible range.\n", est.First, est.Last, est.Record)
	fmt.Fprintf(bw, "# SE: asymptotic standard error; bootstrap: moving-block percentile interval\n")
	fmt.Fprintf(bw, "# (docs/MODEL.md, section 6).\n")
	pooled := map[string]Skill{}
	for _, s := range ev.Skill() {
		if s.Horizon == 0 {
			pooled[s.Actor.String()] = s
		}
	}
	written := false
	for i := range est.Coefs {
		if c := &est.Coefs[i]; !c.Spec.PerActor {
			if !written {
				fmt.Fprintf(bw, "[params]\n")
				written = true
			}
			writeTOMLValue(bw, c)
		}
	}
	for _, a := range Scored {
		header := false
		for i := range est.Coefs {
			c := &est.Coefs[i]
			if !c.Spec.PerActor || c.Actor != a {
				continue
			}
			if !header {
				s := pooled[a.String()]
				fmt.Fprintf(bw, "\n[params.%s]  # out of sample, origins %d–%d: Theil's U %.2f, horizons 1–%d pooled\n", a, ev.Origins[0], ev.Origins[len(ev.Origins)-1], s.TheilU, Horizon)
				header = true
			}
			writeTOMLValue(bw, c)
		}
	}
	return bw.Flush()
}

func writeTOMLValue(w io.Writer, c *Coefficient) {
	v := strconv.FormatFloat(c.Value, 'f', tomlDecimals, 64)
	var note string
	switch {
	case !c.Identified:
		v = num(c.Value)
		note = "not identified by the record: the default"
	case c.SE != c.SE:
		note = "estimate, SE not available"
	default:
		note = fmt.Sprintf("estimate, SE %.3f", c.SE)
	}
	if c.BootLo == c.BootLo {
		note += fmt.Sprintf(", bootstrap 95%% %.3f–%.3f", c.BootLo, c.BootHi)
	}
	if c.AtEdge() {
		note += ", on the range's edge"
	}
	key := c.Spec.Key + " = " + v
	fmt.Fprintf(w, "%-32s # %s; plausible range %s\n", key, note, rangeOf(c))
}

// WriteStability writes how each estimated coefficient moved across the
// origins of ev: its smallest and largest estimate, and at how many origins
// it sat on an edge of its range. Coefficients the record never identified
// are left out.
func WriteStability(w io.Writer, ev *Evaluation) error {
	if len(ev.Estimates) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "COEFFICIENT\tLOWEST\tHIGHEST\tON AN EDGE AT\t\n")
	for i := range ev.Estimates[0].Coefs {
		c0 := &ev.Estimates[0].Coefs[i]
		lo, hi, edge, identified := c0.Value, c0.Value, 0, false
		for _, est := range ev.Estimates {
			c := &est.Coefs[i]
			lo, hi = min(lo, c.Value), max(hi, c.Value)
			identified = identified || c.Identified
			if c.AtEdge() {
				edge++
			}
		}
		if identified {
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%d of %d origins\t\n", c0.Name(), lo, hi, edge, len(ev.Estimates))
		}
	}
	return tw.Flush()
}
