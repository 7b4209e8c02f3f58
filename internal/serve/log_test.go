package serve

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"simulate/internal/explore/api"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

// playRounds plays two rounds with moves, an inject, a rename and a
// removal, leaving round 3 open with one move in it.
func playRounds(t *testing.T, ts *testServer) (rok, us, dprk string) {
	t.Helper()
	rok, us = ts.join(t, "Team Seoul", "ROK"), ts.join(t, "Team DC", "US")
	dprk = ts.join(t, "Team Pyongyang", "DPRK")
	ts.teacher(t, "start", nil)
	ts.want(t, 200, "POST", "/api/move", rok, Move{
		Set:         []api.Setting{{Key: "actors.ROK.defense_pct", Path: map[int]float64{2025: 2.6, 2026: 2.7, 2035: 4}}},
		Investments: []api.Investment{{Name: "Strategic investment", From: "ROK", To: "US", Sector: "semiconductors", TotalUSD: 200, StartYear: 2027, EndYear: 2035}},
	})
	ts.want(t, 200, "POST", "/api/move", dprk, Move{Events: []api.Event{{Year: 2027, Kind: "dprk_provocation", Severity: 0.4}}})
	ts.teacher(t, "inject", map[string]string{"id": "rok-crisis"})
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	ts.teacher(t, "rename", map[string]string{"team": "t3", "name": "Team North"})
	ts.teacher(t, "start", nil)
	ts.want(t, 200, "POST", "/api/move", us, Move{Set: []api.Setting{{Key: "alliance.us_commitment_pct", Path: map[int]float64{2029: 70, 2032: 77}}}})
	ts.teacher(t, "inject", map[string]any{"id": "taiwan-crisis", "year": 2030})
	ts.teacher(t, "remove", map[string]string{"team": "t3"})
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	ts.teacher(t, "start", nil)
	ts.want(t, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3.8)}}})
	return rok, us, dprk
}

// A server stopped abruptly (here: never closed) is resumed from its log
// by a new server on the same state directory: same room, tokens, round
// and moves.
func TestResume(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, bundledConfig(t), Options{})
	rok, us, dprk := playRounds(t, a)
	before := a.state(t, rok)

	a.stopAbruptly(t)
	b := openTest(t, dir, nil, Options{})
	if b.Room() != a.Room() || b.TeacherToken() != a.TeacherToken() {
		t.Fatalf("room %s token %s, was %s %s", b.Room(), b.TeacherToken(), a.Room(), a.TeacherToken())
	}
	after := b.state(t, rok)
	after.JoinURL, before.JoinURL = "", "" // the listeners' addresses differ
	if got, want := string(must(jsonText(after))), string(must(jsonText(before))); got != want {
		t.Errorf("resumed state differs:\n%s\nwas\n%s", got, want)
	}
	if after.Status != "open" || after.Round.N != 3 || after.Me.Move == nil || *after.Me.Move.Set[0].Value != 3.8 {
		t.Errorf("resumed: %s round %d move %+v", after.Status, after.Round.N, after.Me.Move)
	}
	// The session goes on with the same tokens.
	ts := b
	ts.want(t, 200, "POST", "/api/move", us, Move{})
	ts.teacher(t, "close", nil)
	if v := ts.state(t, us); v.Status != "closed" || v.Version != before.Version+2 {
		t.Errorf("after resuming: %s version %d", v.Status, v.Version)
	}
	// A removed team's token stays dead, and its role is free.
	if r := ts.do(t, "GET", "/api/state", dprk, nil); r.status != 401 {
		t.Errorf("a removed team's token: %d %s", r.status, r.body)
	}
	ts.join(t, "Team North Again", "DPRK")
}

