package serve

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"simulate/internal/explore/api"
)

// A key that ends in ] without a [ is refused as a key the team does not
// own (it once panicked the ownership check), live and in a replayed log.
func TestMalformedKeys(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	owns := " (ROK owns actors.ROK, params.ROK, alliance.host_nation_support_krw_tn, investments from=ROK; see negotiation-roles.toml)"
	for _, key := range []string{"]", "x]", "actors.ROK]", "[]", "alliance[0]"} {
		for _, route := range []string{"/api/preview", "/api/move"} {
			r := ts.do(t, "POST", route, rok, Move{Set: []api.Setting{{Key: key, Value: value(1)}}})
			if want := "team ROK does not own " + key + owns; r.status != 403 || r.errorText() != want {
				t.Errorf("%s %q: %d %s\nwant 403 %s", route, key, r.status, r.body, want)
			}
		}
	}
	// The same key in a move record of a log: the replay says which.
	ts.want(t, 200, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}}})
	log := must(os.ReadFile(filepath.Join(dir, LogName)))
	bad := bytes.Replace(log, []byte(`"key":"actors.ROK.defense_pct"`), []byte(`"key":"x]"`), 1)
	p := filepath.Join(t.TempDir(), LogName)
	os.WriteFile(p, bad, 0o600)
	_, err := Replay(p, filepath.Join(t.TempDir(), "out"), nil)
	if want := p + ":4: record 4 (move): team ROK does not own x]" + owns; err == nil || err.Error() != want {
		t.Errorf("replay: %v\nwant %s", err, want)
	}
}

// Only a Host naming this server is served: an IP address, localhost or
// the join address's host. A rebinding site's own name is refused, so
// that its page can neither read a reply nor act.
func TestHostCheck(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{JoinBase: "http://teacher-laptop.local:8080"})
	_, port, _ := net.SplitHostPort(ts.http.Listener.Addr().String())
	for _, c := range []struct {
		host   string
		status int
	}{
		{"127.0.0.1:" + port, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST.", 200},
		{"[::1]:" + port, 200},
		{"192.168.1.5:8080", 200},
		{"teacher-laptop.local:8080", 200},
		{"attacker.example:" + port, 421},
		{"localhost.attacker.example", 421},
		{"127.0.0.1.nip.io:" + port, 421},
	} {
		for _, route := range []string{"/healthz", "/api/roles?room=" + ts.Room(), "/"} {
			req := must(http.NewRequest("GET", ts.http.URL+route, nil))
			req.Host = c.host
			resp := must(http.DefaultClient.Do(req))
			body := must(io.ReadAll(resp.Body))
			resp.Body.Close()
			if resp.StatusCode != c.status {
				t.Errorf("Host %s %s: %d %s, want %d", c.host, route, resp.StatusCode, body, c.status)
			}
			if want := `{"error":"Host \"` + c.host + `\" does not name this server: open the address simulate serve printed (an IP address, localhost or the join address's host)"}` + "\n"; c.status == 421 && string(body) != want {
				t.Errorf("Host %s: %s\nwant %s", c.host, body, want)
			}
		}
	}
	// A POST from a rebinding page: its Origin matches its Host, which is
	// refused.
	req := must(http.NewRequest("POST", ts.http.URL+"/api/join", strings.NewReader(`{"room":"`+ts.Room()+`","name":"x","role":"ROK"}`)))
	req.Host = "attacker.example:" + port
	req.Header.Set("Origin", "http://attacker.example:"+port)
	req.Header.Set("Content-Type", "application/json")
	resp := must(http.DefaultClient.Do(req))
	resp.Body.Close()
	if resp.StatusCode != 421 || len(ts.state(t, ts.TeacherToken()).Teams) != 0 {
		t.Errorf("a rebinding page joined: %d", resp.StatusCode)
	}
}

