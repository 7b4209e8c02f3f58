package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"

	"simulate/model"
)

// base is a complete scenario: every key the loader requires, 2025–2030.
const base = `title = "Base"
start_year = 2025
end_year = 2030

[actors.US]
gdp_usd_bn = 30000
defense_pct = 3.4

[actors.ROK]
gdp_usd_bn = 1870
defense_pct = { 2025 = 2.6, 2030 = 3.0 }

[actors.DPRK]
gdp_usd_bn = 27
initial_defense_pct = 22

[actors.CHN]
gdp_usd_bn = 19000
initial_defense_pct = 1.7

[actors.JPN]
gdp_usd_bn = 4200
defense_pct = 1.6

[alliance]
krw_per_usd = 1400
trust_pct = 65

[params.ROK]
inertia = 0.7

[[events]]
year = 2027
kind = "trade_dispute"
severity = 0.5
`

// writeFiles writes name → contents into a new directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func mustLoad(t *testing.T, path string) *Loaded {
	t.Helper()
	l, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLoadExtends(t *testing.T) {
	child := `# The child overrides, adds and appends.
title = "Child"
extends = "parents/base.toml"
seed = 9

[actors.ROK]
defense_pct = { 2025 = 2.6, 2030 = 3.5 }

[params]
inertia = 0.9

[[events]]
year = 2028
kind = "political_crisis"
actor = "ROK"
severity = 0.8
`
	t.Chdir(writeFiles(t, map[string]string{"parents/base.toml": base, "child.toml": child}))
	l := mustLoad(t, "child.toml")
	sc := l.Scenario

	if sc.Title != "Child" || sc.StartYear != 2025 || sc.EndYear != 2030 || sc.Seed != 9 || sc.Runs != 1 {
		t.Errorf("title %q, years %d–%d, seed %d, runs %d; want Child, 2025–2030 from the parent, seed 9, runs 1 by default",
			sc.Title, sc.StartYear, sc.EndYear, sc.Seed, sc.Runs)
	}
	if got, want := sc.Actors[model.ROK].DefensePct, model.PathOf(map[int]float64{2025: 2.6, 2030: 3.5}); !reflect.DeepEqual(got, want) {
		t.Errorf("ROK defense_pct = %v, want the child's %v", got, want)
	}
	if got := sc.Actors[model.ROK].GDP; got != 1870 {
		t.Errorf("ROK gdp_usd_bn = %v, want the parent's 1870", got)
	}
	if got, want := sc.Actors[model.US].DefensePct, model.Const(3.4); !reflect.DeepEqual(got, want) {
		t.Errorf("US defense_pct = %v, want the constant %v", got, want)
	}
	// The child's [params] inertia overrides the parent's [params.ROK] for
	// every actor: the child's keys win.
	for a := range model.NumActors {
		if got := sc.Params.Inertia[a]; got != 0.9 {
			t.Errorf("inertia for %s = %v, want the child's 0.9", a, got)
		}
	}
	wantEvents := []model.Event{
		{Year: 2027, Kind: model.TradeDispute, Severity: 0.5},
		{Year: 2028, Kind: model.PoliticalCrisis, Actor: model.ROK, Severity: 0.8},
	}
	if !reflect.DeepEqual(sc.Events, wantEvents) {
		t.Errorf("events = %+v, want the parent's then the child's: %+v", sc.Events, wantEvents)
	}
	if len(l.Files) != 2 || l.Files[0].Path != "child.toml" || l.Files[1].Path != filepath.Join("parents", "base.toml") {
		t.Errorf("files = %+v, want child.toml then parents/base.toml", l.Files)
	}
	if sum := sha256.Sum256([]byte(base)); len(l.Files) == 2 && l.Files[1].SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("parent's SHA-256 = %s, want the hash of its bytes", l.Files[1].SHA256)
	}
	wantChanged := []string{"title", "seed", "actors.ROK.defense_pct", "params.inertia", "events[0]"}
	if !reflect.DeepEqual(l.Changed, wantChanged) {
		t.Errorf("changed = %q, want %q", l.Changed, wantChanged)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q, want none", l.Warnings)
	}
}

// Within one file [params.ACTOR] wins over [params], whichever comes
// first: TOML lets a file define [params] after [params.ROK].
func TestLoadParamsActorWinsInFile(t *testing.T) {
	child := `extends = "base.toml"

[params.ROK]
inertia = 0.75

[params]
inertia = 0.85
`
	dir := writeFiles(t, map[string]string{"base.toml": base, "child.toml": child})
	sc := mustLoad(t, filepath.Join(dir, "child.toml")).Scenario
	if got := sc.Params.Inertia[model.ROK]; got != 0.75 {
		t.Errorf("ROK inertia = %v, want 0.75 from [params.ROK]", got)
	}
	if got := sc.Params.Inertia[model.JPN]; got != 0.85 {
		t.Errorf("JPN inertia = %v, want 0.85 from [params]", got)
	}
}

