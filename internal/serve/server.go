package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"simulate/internal/explore"
	"simulate/internal/explore/api"
	"simulate/internal/output"
)

// Options configure a server.
type Options struct {
	// StateDir holds the session log and the exports of revealed rounds.
	StateDir string
	// JoinBase is the address students reach the server at, such as
	// http://192.168.1.5:8080; "" for the address each request was sent to.
	JoinBase string
	// Now and Rand are the clock and the source of tokens and the room
	// code (default: the system's); a resumed session takes both from its
	// log.
	Now  func() time.Time
	Rand io.Reader
	// Rate and Burst bound each client's requests: Rate a second on
	// average, Burst at once (default 20 and 40).
	Rate  float64
	Burst int
	// MaxStreams bounds the open event streams (default 256).
	MaxStreams int
	// Ping is the interval of the event stream's keep-alive comment
	// (default 15 s).
	Ping time.Duration
	// Warn is told of what the server recovered from (a torn log line, an
	// export it could not write); default: ignored.
	Warn func(string)
}

// Limits of the HTTP interface.
const (
	maxBody     = 64 << 10
	maxName     = 40
	roomLetters = "ACDEFGHJKLMNPQRTUVWXY34679" // no 0/O, 1/I/L, 2/Z, 5/S, 8/B
	roomLength  = 4
)

// Server is a served session.
type Server struct {
	opt     Options
	mu      sync.Mutex
	st      *state
	log     *Log
	pages   map[string][]byte
	page    *explore.Page
	explore *api.Session
	limits  *limiter
	hub     *hub
	mux     *http.ServeMux
	stop    chan struct{}
	stopped sync.Once
	heavy   chan struct{} // one ensemble at a time
	// version is the seq of the last record on disk, which the event
	// streams announce.
	version atomic.Int64
	resumed bool
}

// Open starts the session of cfg in opt.StateDir, or resumes the one whose
// log is there (cfg may then be nil; the log's copy of the session is
// used). It writes the base's files beside the log, so that the exported
// rounds run from the state directory with simulate.
func Open(cfg *Config, opt Options) (*Server, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Rand == nil {
		opt.Rand = rand.Reader
	}
	if opt.Rate == 0 {
		opt.Rate, opt.Burst = 20, 40
	}
	if opt.MaxStreams == 0 {
		opt.MaxStreams = 256
	}
	if opt.Ping == 0 {
		opt.Ping = 15 * time.Second
	}
	if opt.Warn == nil {
		opt.Warn = func(string) {}
	}
	logPath := filepath.Join(opt.StateDir, LogName)
	var recs []Record
	var good int64
	if _, err := os.Stat(logPath); err == nil {
		var torn string
		if recs, good, torn, err = ReadLog(logPath); err != nil {
			return nil, err
		}
		if torn != "" {
			opt.Warn(torn)
		}
	}
	s := &Server{opt: opt, stop: make(chan struct{}), heavy: make(chan struct{}, 1)}
	var err error
	var first *Record // the session record of a new session
	if len(recs) > 0 {
		if s.st, err = newState(&recs[0]); err != nil {
			return nil, fmt.Errorf("%s: %w", logPath, err)
		}
		if err := s.st.replay(recs[1:]); err != nil {
			return nil, fmt.Errorf("%s: %w", logPath, err)
		}
		s.resumed = true
		if cfg != nil && (cfg.Texts.Session != s.st.cfg.Texts.Session || cfg.Texts.Roles != s.st.cfg.Texts.Roles) {
			opt.Warn(fmt.Sprintf("%s differs from the copy in %s; the session resumes with the log's copy", cfg.Path, logPath))
		}
	} else {
		if cfg == nil {
			return nil, fmt.Errorf("%s: %w", logPath, errNoLog)
		}
		first = &Record{Seq: 1, Time: opt.Now().UTC(), Type: "session", Session: &cfg.Texts}
		if first.Room, err = roomCode(opt.Rand); err != nil {
			return nil, err
		}
		if first.Token, err = token(opt.Rand); err != nil {
			return nil, err
		}
		if s.st, err = newState(first); err != nil {
			return nil, err
		}
	}
	if err := s.initWeb(); err != nil {
		return nil, err
	}
	if s.log, err = OpenLog(logPath, good); err != nil {
		return nil, err
	}
	if first != nil {
		if err := s.log.Append(first); err != nil {
			s.log.Close()
			return nil, err
		}
	}
	if err := writeExport(opt.StateDir, baseFiles(s.st.cfg)); err != nil {
		opt.Warn("cannot write the base's files: " + err.Error())
	}
	s.st.written = func(files []output.File) {
		if err := writeExport(opt.StateDir, files); err != nil {
			opt.Warn("cannot write the export: " + err.Error())
		}
	}
	s.version.Store(int64(s.st.seq))
	s.limits = newLimiter(opt.Rate, opt.Burst)
	s.hub = newHub(opt.MaxStreams)
	s.routes()
	go s.deadlines()
	return s, nil
}

