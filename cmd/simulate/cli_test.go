package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestScripts runs the end-to-end cases in testdata/script/*.txtar. Each
// archive is one case: its comment holds the command line and what to check,
// its files are written to an empty directory that becomes the working
// directory, and its stdout and stderr sections are the expected output.
//
// The comment is a small script, one directive a line:
//
//	# text                  a comment
//	mkdir PATH...           create empty directories before the command
//	simulate ARGS...        the command (exactly one; 'single quotes' group words)
//	exit N                  the expected exit status (required)
//	stdout REGEXP           stdout has a line matching REGEXP (then the stdout
//	                        section may be left out, for output showing model numbers)
//	! stdout REGEXP         stdout has no line matching REGEXP
//	exists PATH...          the files exist after the command
//	! exists PATH...        the files do not exist after the command
//	firstline PATH TEXT     the file's first line is TEXT (the rest of the line)
//	json PATH FIELD VALUE   the JSON file's FIELD (dotted; array elements by
//	                        number) equals the JSON VALUE; @sha256:FILE stands
//	                        for the hex SHA-256 of FILE, * for any value but
//	                        null and ""
//
// Output is compared exactly, after replacing the directory's path with
// $WORK. When the command fails, the directory must be exactly as before: no
// file written, removed or changed. go test -update rewrites the stdout and
// stderr sections from the actual output; it never changes the script.
func TestScripts(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scripts in testdata/script")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			runScript(t, file)
		})
	}
}

func runScript(t *testing.T, file string) {
	file, err := filepath.Abs(file) // the command runs in another directory
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	sc, err := parseScript(string(ar.Comment))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	wantStdout, haveStdout := section(ar, "stdout")
	wantStderr, haveStderr := section(ar, "stderr")
	if !haveStderr {
		t.Fatalf("%s: no stderr section (an empty one says the command prints nothing there)", file)
	}
	if !haveStdout && len(sc.stdout) == 0 {
		t.Fatalf("%s: no stdout section and no stdout directive", file)
	}

	dir := t.TempDir()
	for _, f := range ar.Files {
		if f.Name == "stdout" || f.Name == "stderr" {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range sc.dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, dir)

	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := exitCode(run(sc.args, &stdout, &stderr), &stderr)
	gotStdout := strings.ReplaceAll(stdout.String(), dir, "$WORK")
	gotStderr := strings.ReplaceAll(stderr.String(), dir, "$WORK")

	if code != sc.exit {
		t.Errorf("exit status %d, want %d\nstderr:\n%s", code, sc.exit, gotStderr)
	}
	if code != 0 {
		if after := snapshot(t, dir); !reflect.DeepEqual(before, after) {
			t.Errorf("the failed command changed the directory:\n%s", treeDiff(before, after))
		}
	}
	if *update {
		if haveStdout {
			setSection(ar, "stdout", gotStdout)
		}
		setSection(ar, "stderr", gotStderr)
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		if haveStdout && gotStdout != wantStdout {
			t.Errorf("stdout:\n%s\nwant:\n%s", gotStdout, wantStdout)
		}
		if gotStderr != wantStderr {
			t.Errorf("stderr:\n%s\nwant:\n%s", gotStderr, wantStderr)
		}
	}
	for _, m := range sc.stdout {
		if m.re.MatchString(gotStdout) == m.negate {
			verb := "no line"
			if m.negate {
				verb = "a line"
			}
			t.Errorf("stdout has %s matching %s:\n%s", verb, m.re, gotStdout)
		}
	}
	for _, c := range sc.checks {
		if err := c(dir); err != nil {
			t.Error(err)
		}
	}
}

// script is the parsed comment of an archive.
type script struct {
	args   []string
	exit   int
	dirs   []string // directories to create before the command (mkdir PATH)
	stdout []stdoutMatch
	checks []func(dir string) error
}

type stdoutMatch struct {
	re     *regexp.Regexp
	negate bool
}

func parseScript(comment string) (*script, error) {
	sc := &script{exit: -1}
	haveCmd := false
	for n, line := range strings.Split(comment, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		negate := false
		if rest, ok := strings.CutPrefix(line, "! "); ok {
			negate, line = true, rest
		}
		words, err := splitWords(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n+1, err)
		}
		verb, args := words[0], words[1:]
		switch {
		case verb == "simulate" && !negate:
			if haveCmd {
				return nil, fmt.Errorf("line %d: a script runs one command", n+1)
			}
			sc.args, haveCmd = args, true
		case verb == "exit" && len(args) == 1 && !negate:
			if sc.exit, err = strconv.Atoi(args[0]); err != nil {
				return nil, fmt.Errorf("line %d: %v", n+1, err)
			}
		case verb == "mkdir" && !negate:
			sc.dirs = append(sc.dirs, args...)
		case verb == "stdout" && len(args) == 1:
			re, err := regexp.Compile("(?m)" + args[0])
			if err != nil {
				return nil, fmt.Errorf("line %d: %v", n+1, err)
			}
			sc.stdout = append(sc.stdout, stdoutMatch{re, negate})
		case verb == "exists" && len(args) > 0:
			sc.checks = append(sc.checks, existsCheck(args, !negate))
		case verb == "firstline" && len(args) >= 2 && !negate:
			text := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line[len("firstline"):]), args[0]))
			sc.checks = append(sc.checks, firstLineCheck(args[0], text))
		case verb == "json" && len(args) == 3 && !negate:
			sc.checks = append(sc.checks, jsonCheck(args[0], args[1], args[2]))
		default:
			return nil, fmt.Errorf("line %d: unknown directive %q", n+1, line)
		}
	}
	if !haveCmd {
		return nil, fmt.Errorf("no simulate command")
	}
	if sc.exit < 0 {
		return nil, fmt.Errorf("no exit status (exit N)")
	}
	return sc, nil
}

// splitWords splits a line at blanks; 'single quotes' keep blanks in a word.
func splitWords(line string) ([]string, error) {
	var words []string
	var b strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words = append(words, b.String())
				b.Reset()
			}
			inWord = false
		default:
			b.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote")
	}
	if inWord {
		words = append(words, b.String())
	}
	return words, nil
}

func existsCheck(paths []string, want bool) func(string) error {
	return func(dir string) error {
		for _, p := range paths {
			_, err := os.Stat(filepath.Join(dir, p))
			if got := err == nil; got != want {
				if want {
					return fmt.Errorf("%s does not exist", p)
				}
				return fmt.Errorf("%s exists", p)
			}
		}
		return nil
	}
}

func firstLineCheck(path, want string) func(string) error {
	return func(dir string) error {
		data, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			return err
		}
		got, _, _ := strings.Cut(string(data), "\n")
		if got != want {
			return fmt.Errorf("%s: first line %q, want %q", path, got, want)
		}
		return nil
	}
}

func jsonCheck(path, field, want string) func(string) error {
	return func(dir string) error {
		data, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil {
			return err
		}
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		got := doc
		for _, k := range strings.Split(field, ".") {
			switch v := got.(type) {
			case map[string]any:
				got = v[k]
			case []any:
				i, err := strconv.Atoi(k)
				if err != nil || i < 0 || i >= len(v) {
					return fmt.Errorf("%s: %s: no element %s", path, field, k)
				}
				got = v[i]
			default:
				return fmt.Errorf("%s: %s: %s is not inside an object or array", path, field, k)
			}
		}
		if want == "*" {
			if got == nil || got == "" {
				return fmt.Errorf("%s: %s is missing or empty", path, field)
			}
			return nil
		}
		if hashed, ok := strings.CutPrefix(want, "@sha256:"); ok {
			b, err := os.ReadFile(filepath.Join(dir, hashed))
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			want = strconv.Quote(hex.EncodeToString(sum[:]))
		}
		var wantV any
		if err := json.Unmarshal([]byte(want), &wantV); err != nil {
			return fmt.Errorf("json %s %s: the expected value %s is not JSON: %v", path, field, want, err)
		}
		if !reflect.DeepEqual(got, wantV) {
			gotJSON, _ := json.Marshal(got)
			return fmt.Errorf("%s: %s is %s, want %s", path, field, gotJSON, want)
		}
		return nil
	}
}

// snapshot returns every file and directory under dir with its contents
// ("/" for a directory).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func treeDiff(before, after map[string]string) string {
	var lines []string
	for p, a := range after {
		if b, ok := before[p]; !ok {
			lines = append(lines, "added "+p)
		} else if a != b {
			lines = append(lines, "changed "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			lines = append(lines, "removed "+p)
		}
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// section returns the data of the archive's file of that name.
func section(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}

// setSection replaces the data of the archive's file of that name, or adds
// the file.
func setSection(ar *txtar.Archive, name, text string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(text)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(text)})
}

// TestBundledScenariosCheck checks every bundled scenario: valid, and
// without warnings (a warning in a bundled scenario is a mistake in it).
func TestBundledScenariosCheck(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bundled scenarios found (%v)", err)
	}
	var stdout, stderr bytes.Buffer
	code := exitCode(run(append([]string{"check"}, files...), &stdout, &stderr), &stderr)
	if code != 0 || stderr.Len() > 0 {
		t.Errorf("simulate check scenarios/*.toml: exit %d\n%s", code, stderr.String())
	}
	if n := strings.Count(stdout.String(), "ok "); n != len(files) {
		t.Errorf("%d ok lines for %d files:\n%s", n, len(files), stdout.String())
	}
}

// TestCommandsMatchSwitch keeps the list of commands used in messages in
// step with the cases of the switch in run.
func TestCommandsMatchSwitch(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "run.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var cases []string
	ast.Inspect(f, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "run" {
			return true
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						cases = append(cases, s)
					}
				}
			}
			return true
		})
		return false
	})
	slices.Sort(cases)
	want := slices.Sorted(slices.Values(commands))
	if !slices.Equal(cases, want) {
		t.Errorf("the switch in run handles %v but commands in run.go lists %v: add new commands to both", cases, want)
	}
}
