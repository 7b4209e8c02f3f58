package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"

	"simulate/internal/scenario"
	"simulate/internal/team"
	"simulate/scenarios"
)

// Config is a decoded session file, with the texts it was read from: the
// server writes them into the first record of its log, so that a resumed
// or replayed session needs nothing but the log.
type Config struct {
	Path     string // the session file, as named
	Title    string
	Rounds   Rounds
	Injects  []Inject
	Roles    *team.Roles
	BaseName string           // the base scenario's name in Files
	base     *scenario.Loaded // BaseName loaded from Files
	// Files are the base scenario and the files it extends, by their
	// slash-separated names in the session's directory of files: the bundled
	// ones under scenarios/, others under files/.
	Files map[string]string
	Texts Texts
}

// Texts are the files a session is decoded from.
type Texts struct {
	Session     string            `json:"session"`
	SessionPath string            `json:"session_path"`
	Roles       string            `json:"roles"`
	RolesPath   string            `json:"roles_path"`
	Base        string            `json:"base"`  // the base's name in Files
	Files       map[string]string `json:"files"` // the base's chain
}

// Rounds are the rounds of a session.
type Rounds struct {
	Count           int // 1 to maxRounds
	FirstYear       int // the first year of round 1
	Years           int // the years a round covers
	DeadlineMinutes int // 0: no deadline
}

// Span returns the first and last year of round n (from 1).
func (r Rounds) Span(n int) (first, last int) {
	first = r.FirstYear + (n-1)*r.Years
	return first, first + r.Years - 1
}

// Inject is an event the teacher may fire into an open round.
type Inject struct {
	ID       string  `json:"id"`
	Label    string  `json:"label"`
	Kind     string  `json:"kind"`
	Actor    string  `json:"actor,omitempty"`
	Severity float64 `json:"severity"`
}

const (
	maxRounds   = 20
	maxInjects  = 100
	maxDeadline = 24 * 60 // minutes
	maxLabel    = 80
)

