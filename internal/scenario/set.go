package scenario

import (
	"fmt"
	"slices"
	"strings"

	"simulate/internal/plaintext"
	"simulate/model"
)

// Setting is a scenario input that can be set from outside the file, for a
// sweep: a key path as a scenario file writes it, its range and unit, and
// how a value is applied.
type Setting struct {
	Key    string
	Lo, Hi float64 // the values the loader accepts
	Unit   string
	// How describes how a value is applied, for charts and manifests:
	// "ROK's defense share, held from 2026 on".
	How   string
	apply func(sc *model.Scenario, v float64)
}

// Apply sets v in sc. A value that varies over time (a path) is held at v
// from the year after the start on; the start year keeps the scenario's
// value, since it is the calibrated record. A coefficient under params is
// set for every actor, or for the one actor named.
func (s Setting) Apply(sc *model.Scenario, v float64) { s.apply(sc, v) }

// SettingError is a key that cannot be set: unknown, or set out of its
// range. Its message says what is expected.
type SettingError struct{ Msg string }

func (e *SettingError) Error() string { return e.Msg }

func settingErrorf(format string, args ...any) error {
	return &SettingError{fmt.Sprintf(format, args...)}
}

// sweepTables are the tables a Setting's key may start with.
var sweepTables = []string{"actors", "alliance", "region", "params"}

// LookupSetting returns the input at key, for a scenario whose horizon
// starts in startYear: actors.ACTOR.KEY and alliance.KEY and region.KEY
// for every key of those tables, params.KEY and params.ACTOR.KEY for every
// coefficient.
func LookupSetting(key string, startYear int) (Setting, error) {
	if i := plaintext.Find(key, false); i >= 0 {
		return Setting{}, settingErrorf("%q: the key holds %s; keys may not hold control characters", key, plaintext.Describe(key, i))
	}
	parts := strings.Split(key, ".")
	switch parts[0] {
	case "actors":
		return actorSetting(key, parts, startYear)
	case "alliance":
		return tableSetting(key, parts, allianceFields, startYear)
	case "region":
		return tableSetting(key, parts, regionFields, startYear)
	case "params":
		return paramSetting(key, parts)
	}
	return Setting{}, settingErrorf("%s: unknown table %q%s (keys start with %s)", key, parts[0], Suggest(parts[0], sweepTables), strings.Join(sweepTables, ", "))
}

func actorSetting(key string, parts []string, startYear int) (Setting, error) {
	if len(parts) != 3 {
		return Setting{}, settingErrorf("%s: expected actors.ACTOR.KEY, e.g. actors.ROK.defense_pct", key)
	}
	a, ok := model.ParseActor(parts[1])
	if !ok {
		return Setting{}, settingErrorf("%s: unknown actor %q%s (actors: %s)", key, parts[1], Suggest(parts[1], model.ActorCodes()), strings.Join(model.ActorCodes(), ", "))
	}
	fd, ok := lookupActorField(parts[2])
	switch {
	case !ok:
		known := actorFieldKeys(a)
		return Setting{}, settingErrorf("%s: unknown key %q%s (keys of actors.%s: %s)", key, parts[2], Suggest(parts[2], known), a, strings.Join(known, ", "))
	case fd.only != nil && !slices.Contains(fd.only, a):
		return Setting{}, settingErrorf("%s: %s is not modelled for %s (only for %s)", key, fd.key, a, joinActors(fd.only))
	}
	s := Setting{Key: key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit}
	if !fd.path {
		s.How = fmt.Sprintf("%s's %s in the start year", a, fd.key)
		s.apply = func(sc *model.Scenario, v float64) { *fd.num(&sc.Actors[a]) = v }
		return s, nil
	}
	s.How = fmt.Sprintf("%s's %s, held from %d on", a, fd.key, startYear+1)
	s.apply = func(sc *model.Scenario, v float64) {
		in := &sc.Actors[a]
		start := fd.pth(in).At(sc.StartYear)
		if fd.key == "defense_pct" && !in.DefensePct.IsSet() {
			start = in.InitialDefensePct // the actor's rule set its share; the path takes over
		}
		*fd.pth(in) = heldFrom(sc.StartYear, start, v)
	}
	return s, nil
}

