package scenario

import (
	"slices"
	"strings"

	"simulate/model"
)

// riskKeys are the keys of a [[risks]] table, in documentation order.
var riskKeys = []string{"kind", "actor", "annual_probability", "severity", "from_year", "to_year"}

// severityKeys are the keys of a severity range.
var severityKeys = []string{"min", "max"}

// uncertaintyKeys are the keys of [uncertainty].
var uncertaintyKeys = []string{"params"}

// allParams is the value of [uncertainty] params that draws every
// coefficient that can vary.
const allParams = "all"

// riskState is what the builder keeps about [[risks]] and [uncertainty]
// for the checks that need the whole scenario.
type riskState struct {
	risks     []where // where each risk was set, in b.sc.Risks order
	uncertain where   // where params was set; f is nil if it is not
}

// risks applies [[risks]]: each entry appends a model.Risk.
func (b *builder) risks(f *file, path keyPath, v any) error {
	ts, err := tables(f, path, v)
	if err != nil {
		return err
	}
	for i, m := range ts {
		p := path.with(index(i))
		r, err := b.risk(f, p, m)
		if err != nil {
			if err == errKept || b.keep(err) {
				continue
			}
			return err
		}
		b.sc.Risks = append(b.sc.Risks, r)
		b.rsk.risks = append(b.rsk.risks, where{f, p})
		b.mark(f, p)
	}
	return nil
}

func (b *builder) risk(f *file, p keyPath, m map[string]any) (model.Risk, error) {
	var r model.Risk
	bad := false
	for _, k := range sortedKeys(f, p, m) {
		kp := p.with(k)
		var err error
		switch k {
		case "kind":
			r.Kind, err = eventKindValue(f, kp, m[k])
		case "actor":
			r.Actor, err = actorValue(f, kp, m[k])
		case "annual_probability":
			r.Probability, err = numberIn(f, kp, m[k], 0, 1, "per year")
		case "severity":
			r.SeverityMin, r.SeverityMax, err = severityRange(f, kp, m[k])
		case "from_year", "to_year":
			var y int64
			y, err = integer(f, kp, m[k], minYear, maxYear, "a year")
			if k == "from_year" {
				r.FromYear = int(y)
			} else {
				r.ToYear = int(y)
			}
		default:
			err = unknownKey(f, kp, k, riskKeys)
		}
		if !b.keepIn(err, &bad) {
			return r, err
		}
	}
	if bad {
		return r, errKept
	}
	for _, req := range []string{"kind", "annual_probability", "severity"} {
		if _, ok := m[req]; !ok {
			return r, f.err(p, "missing key %q (a risk needs kind, annual_probability and severity)", req)
		}
	}
	if err := b.eventActor(f, p, m, r.Kind, r.Actor, "risk"); err != nil {
		return r, err
	}
	if r.FromYear != 0 && r.ToYear != 0 && r.ToYear < r.FromYear {
		return r, f.err(p.with("to_year"), "to_year %d is before from_year %d", r.ToYear, r.FromYear)
	}
	if r.Probability > 0.5 {
		b.warn(f, p.with("annual_probability"), "a probability of %s a year makes the event happen more often than not; is it meant as a probability over the whole horizon?", num(r.Probability))
	}
	return r, nil
}

// severityRange reads a severity: a number (always that severity) or
// { min = a, max = b } (uniform between them), within 0..1.
func severityRange(f *file, p keyPath, v any) (lo, hi float64, err error) {
	m, ok := v.(map[string]any)
	if !ok {
		if _, isNum := v.(int64); !isNum {
			if _, isNum = v.(float64); !isNum {
				return 0, 0, f.err(p, "expected a number from 0 to 1 or a range { min = 0.2, max = 0.8 }, got %s", describe(v))
			}
		}
		x, err := numberIn(f, p, v, 0, 1, "")
		return x, x, err
	}
	for _, k := range sortedKeys(f, p, m) {
		if k != "min" && k != "max" {
			return 0, 0, unknownKey(f, p.with(k), k, severityKeys)
		}
	}
	for _, k := range severityKeys {
		if _, ok := m[k]; !ok {
			return 0, 0, f.err(p, "missing key %q: a severity range needs min and max", k)
		}
	}
	if lo, err = numberIn(f, p.with("min"), m["min"], 0, 1, ""); err != nil {
		return 0, 0, err
	}
	if hi, err = numberIn(f, p.with("max"), m["max"], 0, 1, ""); err != nil {
		return 0, 0, err
	}
	if hi < lo {
		return 0, 0, f.err(p.with("max"), "max %s is below min %s", num(hi), num(lo))
	}
	return lo, hi, nil
}

// uncertainty applies [uncertainty]. params = "all" draws every coefficient
// that can vary; a list names coefficients ("inertia": for every actor,
// each drawn independently) or one actor's ("ROK.inertia"). A file's list
// replaces the list of the file it extends.
func (b *builder) uncertainty(f *file, path keyPath, v any) error {
	m, err := table(f, path, v)
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(f, path, m) {
		p := path.with(k)
		if k != "params" {
			return unknownKey(f, p, k, uncertaintyKeys)
		}
		refs, err := b.uncertainParams(f, p, m[k])
		if err != nil {
			return err
		}
		b.sc.Uncertain = refs
		b.rsk.uncertain = where{f, p}
		b.mark(f, p)
	}
	return nil
}

