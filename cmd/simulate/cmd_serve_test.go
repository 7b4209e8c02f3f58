package main

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"simulate/docs/classroom"
	"simulate/internal/serve"
)

func TestServeBadSession(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.toml")
	os.WriteFile(p, []byte("title = \"T\"\nbase = \"scenarios/baseline.toml\"\nroles = \"../../docs/classroom/negotiation-roles.toml\"\n[rounds]\ncount = 2\nyears = 0\n"), 0o644)
	var stdout, stderr bytes.Buffer
	err := run([]string{"serve", "-state", filepath.Join(dir, "state"), p}, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != 2 {
		t.Errorf("exit %d, want 2: %v", code, err)
	}
	// The roles file is named relative to the session file, not the
	// working directory.
	if want := p + ":3: roles: cannot read the roles file"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want %s…", err, want)
	}
	roles, err := os.ReadFile("../../docs/classroom/negotiation-roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "roles.toml"), roles, 0o644)
	os.WriteFile(p, []byte("title = \"T\"\nbase = \"scenarios/baseline.toml\"\nroles = \"roles.toml\"\n[rounds]\ncount = 2\nyears = 0\n"), 0o644)
	err = run([]string{"serve", "-state", filepath.Join(dir, "state"), p}, &stdout, &stderr)
	if want := p + ":6: rounds.years: expected the years each round covers, 1 to 50, got 0"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "state")); err == nil {
		t.Error("an invalid session wrote its state directory")
	}
	// simulate check knows a session file.
	stdout.Reset()
	if err := run([]string{"check", "../../docs/classroom/negotiation-session.toml"}, &stdout, &stderr); err != nil || stdout.String() != "ok ../../docs/classroom/negotiation-session.toml (a session file)\n" {
		t.Errorf("check: %v %q", err, stdout.String())
	}
	if err := run([]string{"check", p}, &stdout, &stderr); exitCode(err, &stderr) != 2 {
		t.Errorf("check of a bad session: %v", err)
	}
	for _, args := range [][]string{
		{"serve", "-addr", "8080"},
		{"serve", "a.toml", "b.toml"},
		{"serve", "-out", dir},
		{"serve", "-replay", "x.jsonl", "s.toml"},
	} {
		if err := run(args, &stdout, &stderr); exitCode(err, &stderr) != 2 {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if err := run([]string{"serve", "-replay", filepath.Join(dir, "none.jsonl")}, &stdout, &stderr); exitCode(err, &stderr) != 1 {
		t.Errorf("replay of no log: %v", err)
	}
}

func TestLANURLs(t *testing.T) {
	if got := lanURLs("127.0.0.1", "8080"); got != nil {
		t.Errorf("loopback: %v", got)
	}
	if got := lanURLs("192.168.1.5", "8080"); len(got) != 1 || got[0] != "http://192.168.1.5:8080" {
		t.Errorf("one address: %v", got)
	}
	for _, u := range lanURLs("0.0.0.0", "8080") {
		if strings.HasPrefix(u, "http://127.") || !strings.HasSuffix(u, ":8080") {
			t.Errorf("every address: %s", u)
		}
	}
}

// simulate serve -replay writes what the server wrote on each reveal: the
// base's 7 files, and round 1's 5 team files, round file, series, report and zip.
func TestServeReplay(t *testing.T) {
	dir := t.TempDir()
	cfg, err := serve.LoadConfigFS(classroom.Session, classroom.SessionFile)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := serve.Open(cfg, serve.Options{StateDir: filepath.Join(dir, "state")})
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"start", "close", "reveal"} {
		req := httptest.NewRequest("POST", "http://127.0.0.1/api/teacher/"+action, nil)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+srv.TeacherToken())
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, req)
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", action, w.Code, w.Body)
		}
	}
	srv.Close()
	log, out := filepath.Join(dir, "state", "session.jsonl"), filepath.Join(dir, "replay")
	var stdout, stderr bytes.Buffer
	if err := run([]string{"serve", "-replay", log, "-out", out}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if want := "replayed " + log + ": wrote 16 files under " + out + "\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	for _, name := range []string{"round-1.zip", "round-1/report.html", "round-1/rok.toml", "scenarios/baseline.toml"} {
		a, _ := os.ReadFile(filepath.Join(dir, "state", name))
		b, _ := os.ReadFile(filepath.Join(out, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the replay's differs from the server's", name)
		}
	}
}

// A damaged or edited session log is an invalid input: replaying or
// resuming it fails with exit status 2 and the first line at fault.
func TestServeDamagedLog(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ log, msg string }{
		{"garbage\n{\"seq\":2}\n", ":1: not a record of a session log"},
		{"{\"seq\":2,\"type\":\"session\"}\n", ":1: record 2 where 1 was expected"},
		// The log is read in order: the first line at fault is named.
		{"{\"seq\":1,\"type\":\"session\"}\n{\"seq\":3}\n", ":1: the first record of a session log is its session record"},
		{"{\"seq\":1,\"type\":\"join\"}\n", ":1: the first record of a session log is its session record"},
		{"{\"seq\":1,\"type\":\"session\"}\n", ":1: the first record of a session log is its session record"},
		{"\n", ": the log holds no record"},
	} {
		state := filepath.Join(dir, "state")
		os.RemoveAll(state)
		os.MkdirAll(state, 0o700)
		p := filepath.Join(state, serve.LogName)
		os.WriteFile(p, []byte(c.log), 0o600)
		var stdout, stderr bytes.Buffer
		err := run([]string{"serve", "-replay", p, "-out", filepath.Join(dir, "out")}, &stdout, &stderr)
		if code := exitCode(err, &stderr); code != 2 || err.Error() != p+c.msg {
			t.Errorf("replay of %q: exit %d %v\nwant 2 %s%s", c.log, code, err, p, c.msg)
		}
		if c.msg == ": the log holds no record" {
			continue // a server starts a session on an empty log
		}
		err = run([]string{"serve", "-addr", "127.0.0.1:0", "-state", state}, &stdout, &stderr)
		if code := exitCode(err, &stderr); code != 2 || err.Error() != p+c.msg {
			t.Errorf("resume of %q: exit %d %v\nwant 2 %s%s", c.log, code, err, p, c.msg)
		}
	}
}
