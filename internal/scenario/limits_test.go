package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// loadErr loads text as a scenario file named s.toml beside base.toml
// and returns the error, which must be an *Error.
func loadErr(t *testing.T, text string) *Error {
	t.Helper()
	dir := writeFiles(t, map[string]string{"base.toml": base, "s.toml": text})
	start := time.Now()
	_, err := Load(filepath.Join(dir, "s.toml"))
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Load took %v", d) // a guard against a hang, not a timing assertion
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Load: got %v (%T), want an *Error", err, err)
	}
	e.File = filepath.Base(e.File)
	return e
}

// Each limit is refused with a message naming the file, the line and the
// key where known, and the limit.
func TestLoadLimits(t *testing.T) {
	ext := "extends = \"base.toml\"\n"
	deep := strings.Repeat("{a = ", maxNesting+1) + "1" + strings.Repeat("}", maxNesting+1)
	for _, c := range []struct {
		name, text, want string
	}{
		{"nesting within the limit", ext + "x = " + deep[5:len(deep)-1] + "\n",
			`s.toml:2: x: unknown key "x" (known keys: title, description, extends, start_year, end_year, seed, runs, actors, alliance, region, params, investments, events, risks, uncertainty, claims, unset)`},
		{"nesting", ext + "x = " + deep + "\n",
			"s.toml:2: x: arrays and inline tables nested more than 8 deep; a scenario needs 2 or 3 (events = [{ ... }] is 2)"},
		{"nested arrays over lines", ext + "x = [\n" + strings.Repeat("[", 9) + "\n",
			"s.toml:3: arrays and inline tables nested more than 8 deep; a scenario needs 2 or 3 (events = [{ ... }] is 2)"},
		{"dotted key", ext + strings.Repeat("a.", 8) + "a = 1\n",
			"s.toml:2: a.a.a.a.a.a.a.a.a: a dotted key or table name of more than 8 parts; a scenario needs at most 4 (actors.ROK.defense_pct is 3)"},
		{"dotted key with spaces and quotes", ext + strings.Repeat(`"a" . `, 8) + "a = 1\n",
			`s.toml:2: "a" . "a" . "a" . "a" . "a" . "a" . "a" . "a" . a: a dotted key or table name of more than 8 parts; a scenario needs at most 4 (actors.ROK.defense_pct is 3)`},
		{"table name", ext + "[" + strings.Repeat("a.", 8) + "a]\n",
			"s.toml:2: a dotted key or table name of more than 8 parts; a scenario needs at most 4 (actors.ROK.defense_pct is 3)"},
		{"string", ext + "title = \"" + strings.Repeat("x", maxStringBytes) + "\"\n",
			"s.toml:2: title: a string of more than 10000 bytes; a string is at most 10000 bytes (a title, or a description of a few paragraphs)"},
		{"multi-line string", ext + "description = '''\n" + strings.Repeat("x\n", maxStringBytes/2) + "'''\n",
			"s.toml:2: description: a string of more than 10000 bytes; a string is at most 10000 bytes (a title, or a description of a few paragraphs)"},
		{"long key", ext + strings.Repeat("k", 101) + " = 1\n",
			"s.toml:2: a key of 101 bytes; keys are at most 100 bytes"},
		{"events", ext + strings.Repeat("[[events]]\n", 10_001),
			"s.toml:2: events: 10001 entries; a file may hold at most 10000"},
		{"risks", ext + "risks = [" + strings.Repeat("{},", 1001) + "]\n",
			"s.toml:2: risks: 1001 entries; a file may hold at most 1000"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, c.text).Error(); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// Control characters are refused wherever they are written: raw in the
// text, or as escapes in a string or a quoted key.
func TestLoadRefusesControlCharacters(t *testing.T) {
	ext := "extends = \"base.toml\"\n"
	for _, c := range []struct {
		name, text, want string
	}{
		{"raw in a string", ext + "title = \"a\x07b\"\n",
			"s.toml:2: title: U+0007 (a control character) in the text; a scenario is UTF-8 text without control characters"},
		{"raw in a comment", ext + "# \x1b[31m\n",
			"s.toml:2: U+001B (a control character) in the text; a scenario is UTF-8 text without control characters"},
		{"raw C1", ext + "title = \"\u009b\"\n",
			"s.toml:2: title: U+009B (a control character) in the text; a scenario is UTF-8 text without control characters"},
		{"raw noncharacter", ext + "title = \"\uffff\"\n",
			"s.toml:2: title: U+FFFF (a noncharacter) in the text; a scenario is UTF-8 text without control characters"},
		{"not UTF-8", ext + "title = \"\xff\"\n",
			"s.toml:2: title: the byte 0xFF (not UTF-8) in the text; a scenario is UTF-8 text without control characters"},
		{"lone surrogate", ext + "title = \"\xed\xa0\x80\"\n",
			"s.toml:2: title: the byte 0xED (not UTF-8) in the text; a scenario is UTF-8 text without control characters"},
		{"escaped NUL", ext + `title = "A\u0000B"` + "\n",
			"s.toml:2: title: the text holds U+0000 (a control character) at byte 1; it may not hold control characters, tabs or line breaks"},
		{"escaped ESC in an investment name", ext + "[[investments]]\nname = \"x\\u001b[2J\"\n",
			"s.toml:3: investments[0].name: the text holds U+001B (a control character) at byte 1; it may not hold control characters, tabs or line breaks"},
		{"escaped noncharacter", ext + `title = "\uFFFE"` + "\n",
			"s.toml:2: title: the text holds U+FFFE (a noncharacter) at byte 0; it may not hold control characters, tabs or line breaks"},
		{"newline in a title", ext + `title = "two\nlines"` + "\n",
			"s.toml:2: title: the text holds U+000A (a control character) at byte 3; it may not hold control characters, tabs or line breaks"},
		{"escaped bell in a description", ext + `description = "a\u0007"` + "\n",
			"s.toml:2: description: the text holds U+0007 (a control character) at byte 1; it may not hold control characters"},
		{"in a quoted key", ext + "[actors.ROK]\n\"defense\\u0000pct\" = 1\n",
			`s.toml:2: actors.ROK: the key "defense\x00pct" holds U+0000 (a control character); keys may not hold control characters`},
		{"in extends", "extends = \"base\\u0000.toml\"\n",
			"s.toml:1: extends: the text holds U+0000 (a control character) at byte 4; it may not hold control characters, tabs or line breaks"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := loadErr(t, c.text).Error(); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// A description may span lines, in LF or CRLF files, and hold tabs.
func TestLoadMultilineDescription(t *testing.T) {
	for _, nl := range []string{"\n", "\r\n"} {
		text := strings.ReplaceAll("extends = \"base.toml\"\ndescription = \"\"\"\nOne\tline.\nTwo lines.\"\"\"\n", "\n", nl)
		dir := writeFiles(t, map[string]string{"base.toml": base, "s.toml": text})
		l := mustLoad(t, filepath.Join(dir, "s.toml"))
		if got, want := l.Scenario.Description, "One\tline.\nTwo lines."; got != want {
			t.Errorf("description %q, want %q", got, want)
		}
	}
}

// A -set key with a control character is refused with the code point.
func TestLookupSettingRefusesControlCharacters(t *testing.T) {
	_, err := LookupSetting("actors.ROK.defense_pct\x1b[2J", 2025)
	want := `"actors.ROK.defense_pct\x1b[2J": the key holds U+001B (a control character); keys may not hold control characters`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// The limits documented in SCENARIO-FORMAT.md are the loader's.
func TestDocLimits(t *testing.T) {
	b, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	thousands := func(n int) string {
		s := strconv.Itoa(n)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	}
	for _, row := range []string{
		fmt.Sprintf("| file size | %d MB |", maxFileBytes>>20),
		fmt.Sprintf("| nesting of arrays and inline tables in a value | %d |", maxNesting),
		fmt.Sprintf("| parts of a dotted key or table name | %d |", maxKeyParts),
		fmt.Sprintf("| length of a string, as written | %s bytes |", thousands(maxStringBytes)),
		fmt.Sprintf("| length of one part of a key | %d bytes |", maxKeyBytes),
		fmt.Sprintf("| `[[events]]` in one file | %s |", thousands(maxEntries["events"])),
		fmt.Sprintf("| `[[risks]]` in one file | %s |", thousands(maxEntries["risks"])),
		fmt.Sprintf("| `[[investments]]` in one file | %s |", thousands(maxEntries["investments"])),
		fmt.Sprintf("| points of a path | one per year, %d to %d |", minYear, maxYear),
		fmt.Sprintf("| files in an `extends` chain | %d |", maxChain),
	} {
		if !strings.Contains(doc, row) {
			t.Errorf("SCENARIO-FORMAT.md has no row starting %q", row)
		}
	}
}

// A chain of maxChain files loads; one more is refused.
func TestLoadChainLimit(t *testing.T) {
	files := map[string]string{"f0.toml": base}
	for i := 1; i <= maxChain; i++ {
		files[fmt.Sprintf("f%d.toml", i)] = fmt.Sprintf("extends = \"f%d.toml\"\n", i-1)
	}
	dir := writeFiles(t, files)
	l := mustLoad(t, filepath.Join(dir, fmt.Sprintf("f%d.toml", maxChain-1)))
	if len(l.Files) != maxChain {
		t.Errorf("%d files in the chain, want %d", len(l.Files), maxChain)
	}
	_, err := Load(filepath.Join(dir, fmt.Sprintf("f%d.toml", maxChain)))
	want := "f1.toml:1: extends: a chain of more than 32 files extending one another; is there a loop through a link?"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("got %v, want …%s", err, want)
	}
}

// BenchmarkLoadRefusesDeepNesting loads 4,000 nested inline tables (16 KB).
func BenchmarkLoadRefusesDeepNesting(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "deep.toml")
	text := "x = " + strings.Repeat("{a = ", 4000) + "1" + strings.Repeat("}", 4000) + "\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(path); err == nil {
			b.Fatal("accepted")
		}
	}
}
