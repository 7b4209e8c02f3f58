package scenario

import (
	"fmt"
	"strings"

	"simulate/internal/plaintext"
)

// Limits on a scenario file. A scenario is a few kilobytes of shallow TOML;
// the limits are far above any real one and low enough that no file can make
// the loader, the TOML library or the model slow or large. The first four
// are checked on the raw text, before the TOML library sees it, since the
// library's own cost grows faster than the text with deep nesting and long
// dotted keys (10,000 key parts cost it gigabytes).
const (
	// maxFileBytes bounds the size of a file; reading must also end when
	// pointed at an endless device.
	maxFileBytes = 1 << 20
	// maxNesting bounds how deep arrays and inline tables nest in a value:
	// events = [{ ... }] is 2.
	maxNesting = 8
	// maxKeyParts bounds the parts of a dotted key or table header:
	// actors.ROK.defense_pct is 3.
	maxKeyParts = 8
	// maxStringBytes bounds a string as written (quotes and escapes
	// included): a title or a description of a few paragraphs.
	maxStringBytes = 10_000
	// maxKeyBytes bounds one part of a key after decoding.
	maxKeyBytes = 100
	// maxChain bounds the number of files in an extends chain.
	maxChain = 32
)

// MaxChainBytes bounds the bytes of a scenario and the files it extends,
// together: maxChain files of at most maxFileBytes each.
const MaxChainBytes = maxChain * maxFileBytes

// maxEntries bounds the entries of each array of tables in one file.
var maxEntries = map[string]int{"events": 10_000, "risks": 1_000, "investments": 1_000}

// multilineKeys are the string keys whose text may hold tabs and newlines.
var multilineKeys = map[string]bool{"description": true}

// checkText checks the raw text of a scenario file against the limits on
// nesting, key parts and string length, in one pass in time linear in the
// text. It returns the line of the first problem and its message, or 0.
func checkText(text string) (line int, msg string) {
	line, depth, dots := 1, 0, 0
	for i := 0; i < len(text); {
		switch c := text[i]; c {
		case '\n':
			line++
			dots = 0
			i++
		case '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case '"', '\'':
			end, lines := stringEnd(text, i)
			if end-i > maxStringBytes {
				return line, fmt.Sprintf("a string of more than %d bytes; a string is at most %d bytes (a title, or a description of a few paragraphs)", maxStringBytes, maxStringBytes)
			}
			line += lines
			i = end
		case '[', '{':
			depth++
			dots = 0
			if depth > maxNesting {
				return line, fmt.Sprintf("arrays and inline tables nested more than %d deep; a scenario needs 2 or 3 (events = [{ ... }] is 2)", maxNesting)
			}
			i++
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
			i++
		case '=', ',':
			dots = 0
			i++
		case '.':
			// A run of dots not broken by = , [ ] { } or a new line is a
			// dotted key or a table name (a number or date has one dot).
			dots++
			if dots >= maxKeyParts {
				return line, fmt.Sprintf("a dotted key or table name of more than %d parts; a scenario needs at most 4 (actors.ROK.defense_pct is 3)", maxKeyParts)
			}
			i++
		default:
			i++
		}
	}
	return 0, ""
}

// findForbidden returns the offset of the first code point in the raw text
// that the text rule forbids (see package plaintext), or -1. Raw text may
// hold tabs, newlines and the carriage returns of CRLF line ends; TOML
// allows no other control character in it, but the rule is checked here so
// that the message names the code point.
func findForbidden(text string) int {
	for i := 0; i < len(text); {
		j := plaintext.Find(text[i:], true)
		if j < 0 {
			return -1
		}
		if text[i+j] != '\r' {
			return i + j
		}
		i += j + 1
	}
	return -1
}

// stringEnd returns the offset just past the string starting at text[i]
// (basic, literal or multi-line; an unterminated one ends at the end of its
// line) and the newlines inside it.
func stringEnd(text string, i int) (end, lines int) {
	q := text[i]
	triple := strings.Repeat(string(q), 3)
	if strings.HasPrefix(text[i:], triple) {
		j := i + 3
		for j < len(text) && !strings.HasPrefix(text[j:], triple) {
			if text[j] == '\\' && q == '"' {
				j++
			}
			if j < len(text) && text[j] == '\n' {
				lines++
			}
			j++
		}
		j += 3
		for n := 0; n < 2 && j < len(text) && text[j] == q; n++ {
			j++ // a closing delimiter may carry two more quotes
		}
		return min(j, len(text)), lines
	}
	j := i + 1
	for j < len(text) && text[j] != q && text[j] != '\n' {
		if text[j] == '\\' && q == '"' {
			j++
		}
		j++
	}
	if j < len(text) && text[j] == q {
		j++
	}
	return min(j, len(text)), lines
}

// rawKey returns the key written at the start of line n of text, for an
// error found before the text is decoded: the text before its "=", cut
// short if long ("" for a line without one).
func rawKey(text string, n int) string {
	for ; n > 1; n-- {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return ""
		}
		text = text[i+1:]
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	k, _, ok := strings.Cut(text, "=")
	if !ok {
		return ""
	}
	k = strings.TrimSpace(k)
	if len(k) > 60 {
		k = strings.ToValidUTF8(k[:60], "") + "…"
	}
	return k
}

// checkDecoded checks the keys and strings of a decoded table m at path:
// the length of keys, the code points of keys and strings (tab and newline
// only in multilineKeys, whose CRLF line ends become LF), and the number of
// entries of each array of tables at the top level. Escapes such as \u0000
// pass the raw check, so this is where they are caught.
func (f *file) checkDecoded(path keyPath, m map[string]any) error {
	for _, k := range sortedKeys(f, path, m) { // the first in the file first
		v := m[k]
		p := path.with(k)
		keyErr := func(format string, args ...any) error {
			return &Error{File: f.display, Line: f.loc.line(p), Key: path.String(), Msg: fmt.Sprintf(format, args...)}
		}
		if i := plaintext.Find(k, false); i >= 0 {
			return keyErr("the key %q holds %s; keys may not hold control characters", k, plaintext.Describe(k, i))
		}
		if len(k) > maxKeyBytes {
			return keyErr("a key of %d bytes; keys are at most %d bytes", len(k), maxKeyBytes)
		}
		if n, ok := maxEntries[k]; ok && len(path) == 0 {
			if got := entries(v); got > n {
				return f.err(p, "%d entries; a file may hold at most %d", got, n)
			}
		}
		multiline := len(path) == 0 && multilineKeys[k]
		if s, ok := v.(string); ok && multiline {
			m[k] = strings.ReplaceAll(s, "\r\n", "\n")
			v = m[k]
		}
		if err := f.checkValue(p, v, multiline); err != nil {
			return err
		}
	}
	return nil
}

func (f *file) checkValue(path keyPath, v any, multiline bool) error {
	switch x := v.(type) {
	case string:
		if i := plaintext.Find(x, multiline); i >= 0 {
			what := "control characters"
			if !multiline {
				what = "control characters, tabs or line breaks"
			}
			return f.err(path, "the text holds %s at byte %d; it may not hold %s", plaintext.Describe(x, i), i, what)
		}
	case map[string]any:
		return f.checkDecoded(path, x)
	case []map[string]any:
		for i, e := range x {
			if err := f.checkDecoded(path.with(index(i)), e); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if err := f.checkValue(path.with(index(i)), e, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// entries is the number of entries of an array (0 for anything else).
func entries(v any) int {
	switch x := v.(type) {
	case []map[string]any:
		return len(x)
	case []any:
		return len(x)
	}
	return 0
}