// Resumed describes a session resumed from its log ("" for a new one):
// its records, its status and its round.
func (s *Server) Resumed() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.resumed {
		return ""
	}
	return fmt.Sprintf("resumed from its log (%d records, begun %s): %s", s.st.seq, s.st.began.Local().Format("2006-01-02 15:04"), s.st.statusText())
}

// Ended reports whether the teacher has ended the session.
func (s *Server) Ended() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.status == statusEnded
}

// Room returns the room code; TeacherToken the teacher's token.
func (s *Server) Room() string         { return s.st.room }
func (s *Server) TeacherToken() string { return s.st.teacher }

// Close stops the server's streams and closes its log.
func (s *Server) Close() error {
	s.stopped.Do(func() { close(s.stop) })
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.Close()
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.mux }

func baseFiles(cfg *Config) []output.File {
	var out []output.File
	for name, text := range cfg.Files {
		out = append(out, output.File{Name: name, Data: []byte(text)})
	}
	return out
}

// writeExport writes files under dir, each whole or not at all.
func writeExport(dir string, files []output.File) error {
	for _, f := range files {
		if !fs.ValidPath(f.Name) {
			return fmt.Errorf("internal error: export file name %q is not inside the directory", f.Name)
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(p), ".export-*")
		if err != nil {
			return err
		}
		_, err = tmp.Write(f.Data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), p)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}

// commit appends a record to the log and makes its change, and returns
// once the record is on disk. The caller fills the record but its Seq and
// Time.
func (s *Server) commit(rec *Record) *apiError {
	s.mu.Lock()
	end, err := s.commitLocked(rec)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	return s.durable(end, rec.Seq)
}

// commitLocked writes the record to the log and makes its change; the
// change is acknowledged only after durable(end). Others may see it in
// the state up to one sync (about a millisecond) before it is on disk.
func (s *Server) commitLocked(rec *Record) (int64, *apiError) {
	rec.Seq, rec.Time = s.st.seq+1, s.opt.Now().UTC()
	change, aerr := s.st.prepare(rec)
	if aerr != nil {
		return 0, aerr
	}
	end, err := s.log.Write(rec)
	if err != nil {
		return 0, refuse(http.StatusInternalServerError, "the session log could not be written: %v", err)
	}
	change()
	return end, nil
}

// durable waits for the log to be on disk up to end, then tells the event
// streams that record seq is.
func (s *Server) durable(end int64, seq int) *apiError {
	if err := s.log.Sync(end); err != nil {
		return refuse(http.StatusInternalServerError, "the session log could not be written: %v", err)
	}
	for v := s.version.Load(); v < int64(seq) && !s.version.CompareAndSwap(v, int64(seq)); v = s.version.Load() {
	}
	s.hub.broadcast()
	return nil
}

// deadlines closes a round whose deadline has passed.
func (s *Server) deadlines() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		s.mu.Lock()
		if cur := s.st.current(); s.st.status == statusOpen && !cur.Deadline.IsZero() && !s.opt.Now().Before(cur.Deadline) {
			rec := &Record{Type: "close", By: "deadline"}
			end, err := s.commitLocked(rec)
			s.mu.Unlock()
			if err == nil {
				err = s.durable(end, rec.Seq)
			}
			if err != nil {
				s.opt.Warn("the deadline could not close the round: " + err.Msg)
			}
			continue
		}
		s.mu.Unlock()
	}
}

