package main

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
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
		return append([]string{"-out", out}, files...), stem(files[len(files)-1])
	case sub[0] == "compare":
		var stems []string
		for _, f := range files {
			stems = append(stems, stem(f))
		}
		return append([]string{"compare", "-out", out}, files...), "compare-" + strings.Join(stems, "-vs-")
	}
	return append(sub, files...), ""
}
