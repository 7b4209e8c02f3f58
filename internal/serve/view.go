package serve

import (
	"time"

	"simulate/internal/explore/api"
	"simulate/internal/team"
)

// View is the session as one client may see it (GET /api/state).
type View struct {
	Version          int          `json:"version"`
	Title            string       `json:"title"`
	Room             string       `json:"room"`
	JoinURL          string       `json:"join_url"`
	Status           string       `json:"status"`
	Round            RoundView    `json:"round"`
	Roles            []RoleView   `json:"roles"`
	Teams            []TeamView   `json:"teams"`
	Injects          []ShotView   `json:"injects"`
	AvailableInjects []Inject     `json:"available_injects,omitempty"`
	Me               MeView       `json:"me"`
	Results          []ResultView `json:"results"`
}

// RoundView is the current round: its number (0 in the lobby), the number
// of rounds, its years and its deadline (RFC 3339, or "").
type RoundView struct {
	N         int    `json:"n"`
	Rounds    int    `json:"rounds"`
	FirstYear int    `json:"first_year"`
	LastYear  int    `json:"last_year"`
	Deadline  string `json:"deadline"`
}

// RoleView is a role of the roles file: the keys it owns, its goals, and
// the team playing it ("" if none).
type RoleView struct {
	Role  string     `json:"role"`
	Owns  []string   `json:"owns"`
	Goals []GoalView `json:"goals"`
	Team  string     `json:"team"`
}

// GoalView is a goal: at least (or at most) a number or another indicator.
type GoalView struct {
	Indicator string   `json:"indicator"`
	Subject   string   `json:"subject"`
	AtLeast   *float64 `json:"at_least,omitempty"`
	AtMost    *float64 `json:"at_most,omitempty"`
	Reference string   `json:"reference,omitempty"` // the target is this indicator's value
	What      string   `json:"what"`                // e.g. "burden_share (US-ROK) at least burden_parity"
}

// TeamView is a team in the session.
type TeamView struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	Submitted bool   `json:"submitted"`
}

// ShotView is an inject fired into a round.
type ShotView struct {
	Round    int     `json:"round"`
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Actor    string  `json:"actor,omitempty"`
	Severity float64 `json:"severity"`
	Label    string  `json:"label"`
	Year     int     `json:"year"`
}

// MeView is the client itself: the teacher, or a team with its move of
// the current round.
type MeView struct {
	Teacher bool   `json:"teacher"`
	ID      string `json:"id,omitempty"`
	Name    string `json:"name,omitempty"`
	Role    string `json:"role,omitempty"`
	Move    *Move  `json:"move"`
	Seq     int    `json:"seq,omitempty"` // the record of that move
}

// ResultView is a revealed round: its run and each team's scores.
type ResultView struct {
	Round int      `json:"round"`
	Run   *api.Run `json:"run"`
	// Scorecard holds the scores by team id (of the teams now playing);
	// ByRole by role, whether or not a team plays it.
	Scorecard map[string][]ScoreView `json:"scorecard"`
	ByRole    map[string][]ScoreView `json:"by_role"`
}

// ScoreView is one goal scored.
type ScoreView struct {
	Indicator  string  `json:"indicator"`
	Subject    string  `json:"subject"`
	Comparison string  `json:"comparison"` // at_least or at_most
	Year       int     `json:"year"`
	Value      float64 `json:"value"`
	Target     float64 `json:"target"`
	Met        bool    `json:"met"`
	What       string  `json:"what"`
}

// view renders the state for the teacher (me == nil) or a team.
func (s *state) view(me *member, joinURL string) *View {
	v := &View{Version: s.seq, Title: s.cfg.Title, Room: s.room, JoinURL: joinURL, Status: s.status,
		Roles: []RoleView{}, Teams: []TeamView{}, Injects: []ShotView{}, Results: []ResultView{}}
	cur := s.current()
	v.Round.Rounds = s.cfg.Rounds.Count
	if cur != nil {
		v.Round.N = cur.N
		v.Round.FirstYear, v.Round.LastYear = s.cfg.Rounds.Span(cur.N)
		if !cur.Deadline.IsZero() && s.status == statusOpen {
			v.Round.Deadline = cur.Deadline.UTC().Format(time.RFC3339)
		}
	} else {
		v.Round.FirstYear, v.Round.LastYear = s.cfg.Rounds.Span(1)
	}
	playing := map[string]string{} // role → team id
	for _, m := range s.teams {
		if m.Removed {
			continue
		}
		playing[m.Role] = m.ID
		tv := TeamView{ID: m.ID, Name: m.Name, Role: m.Role}
		if cur != nil && s.status == statusOpen {
			tv.Submitted = cur.Moves[m.Role] != nil
		}
		v.Teams = append(v.Teams, tv)
	}
	for _, t := range s.cfg.Roles.Teams {
		rv := RoleView{Role: t.Name, Owns: t.Owns, Goals: []GoalView{}, Team: playing[t.Name]}
		for _, g := range t.Goals {
			gv := GoalView{Indicator: string(g.Indicator), Subject: g.Subject, Reference: string(g.Reference),
				What: team.Score{Goal: g}.What()}
			if g.Reference == "" {
				x := g.Target
				if g.AtMost {
					gv.AtMost = &x
				} else {
					gv.AtLeast = &x
				}
			}
			rv.Goals = append(rv.Goals, gv)
		}
		v.Roles = append(v.Roles, rv)
	}
	for _, r := range s.rounds {
		if me != nil && r.Disk == nil {
			continue // a team sees a round's injects once it is revealed
		}
		for _, f := range r.Shots {
			v.Injects = append(v.Injects, ShotView{Round: r.N, ID: f.ID, Kind: f.Kind, Actor: f.Actor, Severity: f.Severity, Label: f.Label, Year: f.Year})
		}
	}
	if me == nil {
		v.Me.Teacher = true
		v.AvailableInjects = s.cfg.Injects
	} else {
		v.Me.ID, v.Me.Name, v.Me.Role = me.ID, me.Name, me.Role
		if cur != nil && s.status == statusOpen {
			v.Me.Move, v.Me.Seq = cur.Moves[me.Role], cur.MoveSeq[me.Role]
		}
	}
	for _, r := range s.rounds {
		if r.Disk == nil {
			continue
		}
		rv := ResultView{Round: r.N, Run: r.Outcome.Run, Scorecard: map[string][]ScoreView{}, ByRole: map[string][]ScoreView{}}
		for _, sc := range r.Outcome.Scores {
			one := ScoreView{Indicator: string(sc.Goal.Indicator), Subject: sc.Goal.Subject, Comparison: sc.Goal.Comparison(), Year: sc.Year,
				Value: sc.Value, Target: sc.Target, Met: sc.Met, What: sc.What()}
			rv.ByRole[sc.Team] = append(rv.ByRole[sc.Team], one)
			if id := playing[sc.Team]; id != "" {
				rv.Scorecard[id] = append(rv.Scorecard[id], one)
			}
		}
		v.Results = append(v.Results, rv)
	}
	return v
}
