package scenario

import (
	"slices"

	"simulate/model"
)

// Input is a key of [actors.ACTOR], [alliance] or [region] as the loader
// reads it: its range and unit, whether it may vary over time, and for an
// actor key the actors it is modelled for. An explorer builds its levers
// from these, so that a key the loader learns appears there too.
type Input struct {
	Table  string   // "actors", "alliance" or "region"
	Key    string   // as a scenario file writes it
	Lo, Hi float64  // the values the loader accepts
	Unit   string   // for labels and messages
	Path   bool     // a number or a table of year = value
	Actors []string // for Table "actors": the actors the key applies to

	num func(*model.Scenario, model.Actor) *float64
	pth func(*model.Scenario, model.Actor) *model.Path
}

// Get returns the input's value in sc, for actor a if it is an actor's: a
// number, or for a path key the path (unset where the model's rule decides).
func (in Input) Get(sc *model.Scenario, a model.Actor) (float64, model.Path) {
	if in.Path {
		return 0, *in.pth(sc, a)
	}
	return *in.num(sc, a), model.Path{}
}

// Inputs returns the keys of [actors.ACTOR], [alliance] and [region], in
// documentation order.
func Inputs() []Input {
	var out []Input
	for _, fd := range actorFields {
		in := Input{Table: "actors", Key: fd.key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit, Path: fd.path}
		if fd.path {
			in.pth = func(sc *model.Scenario, a model.Actor) *model.Path { return fd.pth(&sc.Actors[a]) }
		} else {
			in.num = func(sc *model.Scenario, a model.Actor) *float64 { return fd.num(&sc.Actors[a]) }
		}
		for _, a := range allActors(true) {
			if fd.only == nil || slices.Contains(fd.only, a) {
				in.Actors = append(in.Actors, a.String())
			}
		}
		out = append(out, in)
	}
	for _, t := range []struct {
		name   string
		fields []allianceField
	}{{"alliance", allianceFields}, {"region", regionFields}} {
		for _, fd := range t.fields {
			in := Input{Table: t.name, Key: fd.key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit, Path: fd.path}
			if fd.path {
				in.pth = func(sc *model.Scenario, _ model.Actor) *model.Path { return fd.pth(sc) }
			} else {
				in.num = func(sc *model.Scenario, _ model.Actor) *float64 { return fd.num(sc) }
			}
			out = append(out, in)
		}
	}
	return out
}
