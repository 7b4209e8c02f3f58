package output

import (
	"bytes"
	"encoding/json"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

// TestResolvedParams: every coefficient of the registry is in the manifest,
// per-actor ones as an object with the five actors, at the values given.
func TestResolvedParams(t *testing.T) {
	p := model.DefaultParams()
	p.Inertia[model.ROK] = 0.7
	p.TariffNoDealPct = 30
	got := ResolvedParams(&p)
	specs := model.ParamSpecs()
	if len(got) != len(specs) {
		t.Errorf("%d coefficients, want %d", len(got), len(specs))
	}
	for _, s := range specs {
		v, ok := got[s.Key]
		if !ok {
			t.Errorf("%s missing", s.Key)
			continue
		}
		if !s.PerActor {
			if v != s.Get(&p, 0) {
				t.Errorf("%s = %v, want %v", s.Key, v, s.Get(&p, 0))
			}
			continue
		}
		per, ok := v.(map[string]float64)
		if !ok || len(per) != int(model.NumActors) {
			t.Errorf("%s = %v, want one value per actor", s.Key, v)
			continue
		}
		for a := range model.NumActors {
			if per[a.String()] != s.Get(&p, a) {
				t.Errorf("%s.%s = %v, want %v", s.Key, a, per[a.String()], s.Get(&p, a))
			}
		}
	}
	if got["inertia"].(map[string]float64)["ROK"] != 0.7 || got["tariff_no_deal_pct"] != 30.0 {
		t.Error("overridden values are not the ones resolved")
	}
}

// TestWriteManifest: the manifest is valid, indented JSON that reads back
// to what was written, and the same manifest gives the same bytes.
func TestWriteManifest(t *testing.T) {
	p := model.DefaultParams()
	seed := uint64(42)
	m := &Manifest{
		Simulate: Version, Scenario: "scenarios/3.5pct.toml", SHA256: "ab12",
		Extends: []scenario.Source{{Path: "scenarios/baseline.toml", SHA256: "cd34"}},
		Title:   "t", StartYear: 2025, EndYear: 2040, Seed: &seed, Runs: 1,
		Parameters: ResolvedParams(&p), Outputs: []string{"series.csv", "manifest.json"},
	}
	var a, b bytes.Buffer
	if err := WriteManifest(&a, m); err != nil {
		t.Fatal(err)
	}
	if err := WriteManifest(&b, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same manifest gave different bytes")
	}
	if !bytes.HasPrefix(a.Bytes(), []byte("{\n  \"")) || !bytes.HasSuffix(a.Bytes(), []byte("}\n")) {
		t.Errorf("not indented JSON with a final newline:\n%.80s", a.String())
	}
	var back map[string]any
	if err := json.Unmarshal(a.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{"simulate_version": Version, "scenario": "scenarios/3.5pct.toml", "seed": 42.0, "start_year": 2025.0} {
		if back[key] != want {
			t.Errorf("%s = %v, want %v", key, back[key], want)
		}
	}
	for _, key := range []string{"warnings", "command", "scenarios", "first_year", "axes"} {
		if _, ok := back[key]; ok {
			t.Errorf("no %s: the key is left out", key)
		}
	}
	if params, ok := back["parameters"].(map[string]any); !ok || len(params) != len(model.ParamSpecs()) {
		t.Errorf("parameters: %d entries, want %d", len(params), len(model.ParamSpecs()))
	}
}