func TestLoadInvestments(t *testing.T) {
	child := `extends = "base.toml"

[[investments]]
name = "MASGA"
from = "ROK"
to = "US"
sector = "shipbuilding"
total_usd_bn = 150
start_year = 2026
end_year = 2035
annual_cap_usd_bn = 10
`
	// It has a title of its own, so draws no warning about an inherited one.
	child = "title = \"MASGA capped\"\n" + child
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base, "child.toml": child}))
	l := mustLoad(t, "child.toml")
	want := []model.Investment{{Name: "MASGA", From: model.ROK, To: model.US, Sector: model.Shipbuilding,
		TotalUSDbn: 150, StartYear: 2026, EndYear: 2035, AnnualCap: 10}}
	if !reflect.DeepEqual(l.Scenario.Investments, want) {
		t.Errorf("investments = %+v, want %+v", l.Scenario.Investments, want)
	}
	// Two warnings in line order: the cap pays out only 100 of the 150
	// over ten years, and the package runs past the horizon.
	wantWarnings := []string{
		"child.toml:4: investments[0]: at 10 USD bn a year over 10 years only 100 of the 150 USD bn is disbursed",
		"child.toml:11: investments[0].end_year: the package runs to 2035, after the horizon ends in 2030: later disbursements are not simulated",
	}
	if !reflect.DeepEqual(l.Warnings, wantWarnings) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(l.Warnings, "\n"), strings.Join(wantWarnings, "\n"))
	}
}

func TestLoadWarnings(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"ignored actor", "[[events]]\nyear = 2027\nkind = \"taiwan_strait_crisis\"\nactor = \"JPN\"\nseverity = 0.5\n",
			"s.toml:5: events[0].actor: a taiwan_strait_crisis event does not use actor; JPN is ignored"},
		{"high defense share", "[actors.ROK]\ndefense_pct = 11\n",
			"s.toml:3: actors.ROK.defense_pct: a defense share above 10% of GDP is far beyond what the US, ROK, CHN or JPN has spent since the Cold War"},
		{"high growth", "[actors.CHN]\ngdp_growth_pct = { 2026 = 12 }\n",
			"s.toml:3: actors.CHN.gdp_growth_pct: real growth above 10% a year is unusually high"},
		{"long horizon", "end_year = 2100\n",
			"s.toml:2: end_year: a horizon of 75 years is long for a model whose coefficients describe today's region; read the later years with care"},
		{"path and initial", "[actors.JPN]\ndefense_pct = 2\ninitial_defense_pct = 1.6\n",
			"s.toml:4: actors.JPN.initial_defense_pct: not used: defense_pct sets JPN's share, so its decision rule is off; remove one of the two"},
		{"package without effect", "[[investments]]\nname = \"Chips\"\nfrom = \"JPN\"\nto = \"ROK\"\nsector = \"semiconductors\"\ntotal_usd_bn = 10\nstart_year = 2026\nend_year = 2030\n",
			"s.toml:2: investments[0]: a semiconductors package from JPN to ROK has no effect: the model follows packages into the US and shipbuilding packages into any actor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"base.toml": base, "s.toml": "extends = \"base.toml\"\n" + tc.text})
			t.Chdir(dir)
			l := mustLoad(t, "s.toml")
			// The child keeps its parent's title, which TestLoadInheritedTitle
			// covers; its warning is left out here.
			warnings := slices.DeleteFunc(l.Warnings, func(w string) bool { return strings.Contains(w, "keeps the title it inherits") })
			if len(warnings) != 1 || warnings[0] != tc.want {
				t.Errorf("warnings %q, want [%q]", warnings, tc.want)
			}
		})
	}
}

// The CLI tests (cmd/simulate/testdata/script) pin the message of every
// kind of bad input; these check the loader's own guarantees: errors are
// *Error values with the file, line and key, and nothing else.
func TestLoadErrorFields(t *testing.T) {
	dir := writeFiles(t, map[string]string{"base.toml": base, "s.toml": "extends = \"base.toml\"\n\n[region]\ntaiwan_tension = 2\n"})
	t.Chdir(dir)
	_, err := Load("s.toml")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	want := Error{File: "s.toml", Line: 4, Key: "region.taiwan_tension", Msg: "2 is out of range: expected 0 to 1 (level)"}
	if *e != want {
		t.Errorf("err = %#v, want %#v", *e, want)
	}
}

