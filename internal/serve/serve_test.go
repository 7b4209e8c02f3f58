package serve

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"simulate/docs/classroom"
)

// clock is a test's clock: each reading is a second after the last.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func bundledConfig(t testing.TB) *Config {
	t.Helper()
	cfg, err := LoadConfigFS(classroom.Session, classroom.SessionFile)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// testServer is a served session on a loopback listener.
type testServer struct {
	*Server
	http *httptest.Server
	dir  string
}

func openTest(t testing.TB, dir string, cfg *Config, opt Options) *testServer {
	t.Helper()
	opt.StateDir = dir
	if opt.Now == nil {
		c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		opt.Now = c.now
	}
	if opt.Rand == nil {
		opt.Rand = rand.NewChaCha8([32]byte{7})
	}
	if opt.Rate == 0 {
		opt.Rate, opt.Burst = 1000, 1000
	}
	s, err := Open(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, http: httptest.NewServer(s.Handler()), dir: dir}
	t.Cleanup(func() { ts.http.Close(); s.Close() })
	return ts
}

// stopAbruptly leaves the server as a process that stops without closing
// it would (its log open, unsynced nothing, since every record is synced
// before it is acknowledged), except that its lock file goes with it, as
// one whose process has ended is taken over: a new server may resume the
// session in its state directory.
func (ts *testServer) stopAbruptly(t testing.TB) {
	t.Helper()
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if err := ts.lock.Unlock(); err != nil {
		t.Fatal(err)
	}
	ts.lock = nil
}

// reply is a response: its status and body.
type reply struct {
	status int
	body   []byte
	header http.Header
}

func (r reply) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s: %v", r.body, err)
	}
}

func (r reply) errorText() string {
	var e struct{ Error string }
	json.Unmarshal(r.body, &e)
	return e.Error
}

// do sends a request with the token (if any) and a JSON body (if any).
func (ts *testServer) do(t testing.TB, method, path, token string, body any, header ...string) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, ts.http.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, data, resp.Header}
}

func (ts *testServer) want(t testing.TB, status int, method, path, token string, body any) reply {
	t.Helper()
	r := ts.do(t, method, path, token, body)
	if r.status != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, r.status, status, r.body)
	}
	return r
}

// join joins a team and returns its token.
func (ts *testServer) join(t testing.TB, name, role string) string {
	t.Helper()
	var out struct {
		Token string
		Team  TeamView
	}
	ts.want(t, 200, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": name, "role": role}).json(t, &out)
	if len(out.Token) != 32 || out.Team.Role != role || out.Team.Name != name {
		t.Fatalf("join %s: %+v", role, out)
	}
	return out.Token
}

func (ts *testServer) state(t testing.TB, token string) *View {
	t.Helper()
	var v View
	ts.want(t, 200, "GET", "/api/state", token, nil).json(t, &v)
	return &v
}

func (ts *testServer) teacher(t testing.TB, action string, body any) reply {
	t.Helper()
	return ts.want(t, 200, "POST", "/api/teacher/"+action, ts.TeacherToken(), body)
}

func value(x float64) *float64 { return &x }

func jsonText(v any) ([]byte, error) { return json.MarshalIndent(v, "", " ") }

// readRecords reads every record of the log at path.
func readRecords(path string) (recs []Record, torn string, err error) {
	_, torn, err = ReadLog(path, func(rec *Record) error {
		recs = append(recs, *rec)
		return nil
	})
	return recs, torn, err
}