// A last line torn by a crash mid-write is reported and dropped; the log
// goes on after the last whole record.
func TestTornLog(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, bundledConfig(t), Options{})
	rok := a.join(t, "Team Seoul", "ROK")
	a.teacher(t, "start", nil)
	logPath := filepath.Join(dir, LogName)
	whole := must(os.ReadFile(logPath))
	f := must(os.OpenFile(logPath, os.O_APPEND|os.O_WRONLY, 0))
	f.WriteString(`{"seq":4,"time":"2026-03-02T09:00:09Z","type":"mo`)
	f.Close()

	var warnings []string
	a.stopAbruptly(t)
	b := openTest(t, dir, nil, Options{Warn: func(w string) { warnings = append(warnings, w) }})
	if want := logPath + ":4: the last line is not a whole record (49 bytes; the server stopped while writing it): ignored"; !slices.Equal(warnings, []string{want}) {
		t.Errorf("warnings %q, want %q", warnings, want)
	}
	if v := b.state(t, rok); v.Version != 3 || v.Status != "open" {
		t.Errorf("state after the torn line: version %d %s", v.Version, v.Status)
	}
	b.want(t, 200, "POST", "/api/move", rok, Move{})
	recs, torn, err := readRecords(logPath)
	if err != nil || torn != "" || len(recs) != 4 || recs[3].Type != "move" {
		t.Fatalf("the log after the torn line: %d records, torn %q, %v", len(recs), torn, err)
	}
	if got := must(os.ReadFile(logPath)); !bytes.HasPrefix(got, whole) {
		t.Error("the whole records were changed")
	}
	// A broken line before the last is not a crash's: it is an error.
	data := must(os.ReadFile(logPath))
	broken := bytes.Replace(data, []byte(`"type":"join"`), []byte(`"type":"join`), 1)
	os.WriteFile(logPath, broken, 0o600)
	b.stopAbruptly(t)
	if _, err := Open(nil, Options{StateDir: dir}); err == nil || err.Error() != logPath+":2: not a record of a session log" {
		t.Errorf("a broken record inside the log: %v", err)
	}
	// A record out of its place is an error too, named by its line.
	lines := bytes.SplitAfter(data, []byte("\n"))
	os.WriteFile(logPath, bytes.Join(append([][]byte{lines[0], lines[1]}, lines[1:]...), nil), 0o600)
	if _, err := Open(nil, Options{StateDir: dir}); err == nil || err.Error() != logPath+":3: record 2 where 3 was expected" {
		t.Errorf("a record repeated: %v", err)
	}
}

// Replaying a log offline writes byte for byte the files the live server
// wrote: the base, and every revealed round's chain, series, report and
// export.
func TestReplay(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	playRounds(t, ts)
	out := t.TempDir()
	names, err := Replay(filepath.Join(dir, LogName), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	live, err := output.ListFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	live = slices.DeleteFunc(live, func(n string) bool { return n == LogName || n == LockName })
	if !slices.Equal(names, live) {
		t.Fatalf("replay wrote %v\nthe server %v", names, live)
	}
	for _, want := range []string{"round-2.zip", "round-2/report.html", "round-2/series.csv", "round-2/us.toml", "round-2.toml"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s", want)
		}
	}
	if slices.Contains(names, "round-3.toml") {
		t.Error("the open round 3 was exported")
	}
	for _, n := range names {
		if !bytes.Equal(must(os.ReadFile(filepath.Join(dir, n))), must(os.ReadFile(filepath.Join(out, n)))) {
			t.Errorf("%s differs between the live server and the replay", n)
		}
	}
	zipped := ts.want(t, 200, "GET", "/api/teacher/export?round=2", ts.TeacherToken(), nil).body
	if !bytes.Equal(zipped, must(os.ReadFile(filepath.Join(out, "round-2.zip")))) {
		t.Error("the replayed round-2.zip differs from the live export")
	}
	// Unzipped alone, round 2's export runs: it holds round 1's files and
	// the base's, which its chain extends, and gives the round's series.
	unzipped := runUnzipped(t, zipped, "round-2.toml")
	for _, want := range []string{"round-1.toml", "round-1/dprk.toml", "scenarios/classroom/negotiation/round-1.toml", "scenarios/baseline.toml"} {
		if _, err := os.Stat(filepath.Join(unzipped, filepath.FromSlash(want))); err != nil {
			t.Errorf("the export of round 2 has no %s", want)
		}
	}
	// The inject of round 2 is in its file, in the year the teacher chose.
	if r2 := string(must(os.ReadFile(filepath.Join(out, "round-2.toml")))); !strings.Contains(r2, "year = 2030\nkind = \"taiwan_strait_crisis\"") {
		t.Errorf("round-2.toml:\n%s", r2)
	}
}

