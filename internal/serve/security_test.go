package serve

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"simulate/internal/explore/api"
)

// A team can set only what its role owns: the server refuses the rest
// with 403 naming the key, whatever the page shows.
func TestForgedKeys(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	owns := "(ROK owns actors.ROK, params.ROK, alliance.host_nation_support_krw_tn, investments from=ROK; see negotiation-roles.toml)"
	for _, c := range []struct {
		move Move
		msg  string
	}{
		{Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}, {Key: "actors.US.defense_pct", Value: value(1)}}},
			"team ROK does not own actors.US.defense_pct " + owns},
		{Move{Set: []api.Setting{{Key: "alliance.us_commitment_pct", Value: value(100)}}},
			"team ROK does not own alliance.us_commitment_pct " + owns},
		{Move{Events: []api.Event{{Year: 2027, Kind: "trade_dispute", Severity: 0.5}}},
			`team ROK does not own [[events]] of kind "trade_dispute" ` + owns},
		{Move{Investments: []api.Investment{{Name: "x", From: "US", To: "ROK", Sector: "shipbuilding", TotalUSD: 10, StartYear: 2027}}},
			`team ROK does not own [[investments]] from "US" ` + owns},
	} {
		for _, route := range []string{"/api/move", "/api/preview"} {
			r := ts.do(t, "POST", route, rok, c.move)
			if r.status != http.StatusForbidden || r.errorText() != c.msg {
				t.Errorf("%s %+v: %d %s\nwant 403 %s", route, c.move, r.status, r.body, c.msg)
			}
		}
	}
	if v := ts.state(t, rok); v.Me.Move != nil {
		t.Errorf("a refused move was kept: %+v", v.Me.Move)
	}
	// A value the loader refuses is a 400 with the loader's message.
	r := ts.do(t, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(500)}}})
	if r.status != 400 || !strings.HasPrefix(r.errorText(), "round-1/rok.toml:") || !strings.Contains(r.errorText(), "actors.ROK.defense_pct") {
		t.Errorf("an out-of-range value: %d %s", r.status, r.body)
	}
	r = ts.do(t, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct"}}})
	if r.status != 400 || r.errorText() != "actors.ROK.defense_pct: give a value or a path of year = value points" {
		t.Errorf("a setting without a value: %d %s", r.status, r.body)
	}
	// An owned move is previewed without being stored.
	var run api.Run
	ts.want(t, 200, "POST", "/api/preview", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(4)}}}).json(t, &run)
	if run.Error != "" || len(run.Values) == 0 || run.Scenario != nil {
		t.Errorf("preview: %+v", run.Error)
	}
	ts.want(t, 200, "POST", "/api/preview", rok, nil).json(t, &run)
	if run.Scenario == nil || run.Scenario.Inputs["actors.ROK.defense_pct"].Path == nil {
		t.Errorf("an empty preview has no scenario view: %+v", run.Error)
	}
	if v := ts.state(t, rok); v.Me.Move != nil || v.Version != 3 {
		t.Errorf("a preview changed the session: version %d, move %+v", v.Version, v.Me.Move)
	}
	// The teacher's token plays no team.
	if r := ts.do(t, "POST", "/api/move", ts.TeacherToken(), Move{}); r.status != 403 {
		t.Errorf("the teacher moves: %d", r.status)
	}
}