// A team's name is refused with an invisible format character (a bidi
// override shows another name); an emoji sequence is a name.
func TestNameFormatCharacters(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	for _, c := range []struct{ name, msg string }{
		{"Team \u202eluoeS", "name: invisible format character U+202E (such as a bidi override) not allowed"},
		{"Team\u2066 Seoul", "name: invisible format character U+2066 (such as a bidi override) not allowed"},
		{"Team\u200b Seoul", "name: invisible format character U+200B (such as a bidi override) not allowed"},
		{"\ufeffTeam", "name: invisible format character U+FEFF (such as a bidi override) not allowed"},
		{"Team\nSeoul", "name: control character U+000A not allowed"},
		{strings.Repeat("é", 41), "name: at most 40 characters, got 41"},
	} {
		r := ts.do(t, "POST", "/api/join", "", map[string]string{"room": ts.Room(), "name": c.name, "role": "ROK"})
		if r.status != 400 || r.errorText() != c.msg {
			t.Errorf("%q: %d %s\nwant 400 %s", c.name, r.status, r.body, c.msg)
		}
	}
	ts.join(t, "Team 👩\u200d🚀", "ROK")
	if r := ts.do(t, "POST", "/api/teacher/rename", ts.TeacherToken(), map[string]string{"team": "t1", "name": "\u202eX"}); r.status != 400 {
		t.Errorf("rename with a bidi override: %d %s", r.status, r.body)
	}
}

// One token holds a bounded number of event streams, so that one team
// cannot take the server's whole bound; a removed team's stream ends at
// the next change.
func TestStreamsPerClient(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	rok, us := ts.join(t, "Team Seoul", "ROK"), ts.join(t, "Team DC", "US")
	var streams []*http.Response
	defer func() {
		for _, r := range streams {
			r.Body.Close()
		}
	}()
	for range maxClientStreams {
		resp := must(http.Get(ts.http.URL + "/api/events?t=" + rok))
		streams = append(streams, resp)
		if resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", len(streams), resp.StatusCode)
		}
	}
	r := ts.do(t, "GET", "/api/events?t="+rok, "", nil)
	if want := "this token has 8 event streams open, the most it may: close a tab"; r.status != 503 || r.errorText() != want || r.header.Get("Retry-After") != "1" {
		t.Errorf("a ninth stream: %d %s %v", r.status, r.body, r.header)
	}
	resp := must(http.Get(ts.http.URL + "/api/events?t=" + us))
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("another team's stream: %d", resp.StatusCode)
	}
	// Each of the removed team's streams ends after the removal's event
	// (on which its page finds its token refused).
	ts.teacher(t, "remove", map[string]string{"team": "t1"})
	for i, s := range streams {
		data, err := io.ReadAll(s.Body)
		if err != nil || string(data) != "retry: 1000\n\nevent: state\ndata: {\"version\":3}\n\nevent: state\ndata: {\"version\":4}\n\n" {
			t.Errorf("stream %d of a removed team: %q %v", i, data, err)
		}
	}
}

// The http.Server drops a client that sends its request too slowly (a
// header or a body never finished), while an event stream outlives the
// read and write timeouts.
func TestSlowClients(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{ReadTimeout: 100 * time.Millisecond})
	rok := ts.join(t, "Team Seoul", "ROK")
	hs := httptest.NewUnstartedServer(nil)
	hs.Config = ts.HTTPServer()
	hs.Start()
	defer hs.Close()
	addr := hs.Listener.Addr().String()
	for _, partial := range []string{
		"GET /healthz HTTP/1.1\r\nHost: " + addr + "\r\nX-Slow: ",
		"POST /api/move HTTP/1.1\r\nHost: " + addr + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + rok + "\r\nContent-Length: 1000\r\n\r\n{\"set\":",
	} {
		conn := must(net.Dial("tcp", addr))
		io.WriteString(conn, partial)
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		data, err := io.ReadAll(conn)
		conn.Close()
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Errorf("%.20q: the server kept the connection open", partial)
		} else if strings.Contains(string(data), " 200 ") {
			t.Errorf("%.20q: served %q", partial, data)
		}
	}
	resp := must(http.Get(hs.URL + "/api/events?t=" + rok))
	defer resp.Body.Close()
	rd := bufio.NewReader(resp.Body)
	event := func() string {
		var b strings.Builder
		for {
			line, err := rd.ReadString('\n')
			if err != nil {
				t.Fatalf("the stream ended: %v", err)
			}
			if line == "\n" {
				return b.String()
			}
			b.WriteString(line)
		}
	}
	event()                 // retry
	event()                 // the version
	time.Sleep(time.Second) // past the read and the write timeout
	ts.teacher(t, "start", nil)
	if got := event(); got != "event: state\ndata: {\"version\":3}\n" {
		t.Errorf("after the read timeout: %q", got)
	}
}

