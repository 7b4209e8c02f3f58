package team

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"simulate/model"
)

func TestOwns(t *testing.T) {
	rok := Team{Name: "ROK", Owns: []string{"actors.ROK", "alliance.host_nation_support_krw_tn", "investments from=ROK", "events kind=dprk_provocation"}}
	for _, c := range []struct {
		key   string
		entry map[string]any
		want  bool
	}{
		{"actors.ROK.defense_pct", nil, true},
		{"actors.ROKX.defense_pct", nil, false}, // a prefix only at a dot
		{"actors.US.defense_pct", nil, false},
		{"alliance.host_nation_support_krw_tn", nil, true},
		{"alliance.us_commitment_pct", nil, false},
		{"investments[0]", map[string]any{"from": "ROK"}, true},
		{"investments[1]", map[string]any{"from": "US"}, false},
		{"events[0]", map[string]any{"kind": "dprk_provocation"}, true},
		{"events[0]", map[string]any{"kind": "trade_dispute"}, false},
		// A key a client sends ending in ] without [ is a key, not an entry.
		{"x]", nil, false},
		{"actors.ROK]", nil, false},
		{"actors.ROK.x]", nil, true},
	} {
		if got := rok.owns(c.key, c.entry); got != c.want {
			t.Errorf("owns(%s, %v) = %v, want %v", c.key, c.entry, got, c.want)
		}
	}
}

// A goal against a number and one against another indicator, scored by
// hand: 6.0 ≥ 5.4 is met, 80 ≤ 75 is missed.
func TestScorecard(t *testing.T) {
	res := &model.Results{Frame: model.Frame[float64]{Years: []int{2034, 2035}, Series: []model.Series{
		{Indicator: model.IndBurdenShare, Subject: model.SubjectAlliance},
		{Indicator: "burden_parity", Subject: model.SubjectAlliance},
		{Indicator: model.IndUSCommitment, Subject: model.SubjectAlliance},
	}, Values: []float64{5, 6.0, 5.3, 5.4, 90, 80}}}
	r := &Roles{Path: "roles.toml", Teams: []Team{{Name: "US", Goals: []Goal{
		{Indicator: model.IndBurdenShare, Subject: model.SubjectAlliance, Reference: "burden_parity"},
		{Indicator: model.IndUSCommitment, Subject: model.SubjectAlliance, AtMost: true, Target: 75},
	}}}}
	scores, err := r.Scorecard(res)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteScorecard(&b, scores, r.Path); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Scorecard in 2035 (goals from roles.toml)",
		"US    burden_share (US-ROK) at least burden_parity  6.0    5.4     met",
		"US    us_commitment (US-ROK) at most 75             80.0   75.0    missed",
		"Goals met: US 1 of 2.",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("scorecard has no line %q:\n%s", want, b.String())
		}
	}
	r.Year = 2040
	if _, err := r.Scorecard(res); err == nil || err.Error() != "roles.toml: year 2040 is outside the run's years 2034–2035" {
		t.Errorf("year outside: %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct{ text, want string }{
		"unknown.toml":  {"[[teams]]\nname = \"US\"\nfiles = [\"us.toml\"]\nown = []\n", "unknown.toml: teams.own: unknown key"},
		"noteams.toml":  {"year = 2035\n", "noteams.toml: teams: missing: a roles file lists its teams in [[teams]]"},
		"badgoal.toml":  {"[[teams]]\nname = \"US\"\nfiles = [\"us.toml\"]\n[[teams.goals]]\nindicator = \"us_commitment\"\nsubject = \"US-ROK\"\n", "badgoal.toml: teams[0].goals[0]: missing: at_least or at_most, a number or an indicator"},
		"badindic.toml": {"[[teams]]\nname = \"US\"\nfiles = [\"us.toml\"]\n[[teams.goals]]\nindicator = \"commitment\"\nat_most = 90\n", `badindic.toml: teams[0].goals[0]: unknown indicator "commitment" (simulate list shows them all)`},
		"badfiles.toml": {"[[teams]]\nname = \"US\"\nfiles = [\"round-1/us.toml\"]\n", `badfiles.toml: teams[0].files[0]: expected a file name or pattern such as "rok.toml", got "round-1/us.toml"`},
		"syntax.toml":   {"[[teams]\n", "syntax.toml:2: "},
		"missing.toml":  {"", "missing.toml: cannot read the roles file: no such file or directory"},
	} {
		path := filepath.Join(dir, name)
		if c.text != "" {
			if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Load(path)
		if err == nil || !strings.HasPrefix(strings.TrimPrefix(err.Error(), dir+string(filepath.Separator)), c.want) {
			t.Errorf("%s: error %v, want %s…", name, err, c.want)
		}
	}
}
