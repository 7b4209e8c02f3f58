package model

import (
	"reflect"
	"testing"
)

// TestParamRegistry: every coefficient in Params is documented in the
// registry exactly once, with a unit, a source and a meaning, and its
// default lies in its plausible range.
func TestParamRegistry(t *testing.T) {
	p := DefaultParams()
	covered := map[uintptr]string{} // address of a float64 in p → key
	claim := func(key string, v *float64) {
		addr := reflect.ValueOf(v).Pointer()
		if other, dup := covered[addr]; dup {
			t.Errorf("%s and %s set the same coefficient", key, other)
		}
		covered[addr] = key
	}
	keys := map[string]bool{}
	for _, s := range ParamSpecs() {
		if keys[s.Key] {
			t.Errorf("key %s appears twice", s.Key)
		}
		keys[s.Key] = true
		if s.Unit == "" || s.Source == "" || s.Doc == "" || s.Group == "" {
			t.Errorf("%s: unit, source, doc and group must all be given", s.Key)
		}
		if spec, ok := LookupParam(s.Key); !ok || spec.Key != s.Key {
			t.Errorf("LookupParam(%q) does not find it", s.Key)
		}
		actors := []Actor{0}
		if s.PerActor {
			actors = []Actor{US, ROK, DPRK, CHN, JPN}
			for a := range NumActors {
				claim(s.Key+"."+a.String(), &s.actor(&p)[a])
			}
		} else {
			claim(s.Key, s.global(&p))
		}
		for _, a := range actors {
			lo, hi := s.Range(a)
			if v := s.Get(&p, a); !(lo <= v && v <= hi) {
				t.Errorf("%s (%s): default %v outside its range [%v, %v]", s.Key, a, v, lo, hi)
			}
		}
	}

	// Every float64 inside Params must have been claimed.
	var walk func(v reflect.Value, name string)
	walk = func(v reflect.Value, name string) {
		switch v.Kind() {
		case reflect.Float64:
			if _, ok := covered[v.Addr().Pointer()]; !ok {
				t.Errorf("Params.%s has no entry in the registry", name)
			}
		case reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), name+"["+Actor(i).String()+"]")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), v.Type().Field(i).Name)
			}
		default:
			t.Errorf("Params.%s: unexpected kind %s", name, v.Kind())
		}
	}
	walk(reflect.ValueOf(&p).Elem(), "")
}

// TestParamSetGet: Set and Get reach the same field, and a per-actor Set
// changes only that actor.
func TestParamSetGet(t *testing.T) {
	for _, s := range ParamSpecs() {
		p := DefaultParams()
		before := s.Get(&p, US)
		s.Set(&p, ROK, 123.5)
		if got := s.Get(&p, ROK); got != 123.5 {
			t.Errorf("%s: Get after Set = %v, want 123.5", s.Key, got)
		}
		if s.PerActor && s.Get(&p, US) != before {
			t.Errorf("%s: setting ROK changed US", s.Key)
		}
	}
}
