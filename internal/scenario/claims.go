package scenario

import (
	"fmt"
	"slices"
	"strings"

	"simulate/model"
)

// Claim is a statement of the debate a scenario tests, declared in
// [[claims]]: an indicator of one subject above (or below) a threshold in
// some year (or every year) of a span of years. Runs and comparisons say
// whether it held, with the figures.
type Claim struct {
	Text      string // how the claim reads; by default generated from the rest
	Source    string // who made it ("" if not given)
	Indicator model.IndicatorID
	Subject   string
	Below     bool    // the claim is that the value is below the threshold; else above
	Threshold float64 // in the indicator's unit
	// FromYear and ToYear bound the years the claim is about; 0 stands for
	// the year after the start and the end year.
	FromYear, ToYear int
	Every            bool // it must hold in every year of the span; else in at least one
}

// Comparison is "above" or "below".
func (c Claim) Comparison() string {
	if c.Below {
		return "below"
	}
	return "above"
}

// Quantifier is "some year" or "every year".
func (c Claim) Quantifier() string {
	if c.Every {
		return "every year"
	}
	return "some year"
}

// claimKeys are the keys of a [[claims]] table, in documentation order.
var claimKeys = []string{"text", "source", "indicator", "subject", "comparison", "threshold", "from_year", "to_year", "holds_in"}

var (
	comparisons = []string{"above", "below"}
	quantifiers = []string{"some year", "every year"}
)

// claimState is what the builder keeps about [[claims]].
type claimState struct {
	claims []Claim
	where  []where // where each claim was set
}

// claims applies [[claims]]: each entry appends a Claim; a child's add to
// those of the files it extends.
func (b *builder) claims(f *file, path keyPath, v any) error {
	ts, err := tables(f, path, v)
	if err != nil {
		return err
	}
	for i, m := range ts {
		p := path.with(index(i))
		c, err := claim(f, p, m)
		if err != nil {
			return err
		}
		b.clm.claims = append(b.clm.claims, c)
		b.clm.where = append(b.clm.where, where{f, p})
		b.mark(f, p)
	}
	return nil
}

func claim(f *file, p keyPath, m map[string]any) (Claim, error) {
	var c Claim
	for _, req := range []string{"indicator", "comparison", "threshold"} {
		if _, ok := m[req]; !ok {
			return c, f.err(p, "missing key %q: a claim names an indicator, a comparison (above or below) and a threshold", req)
		}
	}
	for _, k := range sortedKeys(f, p, m) {
		kp := p.with(k)
		var err error
		switch k {
		case "text":
			c.Text, err = stringValue(f, kp, m[k])
		case "source":
			c.Source, err = stringValue(f, kp, m[k])
		case "indicator":
			var id string
			if id, err = stringValue(f, kp, m[k]); err == nil {
				c.Indicator, err = indicatorValue(f, kp, id)
			}
		case "subject":
			c.Subject, err = stringValue(f, kp, m[k])
		case "comparison":
			var s string
			if s, err = stringValue(f, kp, m[k]); err == nil && !slices.Contains(comparisons, s) {
				err = f.err(kp, "expected \"above\" or \"below\", got %q%s", s, Suggest(s, comparisons))
			}
			c.Below = s == "below"
		case "threshold":
			c.Threshold, err = number(f, kp, m[k])
		case "from_year", "to_year":
			var y int64
			y, err = integer(f, kp, m[k], minYear, maxYear, "a year")
			if k == "from_year" {
				c.FromYear = int(y)
			} else {
				c.ToYear = int(y)
			}
		case "holds_in":
			var s string
			if s, err = stringValue(f, kp, m[k]); err == nil && !slices.Contains(quantifiers, s) {
				err = f.err(kp, "expected \"some year\" or \"every year\", got %q%s", s, Suggest(s, quantifiers))
			}
			c.Every = s == "every year"
		default:
			err = unknownKey(f, kp, k, claimKeys)
		}
		if err != nil {
			return c, err
		}
	}
	info, _ := model.LookupIndicator(c.Indicator)
	switch {
	case c.Subject == "" && len(info.Subjects) == 1:
		c.Subject = info.Subjects[0]
	case c.Subject == "":
		return c, f.err(p.with("indicator"), "%s has several subjects (%s): name one with subject", c.Indicator, strings.Join(info.Subjects, ", "))
	case !slices.Contains(info.Subjects, c.Subject):
		return c, f.err(p.with("subject"), "%s has no subject %q%s (its subjects: %s)", c.Indicator, c.Subject, Suggest(c.Subject, info.Subjects), strings.Join(info.Subjects, ", "))
	}
	if c.FromYear != 0 && c.ToYear != 0 && c.ToYear < c.FromYear {
		return c, f.err(p.with("to_year"), "to_year %d is before from_year %d", c.ToYear, c.FromYear)
	}
	if c.Text == "" {
		c.Text = fmt.Sprintf("%s of %s %s %s %s", c.Indicator, c.Subject, c.Comparison(), num(c.Threshold), info.Unit)
	}
	return c, nil
}

// indicatorValue checks an indicator ID against the model's.
func indicatorValue(f *file, p keyPath, id string) (model.IndicatorID, error) {
	if _, ok := model.LookupIndicator(model.IndicatorID(id)); ok {
		return model.IndicatorID(id), nil
	}
	var ids []string
	for _, in := range model.IndicatorList() {
		ids = append(ids, string(in.ID))
	}
	return "", f.err(p, "unknown indicator %q%s (simulate list shows them all)", id, Suggest(id, ids))
}

// finishClaims checks the claims' years against the horizon: a claim is
// about simulated years, from the year after the start.
func (b *builder) finishClaims() error {
	sc := &b.sc
	for i, c := range b.clm.claims {
		w := b.clm.where[i]
		for _, y := range []struct {
			key  string
			year int
		}{{"from_year", c.FromYear}, {"to_year", c.ToYear}} {
			if y.year != 0 && (y.year <= sc.StartYear || y.year > sc.EndYear) {
				return w.f.err(w.path.with(y.key), "year %d is outside the simulated years %d–%d%s", y.year, sc.StartYear+1, sc.EndYear, b.horizonFrom(w.f))
			}
		}
	}
	return nil
}
