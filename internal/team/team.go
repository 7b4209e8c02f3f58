// Package team reads a roles file for a class negotiation — which team
// owns which scenario keys, and each team's goals — checks team files
// against it and scores a run against the goals.
//
// A roles file is TOML:
//
//	year = 2035                          # the year goals are scored in (default: the end year)
//
//	[[teams]]
//	name = "US"
//	files = ["us.toml"]                  # the team's files, by name, in any round's directory
//	owns = ["actors.US", "alliance.us_commitment_pct", "events kind=trade_dispute"]
//
//	[[teams.goals]]
//	indicator = "burden_share"
//	subject = "US-ROK"
//	at_least = "burden_parity"           # a number, or an indicator of the same subject
//
// A key is owned when it is an owned key path or lies under one
// ("actors.US" owns "actors.US.defense_pct"); an entry of [[events]] or
// [[investments]] is owned through "events kind=KIND" or
// "investments from=ACTOR". Every file may set its title and description.
package team

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"simulate/internal/scenario"
	"simulate/internal/smallfile"
	"simulate/model"
)

// Roles is a decoded roles file.
type Roles struct {
	Path  string
	Year  int // 0: the scenario's end year
	Teams []Team
}

// Team is one team: its name, the file names it writes, the keys it owns
// and its goals.
type Team struct {
	Name  string
	Files []string
	Owns  []string
	Goals []Goal
}

// Goal is an indicator of one subject at least or at most a target: a
// number, or another indicator of the same subject in the same year.
type Goal struct {
	Indicator model.IndicatorID
	Subject   string
	AtMost    bool              // else at least
	Target    float64           // when Reference is ""
	Reference model.IndicatorID // the indicator the target is, or ""
}

// Comparison is the goal's key in a roles file: at_least or at_most.
func (g Goal) Comparison() string {
	if g.AtMost {
		return "at_most"
	}
	return "at_least"
}

// MaxFileBytes bounds the size of a roles file (and of a session file,
// which ReadFile reads too).
const MaxFileBytes = 1 << 20

type rawRoles struct {
	Year  int       `toml:"year"`
	Teams []rawTeam `toml:"teams"`
}

type rawTeam struct {
	Name  string    `toml:"name"`
	Files []string  `toml:"files"`
	Owns  []string  `toml:"owns"`
	Goals []rawGoal `toml:"goals"`
}

type rawGoal struct {
	Indicator string `toml:"indicator"`
	Subject   string `toml:"subject"`
	AtLeast   any    `toml:"at_least"`
	AtMost    any    `toml:"at_most"`
}

// Load reads and checks a roles file. Its errors are *scenario.Error,
// naming the file and the key.
func Load(path string) (*Roles, error) {
	data, err := read(path)
	if err != nil {
		return nil, &scenario.Error{File: path, Msg: fmt.Sprintf("cannot read the roles file: %v", err)}
	}
	return Parse(path, data)
}