func TestErrorString(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{File: "a.toml", Line: 3, Key: "runs", Msg: "bad"}, "a.toml:3: runs: bad"},
		{Error{File: "a.toml", Key: "title", Msg: "missing"}, "a.toml: title: missing"},
		{Error{File: "a.toml", Msg: "cannot read"}, "a.toml: cannot read"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q, want %q", tc.e, got, tc.want)
		}
	}
}

// syntaxError must cope with any position the parser reports, including the
// line 0 that makes ParseError.ErrorWithPosition panic.
func TestSyntaxErrorPositions(t *testing.T) {
	text := "a = 1\nb = \n"
	f := &file{display: "s.toml", loc: newLocator(text)}
	for _, tc := range []struct {
		name string
		pos  toml.Position
		want string
	}{
		{"offset", toml.Position{Line: 9, Start: 10}, "s.toml:2: b: invalid TOML: oops"},
		{"line only", toml.Position{Line: 1, Start: -1}, "s.toml:1: a: invalid TOML: oops"},
		{"line 0", toml.Position{Line: 0, Start: -1}, "s.toml: invalid TOML: oops"},
		{"beyond the file", toml.Position{Line: 99, Start: 99}, "s.toml: invalid TOML: oops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.syntaxError(text, toml.ParseError{Message: "Oops.", Position: tc.pos})
			if got := err.Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"defense_pct", "initial_defense_pct", "gdp_usd_bn"}
	for _, tc := range []struct {
		got, want string
		among     []string
	}{
		{"defence_pct", `; did you mean "defense_pct"?`, keys},
		{"Defense_PCT", `; did you mean "defense_pct"?`, keys},
		{"gdp", `; did you mean "gdp_usd_bn"?`, keys},
		{"rok", `; did you mean "ROK"?`, model.ActorCodes()},
		{"ship", `; did you mean "shipbuilding"?`, model.SectorNames()},
		{"gdp_usd_bn_2025", `; did you mean "gdp_usd_bn"?`, keys},
		{"x", "", keys},                             // too short to be near anything
		{"population", "", keys},                    // not near any
		{"def", "", []string{"defense", "deficit"}}, // the start of two: no guess
	} {
		if s := Suggest(tc.got, tc.among); s != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.got, s, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{"3.5", `the string "3.5"`},
		{int64(-1), "the integer -1"},
		{2040.0, "the number 2040.0"},
		{0.5, "the number 0.5"},
		{true, "the boolean true"},
		{map[string]any{}, "a table"},
		{[]any{int64(1)}, "an array"},
		{[]map[string]any{{}}, "an array of tables"},
	} {
		if got := describe(tc.v); got != tc.want {
			t.Errorf("describe(%#v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// A child that gives an actor only initial_defense_pct hands it back to its
// decision rule, even though the parent gave it a path.
func TestLoadChildMakesActorEndogenous(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base,
		"s.toml": "title = \"ROK on its rule\"\nextends = \"base.toml\"\n\n[actors.ROK]\ninitial_defense_pct = 2.6\n"}))
	l := mustLoad(t, "s.toml")
	rok := l.Scenario.Actors[model.ROK]
	if rok.DefensePct.IsSet() || rok.InitialDefensePct != 2.6 {
		t.Errorf("ROK defense_pct %v, initial %v; want no path and 2.6", rok.DefensePct, rok.InitialDefensePct)
	}
	if len(l.Warnings) != 0 {
		t.Errorf("warnings %q, want none", l.Warnings)
	}
}

// A child that changes what it extends but keeps its parent's title draws a
// warning; one that sets its own title, or changes nothing, does not.
func TestLoadInheritedTitle(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base,
		"keeps.toml":   "extends = \"base.toml\"\ndescription = \"more trust\"\n\n[alliance]\ntrust_pct = 70\n",
		"own.toml":     "extends = \"base.toml\"\ntitle = \"More trust\"\n\n[alliance]\ntrust_pct = 70\n",
		"nothing.toml": "extends = \"base.toml\"\n"}))
	want := "keeps.toml: sets 1 key over base.toml but keeps the title it inherits, \"Base\"; give it a title of its own (title = \"...\") so that its summary and report say what it is"
	if got := mustLoad(t, "keeps.toml").Warnings; !slices.Equal(got, []string{want}) {
		t.Errorf("keeps.toml: warnings %q, want [%q]", got, want)
	}
	for _, name := range []string{"own.toml", "nothing.toml"} {
		if got := mustLoad(t, name).Warnings; len(got) != 0 {
			t.Errorf("%s: warnings %q, want none", name, got)
		}
	}
}

