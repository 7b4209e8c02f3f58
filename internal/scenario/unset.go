package scenario

import (
	"slices"
	"strings"

	"simulate/model"
)

// unsetKey is the top-level key that removes paths a parent set:
//
//	unset = ["alliance.us_commitment_pct"]
//
// puts the commitment back on its rule, and
// unset = ["actors.ROK.defense_pct"] lets ROK decide its share by its
// decision rule (which needs initial_defense_pct, here or in a parent).
const unsetKey = "unset"

// unset applies unset: each entry names a value that varies over time (a
// path) under actors.ACTOR or alliance, which is removed as if no file had
// set it. The file's own tables may not set a key it unsets.
func (b *builder) unset(f *file, path keyPath, v any) error {
	list, ok := v.([]any)
	if !ok {
		return f.err(path, "expected a list of key paths, e.g. unset = [\"alliance.us_commitment_pct\"], got %s", describe(v))
	}
	for i, e := range list {
		p := path.with(index(i))
		key, ok := e.(string)
		if !ok {
			return f.err(p, "expected a key path (a string), got %s", describe(e))
		}
		clear, err := unsetter(f, p, key)
		if err != nil {
			return err
		}
		if _, own := lookup(f.raw, parseKeyPath(key)); own {
			return f.err(p, "%s is set in this file too; a file either sets a key or unsets its parent's", key)
		}
		clear(&b.sc)
		delete(b.set, key)
		delete(b.paths, key)
	}
	return nil
}

// unsetter returns how to remove the path at key, or an error naming the
// keys that can be unset.
func unsetter(f *file, p keyPath, key string) (func(*model.Scenario), error) {
	parts := strings.Split(key, ".")
	bad := func(why string) error {
		return f.err(p, "cannot unset %q: %s (unset takes paths under actors.ACTOR and alliance, e.g. \"alliance.us_commitment_pct\" or \"actors.ROK.defense_pct\")", key, why)
	}
	switch {
	case len(parts) == 3 && parts[0] == "actors":
		a, ok := model.ParseActor(parts[1])
		if !ok {
			return nil, bad("unknown actor " + parts[1] + Suggest(parts[1], model.ActorCodes()))
		}
		fd, ok := lookupActorField(parts[2])
		switch {
		case !ok:
			return nil, bad("unknown key" + Suggest(parts[2], actorFieldKeys(a)))
		case !fd.path:
			return nil, bad("it is a start value, not a path")
		case fd.only != nil && !slices.Contains(fd.only, a):
			return nil, bad("it is not modelled for " + a.String())
		}
		return func(sc *model.Scenario) { *fd.pth(&sc.Actors[a]) = model.Path{} }, nil
	case len(parts) == 2 && parts[0] == "alliance":
		for _, fd := range allianceFields {
			if fd.key != parts[1] {
				continue
			}
			if !fd.path {
				return nil, bad("it is a start value, not a path")
			}
			return func(sc *model.Scenario) { *fd.pth(sc) = model.Path{} }, nil
		}
		var known []string
		for _, fd := range allianceFields {
			known = append(known, fd.key)
		}
		return nil, bad("unknown key" + Suggest(parts[1], known))
	}
	return nil, bad("not a path")
}
