package serve

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"simulate/internal/explore/api"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/internal/study"
	"simulate/internal/team"
	"simulate/model"
)

// Move is a team's move in a round: the keys it sets and the investments
// and events it adds, as the explorer's api.Request writes them.
type Move struct {
	Set         []api.Setting    `json:"set,omitempty"`
	Investments []api.Investment `json:"investments,omitempty"`
	Events      []api.Event      `json:"events,omitempty"`
}

// Bounds on a move beyond the body's size: far above what a lever panel
// sends.
const (
	maxSettings = 200
	maxEntries  = 50
)

// roundFile is the name of round n's file, which runs the whole chain.
func roundFile(n int) string { return "round-" + strconv.Itoa(n) + ".toml" }

// teamFile is the name of a team's file in round n.
func teamFile(n int, tm *team.Team) string {
	return path.Join("round-"+strconv.Itoa(n), tm.Files[0])
}

// fromRoundDir is ref, a name in the session's files, as an extends of a
// file in a round's directory.
func fromRoundDir(ref string) string { return "../" + ref }

// ownedMove checks that the team owns every key the move sets and every
// entry it adds; the error names the first that it does not own.
func ownedMove(tm *team.Team, m *Move, rolesPath string) error {
	refuse := func(what string) error {
		return errors.New(tm.Unowned(what, rolesPath))
	}
	for _, s := range m.Set {
		if !tm.OwnsKey(s.Key, nil) {
			return refuse(s.Key)
		}
	}
	for i, inv := range m.Investments {
		if !tm.OwnsKey(fmt.Sprintf("investments[%d]", i), map[string]any{"from": inv.From}) {
			return refuse(fmt.Sprintf("[[investments]] from %q", inv.From))
		}
	}
	for i, e := range m.Events {
		if !tm.OwnsKey(fmt.Sprintf("events[%d]", i), map[string]any{"kind": e.Kind}) {
			return refuse(fmt.Sprintf("[[events]] of kind %q", e.Kind))
		}
	}
	return nil
}

