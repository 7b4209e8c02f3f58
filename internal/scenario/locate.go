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

// prefixes returns k.String() and, for each n from 1 to len(k), the length
// of k[:n].String(), which is a prefix of it: the strings of all the
// prefixes of a path at the cost of one.
func (k keyPath) prefixes() (string, []int) {
	s := k.String()
	ends := make([]int, len(k))
	n := 0
	for i, p := range k {
		if i > 0 && !strings.HasPrefix(p, "[") {
			n++
		}
		n += len(p)
		ends[i] = n
	}
	return s, ends
}

func (k keyPath) with(p ...string) keyPath {
	return append(append(keyPath(nil), k...), p...)
}

func index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// locator finds the line on which a key path is defined in a TOML text.
// BurntSushi/toml reports positions only for syntax errors, so a small
// scanner records where each table header ([a.b], [[a]]) and each key
// (k = ..., also inside inline tables and arrays of inline tables) is
// written. It is best effort: on text the TOML parser rejects it may record
// nonsense, but it never fails and it never panics. Lookups are by map, so
// that a large file cannot make them slow.
type locator struct {
	first  map[string]int  // key path → the line where it is first defined
	onLine map[int]keyPath // line → the first key path written on it
}

// line returns the line where the longest recorded prefix of path is first
// defined, or 0 if no prefix of it is recorded.
func (l *locator) line(path keyPath) int {
	s, ends := path.prefixes()
	for n := len(path); n > 0; n-- {
		if line, ok := l.first[s[:ends[n-1]]]; ok {
			return line
		}
	}
	return 0
}

// keyOnLine returns the first key path written on line n, or nil.
func (l *locator) keyOnLine(n int) keyPath { return l.onLine[n] }

// add records path at line. It records the path's parents too unless they
// are already recorded (a header [a.b.c] or a dotted key a.b = 1 defines a
// and a.b implicitly), so that errors about them have a line.
func (l *locator) add(path keyPath, line int) {
	s, ends := path.prefixes()
	for _, end := range ends {
		if k := s[:end]; l.first[k] == 0 {
			l.first[k] = line
		}
	}
	if _, ok := l.onLine[line]; !ok {
		l.onLine[line] = append(keyPath(nil), path...)
	}
}

// scope is an open inline table ({...}) or array ([...]) in a value.
type scope struct {
	path    keyPath // the key the table or array is the value of
	array   bool
	nTables int // for arrays: inline tables seen so far
}

func newLocator(text string) *locator {
	s := &locScanner{text: text, line: 1, loc: &locator{first: map[string]int{}, onLine: map[int]keyPath{}}}
	s.scan()
	return s.loc
}

type locScanner struct {
	text   string
	i      int
	line   int
	loc    *locator
	table  keyPath        // the current [table] or [[array]] element
	arrays map[string]int // [[name]] → elements seen
	scopes []scope        // open inline tables and arrays, innermost last
	value  keyPath        // the key whose value comes next
}

func (s *locScanner) scan() {
	s.arrays = map[string]int{}
	atLineStart := true
	for s.i < len(s.text) {
		c := s.text[s.i]
		switch {
		case c == '\n':
			s.line++
			s.i++
			if len(s.scopes) == 0 {
				atLineStart = true
			}
		case c == ' ' || c == '\t' || c == '\r':
			s.i++
		case c == '#':
			s.skipComment()
		case atLineStart && len(s.scopes) == 0 && c == '[':
			s.header()
			atLineStart = false
		case atLineStart && len(s.scopes) == 0:
			s.keyValue(s.table)
			atLineStart = false
		default:
			s.valueChar(c)
		}
	}
}

// header reads [a.b] or [[a.b]] up to the end of the line.
func (s *locScanner) header() {
	end := strings.IndexByte(s.text[s.i:], '\n')
	if end < 0 {
		end = len(s.text) - s.i
	}
	h := strings.TrimSpace(stripComment(s.text[s.i : s.i+end]))
	s.i += end
	if strings.HasPrefix(h, "[[") {
		name := splitKey(strings.TrimSuffix(strings.TrimPrefix(h, "[["), "]]"))
		n := s.arrays[name.String()]
		s.arrays[name.String()]++
		s.table = name.with(index(n))
	} else {
		s.table = splitKey(strings.TrimSuffix(strings.TrimPrefix(h, "["), "]"))
	}
	s.loc.add(s.table, s.line)
}

