// Package docs holds the model documentation, MODEL.md, in the ODD+D
// protocol's order. Its test keeps the protocol's sections present and the
// generated parts (the parameter table, the calibration and the hindcast)
// identical to what the code produces; `go test ./docs -update` rewrites
// them.
package docs

import (
	"fmt"
	"strings"

	"simulate/model"
)

// ParamTable returns the parameter table of MODEL.md in Markdown, from the
// model's registry: one row per coefficient with its default, unit,
// plausible range and source.
func ParamTable() string {
	var b strings.Builder
	b.WriteString("| name | default | unit | plausible range | source | meaning |\n")
	b.WriteString("|---|---|---|---|---|---|\n")
	def := model.DefaultParams()
	group := ""
	for _, s := range model.ParamSpecs() {
		if s.Group != group {
			group = s.Group
			fmt.Fprintf(&b, "| **%s** | | | | | |\n", group)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s |\n", s.Key, perActorText(&s, func(a model.Actor) string { return number(s.Get(&def, a)) }),
			s.Unit, perActorText(&s, func(a model.Actor) string { lo, hi := s.Range(a); return number(lo) + "–" + number(hi) }), s.Source, s.Doc)
	}
	return b.String()
}

// perActorText formats a coefficient's per-actor text: one value when it is
// the same for every actor, otherwise ACTOR value pairs in model order.
func perActorText(s *model.ParamSpec, text func(model.Actor) string) string {
	if !s.PerActor {
		return text(0)
	}
	first, same := text(0), true
	for a := range model.NumActors {
		same = same && text(a) == first
	}
	if same {
		return first
	}
	parts := make([]string, model.NumActors)
	for a := range model.NumActors {
		parts[a] = a.String() + " " + text(a)
	}
	return strings.Join(parts, ", ")
}

// number formats v with at most four significant digits (10/3.5 is 2.857).
func number(v float64) string { return fmt.Sprintf("%.4g", v) }
