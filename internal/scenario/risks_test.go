package scenario

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"simulate/model"
)

// TestLoadRisks: [[risks]] become model.Risks (a single severity is a range
// of one value; a child's risks follow its parent's), and [uncertainty]
// names coefficients per actor (a child's list replaces its parent's).
func TestLoadRisks(t *testing.T) {
	parent := base + `
[[risks]]
kind = "political_crisis"
actor = "ROK"
annual_probability = 0.05
severity = { min = 0.2, max = 0.8 }
from_year = 2027
to_year = 2029

[uncertainty]
params = "all"
`
	child := `extends = "parent.toml"

[[risks]]
kind = "trade_dispute"
annual_probability = 0.1
severity = 0.4

[uncertainty]
params = ["inertia", "ROK.max_change_pp", "rok_resolve", "rival_weight_US"]
`
	dir := writeFiles(t, map[string]string{"parent.toml": parent, "child.toml": child})
	p := mustLoad(t, filepath.Join(dir, "parent.toml")).Scenario
	c := mustLoad(t, filepath.Join(dir, "child.toml")).Scenario

	want := []model.Risk{
		{Kind: model.PoliticalCrisis, Actor: model.ROK, Probability: 0.05, SeverityMin: 0.2, SeverityMax: 0.8, FromYear: 2027, ToYear: 2029},
		{Kind: model.TradeDispute, Probability: 0.1, SeverityMin: 0.4, SeverityMax: 0.4},
	}
	if !slices.Equal(p.Risks, want[:1]) || !slices.Equal(c.Risks, want) {
		t.Errorf("risks: parent %+v, child %+v; want %+v and %+v", p.Risks, c.Risks, want[:1], want)
	}

	varying := 0
	for _, s := range model.ParamSpecs() {
		for _, a := range allActors(s.PerActor) {
			if s.Varies(a) {
				varying++
			}
		}
	}
	if len(p.Uncertain) != varying {
		t.Errorf(`params = "all": %d coefficients drawn, want the %d that can vary`, len(p.Uncertain), varying)
	}
	var got []string
	for _, r := range c.Uncertain {
		got = append(got, r.String())
	}
	wantNames := []string{"US.inertia", "ROK.inertia", "DPRK.inertia", "CHN.inertia", "JPN.inertia", "ROK.max_change_pp", "rok_resolve",
		"ROK.rival_weight_US", "DPRK.rival_weight_US", "CHN.rival_weight_US", "JPN.rival_weight_US"}
	if !slices.Equal(got, wantNames) {
		t.Errorf("child's uncertain coefficients %q, want %q (the US's weight on its own spending left out)", got, wantNames)
	}
}

// TestLoadRisksWarnings: plausible but odd risks draw warnings.
func TestLoadRisksWarnings(t *testing.T) {
	s := `extends = "base.toml"

[[risks]]
kind = "taiwan_strait_crisis"
actor = "CHN"
annual_probability = 0.7
severity = 0.3

[params.ROK]
inertia = 0.8

[uncertainty]
params = ["inertia"]
`
	dir := writeFiles(t, map[string]string{"base.toml": base, "s.toml": s})
	l := mustLoad(t, filepath.Join(dir, "s.toml"))
	for _, want := range []string{
		"risks[0].actor: a taiwan_strait_crisis risk does not use actor",
		"risks[0].annual_probability: a probability of 0.7 a year",
		"uncertainty.params: uncertain coefficients also set in the scenario (params.ROK.inertia)",
	} {
		if !slices.ContainsFunc(l.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning containing %q in %q", want, l.Warnings)
		}
	}
}