// composeTeam writes a team's move in round n as its file, extending
// extends (a name relative to the round's directory).
func composeTeam(title string, n int, tm *team.Team, m *Move, extends string) (string, error) {
	if len(m.Set) > maxSettings || len(m.Investments) > maxEntries || len(m.Events) > maxEntries {
		return "", fmt.Errorf("a move sets at most %d keys and adds at most %d investments and %d events", maxSettings, maxEntries, maxEntries)
	}
	note := fmt.Sprintf("team %s, round %d", tm.Name, n)
	req := &api.Request{Base: "parent.toml"}
	for _, s := range m.Set {
		s.Note = note
		req.Set = append(req.Set, s)
	}
	for _, inv := range m.Investments {
		inv.Note = note
		req.Investments = append(req.Investments, inv)
	}
	for _, e := range m.Events {
		e.Note = note
		req.Events = append(req.Events, e)
	}
	body, err := api.Compose(req)
	if err != nil {
		return "", err
	}
	// Compose's header names the explorer; the body after its extends
	// line is the move.
	if _, rest, ok := strings.Cut(body, "extends = \"parent.toml\"\n"); ok {
		body = rest
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Team %s's move in round %d of the session %q, as submitted.\n", tm.Name, n, oneLine(title))
	fmt.Fprintf(&b, "title = %s\n", strconv.Quote(fmt.Sprintf("%s, round %d: team %s", title, n, tm.Name)))
	fmt.Fprintf(&b, "extends = %s\n", strconv.Quote(extends))
	b.WriteString(body)
	return b.String(), nil
}

// fired is an inject fired into a round, in a year.
type fired struct {
	Inject
	Year int `json:"year"`
}

// composeRound writes round n's file: it extends the last team's file and
// adds the injects fired in the round.
func composeRound(title string, n int, last string, moved []string, shots []fired) string {
	what := "no team moved"
	if len(moved) > 0 {
		what = "the moves of " + strings.Join(moved, ", ")
	}
	var events []string
	for _, f := range shots {
		events = append(events, fmt.Sprintf("%s (%d)", oneLine(f.Label), f.Year))
	}
	if len(events) > 0 {
		what += "; injects: " + strings.Join(events, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# Round %d of the session %q: every team's move (the files of round-%d/,\n# each extending the one before) and the injects the teacher fired. Run this file.\n", n, oneLine(title), n)
	fmt.Fprintf(&b, "title = %s\n", strconv.Quote(fmt.Sprintf("%s, round %d", title, n)))
	fmt.Fprintf(&b, "description = %s\n", strconv.Quote(fmt.Sprintf("Round %d: %s.", n, what)))
	fmt.Fprintf(&b, "extends = %s\n", strconv.Quote(last))
	for _, f := range shots {
		b.WriteString(eventTOML(f.Inject, f.Year))
	}
	return b.String()
}

// referenceRun returns the loaded scenario with runs = 1: a round's
// results and report are its reference run, whatever ensemble the base
// asks for (up to a million runs, which a reveal must not wait for).
func referenceRun(l *scenario.Loaded) *scenario.Loaded {
	sc := *l.Scenario
	sc.Runs = 1
	c := *l
	c.Scenario = &sc
	return &c
}

// outcome is a closed round: its files, loaded and run, and the teams'
// scores.
type outcome struct {
	Files   []output.File // round-N/<team>.toml in chain order, then round-N.toml
	Loaded  *scenario.Loaded
	Results *model.Results
	Run     *api.Run
	Scores  []team.Score
	Closed  time.Time // the time of the close, which the export's zip entries carry
}

// closeRound composes round n's chain from the moves (by team name) over
// files, whose file prev the round extends, loads it through cache and
// runs it, once.
func closeRound(cfg *Config, files memFS, cache *scenario.Cache, prev string, n int, moves map[string]*Move, shots []fired) (*outcome, memFS, error) {
	out := &outcome{}
	extends := fromRoundDir(prev)
	next := files
	var moved []string
	for i := range cfg.Roles.Teams {
		tm := &cfg.Roles.Teams[i]
		m := moves[tm.Name]
		if m == nil {
			m = &Move{}
		} else if len(m.Set)+len(m.Investments)+len(m.Events) > 0 {
			moved = append(moved, tm.Name)
		}
		text, err := composeTeam(cfg.Title, n, tm, m, extends)
		if err != nil {
			return nil, nil, err
		}
		name := teamFile(n, tm)
		next = next.with(name, text)
		out.Files = append(out.Files, output.File{Name: name, Data: []byte(text)})
		extends = tm.Files[0]
	}
	name := roundFile(n)
	text := composeRound(cfg.Title, n, out.Files[len(out.Files)-1].Name, moved, shots)
	next = next.with(name, text)
	out.Files = append(out.Files, output.File{Name: name, Data: []byte(text)})
	fsys := next.fs()
	for i := range cfg.Roles.Teams {
		f := out.Files[i].Name
		l, err := cache.LoadFS(fsys, f)
		if err != nil {
			return nil, nil, err
		}
		if errs := cfg.Roles.Check(f, l); len(errs) > 0 {
			return nil, nil, errs[0]
		}
	}
	l, err := cache.LoadFS(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	scores, err := cfg.Roles.Scorecard(res)
	if err != nil {
		return nil, nil, err
	}
	out.Loaded, out.Results, out.Scores = l, res, scores
	// The results carry the run's series, not the levers' values (which
	// a preview gives): every client fetches them after every change.
	out.Run = api.NewRun(name, l, res)
	return out, next, nil
}

// exportRound renders round n's export: the files of its chain, its
// series.csv and the report comparing it with what it extends (the round
// before, or the base). The zip also holds earlier, the files the round's
// chain extends (the earlier rounds' and the base's), so that round-N.toml
// runs from the unzipped folder alone. The zip's entries carry the time of
// the close.
func exportRound(n int, o *outcome, prevName string, prev *scenario.Loaded, earlier []output.File) (disk []output.File, zipped []byte, err error) {
	prevLabel := "start"
	if n > 1 {
		prevLabel = strings.TrimSuffix(prevName, ".toml")
	}
	cmp, err := study.Compare([]study.Scenario{
		{Path: prevName, Loaded: referenceRun(prev), Label: prevLabel},
		{Path: roundFile(n), Loaded: referenceRun(o.Loaded), Label: strings.TrimSuffix(roundFile(n), ".toml")},
	}, study.RunOptions{})
	if err != nil {
		return nil, nil, err
	}
	series, err := output.Encode("series.csv", func(w io.Writer) error { return output.WriteSeriesCSV(w, o.Results) })
	if err != nil {
		return nil, nil, err
	}
	report := cmp.File("report.html")
	dir := "round-" + strconv.Itoa(n)
	zipFiles := append(append(append([]output.File(nil), o.Files...), series, output.File{Name: "report.html", Data: report}), earlier...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zipFiles {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: o.Closed.UTC()})
		if err != nil {
			return nil, nil, err
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	disk = append(append([]output.File(nil), o.Files...),
		output.File{Name: path.Join(dir, "series.csv"), Data: series.Data},
		output.File{Name: path.Join(dir, "report.html"), Data: report},
		output.File{Name: dir + ".zip", Data: buf.Bytes()})
	return disk, buf.Bytes(), nil
}
