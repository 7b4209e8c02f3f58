package classroom

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"simulate/internal/scenario"
	"simulate/internal/team"
)

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// inOrder reports the headings of want that doc lacks or has out of order.
func inOrder(t *testing.T, name, doc string, want []string) {
	t.Helper()
	pos := 0
	for _, h := range want {
		i := strings.Index(doc[pos:], "\n"+h+"\n")
		if i < 0 {
			t.Errorf("%s lacks the heading %q (or has it out of order)", name, h)
			continue
		}
		pos += i + 1
	}
}

// The guide has the NetLogo Models Library's sections, in their order.
func TestGuideSections(t *testing.T) {
	inOrder(t, "README.md", read(t, "README.md"), []string{
		"## WHAT IS IT?", "## HOW IT WORKS", "## HOW TO USE IT", "## THINGS TO NOTICE",
		"## THINGS TO TRY", "## EXTENDING THE MODEL", "## RELATED MODELS", "## CREDITS AND REFERENCES",
	})
}

// Every exercise has its parts, in order, and the guide links it.
func TestExerciseParts(t *testing.T) {
	files := exerciseFiles(t)
	if len(files) < 7 {
		t.Errorf("%d exercises, want at least seven (six topics and the team exercise)", len(files))
	}
	guide := read(t, "README.md")
	for _, name := range files {
		doc := read(t, name)
		if !strings.HasPrefix(doc, "# Exercise ") {
			t.Errorf("%s does not start with its title, \"# Exercise N: ...\"", name)
		}
		inOrder(t, name, doc, []string{"## Goal", "## Scenario files", "## Commands", "## Questions", "## Answer key"})
		if !strings.Contains(guide, "]("+name+")") {
			t.Errorf("README.md does not link %s", name)
		}
		if !marker.MatchString(doc[strings.Index(doc, "## Answer key"):]) {
			t.Errorf("%s: its answer key has no number checked against the model", name)
		}
	}
}

// scenarioPath matches a scenario file named in the docs.
var scenarioPath = regexp.MustCompile("`(scenarios/[^` *]+\\.toml)`")

// Every scenario file the docs name exists, and every classroom scenario is
// used by an exercise and opens with a comment saying what it explores.
func TestScenarioFiles(t *testing.T) {
	named := map[string]bool{}
	for _, name := range append([]string{"README.md"}, exerciseFiles(t)...) {
		for _, m := range scenarioPath.FindAllStringSubmatch(read(t, name), -1) {
			named[m[1]] = true
			if _, err := os.Stat(filepath.Join("../..", m[1])); err != nil && !strings.Contains(m[1], "my-") {
				t.Errorf("%s names %s, which does not exist", name, m[1])
			}
		}
	}
	err := filepath.WalkDir(filepath.Join(scenariosDir, "classroom"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".toml" {
			return err
		}
		rel, _ := filepath.Rel("../..", path)
		rel = filepath.ToSlash(rel)
		dir := filepath.ToSlash(filepath.Dir(rel))
		if !named[rel] && !named[dir+"/*.toml"] && !strings.Contains(dir, "/round-") {
			t.Errorf("%s is used by no exercise", rel)
		}
		if text := read(t, path); !strings.HasPrefix(text, "# ") {
			t.Errorf("%s does not open with a comment saying what it explores", rel)
		}
		if _, err := scenario.Load(path); err != nil {
			t.Error(err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The team files of every round keep to what their team owns in the
// roles file (negotiation-roles.toml, which check -roles reads), form the
// chain the exercise describes, and round 2 as shipped changes nothing.
func TestNegotiationFiles(t *testing.T) {
	roles, err := team.Load("negotiation-roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(scenariosDir, "classroom", "negotiation")
	chain := []string{"rok", "dprk", "chn", "jpn", "us"}
	for _, round := range []string{"round-1", "round-2"} {
		for _, name := range chain {
			path := filepath.Join(dir, round, name+".toml")
			l, err := scenario.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			if tm := roles.TeamOf(path); tm == nil || tm.Name != strings.ToUpper(name) {
				t.Errorf("%s is not team %s's file in the roles file", path, strings.ToUpper(name))
			}
			for _, err := range roles.Check(path, l) {
				t.Error(err)
			}
			if len(l.Warnings) > 0 {
				t.Errorf("%s: %v", path, l.Warnings)
			}
		}
		l, err := scenario.Load(filepath.Join(dir, round+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range l.Files[1:6] {
			got = append(got, strings.TrimSuffix(filepath.Base(f.Path), ".toml"))
		}
		if !reflect.DeepEqual(got, chain) {
			t.Errorf("%s extends %v, want the chain %v", round, got, chain)
		}
	}
	r := runs{}
	one, err := r.get("classroom/negotiation/round-1")
	if err != nil {
		t.Fatal(err)
	}
	two, err := r.get("classroom/negotiation/round-2")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one.Values, two.Values) {
		t.Error("round 2 as shipped gives other results than round 1: its team files should set nothing yet")
	}
}

// The goals exercise 7 gives the teams are the roles file's, which the
// scorecards of simulate -roles and simulate serve score: each numeric
// target and each reference indicator of a team's goals is written in
// that team's row of the exercise's goals table, and the year scored is
// the one the table's heading names.
func TestNegotiationGoalsMatchExercise(t *testing.T) {
	roles, err := team.Load("negotiation-roles.toml")
	if err != nil {
		t.Fatal(err)
	}
	doc := read(t, "07-negotiation.md")
	heading := fmt.Sprintf("**Goals, scored in %d.**", roles.Year)
	at := strings.Index(doc, heading)
	if at < 0 {
		t.Fatalf("07-negotiation.md has no heading %q", heading)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(doc[at:], "\n") {
		cells := strings.Split(line, "|")
		if len(cells) >= 4 && strings.HasPrefix(line, "| ") {
			rows[strings.TrimSpace(cells[1])] = line
		}
	}
	number := regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)
	for _, tm := range roles.Teams {
		row, ok := rows[tm.Name]
		if !ok {
			t.Errorf("the goals table of 07-negotiation.md has no row for team %s", tm.Name)
			continue
		}
		written := map[float64]bool{}
		for _, s := range number.FindAllString(row, -1) {
			v, _ := strconv.ParseFloat(s, 64)
			written[v] = true
		}
		for _, g := range tm.Goals {
			switch {
			case g.Reference != "":
				if !strings.Contains(row, "`"+string(g.Reference)+"`") {
					t.Errorf("team %s: the roles file's goal on %s is against %s, which the exercise's row does not name: %s", tm.Name, g.Indicator, g.Reference, row)
				}
			case !written[g.Target]:
				t.Errorf("team %s: the roles file's goal on %s has target %v, which the exercise's row does not give: %s", tm.Name, g.Indicator, g.Target, row)
			}
		}
	}
}