func token(r io.Reader) (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func roomCode(r io.Reader) (string, error) {
	var out []byte
	b := make([]byte, 1)
	limit := 256 - 256%len(roomLetters) // no bias
	for len(out) < roomLength {
		if _, err := io.ReadFull(r, b); err != nil {
			return "", err
		}
		if int(b[0]) < limit {
			out = append(out, roomLetters[int(b[0])%len(roomLetters)])
		}
	}
	return string(out), nil
}

func (s *Server) initWeb() error {
	page, err := explore.Bundled()
	if err != nil {
		return err
	}
	var chain, texts []string
	chain = append(chain, s.st.cfg.BaseName)
	texts = append(texts, s.st.cfg.Files[s.st.cfg.BaseName])
	for name, text := range s.st.cfg.Files {
		if name != s.st.cfg.BaseName {
			chain, texts = append(chain, name), append(texts, text)
		}
	}
	if err := page.Add(chain, texts, "this session's base"); err != nil {
		return err
	}
	s.page = page
	s.explore = api.NewSession(page.Files)
	s.pages, err = pages(page)
	return err
}

// routes registers the handlers.
func (s *Server) routes() {
	m := http.NewServeMux()
	for route, body := range s.pages {
		m.HandleFunc("GET "+route, func(w http.ResponseWriter, r *http.Request) {
			if route == "/" && r.URL.Path != "/" {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.Header().Set("X-Frame-Options", "DENY")
			w.Header().Set("Referrer-Policy", "no-referrer")
			w.Write(body)
		})
	}
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	schema := api.NewSchema()
	m.HandleFunc("GET /api/model/schema", s.limited(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, schema)
	}))
	m.HandleFunc("POST /api/model/apply", s.post(s.modelApply))
	m.HandleFunc("POST /api/model/ensemble", s.post(s.modelEnsemble))
	m.HandleFunc("POST /api/model/csv", s.post(s.modelCSV))
	m.HandleFunc("POST /api/join", s.post(s.join))
	m.HandleFunc("GET /api/roles", s.limited(s.roles))
	m.HandleFunc("GET /api/state", s.limited(s.authed(s.getState)))
	m.HandleFunc("GET /api/events", s.limited(s.events))
	m.HandleFunc("POST /api/preview", s.post(s.authed(s.preview)))
	m.HandleFunc("POST /api/move", s.post(s.authed(s.move)))
	for _, action := range []string{"start", "close", "reveal", "inject", "rename", "remove", "end"} {
		m.HandleFunc("POST /api/teacher/"+action, s.post(s.authed(s.teacherAction(action))))
	}
	m.HandleFunc("GET /api/teacher/export", s.limited(s.authed(s.export)))
	s.mux = m
}

// client is who sent a request: the teacher, a team, or nobody yet.
type client struct {
	teacher bool
	team    *member
}

type handler func(w http.ResponseWriter, r *http.Request, c client)

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, err *apiError) {
	if err.Status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, err.Status, map[string]string{"error": err.Msg})
}

// bearer returns the request's token: the Authorization header's, or for
// the event stream the t parameter.
func bearer(r *http.Request) string {
	if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return strings.TrimSpace(tok)
	}
	if r.URL.Path == "/api/events" {
		return r.URL.Query().Get("t")
	}
	return ""
}

// clientKey is what the rate limit counts by: a known token, or else the
// remote address.
func (s *Server) clientKey(r *http.Request) string {
	if tok := bearer(r); tok != "" {
		s.mu.Lock()
		known := tok == s.st.teacher || s.st.teamByToken(tok) != nil
		s.mu.Unlock()
		if known {
			return "token " + tok
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return "addr " + host
}

// limited applies the per-client rate limit.
func (s *Server) limited(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.limits.allow(s.clientKey(r), time.Now()) {
			writeError(w, refuse(http.StatusTooManyRequests, "too many requests: at most %g a second (%d at once); retry in a second", s.opt.Rate, s.opt.Burst))
			return
		}
		next(w, r)
	}
}

// post checks what every POST must be: from this site, JSON, within the
// rate limit and of a bounded size.
func (s *Server) post(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			writeError(w, refuse(http.StatusForbidden, "cross-site request refused: Origin %s is not this server (http://%s)", o, r.Host))
			return
		}
		if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
			writeError(w, refuse(http.StatusUnsupportedMediaType, "expected Content-Type: application/json"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		s.limited(next)(w, r)
	}
}

// authed resolves the token to the teacher or a team (401 if unknown).
func (s *Server) authed(next handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := bearer(r)
		if tok == "" {
			writeError(w, refuse(http.StatusUnauthorized, "missing token: send Authorization: Bearer TOKEN (the teacher's URL has it; a team's comes from /api/join)"))
			return
		}
		s.mu.Lock()
		c := client{teacher: tok == s.st.teacher, team: s.st.teamByToken(tok)}
		s.mu.Unlock()
		if !c.teacher && c.team == nil {
			writeError(w, refuse(http.StatusUnauthorized, "unknown token (a removed team's token no longer works)"))
			return
		}
		next(w, r, c)
	}
}