// Parse checks the text of a roles file, named path in its errors (a
// server reads it from its session log rather than from disk).
func Parse(path string, data []byte) (*Roles, error) {
	fail := func(key, format string, args ...any) error {
		return &scenario.Error{File: path, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxFileBytes {
		return nil, fail("", "larger than %d MB", MaxFileBytes>>20)
	}
	var raw rawRoles
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &scenario.Error{File: path, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, fail("", "%v", err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fail(und[0].String(), "unknown key (a roles file has year and [[teams]] with name, files, owns and [[teams.goals]] with indicator, subject and at_least or at_most)")
	}
	r := &Roles{Path: path, Year: raw.Year}
	if len(raw.Teams) == 0 {
		return nil, fail("teams", "missing: a roles file lists its teams in [[teams]]")
	}
	for i, rt := range raw.Teams {
		key := fmt.Sprintf("teams[%d]", i)
		if rt.Name == "" {
			return nil, fail(key+".name", "missing: every team has a name")
		}
		if len(rt.Files) == 0 {
			return nil, fail(key+".files", "missing: the names of team %s's files, e.g. files = [\"%s.toml\"]", rt.Name, strings.ToLower(rt.Name))
		}
		for j, f := range rt.Files {
			if _, err := filepath.Match(f, "x"); err != nil || strings.ContainsAny(f, `/\`) {
				return nil, fail(fmt.Sprintf("%s.files[%d]", key, j), "expected a file name or pattern such as \"rok.toml\", got %q", f)
			}
		}
		t := Team{Name: rt.Name, Files: rt.Files, Owns: rt.Owns}
		for j, rg := range rt.Goals {
			g, err := goal(rg)
			if err != nil {
				return nil, fail(fmt.Sprintf("%s.goals[%d]", key, j), "%v", err)
			}
			t.Goals = append(t.Goals, g)
		}
		r.Teams = append(r.Teams, t)
	}
	return r, nil
}

func read(path string) ([]byte, error) {
	return ReadFile(os.DirFS(filepath.Dir(path)), filepath.Base(path))
}

// ReadFile reads a roles file (or another small TOML file, such as a
// session file) named name in fsys: a regular file of at most 1 MB (see
// smallfile). Its errors do not repeat the name.
func ReadFile(fsys fs.FS, name string) ([]byte, error) {
	data, err := smallfile.ReadFS(fsys, name, MaxFileBytes)
	var pe *fs.PathError
	switch {
	case errors.As(err, new(*smallfile.NotRegularError)):
		return nil, errors.New("not a regular file")
	case errors.As(err, new(*smallfile.TooLargeError)):
		return nil, fmt.Errorf("larger than %d MB", MaxFileBytes>>20)
	case errors.As(err, &pe):
		return nil, pe.Err
	}
	return data, err
}

func goal(rg rawGoal) (Goal, error) {
	info, ok := model.LookupIndicator(model.IndicatorID(rg.Indicator))
	if !ok {
		return Goal{}, fmt.Errorf("unknown indicator %q (simulate list shows them all)", rg.Indicator)
	}
	g := Goal{Indicator: info.ID, Subject: rg.Subject}
	switch {
	case g.Subject == "" && len(info.Subjects) == 1:
		g.Subject = info.Subjects[0]
	case !slices.Contains(info.Subjects, g.Subject):
		return Goal{}, fmt.Errorf("%s has no subject %q (its subjects: %s)", info.ID, g.Subject, strings.Join(info.Subjects, ", "))
	}
	target := rg.AtLeast
	switch {
	case rg.AtLeast != nil && rg.AtMost != nil:
		return Goal{}, errors.New("at_least or at_most, not both")
	case rg.AtMost != nil:
		g.AtMost, target = true, rg.AtMost
	case rg.AtLeast == nil:
		return Goal{}, errors.New("missing: at_least or at_most, a number or an indicator")
	}
	switch x := target.(type) {
	case int64:
		g.Target = float64(x)
	case float64:
		g.Target = x
	case string:
		ref, ok := model.LookupIndicator(model.IndicatorID(x))
		if !ok || !slices.Contains(ref.Subjects, g.Subject) {
			return Goal{}, fmt.Errorf("target %q is not an indicator of %s", x, g.Subject)
		}
		g.Reference = ref.ID
	default:
		return Goal{}, fmt.Errorf("expected a number or an indicator as the target, got %v", x)
	}
	return g, nil
}

// TeamOf returns the team whose files include the file at path (by name),
// or nil.
func (r *Roles) TeamOf(path string) *Team {
	base := filepath.Base(path)
	for i := range r.Teams {
		for _, pat := range r.Teams[i].Files {
			if ok, _ := filepath.Match(pat, base); ok {
				return &r.Teams[i]
			}
		}
	}
	return nil
}

// free are the keys every file may set.
var free = []string{"title", "description"}

// Check returns an error for each key the scenario's own file sets that
// its team does not own, in file order; nil for a file of no team.
func (r *Roles) Check(path string, l *scenario.Loaded) []error {
	t := r.TeamOf(path)
	if t == nil {
		return nil
	}
	var errs []error
	refuse := func(key, what string) {
		errs = append(errs, &scenario.Error{File: path, Line: l.OwnLine(key), Key: key,
			Msg: t.Unowned(what, r.Path)})
	}
	for _, key := range l.Changed {
		switch {
		case slices.Contains(free, key):
		case key == "unset":
			v, _ := l.OwnValue(key)
			list, _ := v.([]any)
			for _, e := range list {
				if k, _ := e.(string); !t.owns(k, nil) {
					refuse(key, fmt.Sprintf("%s, which it unsets", k))
				}
			}
		default:
			v, _ := l.OwnValue(key)
			entry, _ := v.(map[string]any)
			if !t.owns(key, entry) {
				refuse(key, "this key")
			}
		}
	}
	return errs
}

// Unowned says that the team does not own what (a key or an entry), and
// what it owns, as the roles file at rolesPath says.
func (t *Team) Unowned(what, rolesPath string) string {
	return fmt.Sprintf("team %s does not own %s (%s owns %s; see %s)", t.Name, what, t.Name, strings.Join(t.Owns, ", "), rolesPath)
}

// OwnsKey reports whether the team owns key, whose value is entry when it is
// an entry of an array of tables ("events[0]" with {"kind": "trade_dispute"}).
func (t *Team) OwnsKey(key string, entry map[string]any) bool { return t.owns(key, entry) }

// owns reports whether the team owns key, whose value is entry when it is
// an entry of an array of tables.
func (t *Team) owns(key string, entry map[string]any) bool {
	// An entry is TABLE[N]; any other key (a client's "x]" too) is a
	// key path.
	table, isEntry := strings.CutSuffix(key, "]")
	if i := strings.LastIndex(table, "["); isEntry && i >= 0 {
		table = table[:i]
	} else {
		table, isEntry = key, false
	}
	for _, p := range t.Owns {
		name, cond, hasCond := strings.Cut(p, " ")
		switch {
		case isEntry && name == table && !hasCond:
			return true
		case isEntry && name == table:
			field, want, _ := strings.Cut(cond, "=")
			if got, _ := entry[field].(string); got == want {
				return true
			}
		case !isEntry && !hasCond && (key == p || strings.HasPrefix(key, p+".")):
			return true
		}
	}
	return false
}
