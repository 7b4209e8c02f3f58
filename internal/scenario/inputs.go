package scenario

import "slices"

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
}

// Inputs returns the keys of [actors.ACTOR], [alliance] and [region], in
// documentation order.
func Inputs() []Input {
	var out []Input
	for _, fd := range actorFields {
		in := Input{Table: "actors", Key: fd.key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit, Path: fd.path}
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
			out = append(out, Input{Table: t.name, Key: fd.key, Lo: fd.lo, Hi: fd.hi, Unit: fd.unit, Path: fd.path})
		}
	}
	return out
}
