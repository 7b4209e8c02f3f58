package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"simulate/internal/explore/api"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/internal/team"
)

// Statuses of a session.
const (
	statusLobby    = "lobby"
	statusOpen     = "open"
	statusClosed   = "closed"
	statusRevealed = "revealed"
	statusEnded    = "ended"
)

// member is a team that joined: its id, name, role and token.
type member struct {
	ID, Name, Role, Token string
	Removed               bool
}

// round is a round's moves (by role), injects and, once closed, its
// outcome and, once revealed, its export.
type round struct {
	N       int
	Moves   map[string]*Move
	MoveSeq map[string]int
	// MoveBytes are the bytes of each role's moves in the round, which
	// bound what one team writes to the log.
	MoveBytes map[string]int
	Shots     []fired
	Deadline  time.Time
	Outcome   *outcome
	Disk      []output.File // the export, as written under the state directory
	Zip       []byte
}

// state is a session as its log has built it. Every change is a Record:
// prepare checks it against the state and returns the change, which is
// made only once the record is in the log (live) or read from it
// (resume, replay), so that the log replays to the same state.
type state struct {
	cfg     *Config
	room    string
	teacher string
	status  string
	teams   []*member
	rounds  []*round
	seq     int
	files   memFS        // the base's chain and the closed rounds' files
	model   *api.Session // over files, for previews and results
	cache   *scenario.Cache
	began   time.Time
	written func([]output.File) // called with the export of a revealed round
	// maxMoveBytes bounds a team's live moves in a round (Options.MoveBytes).
	maxMoveBytes int
}

// apiError is a refused request: its HTTP status and message.
type apiError struct {
	Status int
	Msg    string
}

func (e *apiError) Error() string { return e.Msg }

func refuse(status int, format string, args ...any) *apiError {
	return &apiError{status, fmt.Sprintf(format, args...)}
}

// newState starts a session from its first record.
func newState(rec *Record) (*state, error) {
	if rec.Type != "session" || rec.Session == nil {
		return nil, errors.New("the first record of a session log is its session record")
	}
	cfg, err := decodeConfig(*rec.Session)
	if err != nil {
		return nil, err
	}
	s := &state{cfg: cfg, room: rec.Room, teacher: rec.Token, status: statusLobby, seq: rec.Seq,
		files: newMemFS(cfg.Files), cache: scenario.NewCache(), began: rec.Time}
	s.model = api.NewSession(api.Files(s.files))
	return s, nil
}

// current returns the open, closed or revealed round, or nil.
func (s *state) current() *round {
	if len(s.rounds) == 0 {
		return nil
	}
	return s.rounds[len(s.rounds)-1]
}

// prevFile is the file a move in the current (or next) round extends:
// the last revealed round's, or the base. (A round is opened only once
// the one before is revealed; a closed round's results are no one's to
// preview before its reveal.)
func (s *state) prevFile() (string, *scenario.Loaded) {
	for i := len(s.rounds) - 1; i >= 0; i-- {
		if r := s.rounds[i]; r.Disk != nil {
			return roundFile(r.N), r.Outcome.Loaded
		}
	}
	return s.cfg.BaseName, s.cfg.base
}

func (s *state) teamByID(id string) *member {
	for _, m := range s.teams {
		if m.ID == id && !m.Removed {
			return m
		}
	}
	return nil
}

func (s *state) teamByToken(tok string) *member {
	for _, m := range s.teams {
		if sameToken(tok, m.Token) && !m.Removed {
			return m
		}
	}
	return nil
}

func (s *state) role(name string) *team.Team {
	for i := range s.cfg.Roles.Teams {
		if s.cfg.Roles.Teams[i].Name == name {
			return &s.cfg.Roles.Teams[i]
		}
	}
	return nil
}

func (s *state) roleNames() []string {
	var out []string
	for _, t := range s.cfg.Roles.Teams {
		out = append(out, t.Name)
	}
	return out
}

// checkMove loads a team's move as its file of round n extending the
// last closed round, with the loader's rules and the roles' ownership.
func (s *state) checkMove(tm *team.Team, n int, m *Move) *apiError {
	prev, _ := s.prevFile()
	return checkMoveIn(s.cfg, s.files, s.cache, prev, tm, n, m)
}

// moveCheck returns the open round's number and a check of a move in it
// by member m that needs no lock (nil if no round is open: prepare
// refuses the move).
func (s *state) moveCheck(m *member) (int, func(*Move) *apiError) {
	cur := s.current()
	if cur == nil {
		return 0, nil
	}
	if s.status != statusOpen {
		return cur.N, nil
	}
	cfg, files, cache, tm := s.cfg, s.files, s.cache, s.role(m.Role)
	prev, _ := s.prevFile()
	return cur.N, func(mv *Move) *apiError { return checkMoveIn(cfg, files, cache, prev, tm, cur.N, mv) }
}

