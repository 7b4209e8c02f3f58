package serve

import (
	"testing"

	"simulate/internal/scenario"
)

// A closed round's results are its run, made once: the page's view of
// them shares the memory of the run its scores are computed from.
func TestCloseRoundRunsOnce(t *testing.T) {
	cfg := bundledConfig(t)
	o, _, err := closeRound(cfg, newMemFS(cfg.Files), scenario.NewCache(), cfg.BaseName, 1, map[string]*Move{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Run.Values) != len(o.Results.Series) || len(o.Results.Values) == 0 {
		t.Fatalf("the round's view has %d series, its run %d", len(o.Run.Values), len(o.Results.Series))
	}
	if &o.Run.Values[0][0] != &o.Results.Values[0] {
		t.Error("the round's results are not the run its scores come from: the model ran again for them")
	}
	if o.Run.Name != roundFile(1) || o.Run.Scenario != nil {
		t.Errorf("the round's view: name %q, levers %v; want %q without levers", o.Run.Name, o.Run.Scenario != nil, roundFile(1))
	}
}

// BenchmarkCloseRound closes round 1 of the bundled session with no moves:
// the work a close does under the session's lock, with a cache of its
// own (the session's holds at least as much).
func BenchmarkCloseRound(b *testing.B) {
	cfg := bundledConfig(b)
	files := newMemFS(cfg.Files)
	for b.Loop() {
		if _, _, err := closeRound(cfg, files, scenario.NewCache(), cfg.BaseName, 1, map[string]*Move{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
