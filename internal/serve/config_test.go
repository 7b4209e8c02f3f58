package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBundledSession(t *testing.T) {
	cfg := bundledConfig(t)
	if cfg.Title != "Exercise 7: negotiating the alliance bargain" || cfg.Rounds != (Rounds{Count: 3, FirstYear: 2026, Years: 3}) || len(cfg.Injects) != 4 {
		t.Errorf("%+v", cfg)
	}
	if cfg.BaseName != "scenarios/classroom/negotiation/round-1.toml" || len(cfg.Files) != 7 {
		t.Errorf("base %s with %d files", cfg.BaseName, len(cfg.Files))
	}
	if first, last := cfg.Rounds.Span(3); first != 2032 || last != 2034 {
		t.Errorf("round 3 spans %d–%d", first, last)
	}
	// The session file in the repository is the one bundled.
	onDisk, err := LoadConfig("../../docs/classroom/negotiation-session.toml")
	if err != nil {
		t.Fatal(err)
	}
	if onDisk.Texts.Session != cfg.Texts.Session || onDisk.BaseName != cfg.BaseName {
		t.Errorf("the session on disk differs from the bundled one")
	}
}

func TestConfigErrors(t *testing.T) {
	roles := must(os.ReadFile("../../docs/classroom/negotiation-roles.toml"))
	head := "title = \"T\"\nbase = \"scenarios/baseline.toml\"\nroles = \"roles.toml\"\n"
	rounds := "[rounds]\ncount = 2\nyears = 5\n"
	for _, c := range []struct{ text, want string }{
		{head + rounds + "colour = 1\n", "s.toml:7: rounds.colour: unknown key (a session file has title, base, roles, [rounds] with count, first_year, years and deadline_minutes, and [[injects]] with id, label, kind, actor and severity)"},
		{head + "[rounds]\ncount = 0\nyears = 5\n", "s.toml:5: rounds.count: expected the number of rounds, 1 to 20, got 0"},
		{head + "[rounds]\ncount = 3\nyears = 10\n", "s.toml:4: rounds: the 3 rounds of 10 years from 2026 end in 2055; they must lie after the base's start year 2025 and within its horizon, which ends in 2040"},
		{"title = \"T\"\nbase = \"scenarios/nope.toml\"\nroles = \"roles.toml\"\n" + rounds, "s.toml:2: base: no file " + filepath.Join("DIR", "scenarios", "nope.toml") + " and no bundled scenario scenarios/nope.toml (simulate list -scenarios shows them)"},
		{"title = \"T\"\nbase = \"scenarios/baseline.toml\"\nroles = \"none.toml\"\n" + rounds, "s.toml:3: roles: cannot read the roles file \"none.toml\" (named relative to the session file): no such file or directory"},
		{head + rounds + "[[injects]]\nid = \"a b\"\nlabel = \"x\"\nkind = \"dprk_provocation\"\nseverity = 0.5\n", `s.toml:8: injects[0].id: expected an id of letters, digits, '-' and '_' (1 to 40), e.g. "rok-crisis", got "a b"`},
		{head + rounds + "[[injects]]\nid = \"c\"\nlabel = \"Crisis\"\nkind = \"political_crisis\"\nseverity = 0.5\n", `s.toml:7: injects[0]: missing key "actor": a political_crisis happens in one actor (one of US, ROK, DPRK, CHN, JPN)`},
		{head + rounds + "[[injects]]\nid = \"c\"\nlabel = \"Crisis\"\nkind = \"dprk_provocation\"\nseverity = 7\n", "s.toml:11: injects[0].severity: 7 is out of range: expected 0 to 1"},
		{head + "[rounds\n", `s.toml:4: expected '.' or ']' to end table name, but got '\n' instead`},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "roles.toml"), roles, 0o644)
		p := filepath.Join(dir, "s.toml")
		os.WriteFile(p, []byte(c.text), 0o644)
		_, err := LoadConfig(p)
		want := strings.ReplaceAll(strings.ReplaceAll(c.want, "DIR", dir), "s.toml:", p+":")
		if err == nil || err.Error() != want {
			t.Errorf("%s\ngot  %v\nwant %s", c.text, err, want)
		}
	}
}
