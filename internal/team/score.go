package team

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"simulate/model"
)

// Score is one goal scored against a run.
type Score struct {
	Team   string
	Goal   Goal
	Year   int
	Value  float64
	Target float64 // the number, or the reference indicator's value
	Met    bool
}

// What describes the goal: "burden_share (US-ROK) at least burden_parity".
func (s Score) What() string {
	cmp := "at least"
	if s.Goal.AtMost {
		cmp = "at most"
	}
	target := strconv.FormatFloat(s.Goal.Target, 'f', -1, 64)
	if s.Goal.Reference != "" {
		target = string(s.Goal.Reference)
	}
	return fmt.Sprintf("%s (%s) %s %s", s.Goal.Indicator, s.Goal.Subject, cmp, target)
}

// Scorecard scores every team's goals against the results in the roles'
// year, or the end year; a year outside the results is an error.
func (r *Roles) Scorecard(res *model.Results) ([]Score, error) {
	year := r.Year
	if year == 0 {
		year = res.Years[len(res.Years)-1]
	}
	if year < res.Years[0] || year > res.Years[len(res.Years)-1] {
		return nil, fmt.Errorf("%s: year %d is outside the run's years %d–%d", r.Path, year, res.Years[0], res.Years[len(res.Years)-1])
	}
	var out []Score
	for _, t := range r.Teams {
		for _, g := range t.Goals {
			v, _ := res.Value(g.Indicator, g.Subject, year)
			target := g.Target
			if g.Reference != "" {
				target, _ = res.Value(g.Reference, g.Subject, year)
			}
			met := v >= target
			if g.AtMost {
				met = v <= target
			}
			out = append(out, Score{Team: t.Name, Goal: g, Year: year, Value: v, Target: target, Met: met})
		}
	}
	return out, nil
}

// WriteScorecard prints the scores as a table, with each team's count of
// goals met.
func WriteScorecard(w io.Writer, scores []Score, rolesPath string) error {
	if len(scores) == 0 {
		return nil
	}
	fmt.Fprintf(w, "Scorecard in %d (goals from %s)\n\n", scores[0].Year, rolesPath)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "team\tgoal\tvalue\ttarget\t")
	met := map[string]int{}
	total := map[string]int{}
	var teams []string
	for _, s := range scores {
		verdict := "missed"
		if s.Met {
			verdict = "met"
			met[s.Team]++
		}
		if total[s.Team] == 0 {
			teams = append(teams, s.Team)
		}
		total[s.Team]++
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%.1f\t%s\n", s.Team, s.What(), s.Value, s.Target, verdict)
	}
	tw.Flush()
	var parts []string
	for _, t := range teams {
		parts = append(parts, fmt.Sprintf("%s %d of %d", t, met[t], total[t]))
	}
	_, err := fmt.Fprintf(w, "\nGoals met: %s.\n", strings.Join(parts, ", "))
	return err
}

// ScorecardHeader is the header of scorecard.csv.
const ScorecardHeader = "team,indicator,subject,year,comparison,target_indicator,value,target,met"

// WriteScorecardCSV writes one row per goal.
func WriteScorecardCSV(w io.Writer, scores []Score, format func(float64) string) error {
	if _, err := fmt.Fprintln(w, ScorecardHeader); err != nil {
		return err
	}
	for _, s := range scores {
		if _, err := fmt.Fprintf(w, "%s,%s,%s,%d,%s,%s,%s,%s,%t\n", s.Team, s.Goal.Indicator, s.Goal.Subject, s.Year, s.Goal.Comparison(), s.Goal.Reference,
			format(s.Value), format(s.Target), s.Met); err != nil {
			return err
		}
	}
	return nil
}