// TestRiskDocs keeps docs/SCENARIO-FORMAT.md's tables of [[risks]] and
// [uncertainty] in step with the loader, loads its ensemble example, and
// checks that the README names every risk key.
func TestRiskDocs(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	tables := docTables(doc)
	for heading, want := range map[string][]string{"[[risks]]": riskKeys, "[uncertainty]": uncertaintyKeys} {
		var got []string
		for _, r := range tables[heading] {
			got = append(got, r[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("the table under %q lists %q; the loader knows %q", heading, got, want)
		}
	}

	_, rest, ok := strings.Cut(doc, "## Ensembles")
	_, rest, ok2 := strings.Cut(rest, "```toml\n")
	example, _, ok3 := strings.Cut(rest, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("no ```toml example under ## Ensembles")
	}
	dir := writeFiles(t, map[string]string{"base.toml": base, "example.toml": "extends = \"base.toml\"\n" + example})
	l := mustLoad(t, filepath.Join(dir, "example.toml"))
	if len(l.Scenario.Risks) != 1 || l.Scenario.Runs != 1000 || len(l.Scenario.Uncertain) == 0 {
		t.Errorf("the example loads as runs = %d, %d risks, %d uncertain coefficients", l.Scenario.Runs, len(l.Scenario.Risks), len(l.Scenario.Uncertain))
	}

	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range append(append([]string{}, riskKeys...), uncertaintyKeys...) {
		if !strings.Contains(string(readme), "`"+k) {
			t.Errorf("README.md does not mention the [[risks]] or [uncertainty] key `%s`", k)
		}
	}
}

// TestLookupSetting: every sweepable table resolves, with its range; a
// misspelling gets a suggestion.
func TestLookupSetting(t *testing.T) {
	for key, want := range map[string][2]float64{
		"actors.ROK.defense_pct":         {0, 60},
		"actors.DPRK.warheads":           {0, maxCount},
		"alliance.us_commitment_pct":     {0, 100},
		"region.taiwan_tension":          {0, 1},
		"params.rok_resolve":             {0.2, 0.9},
		"params.inertia":                 {0.6, 0.97},
		"params.DPRK.max_share_pct":      {25, 40},
		"params.US.rival_weight_CHN":     {0, 1.5},
		"alliance.hns_start_krw_tn":      {0, 100},
		"actors.JPN.gdp_growth_pct":      {-maxGrowPct, maxGrowPct},
		"actors.ROK.arms_exports_usd_bn": {0, maxUSDbn},
	} {
		s, err := LookupSetting(key, 2025)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		if s.Lo != want[0] || s.Hi != want[1] {
			t.Errorf("%s: range %v to %v, want %v to %v", key, s.Lo, s.Hi, want[0], want[1])
		}
	}
	for key, want := range map[string]string{
		"actors.ROK.defence_pct":  `actors.ROK.defence_pct: unknown key "defence_pct"; did you mean "defense_pct"?`,
		"actors.Korea.gdp_usd_bn": `actors.Korea.gdp_usd_bn: unknown actor "Korea"`,
		"actors.US.warheads":      "actors.US.warheads: warheads is not modelled for US (only for DPRK)",
		"actors.ROK":              "actors.ROK: expected actors.ACTOR.KEY",
		"alliance.trust":          `alliance.trust: unknown key "trust"; did you mean "trust_pct"?`,
		"params.max_share_pct":    "params.max_share_pct: the plausible range of max_share_pct differs by actor: name one, e.g. params.ROK.max_share_pct",
		"params.ROK.rok_resolve":  "params.ROK.rok_resolve: rok_resolve is one coefficient for the whole model: write params.rok_resolve",
		"param.rok_resolve":       `param.rok_resolve: unknown table "param"; did you mean "params"?`,
	} {
		_, err := LookupSetting(key, 2025)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: error %v, want it to start %q", key, err, want)
		}
	}
}

// TestSettingEveryActorSkipsOwnWeight: params.rival_weight_CHN sets every
// actor's weight on China's spending but China's own, which stays zero.
func TestSettingEveryActorSkipsOwnWeight(t *testing.T) {
	s, err := LookupSetting("params.rival_weight_CHN", 2025)
	if err != nil {
		t.Fatal(err)
	}
	sc := &model.Scenario{Params: model.DefaultParams()}
	s.Apply(sc, 0.7)
	for a := range model.NumActors {
		want := 0.7
		if a == model.CHN {
			want = 0
		}
		if got := sc.Params.RivalOf[model.CHN][a]; got != want {
			t.Errorf("%s's weight on CHN: %v, want %v", a, got, want)
		}
	}
}