// decode reads a JSON body into v: 413 if too large, 400 if it is not
// one JSON value of v's shape. An empty body is {} when empty is true.
func decode(r *http.Request, v any, empty bool) *apiError {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return refuse(http.StatusRequestEntityTooLarge, "the request body is larger than %d KiB", maxBody>>10)
		}
		return refuse(http.StatusBadRequest, "cannot read the request body: %v", err)
	}
	if empty && len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return refuse(http.StatusBadRequest, "invalid JSON body: %v", err)
	}
	if dec.More() {
		return refuse(http.StatusBadRequest, "invalid JSON body: more than one value")
	}
	return nil
}

func (s *Server) joinURL(r *http.Request) string {
	base := s.opt.JoinBase
	if base == "" {
		base = "http://" + r.Host
	}
	return base + "/join?room=" + s.st.room
}

func (s *Server) modelApply(w http.ResponseWriter, r *http.Request) {
	var req api.Request
	if err := decode(r, &req, false); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, s.explore.Apply(&req))
}

func (s *Server) modelEnsemble(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Request api.Request `json:"request"`
		Runs    int         `json:"runs"`
	}
	if err := decode(r, &body, false); err != nil {
		writeError(w, err)
		return
	}
	select {
	case s.heavy <- struct{}{}:
		defer func() { <-s.heavy }()
	case <-r.Context().Done():
		return
	}
	writeJSON(w, http.StatusOK, s.explore.Ensemble(&body.Request, body.Runs))
}

func (s *Server) modelCSV(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Request api.Request `json:"request"`
		Shown   []string    `json:"shown"`
	}
	if err := decode(r, &body, false); err != nil {
		writeError(w, err)
		return
	}
	text, err := s.explore.CSV(&body.Request, body.Shown)
	if err != nil {
		writeError(w, refuse(http.StatusBadRequest, "%v", err))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	io.WriteString(w, text)
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Room string `json:"room"`
		Name string `json:"name"`
		Role string `json:"role"`
	}
	if err := decode(r, &body, false); err != nil {
		writeError(w, err)
		return
	}
	if err := s.checkRoom(body.Room); err != nil {
		writeError(w, err)
		return
	}
	name, aerr := teamName(body.Name)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	s.mu.Lock()
	tok, err := token(s.opt.Rand)
	if err != nil {
		s.mu.Unlock()
		writeError(w, refuse(http.StatusInternalServerError, "no token: %v", err))
		return
	}
	rec := &Record{Type: "join", Team: "t" + strconv.Itoa(len(s.st.teams)+1), Name: name, Role: body.Role, Token: tok}
	end, aerr := s.commitLocked(rec)
	s.mu.Unlock()
	if aerr == nil {
		aerr = s.durable(end, rec.Seq)
	}
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "team": TeamView{ID: rec.Team, Name: rec.Name, Role: rec.Role}})
}

// teamName checks a team's name: 1 to 40 characters once trimmed, none a
// control character.
func teamName(name string) (string, *apiError) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", refuse(http.StatusBadRequest, "name: missing: the team's name, e.g. Team Seoul")
	}
	if err := plainText(name, maxName); err != nil {
		return "", refuse(http.StatusBadRequest, "name: %v", err)
	}
	return name, nil
}

// checkRoom refuses a wrong room code (any case is right). The room code
// never changes: it needs no lock.
func (s *Server) checkRoom(room string) *apiError {
	if !strings.EqualFold(strings.TrimSpace(room), s.st.room) {
		return refuse(http.StatusForbidden, "no session has room code %q: the code is on the teacher's screen", room)
	}
	return nil
}

