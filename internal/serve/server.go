package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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
	// MoveBytes bounds the moves one team sends in a round, as the log
	// writes them (default 1 MiB: hundreds of moves of a lever panel, or
	// sixteen of the largest body), so that a team posting moves within
	// the rate limit cannot fill the teacher's disk. A later move replaces
	// an earlier one: a team need not send its move again.
	MoveBytes int
	// ReadTimeout bounds the time a client takes to send a request, its
	// headers and its body (default 20 s), and six times it the time the
	// server takes to reply; see HTTPServer.
	ReadTimeout time.Duration
	// Warn is told of what the server recovered from (a torn log line, an
	// export it could not write); default: ignored.
	Warn func(string)
}

// Limits of the HTTP interface.
const (
	maxBody = 64 << 10
	// maxEnsembles bounds the ensembles running or waiting to run: one
	// runs at a time, and a request past the bound is told to retry
	// rather than queued without end.
	maxEnsembles = 4
	// streamWrite is how long an event stream's client has to take an
	// event (or a ping) before the stream is closed.
	streamWrite = 30 * time.Second
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
	lock    *output.PIDLock // the state directory's lock file
	pages   map[string][]byte
	page    *explore.Page
	explore *api.Session
	limits  *limiter
	guesses *limiter // wrong room codes, by remote address
	hub     *hub
	mux     *http.ServeMux
	stop    chan struct{}
	stopped sync.Once
	heavy   chan struct{} // one ensemble at a time
	queued  atomic.Int32  // ensembles running or waiting
	running sync.Map      // the clients with an ensemble running or waiting
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
	if opt.MoveBytes == 0 {
		opt.MoveBytes = 1 << 20
	}
	if opt.ReadTimeout == 0 {
		opt.ReadTimeout = 20 * time.Second
	}
	if opt.Warn == nil {
		opt.Warn = func(string) {}
	}
	_, statErr := os.Stat(opt.StateDir)
	lock, err := lockState(opt)
	if err != nil {
		return nil, err
	}
	s, err := open(cfg, opt)
	if err != nil {
		lock.Unlock()
		if errors.Is(statErr, fs.ErrNotExist) {
			os.Remove(opt.StateDir) // made for this server, and empty unless open wrote in it
		}
		return nil, err
	}
	s.lock = lock
	return s, nil
}

// LockName is the lock file's name in the state directory: it holds the
// id of the server's process while the server runs.
const LockName = "server.lock"

// InUseError says another server runs on the state directory: its lock
// file names a running process.
type InUseError struct {
	Dir  string
	Lock string // the lock file
	PID  int
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("another server (process %d) is serving the session in %s: stop it first, or name another directory with -state (if no server runs there, delete its lock file %s)", e.PID, e.Dir, e.Lock)
}

// lockState takes the state directory's lock file, so that no two servers
// append to one log; it creates the directory if need be. A lock file left
// by a server that has ended is taken over, with a warning.
func lockState(opt Options) (*output.PIDLock, error) {
	if err := os.MkdirAll(opt.StateDir, 0o700); err != nil {
		return nil, err
	}
	path := filepath.Join(opt.StateDir, LockName)
	lock, err := output.LockPID(path)
	var held *output.LockedError
	if errors.As(err, &held) {
		return nil, &InUseError{Dir: opt.StateDir, Lock: path, PID: held.PID}
	} else if err != nil {
		return nil, err
	}
	if pid, ok := lock.TookOver(); ok {
		who := fmt.Sprintf("process %d", pid)
		if pid == 0 {
			who = "it names no process"
		}
		opt.Warn(fmt.Sprintf("%s was left by a server that has ended (%s): this one takes the session over", path, who))
	}
	return lock, nil
}

