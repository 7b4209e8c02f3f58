package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// classroomDocs is the directory of the teacher's guide and exercises,
// relative to this package.
const classroomDocs = "../../docs/classroom"

// docCommand is a simulate command shown in a fenced block of a document.
type docCommand struct {
	file string
	line int
	args []string // without "simulate"
}

// docCommands returns the simulate commands in the fenced code blocks of
// the Markdown file at path.
func docCommands(t *testing.T, path string) []docCommand {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []docCommand
	fenced := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "```"):
			fenced = !fenced
		case fenced && strings.HasPrefix(line, "simulate "):
			out = append(out, docCommand{filepath.Base(path), n, strings.Fields(line)[1:]})
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestClassroomCommands runs every simulate command the teacher's guide and
// the exercises show, as a student would from the top of the repository
// (paths are made relative to this package, globs expanded, -out sent to a
// temporary directory), and checks that each run and comparison writes its
// report.
func TestClassroomCommands(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join(classroomDocs, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []docCommand
	for _, d := range docs {
		cmds = append(cmds, docCommands(t, d)...)
	}
	if len(cmds) < 10 {
		t.Fatalf("found %d commands in %s; the guide and the exercises show more", len(cmds), classroomDocs)
	}
	for _, c := range cmds {
		name := c.file + ":" + strconv.Itoa(c.line)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			args, report := studentArgs(t, c.args, out)
			if err := run(args, io.Discard, io.Discard); err != nil {
				t.Fatalf("simulate %s: %v", strings.Join(c.args, " "), err)
			}
			if report != "" {
				if _, err := os.Stat(filepath.Join(out, report, "report.html")); err != nil {
					t.Errorf("simulate %s wrote no report: %v", strings.Join(c.args, " "), err)
				}
			}
		})
	}
}

// studentArgs turns a command's arguments into what run gets in the test:
// scenario paths relative to this package, globs expanded, and -out DIR
// for a run or a comparison. It returns the name of the directory the
// command writes under DIR ("" for commands that write nothing).
func studentArgs(t *testing.T, args []string, out string) ([]string, string) {
	t.Helper()
	var sub []string
	if len(args) > 0 && (args[0] == "compare" || args[0] == "check" || args[0] == "list") {
		sub, args = args[:1], args[1:]
	}
	var files []string
	for _, a := range args {
		if strings.HasPrefix(a, "docs/") { // a roles file
			files = append(files, filepath.Join("../..", filepath.FromSlash(a)))
			continue
		}
		if !strings.HasPrefix(a, "scenarios/") {
			files = append(files, a)
			continue
		}
		p := filepath.Join("../..", filepath.FromSlash(a))
		if strings.ContainsAny(a, "*?[") {
			matches, err := filepath.Glob(p)
			if err != nil || len(matches) == 0 {
				t.Fatalf("%s matches no file", a)
			}
			files = append(files, matches...)
			continue
		}
		files = append(files, p)
	}
	switch {
	case len(sub) == 0:
		dir := stem(files[len(files)-1])
		if i := slices.Index(files, "-name"); i >= 0 && i+1 < len(files) {
			dir = files[i+1]
		}
		return append([]string{"-out", out}, files...), dir
	case sub[0] == "compare":
		var stems []string
		for _, f := range files {
			if strings.HasSuffix(f, ".toml") {
				stems = append(stems, stem(f))
			}
		}
		return append([]string{"compare", "-out", out}, files...), "compare-" + strings.Join(stems, "-vs-")
	}
	return append(sub, files...), ""
}

// keyTerm matches a function of a run in an answer key's marker:
// v(S, INDICATOR, SUBJECT, YEAR), max(S, INDICATOR, SUBJECT), ...
var keyTerm = regexp.MustCompile(`\b(v|max|min|maxyear|minyear|firstabove|firstbelow)\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*,\s*([^,()]+?)\s*(?:,\s*([^()]*?)\s*)?\)`)

// seriesKey names one series of one scenario, by its path under
// scenarios/ without ".toml" as markers name it.
type seriesKey struct{ scenario, indicator, subject string }

// TestExerciseOutputsHoldKeyNumbers runs each exercise's commands, as
// TestClassroomCommands does, and checks that every number its answer key
// reads from a run — each v(...) year, each max(...) or firstabove(...)
// series — is in the series.csv those commands write: a student who runs
// the exercise's commands has every figure the questions need, without
// running anything else.
func TestExerciseOutputsHoldKeyNumbers(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join(classroomDocs, "[0-9][0-9]-*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no exercises in %s", classroomDocs)
	}
	for _, doc := range docs {
		t.Run(filepath.Base(doc), func(t *testing.T) {
			t.Parallel()
			have := map[seriesKey]map[string]bool{} // years written, per series
			for _, c := range docCommands(t, doc) {
				out := t.TempDir()
				args, dir := studentArgs(t, c.args, out)
				if dir == "" {
					continue
				}
				if err := run(args, io.Discard, io.Discard); err != nil {
					t.Fatalf("simulate %s: %v", strings.Join(c.args, " "), err)
				}
				readStudentSeries(t, filepath.Join(out, dir, "series.csv"), scenarioNames(args), have)
			}
			text := readText(t, doc)
			_, key, _ := strings.Cut(text, "## Answer key")
			for _, m := range keyTerm.FindAllStringSubmatch(key, -1) {
				k := seriesKey{m[2], m[3], m[4]}
				years, ok := have[k]
				switch {
				case !ok:
					t.Errorf("its key reads %s, but no command of the exercise writes %s %s of %s", m[0], k.indicator, k.subject, k.scenario)
				case m[1] == "v" && !years[m[5]]:
					t.Errorf("its key reads %s, but the exercise's commands write %s %s of %s without the year %s", m[0], k.indicator, k.subject, k.scenario, m[5])
				}
			}
		})
	}
}

// scenarioNames returns the scenarios a command's arguments run, by their
// path under scenarios/ without ".toml", in order.
func scenarioNames(args []string) []string {
	var out []string
	for _, a := range args {
		if rel, ok := strings.CutPrefix(filepath.ToSlash(a), "../../scenarios/"); ok {
			out = append(out, strings.TrimSuffix(rel, ".toml"))
		}
	}
	return out
}

// readStudentSeries adds the series and years of a run's or a comparison's
// series.csv to have; a comparison's scenario column names the scenarios
// in the order they were given.
func readStudentSeries(t *testing.T, path string, scenarios []string, have map[seriesKey]map[string]bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	compare := strings.HasPrefix(lines[0], "scenario,")
	order := map[string]string{} // the comparison's name of a scenario → its path
	for _, line := range lines[1:] {
		f := strings.Split(line, ",")
		sc := scenarios[0]
		if compare {
			if _, ok := order[f[0]]; !ok {
				order[f[0]] = scenarios[len(order)]
			}
			sc, f = order[f[0]], f[1:]
		}
		k := seriesKey{sc, f[2], f[1]}
		if have[k] == nil {
			have[k] = map[string]bool{}
		}
		have[k][f[0]] = true
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