// A team's moves in a round are bounded in bytes of the log; the bound
// holds across a restart, and a new round has its own.
func TestMoveBytes(t *testing.T) {
	dir := t.TempDir()
	move := Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}}}
	size := moveSize(&move)
	opt := Options{MoveBytes: 3 * size}
	ts := openTest(t, dir, bundledConfig(t), opt)
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	for range 3 {
		ts.want(t, 200, "POST", "/api/move", rok, move)
	}
	want := "team ROK has sent 0 KiB of moves in round 1, the most a team may (its last move stands): a move is kept until the round closes, so it need not be sent again"
	if r := ts.do(t, "POST", "/api/move", rok, move); r.status != 409 || r.errorText() != want {
		t.Errorf("a fourth move: %d %s\nwant 409 %s", r.status, r.body, want)
	}
	ts.stopAbruptly(t)
	b := openTest(t, dir, nil, opt)
	if r := b.do(t, "POST", "/api/move", rok, move); r.status != 409 {
		t.Errorf("a fourth move after a restart: %d %s", r.status, r.body)
	}
	b.teacher(t, "close", nil)
	b.teacher(t, "reveal", nil)
	b.teacher(t, "start", nil)
	b.want(t, 200, "POST", "/api/move", rok, move)
	// The log replays whatever its moves' bytes.
	if _, err := Replay(filepath.Join(dir, LogName), filepath.Join(t.TempDir(), "out"), nil); err != nil {
		t.Error(err)
	}
}

// A disk that is full refuses the move (500, not acknowledged), keeps it
// out of the session, and refuses everything after until a restart.
func TestDiskFull(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	var warned []string
	var mu sync.Mutex
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{Warn: func(s string) { mu.Lock(); warned = append(warned, s); mu.Unlock() }})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	before := ts.state(t, rok).Version
	ts.log.mu.Lock()
	ts.log.f.Close()
	ts.log.f = full
	ts.log.mu.Unlock()
	want := "the session log could not be written (write /dev/full: no space left on device): the server accepts nothing more; make room on the disk and start simulate serve again, which resumes the session from its log"
	r := ts.do(t, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(3)}}})
	if r.status != 500 || r.errorText() != want {
		t.Errorf("a move on a full disk: %d %s\nwant 500 %s", r.status, r.body, want)
	}
	if ts.st.seq != int(before) || ts.st.current().Moves["ROK"] != nil {
		t.Errorf("the refused move is in the session: seq %d, move %+v", ts.st.seq, ts.st.current().Moves["ROK"])
	}
	for _, route := range []string{"/api/state", "/api/teacher/close"} {
		method := "GET"
		if strings.Contains(route, "teacher") {
			method = "POST"
		}
		if r := ts.do(t, method, route, ts.TeacherToken(), nil); r.status != 500 || r.errorText() != want {
			t.Errorf("%s after the failure: %d %s", route, r.status, r.body)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(warned) != 1 || warned[0] != want {
		t.Errorf("warned %q", warned)
	}
}

// Past the bound on ensembles running or waiting, a request is told to
// retry instead of queueing; a client has one at a time.
func TestEnsembleBusy(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	body := `{"request":{"base":"scenarios/baseline.toml"},"runs":10}`
	ts.want(t, 200, "POST", "/api/model/ensemble", "", body)
	ts.queued.Add(maxEnsembles)
	r := ts.do(t, "POST", "/api/model/ensemble", "", body)
	if r.status != 503 || r.errorText() != "the server is busy with 4 ensembles: retry in a few seconds" || r.header.Get("Retry-After") != "1" {
		t.Errorf("an ensemble over the bound: %d %s %v", r.status, r.body, r.header)
	}
	ts.queued.Add(-maxEnsembles)
	// One client has one ensemble running or waiting at a time.
	ts.running.Store("addr 127.0.0.1", true)
	if r := ts.do(t, "POST", "/api/model/ensemble", "", body); r.status != 429 || r.errorText() != "one ensemble at a time: yours is still running" {
		t.Errorf("a second ensemble of one client: %d %s", r.status, r.body)
	}
	ts.running.Delete("addr 127.0.0.1")
	ts.want(t, 200, "POST", "/api/model/ensemble", "", body)
	if r := ts.do(t, "POST", "/api/model/ensemble", "", `{"request":{"base":"scenarios/baseline.toml"},"runs":10001}`); !strings.Contains(string(r.body), "an ensemble in the page has 1 to 10000 runs, got 10001") {
		t.Errorf("10,001 runs: %d %s", r.status, r.body)
	}
}

// Moves racing the round's close: every acknowledged move is logged
// before the close and the last of them is the round's; every other is
// refused with 409.
func TestMoveRacesClose(t *testing.T) {
	dir := t.TempDir()
	ts := openTest(t, dir, bundledConfig(t), Options{})
	rok := ts.join(t, "Team Seoul", "ROK")
	ts.teacher(t, "start", nil)
	type ack struct {
		Seq   int
		value float64
	}
	var mu sync.Mutex
	var acks []ack
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			v := 2.01 + float64(i)/100
			r := ts.do(t, "POST", "/api/move", rok, Move{Set: []api.Setting{{Key: "actors.ROK.defense_pct", Value: value(v)}}})
			switch r.status {
			case 200:
				var a ack
				r.json(t, &a)
				a.value = v
				mu.Lock()
				acks = append(acks, a)
				mu.Unlock()
			case 409:
			default:
				t.Errorf("move %d: %d %s", i, r.status, r.body)
			}
		})
		if i == 20 {
			wg.Go(func() { ts.teacher(t, "close", nil) })
		}
	}
	wg.Wait()
	ts.teacher(t, "reveal", nil)
	recs, _, err := readRecords(filepath.Join(dir, LogName))
	if err != nil {
		t.Fatal(err)
	}
	closed := 0
	for _, r := range recs {
		if r.Type == "close" {
			closed = r.Seq
		}
	}
	last := ack{}
	for _, a := range acks {
		if a.Seq >= closed {
			t.Errorf("move %d acknowledged after the close (%d)", a.Seq, closed)
		}
		if a.Seq > last.Seq {
			last = a
		}
	}
	text := string(must(os.ReadFile(filepath.Join(dir, "round-1", "rok.toml"))))
	if last.Seq > 0 && !strings.Contains(text, fmt.Sprintf("defense_pct = %g ", last.value)) {
		t.Errorf("the last acknowledged move (%d, %g) is not the round's:\n%s", last.Seq, last.value, text)
	}
}

