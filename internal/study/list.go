package study

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"simulate/internal/scenario"
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

// listWidth is the width list -params wraps its lines to.
const listWidth = 80

// WriteParams writes the model's coefficients, one block each: the key and
// unit, then the default and plausible range, then the source, wrapped to
// listWidth columns.
func WriteParams(w io.Writer) error {
	bw := bufio.NewWriter(w)
	def := model.DefaultParams()
	for i, s := range model.ParamSpecs() {
		if i > 0 {
			bw.WriteString("\n")
		}
		unit := s.Unit
		if unit == "1" {
			unit = "no unit"
		}
		writeWrapped(bw, "", s.Key+" ("+unit+")")
		writeWrapped(bw, "    ", "default "+paramDefault(&s, &def)+"; plausible range "+paramRange(&s))
		writeWrapped(bw, "    ", "source: "+s.Source)
	}
	return bw.Flush()
}

// writeWrapped writes text wrapped to listWidth, each line after indent
// and continuation lines indented two more spaces.
func writeWrapped(bw *bufio.Writer, indent, text string) {
	for i, line := range wrap(text, listWidth-len(indent)-2) {
		if i > 0 {
			bw.WriteString("  ")
		}
		bw.WriteString(indent + line + "\n")
	}
}

// wrap breaks text into lines of at most width characters at spaces (a
// longer word stays whole on its own line).
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
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

// WriteBundled writes the bundled scenarios (scenario.Bundled) with their
// titles: the files a run can name from any directory.
func WriteBundled(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tTITLE")
	for _, path := range scenario.Bundled() {
		l, err := scenario.Load(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\n", path, l.Scenario.Title)
	}
	return tw.Flush()
}