// runUnzipped unzips a round's export into a new directory, runs its
// round file from there alone, and checks that the run gives the export's
// series.csv; it returns the directory.
func runUnzipped(t *testing.T, zipped []byte, round string) string {
	t.Helper()
	unzipped := t.TempDir()
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(unzipped, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := scenario.Load(filepath.Join(unzipped, round))
	if err != nil {
		t.Fatalf("the unzipped %s does not load: %v", round, err)
	}
	for _, f := range l.Files {
		if f.Bundled {
			t.Errorf("the unzipped %s read %s from the program's bundle, not from the export", round, f.Path)
		}
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	csv, err := output.Encode("series.csv", func(w io.Writer) error { return output.WriteSeriesCSV(w, res) })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(csv.Data, must(os.ReadFile(filepath.Join(unzipped, "series.csv")))) {
		t.Errorf("the unzipped %s runs to other series than the export's series.csv", round)
	}
	return unzipped
}

// A base on disk may extend a bundled scenario by its name, with no copy
// of it on disk: the session takes the text the loader read, its log
// holds it, and the export runs alone from its folder, the bundled file
// included; a replay writes the same files.
func TestBaseExtendsBundled(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "roles.toml"), must(os.ReadFile("../../docs/classroom/negotiation-roles.toml")), 0o644)
	os.WriteFile(filepath.Join(dir, "mine.toml"), []byte("title = \"Mine\"\nextends = \"baseline.toml\"\n\n[actors.ROK]\ndefense_pct = 3.1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "s.toml"), []byte("title = \"Mine\"\nbase = \"mine.toml\"\nroles = \"roles.toml\"\n[rounds]\ncount = 2\nyears = 5\n"), 0o644)
	cfg, err := LoadConfig(filepath.Join(dir, "s.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(cfg.Files)); cfg.BaseName != "files/mine.toml" || !slices.Equal(got, []string{"files/baseline.toml", "files/mine.toml"}) {
		t.Fatalf("the base %s, its chain %v; want files/mine.toml and files/baseline.toml", cfg.BaseName, got)
	}
	state := filepath.Join(dir, "state")
	ts := openTest(t, state, cfg, Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	ts.want(t, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3.4)}}})
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	zipped := ts.want(t, 200, "GET", "/api/teacher/export?round=1", ts.TeacherToken(), nil).body
	unzipped := runUnzipped(t, zipped, "round-1.toml")
	if got := string(must(os.ReadFile(filepath.Join(unzipped, "files", "baseline.toml")))); got != cfg.Files["files/baseline.toml"] {
		t.Error("the export's files/baseline.toml is not the bundled text the session read")
	}
	out := t.TempDir()
	names, err := Replay(filepath.Join(state, LogName), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !bytes.Equal(must(os.ReadFile(filepath.Join(state, n))), must(os.ReadFile(filepath.Join(out, n)))) {
			t.Errorf("%s differs between the live server and the replay", n)
		}
	}
}

// A round with a deadline closes by itself when it passes.
func TestDeadline(t *testing.T) {
	dir := t.TempDir()
	roles := must(os.ReadFile("../../docs/classroom/negotiation-roles.toml"))
	os.WriteFile(filepath.Join(dir, "roles.toml"), roles, 0o644)
	os.WriteFile(filepath.Join(dir, "s.toml"), []byte(`title = "Timed"
base = "scenarios/baseline.toml"
roles = "roles.toml"
[rounds]
count = 2
years = 5
deadline_minutes = 10
`), 0o644)
	cfg, err := LoadConfig(filepath.Join(dir, "s.toml"))
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	ts := openTest(t, filepath.Join(dir, "state"), cfg, Options{Now: c.now})
	ts.teacher(t, "start", nil)
	v := ts.state(t, ts.TeacherToken())
	if v.Round.Deadline != "2026-03-02T09:10:02Z" || v.Round.FirstYear != 2026 || v.Round.LastYear != 2030 {
		t.Errorf("round %+v", v.Round)
	}
	c.mu.Lock()
	c.t = c.t.Add(10 * time.Minute)
	c.mu.Unlock()
	for range 100 {
		if v = ts.state(t, ts.TeacherToken()); v.Status == "closed" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if v.Status != "closed" {
		t.Fatalf("the deadline did not close the round: %s", v.Status)
	}
	recs, _, _ := readRecords(filepath.Join(dir, "state", LogName))
	if last := recs[len(recs)-1]; last.Type != "close" || last.By != "deadline" {
		t.Errorf("last record %+v", last)
	}
}

// No log, however damaged or edited, makes a replay panic or hang.
func FuzzReplay(f *testing.F) {
	dir := f.TempDir()
	ts := openTest(f, dir, bundledConfig(f), Options{})
	rok := ts.join(f, "Team Seoul", "ROK")
	ts.teacher(f, "start", nil)
	ts.want(f, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}}})
	ts.teacher(f, "inject", map[string]string{"id": "rok-crisis"})
	ts.teacher(f, "close", nil)
	ts.teacher(f, "rename", map[string]string{"team": "t1", "name": "Seoul"})
	ts.teacher(f, "remove", map[string]string{"team": "t1"})
	ts.teacher(f, "end", nil)
	log := must(os.ReadFile(filepath.Join(dir, LogName)))
	f.Add(log)
	lines := bytes.SplitAfter(log, []byte("\n"))
	f.Add(bytes.Join(append(lines[:1:1], []byte(`{"seq":2,"type":"move","team":"t1","round":1}`+"\n")), nil))
	f.Add(bytes.Join(append(lines[:1:1], []byte(`{"seq":2,"type":"inject","inject":"rok-crisis","year":99999}`+"\n")), nil))
	f.Add([]byte(`{"seq":1,"type":"session"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := t.TempDir()
		p := filepath.Join(d, LogName)
		os.WriteFile(p, data, 0o600)
		Replay(p, filepath.Join(d, "out"), func(string) {})
	})
}

// The names of the base's files in a log are written under the state
// directory: one that would leave it is refused.
func TestLogFileNames(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir, bundledConfig(t), Options{})
	log := must(os.ReadFile(filepath.Join(dir, LogName)))
	bad := bytes.Replace(log, []byte(`"scenarios/baseline.toml":`), []byte(`"scenarios/../../../escape.toml":`), 1)
	if bytes.Equal(bad, log) {
		t.Fatal("no baseline in the log's session record")
	}
	p := filepath.Join(t.TempDir(), "state", LogName)
	os.MkdirAll(filepath.Dir(p), 0o700)
	os.WriteFile(p, bad, 0o600)
	out := filepath.Join(filepath.Dir(p), "out")
	_, err := Replay(p, out, nil)
	want := p + `: negotiation-session.toml:13: base: a file of the base's chain is named "scenarios/../../../escape.toml": expected a path under scenarios/ or files/ ending in .toml`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(p), "..", "escape.toml")); err == nil {
		t.Error("a file was written outside the directory")
	}
}