func TestRequestChecks(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	move := `{"set":[{"key":"actors.ROK.defense_pct","value":3}]}`
	for _, c := range []struct {
		name   string
		header []string
		body   string
		status int
		msg    string
	}{
		{"cross-site", []string{"Origin", "http://evil.example"}, move, 403,
			"cross-site request refused: Origin http://evil.example is not this server (http://" + ts.http.Listener.Addr().String() + ")"},
		{"same site", []string{"Origin", "http://" + ts.http.Listener.Addr().String()}, move, 200, ""},
		{"a form", []string{"Content-Type", "application/x-www-form-urlencoded"}, move, 415, "expected Content-Type: application/json"},
		{"too large", nil, `{"set":[{"key":"actors.ROK.defense_pct","value":3,"note":"` + strings.Repeat("x", 70_000) + `"}]}`, 413,
			"the request body is larger than 64 KiB"},
		{"unknown field", nil, `{"set":[],"sets":[]}`, 400, `invalid JSON body: json: unknown field "sets"`},
		{"two values", nil, `{} {}`, 400, "invalid JSON body: more than one value"},
		{"not JSON", nil, `set=1`, 400, "invalid JSON body: invalid character 's' looking for beginning of value"},
	} {
		r := ts.do(t, "POST", "/api/move", rok, c.body, c.header...)
		if r.status != c.status || r.errorText() != c.msg {
			t.Errorf("%s: %d %s\nwant %d %q", c.name, r.status, r.body, c.status, c.msg)
		}
	}
	if r := ts.do(t, "POST", "/api/teacher/close", rok, nil); r.status != 403 || r.errorText() != "only the teacher may close" {
		t.Errorf("a team closes: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/api/teacher/close", "", nil); r.status != 401 {
		t.Errorf("no token: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "POST", "/api/teacher/close", ts.TeacherToken(), nil, "Origin", "http://evil.example"); r.status != 403 {
		t.Errorf("a cross-site teacher action: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/api/roles?room="+ts.Room(), "", nil); r.status != 200 || string(r.body) != `{"title":"Exercise 7: negotiating the alliance bargain","roles":[{"role":"US","free":true},{"role":"ROK","free":false},{"role":"JPN","free":true},{"role":"CHN","free":true},{"role":"DPRK","free":true}]}`+"\n" {
		t.Errorf("roles: %d %s", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/api/roles?room=XXXX", "", nil); r.status != 403 {
		t.Errorf("roles of a wrong room: %d", r.status)
	}
}

// A team's name is data: it never names a file.
func TestNamesAreData(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	ts.join(t, "../../escape", "DPRK")
	ts.teacher(t, "start", nil)
	ts.teacher(t, "close", nil)
	ts.teacher(t, "reveal", nil)
	var files []string
	filepath.WalkDir(filepath.Dir(dir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.Contains(p, "escape") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) > 0 {
		t.Errorf("a team's name became a file: %v", files)
	}
}

func TestRateLimit(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{Rate: 0.001, Burst: 3})
	var statuses []int
	for range 5 {
		statuses = append(statuses, ts.do(t, "GET", "/api/roles?room="+ts.Room(), "", nil).status)
	}
	if got := fmt.Sprint(statuses); got != "[200 200 200 429 429]" {
		t.Errorf("statuses %s, want three 200 then 429", got)
	}
	r := ts.do(t, "GET", "/api/roles?room="+ts.Room(), "", nil)
	if r.header.Get("Retry-After") != "1" || !strings.HasPrefix(r.errorText(), "too many requests") {
		t.Errorf("429 without Retry-After: %v %s", r.header, r.body)
	}
}

// The event stream sends the version on connecting and after a change,
// and the number of streams is bounded.
func TestEvents(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{MaxStreams: 1})
	rok := ts.join(t, "Team Seoul", "ROK")
	if r := ts.do(t, "GET", "/api/events?t=nope", "", nil); r.status != 401 {
		t.Errorf("a stream with a wrong token: %d", r.status)
	}
	resp, err := http.Get(ts.http.URL + "/api/events?t=" + rok)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	rd := bufio.NewReader(resp.Body)
	readEvent := func() string {
		var lines []string
		for {
			line, err := rd.ReadString('\n')
			if err != nil {
				t.Fatal(err)
			}
			if line == "\n" {
				return strings.Join(lines, "")
			}
			lines = append(lines, line)
		}
	}
	if got := readEvent(); got != "retry: 1000\n" {
		t.Errorf("first field %q", got)
	}
	if got := readEvent(); got != "event: state\ndata: {\"version\":2}\n" {
		t.Errorf("first event %q", got)
	}
	if r := ts.do(t, "GET", "/api/events?t="+ts.TeacherToken(), "", nil); r.status != http.StatusServiceUnavailable {
		t.Errorf("a second stream over the bound: %d %s", r.status, r.body)
	}
	ts.teacher(t, "start", nil)
	if got := readEvent(); got != "event: state\ndata: {\"version\":3}\n" {
		t.Errorf("event after start %q", got)
	}
}