// No request to the API, whatever its body, panics the server or makes it
// fail with an error that is not JSON; a team acts only for itself.
func FuzzAPI(f *testing.F) {
	ts := openTest(f, f.TempDir(), bundledConfig(f), Options{})
	rok := ts.join(f, "Team Seoul", "ROK")
	ts.teacher(f, "start", nil)
	routes := []string{"/api/move", "/api/preview", "/api/join", "/api/model/apply", "/api/model/csv", "/api/model/ensemble", "/api/teacher/inject", "/api/teacher/rename"}
	for _, body := range []string{
		`{"set":[{"key":"actors.ROK.defense_pct","value":3}]}`,
		`{"set":[{"key":"actors.ROK.defense_pct","path":{"2030":3,"2200":1e308}}]}`,
		`{"set":[{"key":"x]","value":1}]}`,
		`{"set":[{"key":"actors.ROK.defense_pct","value":1}],"set":[{"key":"actors.US.defense_pct","value":1}]}`,
		`{"set":[{"key":"actors.ROK.\"defense_pct\"\n[alliance]","value":1}]}`,
		`{"investments":[{"name":"x\"\"\"","from":"ROK","to":"US","sector":"shipbuilding","total_usd_bn":1,"start_year":2027}]}`,
		`{"events":[{"year":2027,"kind":"dprk_provocation","severity":-1e308}]}`,
		`{"room":"` + ts.Room() + `","name":"\u202eX","role":"ROK"}`,
		`{"request":{"base":"scenarios/baseline.toml","set":[{"key":"alliance.tariff_pct","value":5}]},"shown":["x"]}`,
		`{"request":{"base":"../../etc/passwd"},"runs":2}`,
		`{"id":"rok-crisis","year":-1}`,
		`{"team":"t1","name":"` + strings.Repeat("[", 50) + `"}`,
		strings.Repeat("[", 10000),
	} {
		for r := range routes {
			f.Add(uint8(r), body)
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body string) {
		path := routes[int(route)%len(routes)]
		tok := rok
		if strings.HasPrefix(path, "/api/teacher/") {
			tok = ts.TeacherToken()
		}
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Host = "127.0.0.1:8080"
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		w := httptest.NewRecorder()
		ts.Handler().ServeHTTP(w, req)
		if w.Code >= 400 {
			var e struct{ Error string }
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Errorf("%s %q: %d %q", path, body, w.Code, w.Body)
			}
		}
		if w.Code >= 500 {
			t.Errorf("%s %q: %d %s", path, body, w.Code, w.Body)
		}
		ts.mu.Lock()
		defer ts.mu.Unlock()
		for role := range ts.st.current().Moves {
			if role != "ROK" {
				t.Errorf("%s %q: a move of %s", path, body, role)
			}
		}
	})
}

