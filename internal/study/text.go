package study

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"simulate/internal/ensemble"
	"simulate/internal/forecast"
	"simulate/internal/output"
	"simulate/internal/team"
	"simulate/model"
)

// WriteSummary writes the run's headline indicators in its years (by
// default the start, middle and end years), the claim check and, for an ensemble, the headline
// indicators' spread across the runs in the end year.
func (r *Run) WriteSummary(w io.Writer) error {
	sc, res := r.Scenario.Loaded.Scenario, r.Results
	fmt.Fprintf(w, "%s (%d–%d)\n\n", sc.Title, sc.StartYear, sc.EndYear)
	years := r.Years
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\tunit\t")
	for _, y := range years {
		fmt.Fprintf(tw, "%d\t", y)
	}
	fmt.Fprintln(tw)
	for _, h := range Headline {
		i := res.Index(h.Indicator, h.Subject)
		fmt.Fprintf(tw, "%s\t%s\t%s\t", h.Indicator, h.Subject, res.Series[i].Unit)
		for _, y := range years {
			v, _ := res.Value(h.Indicator, h.Subject, y)
			fmt.Fprintf(tw, "%.1f\t", v)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if len(r.Verdicts) > 0 {
		fmt.Fprintln(w)
	}
	for _, v := range r.Verdicts {
		fmt.Fprintln(w, v.Sentence())
	}
	if r.Roles != nil {
		fmt.Fprintln(w)
		if err := team.WriteScorecard(w, r.Scores, r.Roles.Path); err != nil {
			return err
		}
	}
	if r.Bands != nil {
		return writeBands(w, sc, r.Bands)
	}
	return nil
}

// writeBands writes the headline indicators' spread across the ensemble
// in the end year.
func writeBands(w io.Writer, sc *model.Scenario, b *ensemble.Bands) error {
	year := b.Years[len(b.Years)-1]
	fmt.Fprintf(w, "\nEnsemble of %s runs (seed %d): headline indicators in %d across the runs\n\n", output.Thousands(b.Runs), sc.Seed, year)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\tunit\tp05\tp25\tmedian\tp75\tp95\t\n")
	for _, h := range Headline {
		st, ok := b.Value(h.Indicator, h.Subject, year)
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t", h.Indicator, h.Subject, b.Series[b.Index(h.Indicator, h.Subject)].Unit)
		for _, q := range st.Q {
			fmt.Fprintf(tw, "%.1f\t", q)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// WriteSummary writes the note on differing horizons, if any, and the
// headline indicators for every scenario, with the difference from the
// first, in each of the years asked for (by default the last shared year).
func (c *Comparison) WriteSummary(w io.Writer) error {
	if c.Note != "" {
		fmt.Fprintln(w, c.Note)
	}
	for i, year := range c.Printed {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := c.writeYear(w, year); err != nil {
			return err
		}
	}
	claims := false
	for _, r := range c.Runs {
		for _, v := range r.Verdicts {
			if !claims {
				fmt.Fprintln(w)
				claims = true
			}
			fmt.Fprintf(w, "%s: %s\n", r.Scenario.Name(), v.Sentence())
		}
	}
	return nil
}

// writeYear writes the comparison's headline table of one year.
func (c *Comparison) writeYear(w io.Writer, year int) error {
	runs := c.Runs
	fmt.Fprintf(w, "Headline indicators in %d (difference from %s in brackets)\n\n", year, runs[0].Scenario.Name())
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "indicator\tsubject\t")
	for _, r := range runs {
		fmt.Fprintf(tw, "%s\t", r.Scenario.Name())
	}
	fmt.Fprintln(tw)
	for _, h := range Headline {
		fmt.Fprintf(tw, "%s\t%s\t", h.Indicator, h.Subject)
		v0, _ := runs[0].Results.Value(h.Indicator, h.Subject, year)
		for k, r := range runs {
			v, _ := r.Results.Value(h.Indicator, h.Subject, year)
			if k == 0 {
				fmt.Fprintf(tw, "%.1f\t", v)
			} else {
				fmt.Fprintf(tw, "%.1f (%+.1f)\t", v, v-v0)
			}
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// sensitivityShown is how many coefficients the printed ranking lists.
const sensitivityShown = 15

// WriteSummary writes the coefficients that move the target most.
func (s *Sensitivity) WriteSummary(w io.Writer) error {
	t := s.Target
	fmt.Fprintf(w, "What moves %s for %s in %d (reference run: %.2f, unit %s)\n", t.Indicator, t.Subject, t.Year, s.Baseline, s.Unit)
	fmt.Fprintln(w, "Each coefficient alone at the low and the high end of its plausible range, ranked by how far it moves the indicator.")
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "rank\tcoefficient\tactor\tlow\thigh\tat low\tat high\tspan\t\n")
	moved := 0
	for i, e := range s.Effects {
		if e.Span == 0 {
			continue
		}
		moved++
		if i >= sensitivityShown {
			continue
		}
		actor := ""
		if e.PerActor {
			actor = e.Param.Actor.String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%.2f\t\n", i+1, e.Param.Key, actor, trimNumber(e.Low), trimNumber(e.High), e.AtLow, e.AtHigh, e.Span)
	}
	tw.Flush()
	fmt.Fprintln(w)
	switch {
	case moved == 0:
		fmt.Fprintf(w, "None of the %d coefficients moves it.\n", len(s.Effects))
	case moved > sensitivityShown:
		fmt.Fprintf(w, "%d more coefficients move it less; %d do not move it at all (sensitivity.csv lists all %d).\n", moved-sensitivityShown, len(s.Effects)-moved, len(s.Effects))
	default:
		fmt.Fprintf(w, "The other %d coefficients do not move it at all (sensitivity.csv lists all %d).\n", len(s.Effects)-moved, len(s.Effects))
	}
	return nil
}

// trimNumber writes v without trailing zeros: 0.6, 0.97, 150.
func trimNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// WriteSummary writes the target indicator at every point: a column per
// subject for one key, a grid of the subject for two.
func (sw *Sweep) WriteSummary(w io.Writer) error {
	t := sw.Target
	subjects := []string{t.Subject}
	if t.Subject == "" {
		info, _ := model.LookupIndicator(t.Indicator)
		subjects = info.Subjects
	}
	fmt.Fprintf(w, "%s in %d", t.Indicator, sw.Year)
	if len(subjects) == 1 {
		fmt.Fprintf(w, " for %s", subjects[0])
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	if len(sw.Axes) == 1 {
		fmt.Fprintf(tw, "%s\t", sw.Axes[0].Key)
		for _, s := range subjects {
			fmt.Fprintf(tw, "%s\t", s)
		}
		fmt.Fprintln(tw)
		for p := range sw.Points() {
			fmt.Fprintf(tw, "%s\t", trimNumber(sw.Point(p)[0]))
			for _, s := range subjects {
				v, _ := sw.Value(p, t.Indicator, s)
				fmt.Fprintf(tw, "%.2f\t", v)
			}
			fmt.Fprintln(tw)
		}
		return tw.Flush()
	}
	a, b := sw.Axes[0], sw.Axes[1]
	fmt.Fprintf(tw, "%s ↓  %s →\t", a.Key, b.Key)
	for _, v := range b.Values {
		fmt.Fprintf(tw, "%s\t", trimNumber(v))
	}
	fmt.Fprintln(tw)
	for i, va := range a.Values {
		fmt.Fprintf(tw, "%s\t", trimNumber(va))
		for j := range b.Values {
			v, _ := sw.Value(i*len(b.Values)+j, t.Indicator, t.Subject)
			fmt.Fprintf(tw, "%.2f\t", v)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// WriteSummary writes the hindcast's skill table: per scored actor and
// horizon, the rule's errors and persistence's, MASE and Theil's U.
func (h *Hindcast) WriteSummary(w io.Writer) error {
	ev := h.Evaluation
	writeSkillIntro(w, ev, h.Label)
	if err := forecast.WriteSkillTable(w, ev); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d of %d actors beat persistence (Theil's U below 1, horizons 1–%d pooled).\n", ev.Beating(), len(forecast.Scored), forecast.Horizon)
	return nil
}

// writeSkillIntro says what the skill table scores.
func writeSkillIntro(w io.Writer, ev *forecast.Evaluation, label string) {
	fmt.Fprintf(w, "Rolling-origin forecasts of the defense share, origins %d–%d, 1–%d years ahead (other coefficients: %s)\n",
		ev.Origins[0], ev.Origins[len(ev.Origins)-1], forecast.Horizon, label)
	fmt.Fprintf(w, "Each origin's rule is estimated on the record up to the origin only. Persistence: the share held at its origin value.\n")
	fmt.Fprintf(w, "MAPE: %% of the record. MASE: mean error over the in-sample mean yearly change. Theil's U: RMSE over persistence's.\n\n")
}

// WriteCalibration writes a calibration: the estimates with their standard
// errors and intervals, their range across the origins, and the
// out-of-sample skill; label says whose the other coefficients are.
func WriteCalibration(w io.Writer, c *Calibration, label string) error {
	est, ev := c.Estimate, c.Evaluation
	fmt.Fprintf(w, "Estimates on the record %d–%d (one-step-ahead, %d observations; other coefficients: %s)\n", est.First, est.Last, est.N, label)
	fmt.Fprintf(w, "Least squares, Nelder–Mead inside each plausible range: %d evaluations; one-step RMSE %.3f pp of GDP.\n", est.Evaluations, est.RMSE)
	fmt.Fprintf(w, "SE: asymptotic (Gauss–Newton); not valid for an estimate on its range's edge. Bootstrap: percentiles over\n")
	fmt.Fprintf(w, "%d resamples of %d-year blocks of the record, each re-estimated inside the ranges.\n\n", forecast.BootstrapResamples, forecast.BootstrapBlockYears)
	if err := forecast.WriteEstimates(w, est); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nThe same estimates at each origin %d–%d, on the record up to the origin:\n\n", ev.Origins[0], ev.Origins[len(ev.Origins)-1])
	if err := forecast.WriteStability(w, ev); err != nil {
		return err
	}
	fmt.Fprintln(w)
	writeSkillIntro(w, ev, label)
	if err := forecast.WriteSkillTable(w, ev); err != nil {
		return err
	}
	fmt.Fprintln(w)
	return nil
}
