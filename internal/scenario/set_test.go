package scenario

import (
	"slices"
	"testing"

	"simulate/model"
)

// TestSettingKeepsStartValue: -set on any path key of [actors.A] holds the
// new value from the year after the start and keeps the scenario's own
// value in the start year, read from where the loader put it, for every
// key of the table (none may fall back to an empty path).
func TestSettingKeepsStartValue(t *testing.T) {
	const start, was, now = 2025, 7.0, 3.0
	for _, fd := range actorFields {
		if !fd.path {
			continue
		}
		a := model.ROK
		if fd.only != nil && !slices.Contains(fd.only, a) {
			a = fd.only[0]
		}
		key := "actors." + a.String() + "." + fd.key
		s, err := LookupSetting(key, start)
		if err != nil {
			t.Fatal(err)
		}
		sc := &model.Scenario{StartYear: start, EndYear: start + 5}
		*fd.pth(&sc.Actors[a]) = model.Const(was)
		s.Apply(sc, now)
		p := *fd.pth(&sc.Actors[a])
		if got0, got1 := p.At(start), p.At(start+1); got0 != was || got1 != now {
			t.Errorf("%s: %v in %d and %v in %d, want %v and %v", key, got0, start, got1, start+1, was, now)
		}
	}
}
