package scenario

import (
	"strconv"
	"strings"
)

// keyPath is a key path into a scenario: table keys and, for arrays of
// tables, element indices written "[i]".
type keyPath []string

func (k keyPath) String() string {
	var b strings.Builder
	for i, p := range k {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func (k keyPath) with(p ...string) keyPath {
	return append(append(keyPath(nil), k...), p...)
}

func index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// locator finds the line on which a key path is defined in a TOML text. The
// TOML library reports positions only for syntax errors, so a small scanner
// tracks table headers ([a.b], [[a]]) and key lines (k = ...) instead. It
// returns the line of the longest defined prefix of the path, or 0.
type locator struct {
	entries []locEntry
}

type locEntry struct {
	path keyPath
	line int
}

func newLocator(text string) *locator {
	l := &locator{}
	var table keyPath
	counts := map[string]int{}
	for n, raw := range strings.Split(text, "\n") {
		line := strings.TrimSpace(stripComment(raw))
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "[["), "]]"))
			i := counts[name]
			counts[name]++
			table = append(splitKey(name), index(i))
			l.entries = append(l.entries, locEntry{table, n + 1})
		case strings.HasPrefix(line, "["):
			name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "["), "]"))
			table = splitKey(name)
			l.entries = append(l.entries, locEntry{table, n + 1})
		default:
			eq := strings.Index(line, "=")
			if eq <= 0 {
				continue
			}
			key := table.with(splitKey(strings.TrimSpace(line[:eq]))...)
			l.entries = append(l.entries, locEntry{key, n + 1})
			// Keys of an inline table on the same line: { 2025 = 1, 2030 = 2 }.
			rest := line[eq+1:]
			if open := strings.Index(rest, "{"); open >= 0 {
				for _, part := range strings.Split(strings.Trim(rest[open:], "{} "), ",") {
					if e := strings.Index(part, "="); e > 0 {
						l.entries = append(l.entries, locEntry{key.with(splitKey(strings.TrimSpace(part[:e]))...), n + 1})
					}
				}
			}
		}
	}
	return l
}

// line returns the line defining the longest prefix of path.
func (l *locator) line(path keyPath) int {
	best, bestLen := 0, 0
	for _, e := range l.entries {
		if len(e.path) > len(path) || len(e.path) < bestLen {
			continue
		}
		match := true
		for i := range e.path {
			if e.path[i] != path[i] {
				match = false
				break
			}
		}
		if match && (len(e.path) > bestLen || best == 0) {
			best, bestLen = e.line, len(e.path)
		}
	}
	return best
}

// stripComment removes a trailing # comment that is not inside a string.
func stripComment(s string) string {
	inString := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString != 0 && c == '\\' && inString == '"':
			i++
		case inString != 0 && c == inString:
			inString = 0
		case inString == 0 && (c == '"' || c == '\''):
			inString = c
		case inString == 0 && c == '#':
			return s[:i]
		}
	}
	return s
}

// splitKey splits a dotted TOML key, dropping quotes.
func splitKey(k string) keyPath {
	var out keyPath
	for _, p := range strings.Split(k, ".") {
		out = append(out, strings.Trim(strings.TrimSpace(p), `"'`))
	}
	return out
}
