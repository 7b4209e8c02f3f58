package serve

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"simulate/internal/explore/api"
	"simulate/internal/scenario"
	"simulate/model"
)

// scoreOf returns a role's score of an indicator in a revealed round.
func scoreOf(t *testing.T, v *View, round int, role, indicator string) ScoreView {
	t.Helper()
	for _, r := range v.Results {
		if r.Round != round {
			continue
		}
		for _, s := range r.ByRole[role] {
			if s.Indicator == indicator {
				return s
			}
		}
	}
	t.Fatalf("no score of %s for %s in round %d", indicator, role, round)
	return ScoreView{}
}

// runOf runs a scenario file of the repository, for the value a round
// must reproduce.
func runOf(t *testing.T, path string) *model.Results {
	t.Helper()
	l, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestJoin(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	if r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": "ZZZZ", "name": "X", "role": "US"}); r.status != 403 {
		t.Errorf("wrong room: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": "Again", "role": "ROK"}); r.status != 409 || r.errorText() != "role ROK is taken by Team Seoul" {
		t.Errorf("role taken: %d %s", r.status, r.body)
	}
	for _, name := range []string{"", strings.Repeat("x", 41), "bell\a"} {
		if r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": name, "role": "US"}); r.status != 400 {
			t.Errorf("name %q: %d %s", name, r.status, r.body)
		}
	}
	if r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": "Moscow", "role": "RUS"}); r.status != 400 || !strings.Contains(r.errorText(), `unknown role "RUS"`) {
		t.Errorf("unknown role: %d %s", r.status, r.body)
	}
	// The room code is not case-sensitive.
	ts.want(t, 200, "POST", "/api/join", "", map[string]string{"room": strings.ToLower(ts.Room()), "name": "Team DC", "role": "US"})
	v := ts.state(t, rok)
	if v.Me.Teacher || v.Me.Role != "ROK" || v.Me.ID != "t1" || len(v.Teams) != 2 || v.Status != "lobby" || v.Round.N != 0 || v.Round.Rounds != 3 {
		t.Errorf("state: %+v", v)
	}
	if v.AvailableInjects != nil {
		t.Errorf("a team sees the available injects: %+v", v.AvailableInjects)
	}
	if got := ts.state(t, ts.TeacherToken()); !got.Me.Teacher || len(got.AvailableInjects) != 4 {
		t.Errorf("teacher's state: %+v", got.Me)
	}
	if r := ts.do(t, "GET", "/api/state", "", nil); r.status != 401 {
		t.Errorf("no token: %d", r.status)
	}
	if r := ts.do(t, "GET", "/api/state", strings.Repeat("0", 32), nil); r.status != 401 {
		t.Errorf("unknown token: %d", r.status)
	}
}

