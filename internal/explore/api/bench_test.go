package api

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// bundled returns the bundled scenarios as Files under scenarios/.
func bundled(t testing.TB) Files {
	t.Helper()
	names, err := filepath.Glob("../../../scenarios/*.toml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled scenarios: %v", err)
	}
	fs := Files{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		fs["scenarios/"+filepath.Base(n)] = string(b)
	}
	return fs
}

func sliderRequest() *Request {
	return &Request{Base: "scenarios/3.5pct.toml", Set: []Setting{{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2035: 4}}}}
}

// BenchmarkApply is one slider move as the page makes it: compose the
// changes, load them with their parents, run, and encode the answer as
// JSON without the values (the page takes those in a buffer).
func BenchmarkApply(b *testing.B) {
	s := NewSession(bundled(b))
	req := sliderRequest()
	for b.Loop() {
		r := s.Apply(req)
		if r.Error != "" {
			b.Fatal(r.Error)
		}
		r.Values = nil
		if _, err := json.Marshal(r); err != nil {
			b.Fatal(err)
		}
	}
}