// readLine returns lines of up to max bytes, with or without a last
// newline, and refuses a longer one, with or without its newline,
// whatever the reader's buffer size.
func TestReadLine(t *testing.T) {
	const max = 20 // bufio's smallest buffer is 16 bytes: lines span buffers
	line := strings.Repeat("x", max)
	type got struct {
		line  string
		whole bool
		err   error
	}
	for _, c := range []struct {
		in   string
		want []got
	}{
		{"a\n\nb", []got{{"a", true, nil}, {"", true, nil}, {"b", false, nil}, {"", false, io.EOF}}},
		{line + "\n" + line, []got{{line, true, nil}, {line, false, nil}, {"", false, io.EOF}}},
		{line + "y\n", []got{{"", false, errLongLine}}},
		{line + "y", []got{{"", false, errLongLine}}},
		{"", []got{{"", false, io.EOF}}},
	} {
		r := bufio.NewReaderSize(strings.NewReader(c.in), 16)
		for i, want := range c.want {
			l, whole, err := readLine(r, max)
			if string(l) != want.line || whole != want.whole || err != want.err {
				t.Errorf("%q: line %d = %q, %v, %v; want %q, %v, %v", c.in, i+1, l, whole, err, want.line, want.whole, want.err)
			}
		}
	}
}

// A log of one line longer than any record is refused, naming the line;
// a broken last line followed by blank lines is torn, not an error.
func TestReadLogBounds(t *testing.T) {
	dir := t.TempDir()
	const max = 100
	long := filepath.Join(dir, "long.jsonl")
	os.WriteFile(long, []byte(strings.Repeat("x", max+1)+"\n"), 0o600)
	_, _, err := readLog(long, max, func(*Record) error { return nil })
	if want := long + ":1: a line longer than 100 bytes: not a record of a session log"; err == nil || err.Error() != want {
		t.Errorf("a line too long: %v\nwant %s", err, want)
	}
	torn := filepath.Join(dir, "torn.jsonl")
	os.WriteFile(torn, []byte("{\"seq\":1,\"type\":\"sess\n \n\n"), 0o600)
	good, msg, err := readLog(torn, max, func(*Record) error { return nil })
	if want := torn + ":1: the last line is not a whole record (25 bytes; the server stopped while writing it): ignored"; err != nil || good != 0 || msg != want {
		t.Errorf("a torn line and blank lines: good %d, torn %q, %v; want 0, %q", good, msg, err, want)
	}
}