// open is Open with the state directory locked.
func open(cfg *Config, opt Options) (*Server, error) {
	logPath := filepath.Join(opt.StateDir, LogName)
	s := &Server{opt: opt, stop: make(chan struct{}), heavy: make(chan struct{}, 1)}
	var good int64
	if _, err := os.Stat(logPath); err == nil {
		var torn string
		if s.st, good, torn, err = readState(logPath, nil); err != nil {
			return nil, err
		}
		if torn != "" {
			opt.Warn(torn)
		}
	}
	var err error
	var first *Record // the session record of a new session
	if s.st != nil {
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
	s.st.maxMoveBytes = opt.MoveBytes
	s.version.Store(int64(s.st.seq))
	s.limits = newLimiter(opt.Rate, opt.Burst)
	s.guesses = newLimiter(roomGuessRate, roomGuesses)
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
	err := s.log.Close()
	if s.lock != nil {
		if uerr := s.lock.Unlock(); err == nil {
			err = uerr
		}
		s.lock = nil
	}
	return err
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

// HTTPServer returns an http.Server for the handler, with the timeouts a
// server open to a classroom's network needs: a client that sends its
// request slowly, or never reads its reply, holds a connection for a
// bounded time (an event stream sets its own deadlines).
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.opt.ReadTimeout,
		ReadTimeout:       s.opt.ReadTimeout,
		WriteTimeout:      6 * s.opt.ReadTimeout, // an ensemble waiting its turn takes seconds
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// serveHTTP refuses a request whose Host does not name this server
// before the routes see it.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		writeError(w, refuse(http.StatusMisdirectedRequest, "Host %q does not name this server: open the address simulate serve printed (an IP address, localhost or the join address's host)", r.Host))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// hostAllowed reports whether a request's Host names this server: an IP
// address, localhost, or the host of the join address. A page of another
// site whose name its DNS points at this computer (DNS rebinding) sends
// its own name, which is none of these, so it can neither read the
// server's replies nor pass the Origin check with a Host of its own.
func (s *Server) hostAllowed(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"), ".")
	if h == "" {
		return false
	}
	if net.ParseIP(h) != nil || strings.EqualFold(h, "localhost") {
		return true
	}
	u, err := url.Parse(s.opt.JoinBase)
	return err == nil && u.Hostname() != "" && strings.EqualFold(u.Hostname(), h)
}

// sameToken compares a client's token with a known one in a time that
// does not depend on where they differ.
func sameToken(got, known string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(known)) == 1
}

// baseFiles returns the base's chain, by name.
func baseFiles(cfg *Config) []output.File {
	var out []output.File
	for _, name := range slices.Sorted(maps.Keys(cfg.Files)) {
		out = append(out, output.File{Name: name, Data: []byte(cfg.Files[name])})
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
		s.opt.Warn(logFailed(err).Msg)
		return 0, logFailed(err)
	}
	change()
	return end, nil
}

// durable waits for the log to be on disk up to end, then tells the event
// streams that record seq is.
func (s *Server) durable(end int64, seq int) *apiError {
	if err := s.log.Sync(end); err != nil {
		s.opt.Warn(logFailed(err).Msg)
		return logFailed(err)
	}
	for v := s.version.Load(); v < int64(seq) && !s.version.CompareAndSwap(v, int64(seq)); v = s.version.Load() {
	}
	s.hub.broadcast()
	return nil
}

// logFailed is the refusal of every request once the log has failed.
func logFailed(err error) *apiError {
	return refuse(http.StatusInternalServerError, "the session log could not be written (%v): the server accepts nothing more; make room on the disk and start simulate serve again, which resumes the session from its log", err)
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
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, err *apiError) {
	if err.Status == http.StatusTooManyRequests || err.Status == http.StatusServiceUnavailable {
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

// knownToken reports whether tok is the teacher's or a team's in the
// session.
func (s *Server) knownToken(tok string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sameToken(tok, s.st.teacher) || s.st.teamByToken(tok) != nil
}

// clientKey is what the rate limit counts by: a known token, or else the
// remote address.
func (s *Server) clientKey(r *http.Request) string {
	if tok := bearer(r); tok != "" && s.knownToken(tok) {
		return "token " + tok
	}
	return "addr " + remoteHost(r)
}

// remoteHost is the address a request came from, without its port.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
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
		c := client{teacher: sameToken(tok, s.st.teacher), team: s.st.teamByToken(tok)}
		s.mu.Unlock()
		if !c.teacher && c.team == nil {
			writeError(w, refuse(http.StatusUnauthorized, "unknown token (a removed team's token no longer works)"))
			return
		}
		if err := s.log.Err(); err != nil {
			// The session may hold a change the log lacks: nothing is
			// shown or accepted until a restart resumes from the log.
			writeError(w, logFailed(err))
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
	key := s.clientKey(r)
	if _, busy := s.running.LoadOrStore(key, true); busy {
		writeError(w, refuse(http.StatusTooManyRequests, "one ensemble at a time: yours is still running"))
		return
	}
	defer s.running.Delete(key)
	if s.queued.Add(1) > maxEnsembles {
		s.queued.Add(-1)
		writeError(w, refuse(http.StatusServiceUnavailable, "the server is busy with %d ensembles: retry in a few seconds", maxEnsembles))
		return
	}
	defer s.queued.Add(-1)
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
	if err := s.checkRoom(r, body.Room); err != nil {
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

// Wrong room codes an address may send: roomGuesses at once, then one
// every 1/roomGuessRate seconds. The rate limit alone would let one
// device try the 26^4 codes in hours; this makes it months, while a
// student who mistypes the code has ten tries.
const (
	roomGuesses   = 10
	roomGuessRate = 0.1
)

// checkRoom refuses a wrong room code (any case is right), and any code
// from an address that has sent too many wrong ones (so that its
// guesses learn nothing). The room code never changes: it needs no lock.
func (s *Server) checkRoom(r *http.Request, room string) *apiError {
	key, now := remoteHost(r), time.Now()
	if s.guesses.empty(key, now) {
		return refuse(http.StatusTooManyRequests, "too many wrong room codes from this device: retry in %.0f seconds with the code on the teacher's screen", 1/roomGuessRate)
	}
	if !strings.EqualFold(strings.TrimSpace(room), s.st.room) {
		s.guesses.allow(key, now)
		return refuse(http.StatusForbidden, "no session has room code %q: the code is on the teacher's screen", room)
	}
	return nil
}

// roles is GET /api/roles?room=CODE: the session's title and its roles,
// each free or taken, for the join form.
func (s *Server) roles(w http.ResponseWriter, r *http.Request) {
	if err := s.checkRoom(r, r.URL.Query().Get("room")); err != nil {
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
	rec := &Record{Type: "move", Team: c.team.ID, Round: n, Move: m, checked: check != nil, live: true}
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