// roles is GET /api/roles?room=CODE: the session's title and its roles,
// each free or taken, for the join form.
func (s *Server) roles(w http.ResponseWriter, r *http.Request) {
	if err := s.checkRoom(r.URL.Query().Get("room")); err != nil {
		writeError(w, err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	type roleFree struct {
		Role string `json:"role"`
		Free bool   `json:"free"`
	}
	out := struct {
		Title string     `json:"title"`
		Roles []roleFree `json:"roles"`
	}{Title: s.st.cfg.Title, Roles: []roleFree{}}
	for _, t := range s.st.cfg.Roles.Teams {
		free := true
		for _, m := range s.st.teams {
			free = free && (m.Removed || m.Role != t.Name)
		}
		out.Roles = append(out.Roles, roleFree{t.Name, free})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getState(w http.ResponseWriter, r *http.Request, c client) {
	s.mu.Lock()
	v := s.st.view(c.team, s.joinURL(r))
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, v)
}

// teamMove reads a team's move from the body (empty: no change, when
// empty allows it), refusing the teacher.
func teamMove(w http.ResponseWriter, r *http.Request, c client, empty bool) (*Move, bool) {
	if c.team == nil {
		writeError(w, refuse(http.StatusForbidden, "this is a team's request; the teacher's token plays no role"))
		return nil, false
	}
	var m Move
	if err := decode(r, &m, empty); err != nil {
		writeError(w, err)
		return nil, false
	}
	return &m, true
}

func (s *Server) preview(w http.ResponseWriter, r *http.Request, c client) {
	m, ok := teamMove(w, r, c, true)
	if !ok {
		return
	}
	s.mu.Lock()
	tm := s.st.role(c.team.Role)
	prev, _ := s.st.prevFile()
	model, rolesPath := s.st.model, s.st.cfg.Roles.Path
	s.mu.Unlock()
	if err := ownedMove(tm, m, rolesPath); err != nil {
		writeError(w, refuse(http.StatusForbidden, "%v", err))
		return
	}
	run := model.Apply(&api.Request{Base: prev, Set: m.Set, Investments: m.Investments, Events: m.Events})
	status := http.StatusOK
	if run.Error != "" {
		status = http.StatusBadRequest
	}
	writeJSON(w, status, run)
}

func (s *Server) move(w http.ResponseWriter, r *http.Request, c client) {
	m, ok := teamMove(w, r, c, false)
	if !ok {
		return
	}
	// The move is checked outside the lock (loading it is the costly
	// part), against the round it was sent in; the record is made only if
	// that round is still open.
	s.mu.Lock()
	n, check := s.st.moveCheck(c.team)
	s.mu.Unlock()
	if check != nil {
		if err := check(m); err != nil {
			writeError(w, err)
			return
		}
	}
	rec := &Record{Type: "move", Team: c.team.ID, Round: n, Move: m, checked: check != nil}
	if err := s.commit(rec); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"seq": rec.Seq, "round": n})
}

func (s *Server) teacherAction(action string) handler {
	return func(w http.ResponseWriter, r *http.Request, c client) {
		if !c.teacher {
			writeError(w, refuse(http.StatusForbidden, "only the teacher may %s", action))
			return
		}
		var body struct {
			ID   string `json:"id"`
			Year int    `json:"year"`
			Team string `json:"team"`
			Name string `json:"name"`
		}
		if err := decode(r, &body, true); err != nil {
			writeError(w, err)
			return
		}
		rec := &Record{Type: action}
		switch action {
		case "inject":
			rec.Shot, rec.Year = body.ID, body.Year
		case "rename":
			name, err := teamName(body.Name)
			if err != nil {
				writeError(w, err)
				return
			}
			rec.Team, rec.Name = body.Team, name
		case "remove":
			rec.Team = body.Team
		case "reveal":
			// The export (a comparison report) takes a while: it is made
			// outside the lock, and used if the round is still the one
			// closed when the record is made.
			s.mu.Lock()
			work := s.st.exportWork()
			s.mu.Unlock()
			if work != nil {
				rec.export = work()
			}
		}
		if err := s.commit(rec); err != nil {
			writeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"seq": rec.Seq, "status": rec.Type})
	}
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, c client) {
	if !c.teacher {
		writeError(w, refuse(http.StatusForbidden, "only the teacher may export a round"))
		return
	}
	n, err := strconv.Atoi(r.URL.Query().Get("round"))
	s.mu.Lock()
	var zipped []byte
	if err == nil && n >= 1 && n <= len(s.st.rounds) {
		zipped = s.st.rounds[n-1].Zip
	}
	s.mu.Unlock()
	if zipped == nil {
		writeError(w, refuse(http.StatusNotFound, "round=%q: expected the number of a revealed round", r.URL.Query().Get("round")))
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=\"round-%d.zip\"", n))
	w.Write(zipped)
}