// keyValue reads a key (possibly dotted and quoted) and the '=' after it,
// records the key under prefix and makes it the owner of the value that
// follows.
func (s *locScanner) keyValue(prefix keyPath) {
	start := s.i
	for s.i < len(s.text) {
		c := s.text[s.i]
		if c == '"' || c == '\'' {
			s.skipString()
			continue
		}
		if c == '=' || c == '\n' || c == '#' || c == '}' || c == ',' {
			break
		}
		s.i++
	}
	if s.i >= len(s.text) || s.text[s.i] != '=' {
		return // not a key = value line; the TOML parser will say why
	}
	key := prefix.with(splitKey(s.text[start:s.i])...)
	s.i++ // '='
	s.loc.add(key, s.line)
	s.value = key
}

// valueChar handles one character of a value: strings, and the brackets
// and braces that open or close inline tables and arrays.
func (s *locScanner) valueChar(c byte) {
	switch c {
	case '"', '\'':
		s.skipString()
	case '{':
		path := s.value
		if n := len(s.scopes); n > 0 && s.scopes[n-1].array {
			arr := &s.scopes[n-1]
			path = arr.path.with(index(arr.nTables))
			arr.nTables++
			s.loc.add(path, s.line)
		}
		s.i++
		s.scopes = append(s.scopes, scope{path: path})
		s.skipSpace()
		s.keyValue(path)
	case '[':
		s.i++
		s.scopes = append(s.scopes, scope{path: s.value, array: true})
	case ']', '}':
		s.i++
		if n := len(s.scopes); n > 0 {
			s.scopes = s.scopes[:n-1]
		}
	case ',':
		s.i++
		if n := len(s.scopes); n > 0 && !s.scopes[n-1].array {
			s.skipSpace()
			s.keyValue(s.scopes[n-1].path)
		}
	default:
		s.i++
	}
}

// skipSpace skips blanks, newlines and comments (newlines are allowed
// inside inline tables since TOML 1.1).
func (s *locScanner) skipSpace() {
	for s.i < len(s.text) {
		switch s.text[s.i] {
		case '\n':
			s.line++
			s.i++
		case ' ', '\t', '\r':
			s.i++
		case '#':
			s.skipComment()
		default:
			return
		}
	}
}

func (s *locScanner) skipComment() {
	for s.i < len(s.text) && s.text[s.i] != '\n' {
		s.i++
	}
}

// skipString skips a basic, literal or multi-line string starting at s.i,
// counting the newlines inside it. An unterminated single-line string ends
// at the end of its line.
func (s *locScanner) skipString() {
	q := s.text[s.i]
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(s.text[s.i:], triple) {
		s.i += 3
		for s.i < len(s.text) && !strings.HasPrefix(s.text[s.i:], triple) {
			if s.text[s.i] == '\\' && q == '"' {
				s.i++
			}
			if s.i < len(s.text) && s.text[s.i] == '\n' {
				s.line++
			}
			s.i++
		}
		s.i += 3
		// A closing delimiter may carry up to two more quotes ("""a"""").
		for n := 0; n < 2 && s.i < len(s.text) && s.text[s.i] == q; n++ {
			s.i++
		}
		s.i = min(s.i, len(s.text))
		return
	}
	s.i++
	for s.i < len(s.text) && s.text[s.i] != q && s.text[s.i] != '\n' {
		if s.text[s.i] == '\\' && q == '"' {
			s.i++
		}
		s.i++
	}
	if s.i < len(s.text) && s.text[s.i] == q {
		s.i++
	}
	s.i = min(s.i, len(s.text))
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

// splitKey splits a dotted TOML key, dropping quotes. A dot inside a quoted
// part does not split it.
func splitKey(k string) keyPath {
	var out keyPath
	var b strings.Builder
	quote := byte(0)
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, strings.TrimSpace(b.String()))
}