func checkMoveIn(cfg *Config, files memFS, cache *scenario.Cache, prev string, tm *team.Team, n int, m *Move) *apiError {
	if err := ownedMove(tm, m, cfg.Roles.Path); err != nil {
		return refuse(http.StatusForbidden, "%v", err)
	}
	text, err := composeTeam(cfg.Title, n, tm, m, fromRoundDir(prev))
	if err != nil {
		return refuse(http.StatusBadRequest, "%v", err)
	}
	name := teamFile(n, tm)
	l, err := cache.LoadFS(files.with(name, text).fs(), name)
	if err != nil {
		return refuse(http.StatusBadRequest, "%v", err)
	}
	if errs := cfg.Roles.Check(name, l); len(errs) > 0 {
		return refuse(http.StatusForbidden, "%v", errs[0])
	}
	return nil
}

// prepare checks rec against the state and returns the change it makes.
func (s *state) prepare(rec *Record) (func(), *apiError) {
	if rec.Seq != s.seq+1 {
		return nil, refuse(http.StatusInternalServerError, "record %d where %d was expected", rec.Seq, s.seq+1)
	}
	done := func(change func()) (func(), *apiError) {
		return func() { change(); s.seq = rec.Seq }, nil
	}
	if s.status == statusEnded {
		return nil, refuse(http.StatusConflict, "the session has ended")
	}
	cur := s.current()
	switch rec.Type {
	case "join":
		if s.teamByToken(rec.Token) != nil || rec.Token == s.teacher {
			return nil, refuse(http.StatusInternalServerError, "a token drawn twice")
		}
		if s.role(rec.Role) == nil {
			return nil, refuse(http.StatusBadRequest, "unknown role %q%s (the session's roles: %s)", rec.Role, scenario.Suggest(rec.Role, s.roleNames()), strings.Join(s.roleNames(), ", "))
		}
		for _, m := range s.teams {
			if m.Role == rec.Role && !m.Removed {
				return nil, refuse(http.StatusConflict, "role %s is taken by %s", rec.Role, m.Name)
			}
		}
		return done(func() {
			s.teams = append(s.teams, &member{ID: rec.Team, Name: rec.Name, Role: rec.Role, Token: rec.Token})
		})
	case "move":
		if rec.Move == nil {
			return nil, refuse(http.StatusBadRequest, "a move record without its move")
		}
		m := s.teamByID(rec.Team)
		if m == nil {
			return nil, refuse(http.StatusForbidden, "team %s has been removed from the session", rec.Team)
		}
		if s.status != statusOpen || cur.N != rec.Round {
			return nil, refuse(http.StatusConflict, "no round is open for moves (the session is %s)", s.statusText())
		}
		if !rec.checked {
			if err := s.checkMove(s.role(m.Role), cur.N, rec.Move); err != nil {
				return nil, err
			}
		}
		// A live move past the team's share of the log is refused; a
		// logged one never is, so that the log replays as it was.
		size := moveSize(rec.Move)
		if rec.live && cur.MoveBytes[m.Role]+size > s.maxMoveBytes {
			return nil, refuse(http.StatusConflict, "team %s has sent %d KiB of moves in round %d, the most a team may (its last move stands): a move is kept until the round closes, so it need not be sent again", m.Role, cur.MoveBytes[m.Role]>>10, cur.N)
		}
		return done(func() {
			cur.Moves[m.Role], cur.MoveSeq[m.Role] = rec.Move, rec.Seq
			cur.MoveBytes[m.Role] += size
		})
	case "start":
		switch {
		case s.status == statusOpen || s.status == statusClosed:
			return nil, refuse(http.StatusConflict, "round %d is %s: %s it first", cur.N, s.status, map[string]string{statusOpen: "close", statusClosed: "reveal"}[s.status])
		case len(s.rounds) == s.cfg.Rounds.Count:
			return nil, refuse(http.StatusConflict, "round %d of %d was the last: end the session", cur.N, s.cfg.Rounds.Count)
		}
		r := &round{N: len(s.rounds) + 1, Moves: map[string]*Move{}, MoveSeq: map[string]int{}, MoveBytes: map[string]int{}}
		if d := s.cfg.Rounds.DeadlineMinutes; d > 0 {
			r.Deadline = rec.Time.Add(time.Duration(d) * time.Minute)
		}
		return done(func() { s.rounds, s.status = append(s.rounds, r), statusOpen })
	case "inject":
		if s.status != statusOpen {
			return nil, refuse(http.StatusConflict, "an inject is fired into an open round (the session is %s)", s.statusText())
		}
		i := slices.IndexFunc(s.cfg.Injects, func(in Inject) bool { return in.ID == rec.Shot })
		if i < 0 {
			var ids []string
			for _, in := range s.cfg.Injects {
				ids = append(ids, in.ID)
			}
			return nil, refuse(http.StatusBadRequest, "unknown inject %q%s (the session's: %s)", rec.Shot, scenario.Suggest(rec.Shot, ids), strings.Join(ids, ", "))
		}
		if slices.ContainsFunc(cur.Shots, func(f fired) bool { return f.ID == rec.Shot }) {
			return nil, refuse(http.StatusConflict, "inject %s is already fired in round %d", rec.Shot, cur.N)
		}
		first, _ := s.cfg.Rounds.Span(cur.N)
		year := rec.Year
		if year == 0 {
			year = first
		}
		if end := s.cfg.base.Scenario.EndYear; year < first || year > end {
			return nil, refuse(http.StatusBadRequest, "year %d: an inject in round %d happens in %d to %d", year, cur.N, first, end)
		}
		return done(func() { cur.Shots = append(cur.Shots, fired{s.cfg.Injects[i], year}) })
	case "close":
		if s.status != statusOpen {
			return nil, refuse(http.StatusConflict, "no round is open (the session is %s)", s.statusText())
		}
		prev, _ := s.prevFile()
		o, files, err := closeRound(s.cfg, s.files, s.cache, prev, cur.N, cur.Moves, cur.Shots)
		if err != nil {
			return nil, refuse(http.StatusConflict, "round %d cannot be closed: %v", cur.N, err)
		}
		o.Closed = rec.Time
		return done(func() {
			cur.Outcome, s.files, s.status = o, files, statusClosed
			s.model = api.NewSession(api.Files(files))
		})
	case "reveal":
		if s.status != statusClosed {
			return nil, refuse(http.StatusConflict, "a round is revealed once closed (the session is %s)", s.statusText())
		}
		ex := rec.export
		if ex == nil || ex.round != cur.N {
			ex = s.exportWork()()
		}
		if ex.err != nil {
			return nil, refuse(http.StatusInternalServerError, "round %d: %v", cur.N, ex.err)
		}
		return done(func() {
			cur.Disk, cur.Zip, s.status = ex.disk, ex.zip, statusRevealed
			if s.written != nil {
				s.written(ex.disk)
			}
		})
	case "rename":
		m := s.teamByID(rec.Team)
		if m == nil {
			return nil, refuse(http.StatusNotFound, "no team %q in the session", rec.Team)
		}
		return done(func() { m.Name = rec.Name })
	case "remove":
		m := s.teamByID(rec.Team)
		if m == nil {
			return nil, refuse(http.StatusNotFound, "no team %q in the session", rec.Team)
		}
		return done(func() {
			m.Removed = true
			if s.status == statusOpen {
				delete(cur.Moves, m.Role)
				delete(cur.MoveSeq, m.Role)
			}
		})
	case "end":
		return done(func() { s.status = statusEnded })
	}
	return nil, refuse(http.StatusInternalServerError, "unknown record type %q", rec.Type)
}