// An address that sends ten wrong room codes is refused any code for a
// while, the right one too (so that guessing learns nothing); another
// address is not.
func TestRoomGuesses(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	roles := func(addr, room string) (int, string) {
		req := httptest.NewRequest("GET", "/api/roles?room="+room, nil)
		req.Host, req.RemoteAddr = "127.0.0.1:8080", addr+":5000"
		w := httptest.NewRecorder()
		ts.Handler().ServeHTTP(w, req)
		var e struct{ Error string }
		json.Unmarshal(w.Body.Bytes(), &e)
		return w.Code, e.Error
	}
	var got []int
	for i := range roomGuesses + 1 {
		code, _ := roles("192.168.1.66", fmt.Sprintf("ZZ%02d", i))
		got = append(got, code)
	}
	if want := "[403 403 403 403 403 403 403 403 403 403 429]"; fmt.Sprint(got) != want {
		t.Errorf("wrong codes: %v, want %s", got, want)
	}
	if code, msg := roles("192.168.1.66", ts.Room()); code != 429 || msg != "too many wrong room codes from this device: retry in 10 seconds with the code on the teacher's screen" {
		t.Errorf("the right code after the guesses: %d %s", code, msg)
	}
	if code, _ := roles("192.168.1.67", ts.Room()); code != 200 {
		t.Errorf("another device: %d", code)
	}
}

// fakeListener accepts the connections sent on its channel.
type fakeListener struct{ conns chan net.Conn }

func (l fakeListener) Accept() (net.Conn, error) { return <-l.conns, nil }
func (l fakeListener) Close() error              { return nil }
func (l fakeListener) Addr() net.Addr            { return &net.TCPAddr{} }

// addrConn is one end of a pipe that says it comes from addr.
type addrConn struct {
	net.Conn
	addr string
}

func (c addrConn) RemoteAddr() net.Addr { return must(net.ResolveTCPAddr("tcp", c.addr)) }

// One device holds at most maxConns connections at once (a device that
// opens thousands would use up the server's file descriptors); another
// device, or this computer, is not held back by it.
func TestConnsPerAddress(t *testing.T) {
	ts := openTest(t, t.TempDir(), bundledConfig(t), Options{})
	fl := fakeListener{make(chan net.Conn, 1)}
	ln := ts.Listener(fl)
	dial := func(addr string) net.Conn {
		server, client := net.Pipe()
		fl.conns <- addrConn{server, addr}
		client.SetReadDeadline(time.Now().Add(10 * time.Second))
		return client
	}
	var held []net.Conn
	for i := range maxConns {
		dial(fmt.Sprintf("192.168.1.66:%d", 1000+i))
		held = append(held, must(ln.Accept()))
	}
	over := dial("192.168.1.66:2000")
	go dial("192.168.1.67:1000")
	if c := must(ln.Accept()); c.RemoteAddr().String() != "192.168.1.67:1000" {
		t.Errorf("accepted %s", c.RemoteAddr())
	}
	if _, err := over.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("the connection past the bound: %v, want it closed", err)
	}
	go dial("127.0.0.1:3000")
	if c := must(ln.Accept()); c.RemoteAddr().String() != "127.0.0.1:3000" {
		t.Errorf("accepted %s", c.RemoteAddr())
	}
	held[0].Close()
	held[0].Close() // a second close frees no second place
	go dial("192.168.1.66:2001")
	if c := must(ln.Accept()); c.RemoteAddr().String() != "192.168.1.66:2001" {
		t.Errorf("after a close, accepted %s", c.RemoteAddr())
	}
	over = dial("192.168.1.66:2002")
	go dial("192.168.1.67:1001")
	ln.Accept()
	if _, err := over.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("a second connection past the bound: %v, want it closed", err)
	}
}