// A round: moves replace within the round, a team never sees another's
// move, an inject is fired, the round is closed and revealed, and its
// results are the run of the chain its files make.
func TestRounds(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	rok, us := ts.join(t, "Team Seoul", "ROK"), ts.join(t, "Team DC", "US")
	if r := ts.do(t, "POST", "/api/move", rok, Move{}); r.status != 409 {
		t.Errorf("a move in the lobby: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/api/teacher/start", rok, nil); r.status != 403 {
		t.Errorf("a team starts a round: %d %s", r.status, r.body)
	}
	ts.teacher(t, "start", nil)
	// A first move, then the one that replaces it.
	ts.want(t, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}}})
	var ack struct{ Seq, Round int }
	ts.want(t, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2026: 2.7, 2035: 5}}}}).json(t, &ack)
	if ack.Round != 1 {
		t.Errorf("ack %+v", ack)
	}
	ts.want(t, 200, "POST", "/api/move", us, Move{Set: []api.Setting{{Key: "alliance.us_commitment_pct", Path: map[int]float64{2025: 85, 2026: 85, 2030: 77}}}})
	// The US team sees that ROK submitted, not what.
	v := ts.state(t, us)
	if v.Me.Move == nil || v.Me.Move.Set[0].Key != "alliance.us_commitment_pct" {
		t.Errorf("US's own move: %+v", v.Me.Move)
	}
	for _, tm := range v.Teams {
		if !tm.Submitted {
			t.Errorf("team %s not submitted", tm.Name)
		}
	}
	raw := string(ts.do(t, "GET", "/api/state", us, nil).body)
	if strings.Contains(raw, "defense_pct") {
		t.Errorf("the US team's state holds ROK's move: %s", raw)
	}
	ts.teacher(t, "inject", map[string]string{"id": "rok-crisis"})
	if r := ts.do(t, "POST", "/api/teacher/inject", ts.TeacherToken(), map[string]string{"id": "rok-crisis"}); r.status != 409 {
		t.Errorf("the same inject twice: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/api/teacher/inject", ts.TeacherToken(), map[string]any{"id": "dprk-provocation", "year": 2025}); r.status != 400 || r.errorText() != "year 2025: an inject in round 1 happens in 2026 to 2040" {
		t.Errorf("an inject before the round: %d %s", r.status, r.body)
	}
	if got := ts.state(t, us).Injects; len(got) != 0 {
		t.Errorf("a team sees an inject before the reveal: %+v", got)
	}
	if got := ts.state(t, ts.TeacherToken()).Injects; len(got) != 1 || got[0].Year != 2026 || got[0].Kind != "political_crisis" || got[0].Actor != "ROK" {
		t.Errorf("the teacher's injects: %+v", got)
	}
	ts.teacher(t, "close", nil)
	if r := ts.do(t, "POST", "/api/move", rok, Move{}); r.status != 409 {
		t.Errorf("a move after the close: %d %s", r.status, r.body)
	}
	if v := ts.state(t, us); v.Status != "closed" || len(v.Results) != 0 {
		t.Errorf("results before the reveal: %+v", v.Results)
	}
	// Nor does a preview show the closed round before its reveal: it
	// runs what round 1 extends, the base.
	var preview api.Run
	ts.want(t, 200, "POST", "/api/preview", us, nil).json(t, &preview)
	if preview.Name != "scenarios/classroom/negotiation/round-1.toml" || preview.Scenario.Title != "Negotiation, round 1: opening positions" {
		t.Errorf("a preview before the reveal runs %s", preview.Name)
	}
	ts.teacher(t, "reveal", nil)
	ts.want(t, 200, "POST", "/api/preview", us, nil).json(t, &preview)
	if preview.Name != "round-1.toml" {
		t.Errorf("a preview after the reveal runs %s", preview.Name)
	}

	// The round's files are the exercise's chain, with the moves in them.
	us1, err := os.ReadFile(filepath.Join(dir, "round-1", "us.toml"))
	if err != nil {
		t.Fatal(err)
	}
	wantUS := `# Team US's move in round 1 of the session "Exercise 7: negotiating the alliance bargain", as submitted.
title = "Exercise 7: negotiating the alliance bargain, round 1: team US"
extends = "../scenarios/classroom/negotiation/round-1.toml"

[alliance]
us_commitment_pct = { 2025 = 85.0, 2026 = 85.0, 2030 = 77.0 }  # team US, round 1
`
	if string(us1) != wantUS {
		t.Errorf("round-1/us.toml:\n%s\nwant:\n%s", us1, wantUS)
	}
	// Run from the state directory with the command line's loader, the
	// round gives what the server revealed.
	res := runOf(t, filepath.Join(dir, "round-1.toml"))
	v = ts.state(t, rok)
	got := scoreOf(t, v, 1, "ROK", "deterrence_credibility")
	want, _ := res.Value("deterrence_credibility", "US-ROK", 2035)
	if got.Value != want || got.Year != 2035 || got.Target != 74 {
		t.Errorf("ROK's deterrence score %+v, the chain's run gives %v", got, want)
	}
	// Direction: more ROK spending and a higher US commitment than the
	// opening positions raise deterrence.
	opening, _ := runOf(t, "../../scenarios/classroom/negotiation/round-1.toml").Value("deterrence_credibility", "US-ROK", 2035)
	if !(got.Value > opening) {
		t.Errorf("deterrence %v with the moves, %v without", got.Value, opening)
	}
	if len(v.Results[0].Scorecard["t1"]) != 2 || len(v.Injects) != 1 {
		t.Errorf("scorecard by team %+v, injects %+v", v.Results[0].Scorecard, v.Injects)
	}
	round1 := string(must(os.ReadFile(filepath.Join(dir, "round-1.toml"))))
	if !strings.Contains(round1, "description = \"Round 1: the moves of US, ROK; injects: ROK political crisis (2026).\"\nextends = \"round-1/dprk.toml\"") || !strings.Contains(round1, "[[events]]\nyear = 2026\nkind = \"political_crisis\"\nactor = \"ROK\"\nseverity = 0.8\n") {
		t.Errorf("round-1.toml:\n%s", round1)
	}

	// The export: the chain, series.csv and the comparison report.
	r := ts.want(t, 200, "GET", "/api/teacher/export?round=1", ts.TeacherToken(), nil)
	zr, err := zip.NewReader(bytes.NewReader(r.body), int64(len(r.body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	// Then the base's chain, which round 1 extends.
	if got := strings.Join(names, " "); got != "round-1/us.toml round-1/rok.toml round-1/jpn.toml round-1/chn.toml round-1/dprk.toml round-1.toml series.csv report.html "+
		"scenarios/baseline.toml scenarios/classroom/negotiation/round-1.toml scenarios/classroom/negotiation/round-1/chn.toml scenarios/classroom/negotiation/round-1/dprk.toml "+
		"scenarios/classroom/negotiation/round-1/jpn.toml scenarios/classroom/negotiation/round-1/rok.toml scenarios/classroom/negotiation/round-1/us.toml" {
		t.Errorf("export: %s", got)
	}
	if !bytes.Equal(r.body, must(os.ReadFile(filepath.Join(dir, "round-1.zip")))) {
		t.Error("the export differs from round-1.zip in the state directory")
	}
	f, _ := zr.Open("report.html")
	page, _ := io.ReadAll(f)
	if !strings.Contains(string(page), "round-1") || !strings.Contains(string(page), "start") {
		t.Errorf("report.html does not name the two runs")
	}
	if r := ts.do(t, "GET", "/api/teacher/export?round=1", rok, nil); r.status != 403 {
		t.Errorf("a team exports: %d", r.status)
	}
	if r := ts.do(t, "GET", "/api/teacher/export?round=2", ts.TeacherToken(), nil); r.status != 404 {
		t.Errorf("an unrevealed round exported: %d", r.status)
	}

	// Round 2 extends round 1; a team that plays no move leaves its file
	// empty.
	ts.teacher(t, "start", nil)
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	us2 := string(must(os.ReadFile(filepath.Join(dir, "round-2", "us.toml"))))
	if !strings.Contains(us2, "extends = \"../round-1.toml\"\n") || strings.Contains(us2, "[alliance]") {
		t.Errorf("round-2/us.toml:\n%s", us2)
	}
	v = ts.state(t, rok)
	if s1, s2 := scoreOf(t, v, 1, "ROK", "rok_autonomy"), scoreOf(t, v, 2, "ROK", "rok_autonomy"); s1.Value != s2.Value {
		t.Errorf("a round with no moves changed autonomy: %v → %v", s1.Value, s2.Value)
	}
	ts.teacher(t, "start", nil)
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	if r := ts.do(t, "POST", "/api/teacher/start", ts.TeacherToken(), nil); r.status != 409 || r.errorText() != "round 3 of 3 was the last: end the session" {
		t.Errorf("a fourth round: %d %s", r.status, r.body)
	}
	ts.teacher(t, "end", nil)
	if r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": "Late", "role": "JPN"}); r.status != 409 {
		t.Errorf("a join after the end: %d %s", r.status, r.body)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Removing a team drops its move of the open round and frees its role;
// renaming changes only its name.
func TestRemoveAndRename(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	old := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "rename", map[string]string{"team": "t1", "name": "  Team Busan "})
	if v := ts.state(t, old); v.Me.Name != "Team Busan" || v.Teams[0].Name != "Team Busan" {
		t.Errorf("renamed: %+v", v.Me)
	}
	if r := ts.do(t, "POST", "/api/teacher/rename", ts.TeacherToken(), map[string]string{"team": "t9", "name": "X"}); r.status != 404 || r.errorText() != `no team "t9" in the session` {
		t.Errorf("rename of no team: %d %s", r.status, r.body)
	}
	ts.teacher(t, "start", nil)
	ts.want(t, 200, "POST", "/api/move", old, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(4)}}})
	ts.teacher(t, "remove", map[string]string{"team": "t1"})
	if r := ts.do(t, "POST", "/api/move", old, Move{}); r.status != 401 {
		t.Errorf("a removed team moves: %d %s", r.status, r.body)
	}
	fresh := ts.join(t, "Team Incheon", "ROK")
	if v := ts.state(t, fresh); v.Me.ID != "t2" || v.Me.Move != nil || len(v.Teams) != 1 || v.Teams[0].Submitted {
		t.Errorf("the new ROK team inherits: %+v %+v", v.Me, v.Teams)
	}
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	if rok := string(must(os.ReadFile(filepath.Join(dir, "round-1", "rok.toml")))); strings.Contains(rok, "defense_pct") {
		t.Errorf("the removed team's move is in the round:\n%s", rok)
	}
}