// moveSize is a move's size in the log.
func moveSize(m *Move) int {
	b, _ := json.Marshal(m)
	return len(b)
}

// exported is a closed round's export, computed for its reveal.
type exported struct {
	round int
	disk  []output.File
	zip   []byte
	err   error
}

// exportWork returns the computation of the closed round's export, which
// needs no lock (a closed round does not change), or nil if no round is
// closed.
func (s *state) exportWork() func() *exported {
	cur := s.current()
	if s.status != statusClosed {
		return nil
	}
	prevName, prev := s.prevFile()
	// What the round's chain extends: the earlier rounds' files, then the
	// base's chain, as the state directory holds them.
	var earlier []output.File
	for _, r := range s.rounds[:cur.N-1] {
		earlier = append(earlier, r.Outcome.Files...)
	}
	earlier = append(earlier, baseFiles(s.cfg)...)
	return func() *exported {
		disk, zipped, err := exportRound(cur.N, cur.Outcome, prevName, prev, earlier)
		return &exported{cur.N, disk, zipped, err}
	}
}

func (s *state) statusText() string {
	if cur := s.current(); cur != nil && s.status != statusEnded {
		return fmt.Sprintf("%s, round %d of %d", s.status, cur.N, s.cfg.Rounds.Count)
	}
	return s.status
}

// readState builds the session of the log at path, record by record as
// it is read (record n is its line n): nil if the log holds no record.
// written, if not nil, is given each revealed round's export as the log
// reveals it.
func readState(path string, written func([]output.File)) (st *state, good int64, torn string, err error) {
	good, torn, err = ReadLog(path, func(rec *Record) error {
		if st == nil {
			first, err := newState(rec)
			if err != nil {
				return logError(path, 1, err)
			}
			st, first.written = first, written
			return nil
		}
		change, aerr := st.prepare(rec)
		if aerr != nil {
			return &scenario.Error{File: path, Line: rec.Seq, Msg: fmt.Sprintf("record %d (%s): %v", rec.Seq, rec.Type, aerr.Msg)}
		}
		change()
		return nil
	})
	if err != nil {
		return nil, 0, "", err
	}
	return st, good, torn, nil
}
