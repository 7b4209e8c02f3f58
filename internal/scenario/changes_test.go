package scenario

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestChanges: each key the child sets, with its value as written and the
// value it replaces (the parent's, a coefficient's default, or nothing for
// an appended entry).
func TestChanges(t *testing.T) {
	child := `title = "Child"
extends = "base.toml"

[actors.ROK]
defense_pct = { 2025 = 2.6, 2029 = 3.5 }   # replaces the parent's path

[alliance]
us_commitment_pct = { 2026 = 100, 2030 = 70 }

[params]
trust_equilibrium = 85
reaction_elasticity = 0.3

[params.ROK]
inertia = 0.9

[[events]]
year = 2028
kind = "political_crisis"
actor = "ROK"
severity = 0.8
`
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base, "child.toml": child}))
	got, err := Changes(mustLoad(t, "child.toml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Key: "title", Value: `"Child"`, Was: `"Base"`},
		{Key: "actors.ROK.defense_pct", Value: "{ 2025 = 2.6, 2029 = 3.5 }", Was: "{ 2025 = 2.6, 2030 = 3.0 }"},
		{Key: "alliance.us_commitment_pct", Value: "{ 2026 = 100, 2030 = 70 }"},
		{Key: "params.trust_equilibrium", Value: "85", Was: "75 (default)"},
		{Key: "params.reaction_elasticity", Value: "0.3", Was: "US 0.2, ROK 0.2, DPRK 0.25, CHN 0.25, JPN 0.2 (defaults)"},
		{Key: "params.ROK.inertia", Value: "0.9", Was: "0.7"},
		{Key: "events[0]", Value: `{ year = 2028, kind = "political_crisis", actor = "ROK", severity = 0.8 }`, Added: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Changes =\n%s\nwant\n%s", changesText(got), changesText(want))
	}
}

// A scenario that extends nothing changes nothing.
func TestChangesBase(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base}))
	got, err := Changes(mustLoad(t, "base.toml"))
	if err != nil || got != nil {
		t.Errorf("Changes = %v, %v; want nil, nil", got, err)
	}
}

// A file edited after loading does not change the table: it describes the
// files as the run read them.
func TestChangesFileEdited(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base,
		"child.toml": "title = \"Child\"\nextends = \"base.toml\"\n"}))
	l := mustLoad(t, "child.toml")
	if err := os.WriteFile("child.toml", []byte("title = \"Edited\"\nextends = \"base.toml\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Changes(l)
	if err != nil || len(got) != 1 || got[0].Value != `"Child"` {
		t.Errorf("Changes after an edit = %v, %v; want the title as loaded, \"Child\"", got, err)
	}
	// A Loaded built by hand decodes the text its Sources carry ...
	byHand := &Loaded{Files: l.Files, Changed: l.Changed}
	if got, err := Changes(byHand); err != nil || len(got) != 1 || got[0].Value != `"Child"` {
		t.Errorf("Changes of a hand-built Loaded = %v, %v; want the title as loaded, \"Child\"", got, err)
	}
	// ... and, for Sources without it, reads the files again and checks
	// them against their recorded hashes.
	var bare []Source
	for _, f := range l.Files {
		bare = append(bare, Source{Path: f.Path, SHA256: f.SHA256})
	}
	byHand = &Loaded{Files: bare, Changed: l.Changed}
	if _, err := Changes(byHand); err == nil || !strings.Contains(err.Error(), "changed after") {
		t.Errorf("Changes of a hand-built Loaded after an edit: err = %v, want one saying the file changed", err)
	}
}

func TestParseKeyPath(t *testing.T) {
	for _, s := range []string{"title", "actors.ROK.defense_pct", "events[3]", "investments[0].name", "a[1][2].b"} {
		if got := parseKeyPath(s).String(); got != s {
			t.Errorf("parseKeyPath(%q).String() = %q", s, got)
		}
	}
}

func changesText(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Key + " = " + c.Value + "   (was " + c.Was + ")\n")
	}
	return b.String()
}