func (b *builder) uncertainParams(f *file, p keyPath, v any) ([]model.ParamRef, error) {
	if s, ok := v.(string); ok {
		if s != allParams {
			return nil, f.err(p, "expected %q or a list of coefficients such as [\"inertia\", \"ROK.max_change_pp\"], got %s", allParams, describe(v))
		}
		var refs []model.ParamRef
		for _, spec := range model.ParamSpecs() {
			refs = append(refs, varying(&spec, allActors(spec.PerActor))...)
		}
		return refs, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, f.err(p, "expected %q or a list of coefficients such as [\"inertia\", \"ROK.max_change_pp\"], got %s", allParams, describe(v))
	}
	var refs []model.ParamRef
	seen := map[model.ParamRef]bool{}
	for i, e := range list {
		ep := p.with(index(i))
		name, ok := e.(string)
		if !ok {
			return nil, f.err(ep, "expected the name of a coefficient (a string), got %s", describe(e))
		}
		spec, actors, err := uncertainName(f, ep, name)
		if err != nil {
			return nil, err
		}
		drawn := varying(spec, actors)
		if len(drawn) == 0 {
			lo, hi := spec.Range(actors[0])
			return nil, f.err(ep, "%s cannot be drawn: its plausible range is %s", name, rangeText(lo, hi, ""))
		}
		for _, r := range drawn {
			if seen[r] {
				b.warn(f, ep, "%s is listed more than once", name)
				break
			}
		}
		for _, r := range drawn {
			if !seen[r] {
				seen[r] = true
				refs = append(refs, r)
			}
		}
	}
	return refs, nil
}

// uncertainName parses "KEY" or "ACTOR.KEY" into the coefficient and the
// actors it names.
func uncertainName(f *file, p keyPath, name string) (*model.ParamSpec, []model.Actor, error) {
	code, key, perActor := strings.Cut(name, ".")
	if !perActor {
		key = name
	}
	spec, ok := model.LookupParam(key)
	if !ok {
		return nil, nil, unknownParam(f, p, key)
	}
	if !perActor {
		return spec, allActors(spec.PerActor), nil
	}
	a, ok := model.ParseActor(code)
	switch {
	case !ok:
		return nil, nil, unknownActor(f, p, code)
	case !spec.PerActor:
		return nil, nil, f.err(p, "%s is one coefficient for the whole model, not one per actor: write %q", key, key)
	}
	return spec, []model.Actor{a}, nil
}

// allActors returns the five actors for a per-actor coefficient and the
// single slot of a global one.
func allActors(perActor bool) []model.Actor {
	if !perActor {
		return []model.Actor{0}
	}
	return []model.Actor{model.US, model.ROK, model.DPRK, model.CHN, model.JPN}
}

// varying returns the references of spec for those of the actors for which
// it can vary.
func varying(spec *model.ParamSpec, actors []model.Actor) []model.ParamRef {
	var out []model.ParamRef
	for _, a := range actors {
		if spec.Varies(a) {
			out = append(out, model.ParamRef{Key: spec.Key, Actor: a})
		}
	}
	return out
}

// finishRisks checks the risks' years against the horizon and warns about
// uncertain coefficients that the file declaring them also sets.
func (b *builder) finishRisks() error {
	sc := &b.sc
	for i, r := range sc.Risks {
		w := b.rsk.risks[i]
		for _, y := range []struct {
			key  string
			year int
		}{{"from_year", r.FromYear}, {"to_year", r.ToYear}} {
			if y.year != 0 && (y.year <= sc.StartYear || y.year > sc.EndYear) {
				return w.f.err(w.path.with(y.key), "year %d is outside the simulated years %d–%d: the start year %d is the calibrated record, and risks apply from the year after%s",
					y.year, sc.StartYear+1, sc.EndYear, sc.StartYear, b.horizonFrom(w.f))
			}
		}
	}
	if b.rsk.uncertain.f == nil {
		return nil
	}
	var both []string
	for _, r := range sc.Uncertain {
		spec, _ := model.LookupParam(r.Key)
		keys := []string{"params." + r.Key}
		if spec.PerActor {
			keys = append(keys, "params."+r.Actor.String()+"."+r.Key)
		}
		for _, k := range keys {
			if w, set := b.set[k]; set && w.f == b.rsk.uncertain.f && !slices.Contains(both, k) {
				both = append(both, k)
			}
		}
	}
	if len(both) > 0 {
		w := b.rsk.uncertain
		b.warn(w.f, w.path, "uncertain coefficients also set in the scenario (%s): the reference run uses the values set, and each run of an ensemble draws its own from the plausible range", strings.Join(both, ", "))
	}
	return nil
}

// eventKindValue reads the kind of an event or a risk.
func eventKindValue(f *file, p keyPath, v any) (model.EventKind, error) {
	s, err := stringValue(f, p, v)
	if err != nil {
		return 0, err
	}
	k, ok := model.ParseEventKind(s)
	if !ok {
		return 0, f.err(p, "unknown event kind %q%s (kinds: %s)", s, Suggest(s, model.EventKindNames()), strings.Join(model.EventKindNames(), ", "))
	}
	return k, nil
}

// eventActor checks the actor of an event or a risk (what names which, for
// the messages) against its kind: required for a political crisis, ignored
// with a warning elsewhere (DPRK is accepted on a DPRK provocation).
func (b *builder) eventActor(f *file, p keyPath, m map[string]any, kind model.EventKind, actor model.Actor, what string) error {
	_, hasActor := m["actor"]
	switch {
	case !hasActor && kind.NeedsActor():
		return f.err(p, "missing key \"actor\": a %s happens in one actor (one of %s)", kind, strings.Join(model.ActorCodes(), ", "))
	case hasActor && !kind.NeedsActor() && !(kind == model.DPRKProvocation && actor == model.DPRK):
		b.warn(f, p.with("actor"), "a %s %s does not use actor; %s is ignored", kind, what, actor)
	}
	return nil
}