// plainName is what a file name or an inject's id the server makes from a
// session file may be: it becomes part of a path.
var plainName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,40}$`)

type rawSession struct {
	Title   string      `toml:"title"`
	Base    string      `toml:"base"`
	Roles   string      `toml:"roles"`
	Rounds  rawRounds   `toml:"rounds"`
	Injects []rawInject `toml:"injects"`
}

type rawRounds struct {
	Count           int64 `toml:"count"`
	FirstYear       int64 `toml:"first_year"`
	Years           int64 `toml:"years"`
	DeadlineMinutes int64 `toml:"deadline_minutes"`
}

type rawInject struct {
	ID       string   `toml:"id"`
	Label    string   `toml:"label"`
	Kind     string   `toml:"kind"`
	Actor    string   `toml:"actor"`
	Severity *float64 `toml:"severity"`
}

// IsSession reports whether the file at p is a session file rather than a
// scenario: TOML with top-level base and roles keys, which no scenario has.
func IsSession(p string) bool {
	data, err := readFile(os.DirFS(filepath.Dir(p)), filepath.Base(p))
	if err != nil {
		return false
	}
	var top map[string]any
	if _, err := toml.Decode(string(data), &top); err != nil {
		return false
	}
	_, base := top["base"]
	_, roles := top["roles"]
	return base && roles
}

// LoadConfig reads a session file from disk: the roles file and the base
// scenario are named relative to it (a base that names no file there may
// name a bundled scenario, e.g. scenarios/classroom/negotiation/round-1.toml).
func LoadConfig(p string) (*Config, error) {
	return loadConfig(os.DirFS(filepath.Dir(p)), p, true)
}

// LoadConfigFS reads a session file from fsys (the bundled session): its
// roles file from fsys too, its base from the bundled scenarios.
func LoadConfigFS(fsys fs.FS, name string) (*Config, error) {
	return loadConfig(fsys, name, false)
}

// loadConfig reads the session file p; dir holds the files it names (the
// directory of p). disk says whether the base may be a file on disk.
func loadConfig(dir fs.FS, p string, disk bool) (*Config, error) {
	data, err := readFile(dir, path.Base(filepath.ToSlash(p)))
	if err != nil {
		return nil, &scenario.Error{File: p, Msg: "cannot read the session file: " + err.Error()}
	}
	t := Texts{Session: string(data), SessionPath: filepath.ToSlash(p)}
	var raw rawSession
	if err := decodeStrict(p, data, &raw, "a session file has title, base, roles, [rounds] with count, first_year, years and deadline_minutes, and [[injects]] with id, label, kind, actor and severity"); err != nil {
		return nil, err
	}
	fail := func(key, format string, args ...any) error {
		return &scenario.Error{File: p, Line: keyLine(t.Session, key), Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if raw.Roles == "" {
		return nil, fail("roles", "missing: the roles file (teams, the keys each owns, goals), e.g. roles = \"negotiation-roles.toml\"")
	}
	rolesData, err := readFile(dir, raw.Roles)
	if err != nil {
		return nil, fail("roles", "cannot read the roles file %q (named relative to the session file): %v", raw.Roles, err)
	}
	t.Roles, t.RolesPath = string(rolesData), path.Join(path.Dir(t.SessionPath), filepath.ToSlash(raw.Roles))
	if raw.Base == "" {
		return nil, fail("base", "missing: the scenario round 1 starts from, e.g. base = \"scenarios/classroom/negotiation/round-1.toml\"")
	}
	var baseErr error
	t.Base, t.Files, baseErr = baseChain(filepath.Join(filepath.Dir(p), filepath.FromSlash(raw.Base)), raw.Base, disk)
	if baseErr != nil {
		return nil, fail("base", "%v", baseErr)
	}
	return decodeConfig(t)
}

// decodeConfig decodes a session from its texts, as a log's first record
// holds them.
func decodeConfig(t Texts) (*Config, error) {
	p := t.SessionPath
	var raw rawSession
	if err := decodeStrict(p, []byte(t.Session), &raw, ""); err != nil {
		return nil, err
	}
	fail := func(key, format string, args ...any) error {
		return &scenario.Error{File: p, Line: keyLine(t.Session, key), Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	c := &Config{Path: p, Title: raw.Title, Texts: t, BaseName: t.Base, Files: t.Files}
	for name := range c.Files {
		// The names come from the loader's chain, or from a log: each is
		// written under the state directory.
		dir, _, _ := strings.Cut(name, "/")
		if !fs.ValidPath(name) || !strings.HasSuffix(name, ".toml") || (dir != scenario.BundledDir && dir != "files") {
			return nil, fail("base", "a file of the base's chain is named %q: expected a path under scenarios/ or files/ ending in .toml", name)
		}
	}
	if _, ok := c.Files[c.BaseName]; !ok {
		return nil, fail("base", "the base %q is not among its chain's files", c.BaseName)
	}
	if c.Title == "" {
		return nil, fail("title", "missing: the session's title, shown to every team")
	}
	if err := plainText(c.Title, 200); err != nil {
		return nil, fail("title", "%v", err)
	}
	roles, err := team.Parse(t.RolesPath, []byte(t.Roles))
	if err != nil {
		return nil, err
	}
	for i, tm := range roles.Teams {
		if !plainName.MatchString(tm.Name) {
			return nil, &scenario.Error{File: t.RolesPath, Key: fmt.Sprintf("teams[%d].name", i), Msg: fmt.Sprintf("a served session names a team's file and its role after the team: expected letters, digits, '-' and '_', got %q", tm.Name)}
		}
		if f := tm.Files[0]; !strings.HasSuffix(f, ".toml") || !plainName.MatchString(strings.TrimSuffix(f, ".toml")) {
			return nil, &scenario.Error{File: t.RolesPath, Key: fmt.Sprintf("teams[%d].files[0]", i), Msg: fmt.Sprintf("a served session writes team %s's move to this file: expected a plain name such as %q, got %q", tm.Name, strings.ToLower(tm.Name)+".toml", f)}
		}
	}
	c.Roles = roles

	r := raw.Rounds
	switch {
	case r.Count < 1 || r.Count > maxRounds:
		return nil, fail("rounds.count", "expected the number of rounds, 1 to %d, got %d", maxRounds, r.Count)
	case r.Years < 1 || r.Years > 50:
		return nil, fail("rounds.years", "expected the years each round covers, 1 to 50, got %d", r.Years)
	case r.DeadlineMinutes < 0 || r.DeadlineMinutes > maxDeadline:
		return nil, fail("rounds.deadline_minutes", "expected minutes from a round's start to its close, 0 (none) to %d, got %d", maxDeadline, r.DeadlineMinutes)
	}
	c.Rounds = Rounds{Count: int(r.Count), FirstYear: int(r.FirstYear), Years: int(r.Years), DeadlineMinutes: int(r.DeadlineMinutes)}

	if c.base, err = scenario.LoadFS(newMemFS(c.Files).fs(), c.BaseName); err != nil {
		return nil, fail("base", "%v", err)
	}
	sc := c.base.Scenario
	if c.Rounds.FirstYear == 0 {
		c.Rounds.FirstYear = sc.StartYear + 1
	}
	if _, last := c.Rounds.Span(c.Rounds.Count); c.Rounds.FirstYear <= sc.StartYear || last > sc.EndYear {
		return nil, fail("rounds", "the %d rounds of %d years from %d end in %d; they must lie after the base's start year %d and within its horizon, which ends in %d",
			c.Rounds.Count, c.Rounds.Years, c.Rounds.FirstYear, last, sc.StartYear, sc.EndYear)
	}
	if y := roles.Year; y != 0 && (y < sc.StartYear || y > sc.EndYear) {
		return nil, &scenario.Error{File: t.RolesPath, Key: "year", Msg: fmt.Sprintf("the goals are scored in %d, outside the base's horizon %d–%d", y, sc.StartYear, sc.EndYear)}
	}

	if len(raw.Injects) > maxInjects {
		return nil, fail("injects", "at most %d injects, got %d", maxInjects, len(raw.Injects))
	}
	for i, ri := range raw.Injects {
		key := fmt.Sprintf("injects[%d]", i)
		in := Inject{ID: ri.ID, Label: ri.Label, Kind: ri.Kind, Actor: ri.Actor}
		switch {
		case !plainName.MatchString(in.ID):
			return nil, fail(key+".id", "expected an id of letters, digits, '-' and '_' (1 to 40), e.g. \"rok-crisis\", got %q", in.ID)
		case slices.ContainsFunc(c.Injects, func(o Inject) bool { return o.ID == in.ID }):
			return nil, fail(key+".id", "%q is the id of an earlier inject; ids must differ", in.ID)
		case in.Label == "":
			return nil, fail(key+".label", "missing: what the teacher's button says, e.g. \"ROK political crisis\"")
		case ri.Severity == nil:
			return nil, fail(key+".severity", "missing: the event's severity, as in [[events]]")
		}
		if err := plainText(in.Label, maxLabel); err != nil {
			return nil, fail(key+".label", "%v", err)
		}
		in.Severity = *ri.Severity
		// The event as the round file writes it, checked by the loader in
		// the first round's first year.
		text := fmt.Sprintf("extends = %s\n%s", strconv.Quote(path.Base(c.BaseName)), eventTOML(in, c.Rounds.FirstYear))
		probe := path.Join(path.Dir(c.BaseName), ".inject-check.toml")
		if _, err := scenario.LoadFS(newMemFS(c.Files).with(probe, text).fs(), probe); err != nil {
			var se *scenario.Error
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
				if k, ok := strings.CutPrefix(se.Key, "events[0]."); ok {
					key += "." + k
				}
			}
			return nil, fail(key, "%s", msg)
		}
		c.Injects = append(c.Injects, in)
	}
	return c, nil
}

// eventTOML writes an inject fired in year as an [[events]] entry.
func eventTOML(in Inject, year int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n# inject %s: %s\n[[events]]\nyear = %d\nkind = %s\n", in.ID, oneLine(in.Label), year, strconv.Quote(in.Kind))
	if in.Actor != "" {
		fmt.Fprintf(&b, "actor = %s\n", strconv.Quote(in.Actor))
	}
	fmt.Fprintf(&b, "severity = %s\n", scenario.FormatFloat(in.Severity))
	return b.String()
}

// plainText checks a string shown to others: at most max characters, no
// control characters, and no invisible format characters — a bidi
// override would show another team's name, or reorder the line of a
// file or report it is written in. The zero-width joiner of emoji
// sequences is allowed.
func plainText(s string, max int) error {
	if n := len([]rune(s)); n > max {
		return fmt.Errorf("at most %d characters, got %d", max, n)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 {
			return fmt.Errorf("control character %U not allowed", r)
		}
		if unicode.Is(unicode.Cf, r) && r != 0x200d {
			return fmt.Errorf("invisible format character %U (such as a bidi override) not allowed", r)
		}
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// decodeStrict decodes TOML into v, refusing unknown keys.
func decodeStrict(p string, data []byte, v any, known string) error {
	md, err := toml.Decode(string(data), v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line := pe.Position.Line
			if strings.HasSuffix(pe.Message, `'\n' instead`) && line > 1 {
				line-- // the library counts the newline that ended the bad line
			}
			return &scenario.Error{File: p, Line: line, Msg: pe.Message}
		}
		return &scenario.Error{File: p, Msg: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		key := und[0].String()
		return &scenario.Error{File: p, Line: keyLine(string(data), key), Key: key, Msg: "unknown key (" + known + ")"}
	}
	return nil
}

// keyLine returns the line of a key path ("rounds.count", "injects[1]")
// in a TOML file written with tables and keys one per line, or 0: the
// key's line, or else the line of the table that holds it.
func keyLine(text, key string) int {
	lines := strings.Split(text, "\n")
	parts := strings.Split(key, ".")
	from, at := 0, 0
	for i, part := range parts {
		name, idx := part, 0
		if open := strings.Index(part, "["); open > 0 {
			idx, _ = strconv.Atoi(strings.TrimSuffix(part[open+1:], "]"))
			name = part[:open]
		}
		found := false
		for n := from; n < len(lines) && !found; n++ {
			if header(lines[n]) == name {
				if idx == 0 {
					from, at, found = n+1, n+1, true
				}
				idx--
			}
		}
		if found {
			continue
		}
		if i == len(parts)-1 {
			for n := from; n < len(lines); n++ {
				l := strings.TrimSpace(lines[n])
				if strings.HasPrefix(l, "[") {
					break // the end of the table
				}
				if k, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == name {
					return n + 1
				}
			}
		}
		break
	}
	return at
}

// header returns the name of a [table] or [[array]] header line, or "".
func header(line string) string {
	l := strings.TrimSpace(line)
	if i := strings.Index(l, "#"); i >= 0 {
		l = strings.TrimSpace(l[:i])
	}
	if !strings.HasPrefix(l, "[") || !strings.HasSuffix(l, "]") {
		return ""
	}
	return strings.TrimSpace(strings.Trim(l, "[]"))
}

// readFile reads a file the session file names, inside its directory.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	name = path.Clean(filepath.ToSlash(name))
	if !fs.ValidPath(name) {
		return nil, errors.New("expected a path inside the session file's directory")
	}
	return team.ReadFile(fsys, name)
}

// baseChain returns the base scenario's name and its chain of files: the
// file on disk at p (when disk allows it) with the files it extends, on
// disk or bundled, or else the bundled scenario ref names.
func baseChain(p, ref string, disk bool) (string, map[string]string, error) {
	if _, err := os.Stat(p); disk && err == nil {
		l, err := scenario.Load(p)
		if err != nil {
			return "", nil, err
		}
		names, texts, err := l.Chain()
		if err != nil {
			return "", nil, err
		}
		// A file of the chain read from the bundle (the base extends a
		// bundled scenario by its name) is laid out where the loader
		// looked for it on disk, with the text it read: the session's log
		// and every export carry it, so that they need no bundle.
		files := map[string]string{}
		for i := range names {
			files[path.Join("files", names[i])] = texts[i]
		}
		return path.Join("files", names[0]), files, nil
	}
	name := strings.TrimPrefix(path.Clean(filepath.ToSlash(ref)), scenario.BundledDir+"/")
	l, err := scenario.LoadFS(scenarios.FS, name)
	if err != nil {
		if _, serr := fs.Stat(scenarios.FS, name); serr != nil {
			return "", nil, fmt.Errorf("no file %s and no bundled scenario %s (simulate list -scenarios shows them)", p, path.Join(scenario.BundledDir, name))
		}
		return "", nil, err
	}
	files := map[string]string{}
	for _, f := range l.Files {
		files[path.Join(scenario.BundledDir, f.Path)] = f.Text
	}
	return path.Join(scenario.BundledDir, name), files, nil
}