func tableSetting(key string, parts []string, fields []allianceField, startYear int) (Setting, error) {
	var known []string
	for _, fd := range fields {
		known = append(known, fd.key)
	}
	if len(parts) != 2 {
		return Setting{}, settingErrorf("%s: expected %s.KEY, e.g. %s.%s", key, parts[0], parts[0], known[0])
	}
	for _, fd := range fields {
		if fd.key != parts[1] {
			continue
		}
		s := Setting{Key: key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit}
		if !fd.path {
			s.How = fd.key + " in the start year"
			s.apply = func(sc *model.Scenario, v float64) { *fd.num(sc) = v }
			return s, nil
		}
		s.How = fmt.Sprintf("%s, held from %d on", fd.key, startYear+1)
		s.apply = func(sc *model.Scenario, v float64) {
			p := fd.pth(sc)
			start := p.At(sc.StartYear)
			if !p.IsSet() {
				switch fd.key { // the start values the model uses when the path is unset
				case "us_commitment_pct":
					start = sc.Params.CommitmentStartPct
				case "ncg_pct":
					start = model.DefaultNCGPct
				case "exercises_pct":
					start = model.DefaultExercisesPct
				case "asset_visits_pct":
					start = model.DefaultAssetVisitsPct
				}
			}
			*p = heldFrom(sc.StartYear, start, v)
		}
		return s, nil
	}
	return Setting{}, settingErrorf("%s: unknown key %q%s (keys of %s: %s)", key, parts[1], Suggest(parts[1], known), parts[0], strings.Join(known, ", "))
}

// heldFrom is the path with the value start in the start year and v from
// the year after on.
func heldFrom(startYear int, start, v float64) model.Path {
	return model.PathOf(map[int]float64{startYear: start, startYear + 1: v})
}

func paramSetting(key string, parts []string) (Setting, error) {
	var (
		name  string
		a     model.Actor
		actor bool
	)
	switch len(parts) {
	case 2:
		name = parts[1]
	case 3:
		var ok bool
		if a, ok = model.ParseActor(parts[1]); !ok {
			return Setting{}, settingErrorf("%s: unknown actor %q%s (actors: %s)", key, parts[1], Suggest(parts[1], model.ActorCodes()), strings.Join(model.ActorCodes(), ", "))
		}
		name, actor = parts[2], true
	default:
		return Setting{}, settingErrorf("%s: expected params.KEY or params.ACTOR.KEY, e.g. params.rok_resolve or params.ROK.inertia", key)
	}
	spec, ok := model.LookupParam(name)
	if !ok {
		var known []string
		for _, s := range model.ParamSpecs() {
			known = append(known, s.Key)
		}
		return Setting{}, settingErrorf("%s: unknown coefficient %q%s (simulate list -params lists them all)", key, name, Suggest(name, known))
	}
	if actor && !spec.PerActor {
		return Setting{}, settingErrorf("%s: %s is one coefficient for the whole model: write params.%s", key, name, name)
	}
	lo, hi := spec.Range(a)
	if spec.PerActor && !actor && !sameRangeForAll(spec) {
		return Setting{}, settingErrorf("%s: the plausible range of %s differs by actor: name one, e.g. params.ROK.%s", key, name, name)
	}
	unit := spec.Unit
	if unit == "1" {
		unit = ""
	}
	s := Setting{Key: key, Lo: lo, Hi: hi, Unit: unit}
	switch {
	case !spec.PerActor:
		s.How = "the coefficient " + name
		s.apply = func(sc *model.Scenario, v float64) { spec.Set(&sc.Params, 0, v) }
	case actor:
		s.How = fmt.Sprintf("the coefficient %s for %s", name, a)
		s.apply = func(sc *model.Scenario, v float64) { spec.Set(&sc.Params, a, v) }
	default:
		s.How = fmt.Sprintf("the coefficient %s for every actor", name)
		s.apply = func(sc *model.Scenario, v float64) {
			for a := range model.NumActors {
				if spec.Varies(a) { // not an actor's weight on its own spending
					spec.Set(&sc.Params, a, v)
				}
			}
		}
	}
	return s, nil
}

// Check returns an error if v is outside the setting's range.
func (s Setting) Check(v float64) error {
	if v < s.Lo || v > s.Hi {
		return settingErrorf("%s is out of range: expected %s", num(v), rangeText(s.Lo, s.Hi, s.Unit))
	}
	return nil
}