// unset removes a path a parent set: the commitment goes back to its rule
// and ROK to its decision rule; a key the file also sets, a start value and
// a path ROK lacks an initial share for are refused.
func TestLoadUnset(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base,
		"rule.toml":    "title = \"T\"\nextends = \"base.toml\"\nunset = [\"actors.ROK.defense_pct\"]\n\n[actors.ROK]\ninitial_defense_pct = 2.6\n",
		"both.toml":    "title = \"T\"\nextends = \"base.toml\"\nunset = [\"alliance.krw_per_usd\"]\n\n[alliance]\nkrw_per_usd = 1300\n",
		"start.toml":   "title = \"T\"\nextends = \"base.toml\"\nunset = [\"alliance.trust_pct\"]\n",
		"noinit.toml":  "title = \"T\"\nextends = \"base.toml\"\nunset = [\"actors.ROK.defense_pct\"]\n",
		"unknown.toml": "title = \"T\"\nextends = \"base.toml\"\nunset = [\"actors.ROK.defence_pct\"]\n"}))
	l := mustLoad(t, "rule.toml")
	if l.Scenario.Actors[model.ROK].DefensePct.IsSet() {
		t.Errorf("rule.toml: ROK keeps a defense path %v", l.Scenario.Actors[model.ROK].DefensePct)
	}
	for name, want := range map[string]string{
		"both.toml":    `both.toml:3: unset[0]: alliance.krw_per_usd is set in this file too; a file either sets a key or unsets its parent's`,
		"start.toml":   `start.toml:3: unset[0]: cannot unset "alliance.trust_pct": it is a start value, not a path (unset takes paths under actors.ACTOR and alliance, e.g. "alliance.us_commitment_pct" or "actors.ROK.defense_pct")`,
		"noinit.toml":  `noinit.toml: actors.ROK.defense_pct: missing: give a policy path (defense_pct) or, for an actor that decides by its own rule, initial_defense_pct (here or in a file it extends)`,
		"unknown.toml": `unknown.toml:3: unset[0]: cannot unset "actors.ROK.defence_pct": unknown key; did you mean "defense_pct"? (unset takes paths under actors.ACTOR and alliance, e.g. "alliance.us_commitment_pct" or "actors.ROK.defense_pct")`,
	} {
		_, err := Load(name)
		if err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %s", name, err, want)
		}
	}
}

// LoadAll reports every key it cannot read, in line order; Load the first.
func TestLoadAllErrors(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"base.toml": base,
		"s.toml": "title = \"T\"\nextends = \"base.toml\"\nsead = 3\n\n[actors.ROK]\ndefence_pct = 3\n\n[alliance]\ntrust_pct = 150\n"}))
	_, err := LoadAll("s.toml")
	var all Errors
	if !errors.As(err, &all) || len(all) != 3 {
		t.Fatalf("LoadAll: %v, want 3 errors", err)
	}
	for i, want := range []string{"s.toml:3: sead: ", "s.toml:6: actors.ROK.defence_pct: ", "s.toml:9: alliance.trust_pct: "} {
		if !strings.HasPrefix(all[i].Error(), want) {
			t.Errorf("error %d: %s, want %s…", i, all[i], want)
		}
	}
	if _, err := Load("s.toml"); err == nil || err.Error() != all[0].Error() {
		t.Errorf("Load: %v, want the first error only", err)
	}
}

// Loading through a Cache gives what loading afresh gives, however often
// the files a scenario extends are reused and whatever the scenarios
// extending them change.
func TestCacheLoadsAsAfresh(t *testing.T) {
	files := fstest.MapFS{}
	names, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(n)] = &fstest.MapFile{Data: b}
	}
	cache := NewCache()
	children := []string{
		"extends = \"3.5pct.toml\"\n[actors.ROK]\ndefense_pct = { 2025 = 2.6, 2030 = 4.0 }\n",
		"extends = \"3.5pct.toml\"\n[[events]]\nyear = 2028\nkind = \"trade_dispute\"\nseverity = 0.4\n",
		"extends = \"3.5pct-risks.toml\"\n[params]\ninertia = 0.9\n",
		"extends = \"3.5pct.toml\"\n[actors.ROK]\ndefense_pct = { 2025 = 2.6, 2030 = 99 }\n",
		"extends = \"3.5pct.toml\"\n",
	}
	for round := range 2 {
		for i, text := range children {
			files["child.toml"] = &fstest.MapFile{Data: []byte(text)}
			want, wantErr := LoadFS(files, "child.toml")
			got, gotErr := cache.LoadFS(files, "child.toml")
			if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
				t.Fatalf("round %d, child %d: error %v through the cache, %v afresh", round, i, gotErr, wantErr)
			}
			if wantErr != nil {
				continue
			}
			if !reflect.DeepEqual(got.Scenario, want.Scenario) || !reflect.DeepEqual(got.Warnings, want.Warnings) || !reflect.DeepEqual(got.Changed, want.Changed) {
				t.Errorf("round %d, child %d: the cached load differs from a fresh one", round, i)
			}
		}
	}
}
