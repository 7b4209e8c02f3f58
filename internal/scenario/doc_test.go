package scenario

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"simulate/model"
)

// docPath is the scenario format's documentation.
var docPath = filepath.Join("..", "..", "docs", "SCENARIO-FORMAT.md")

// docTables returns the rows of the tables under each heading of a
// Markdown text: heading → rows, each row its cells with the first cell's
// backquotes removed.
func docTables(text string) map[string][][]string {
	out := map[string][][]string{}
	heading := ""
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
		case strings.HasPrefix(line, "| `"):
			var cells []string
			for _, c := range strings.Split(strings.Trim(line, "|"), " | ") {
				cells = append(cells, strings.TrimSpace(c))
			}
			cells[0] = strings.Trim(cells[0], "`")
			out[heading] = append(out[heading], cells)
		}
	}
	return out
}

// TestDocCoversSchema keeps docs/SCENARIO-FORMAT.md and the loader's schema
// in step: every key the loader accepts has a row under its heading, no row
// names a key the loader rejects, and the unit, range, path and actors
// columns say what the schema says.
func TestDocCoversSchema(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	tables := docTables(string(data))
	sameKeys := func(heading string, want []string) map[string][]string {
		t.Helper()
		rows := map[string][]string{}
		var got []string
		for _, r := range tables[heading] {
			rows[r[0]] = r
			got = append(got, r[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("the table under %q lists %q; the loader knows %q (in this order)", heading, got, want)
		}
		return rows
	}
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}

	sameKeys("Top level", topKeys)
	sameKeys("[[investments]]", investmentKeys)
	sameKeys("[[events]]", eventKeys)
	sameKeys("Event kinds", model.EventKindNames())
	sameKeys("Sectors", model.SectorNames())

	var actorKeys []string
	for _, fd := range actorFields {
		actorKeys = append(actorKeys, fd.key)
	}
	rows := sameKeys("[actors.ACTOR]", actorKeys)
	for _, fd := range actorFields {
		actors := "all"
		if fd.only != nil {
			actors = joinActors(fd.only)
		}
		want := []string{fd.key, fd.unit, rangeText(fd.lo, fd.hi, ""), yesNo(fd.path), actors}
		if r := rows[fd.key]; r != nil && (len(r) < len(want) || !slices.Equal(r[:len(want)], want)) {
			t.Errorf("[actors.ACTOR] row %q, want it to start %q", r, want)
		}
	}
	for heading, fields := range map[string][]allianceField{"[alliance]": allianceFields, "[region]": regionFields} {
		var keys []string
		for _, fd := range fields {
			keys = append(keys, fd.key)
		}
		rows := sameKeys(heading, keys)
		for _, fd := range fields {
			want := []string{fd.key, fd.unit, rangeText(fd.lo, fd.hi, ""), yesNo(fd.path)}
			if r := rows[fd.key]; r != nil && (len(r) < len(want) || !slices.Equal(r[:len(want)], want)) {
				t.Errorf("%s row %q, want it to start %q", heading, r, want)
			}
		}
	}
	if !strings.Contains(string(data), "simulate list -params") {
		t.Errorf("the documentation does not point to simulate list -params for the coefficients")
	}
}

// TestDocExampleLoads loads the first TOML example of the documentation,
// extending a complete scenario as it does the baseline.
func TestDocExampleLoads(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```toml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no ```toml example in the documentation")
	}
	base := strings.Replace(base, "end_year = 2030", "end_year = 2040", 1)
	t.Chdir(writeFiles(t, map[string]string{"baseline.toml": base, "example.toml": example}))
	l, err := Load("example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got := l.Scenario.Actors[model.ROK].DefensePct.At(2035); got != 3.5 {
		t.Errorf("ROK defense_pct in 2035 = %v, want 3.5", got)
	}
}

// TestReadmeMentionsEveryKey keeps the README's summary of the scenario
// format complete: every key the loader accepts appears there in backticks.
func TestReadmeMentionsEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	keys := append([]string(nil), topKeys...)
	for _, f := range actorFields {
		keys = append(keys, f.key)
	}
	for _, f := range allianceFields {
		keys = append(keys, f.key)
	}
	for _, f := range regionFields {
		keys = append(keys, f.key)
	}
	keys = append(keys, investmentKeys...)
	keys = append(keys, eventKeys...)
	for _, k := range keys {
		if !strings.Contains(readme, "`"+k+"`") && !strings.Contains(readme, "["+k) {
			t.Errorf("README.md does not mention the scenario key `%s`", k)
		}
	}
}
