package model

import "fmt"

// ParamRef names one coefficient, for one actor if it is per-actor.
type ParamRef struct {
	Key   string
	Actor Actor // ignored for a coefficient that is one value for the model
}

func (r ParamRef) String() string {
	if s, ok := LookupParam(r.Key); ok && s.PerActor {
		return r.Actor.String() + "." + r.Key
	}
	return r.Key
}

// Varies reports whether the coefficient can be drawn or moved for actor a:
// its plausible range has room, and it is not an actor's weight on its own
// spending among its rivals (rival_weight_US for the US), which the model
// keeps at zero.
func (s *ParamSpec) Varies(a Actor) bool {
	lo, hi := s.Range(a)
	if !(hi > lo) {
		return false
	}
	return !s.PerActor || s.Key != "rival_weight_"+a.String()
}

// ParamDraw is the value one run gives an uncertain coefficient.
type ParamDraw struct {
	Ref      ParamRef
	PerActor bool // Ref.Actor is meaningful
	Value    float64
}

// slot is one (coefficient, actor) of the registry: a global coefficient
// has one slot, a per-actor coefficient one per actor.
type slot struct {
	spec  *ParamSpec
	actor Actor
}

// slots lists every (coefficient, actor) in registry order.
var slots = func() []slot {
	var out []slot
	for i := range paramSpecs {
		s := &paramSpecs[i]
		if !s.PerActor {
			out = append(out, slot{s, 0})
			continue
		}
		for a := range NumActors {
			out = append(out, slot{s, a})
		}
	}
	return out
}()

// Sampler draws a scenario's uncertain coefficients (Scenario.Uncertain)
// for each run of an ensemble: each uniformly over its plausible range, a
// per-actor coefficient independently for each actor.
//
// Run r's numbers come from the stream (seed, r, paramStream). Every
// (coefficient, actor) of the registry takes the next number of that stream
// in registry order, drawn or not, so a coefficient's value in run r does
// not depend on which other coefficients are uncertain.
type Sampler struct {
	seed  uint64
	order []int     // the drawn slots, in registry order
	jumps []pcgJump // jumps[i]: from the stream's seed past order[i] numbers
}

// NewSampler prepares the scenario's uncertain coefficients for drawing. It
// fails on an unknown coefficient or one that cannot vary for its actor.
func NewSampler(sc *Scenario) (*Sampler, error) {
	s := &Sampler{seed: sc.Seed}
	drawn := make([]bool, len(slots))
	for _, ref := range sc.Uncertain {
		spec, ok := LookupParam(ref.Key)
		if !ok {
			return nil, fmt.Errorf("uncertain coefficient %q is not a coefficient of the model", ref.Key)
		}
		a := ref.Actor
		if !spec.PerActor {
			a = 0
		}
		if !spec.Varies(a) {
			return nil, fmt.Errorf("uncertain coefficient %s has no range to draw from", ref)
		}
		for i, sl := range slots {
			if sl.spec == spec && sl.actor == a {
				drawn[i] = true
			}
		}
	}
	for i, d := range drawn {
		if d {
			s.order = append(s.order, i)
			s.jumps = append(s.jumps, newPCGJump(i))
		}
	}
	return s, nil
}

// Len returns the number of (coefficient, actor) values drawn per run.
func (s *Sampler) Len() int { return len(s.order) }

// Draw sets run's draws in p and appends them to dst, in registry order.
func (s *Sampler) Draw(p *Params, run int, dst []ParamDraw) []ParamDraw {
	if len(s.order) == 0 {
		return dst
	}
	seedHi, seedLo := streamSeed(s.seed, run, paramStream)
	for n, i := range s.order {
		g := s.jumps[n].from(seedHi, seedLo) // slot i's number is g's next
		u := uniform(&g)
		sl := &slots[i]
		lo, hi := sl.spec.Range(sl.actor)
		v := lo + u*(hi-lo)
		sl.spec.Set(p, sl.actor, v)
		dst = append(dst, ParamDraw{Ref: ParamRef{Key: sl.spec.Key, Actor: sl.actor}, PerActor: sl.spec.PerActor, Value: v})
	}
	return dst
}
