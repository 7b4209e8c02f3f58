package study

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"simulate/model"
)

// WriteIndicators writes the table of the indicators every run reports,
// with subjects, units and meaning.
func WriteIndicators(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INDICATOR\tSUBJECTS\tUNIT\tMEANING")
	for _, ind := range model.IndicatorList() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ind.ID, strings.Join(ind.Subjects, " "), ind.Unit, ind.Meaning)
	}
	return tw.Flush()
}

// WriteParams writes the table of the model's coefficients, with default,
// unit, plausible range and source.
func WriteParams(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PARAMETER\tDEFAULT\tUNIT\tRANGE\tSOURCE")
	def := model.DefaultParams()
	for _, s := range model.ParamSpecs() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.Key, paramDefault(&s, &def), s.Unit, paramRange(&s), s.Source)
	}
	return tw.Flush()
}

// paramDefault formats a coefficient's default: one number, or
// ACTOR=value pairs when it differs by actor.
func paramDefault(s *model.ParamSpec, p *model.Params) string {
	if !s.PerActor {
		return fmt.Sprint(round(s.Get(p, 0)))
	}
	v0 := s.Get(p, 0)
	same := true
	for a := range model.NumActors {
		same = same && s.Get(p, a) == v0
	}
	if same {
		return fmt.Sprint(round(v0))
	}
	var parts []string
	for a := range model.NumActors {
		parts = append(parts, fmt.Sprintf("%s=%v", a, round(s.Get(p, a))))
	}
	return strings.Join(parts, " ")
}

func paramRange(s *model.ParamSpec) string {
	lo, hi := s.Range(0)
	same := true
	for a := range model.NumActors {
		l, h := s.Range(a)
		same = same && l == lo && h == hi
	}
	if !s.PerActor || same {
		return fmt.Sprintf("%v–%v", lo, hi)
	}
	var parts []string
	for a := range model.NumActors {
		l, h := s.Range(a)
		parts = append(parts, fmt.Sprintf("%s=%v–%v", a, l, h))
	}
	return strings.Join(parts, " ")
}

// round keeps four significant digits for display (10/3.5 prints as
// 2.857).
func round(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	return r
}
