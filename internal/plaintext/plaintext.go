// Package plaintext is the project's one rule for text: which code points a
// string from outside the program (a scenario, a -set value, a file name)
// may hold before it reaches a writer (SVG, HTML, CSV, JSON, the terminal).
//
// The rule: no control characters. Refused are the C0 controls U+0000–U+001F
// (tab and newline are allowed only in text that may span lines), DEL
// U+007F, the C1 controls U+0080–U+009F, the noncharacters U+FFFE and
// U+FFFF, and anything that is not UTF-8 (which includes lone surrogates).
// XML 1.0 cannot hold most of these even escaped, so an SVG with one is
// ill-formed; on a terminal they move the cursor or change colours.
//
// The scenario loader refuses such text with an error naming the key (see
// Find); writers fed text that did not pass the loader, such as a file
// name, replace it (Clean) or quote it (Terminal), so their output stays
// well-formed whatever the input.
package plaintext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Forbidden reports whether r may not appear in text; multiline allows tab
// and newline.
func Forbidden(r rune, multiline bool) bool {
	switch {
	case r == '\t' || r == '\n':
		return !multiline
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0xfffe || r == 0xffff:
		return true
	}
	return false
}

// Find returns the byte offset of the first forbidden code point in s, or
// -1 if there is none. U+FFFD written as such is allowed; only a byte
// sequence that is not UTF-8 counts.
func Find(s string, multiline bool) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if invalid(r, size) || Forbidden(r, multiline) {
			return i
		}
		i += size
	}
	return -1
}

// Describe names the code point at s[i] for a message: "U+0007 (a control
// character)", "the byte 0xFF (not UTF-8)".
func Describe(s string, i int) string {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case r == utf8.RuneError && size <= 1:
		return fmt.Sprintf("the byte 0x%02X (not UTF-8)", s[i])
	case r == 0xfffe || r == 0xffff:
		return fmt.Sprintf("U+%04X (a noncharacter)", r)
	}
	return fmt.Sprintf("U+%04X (a control character)", r)
}

// Clean returns s with every forbidden code point, and every byte that is
// not UTF-8, replaced by U+FFFD; tab and newline become spaces unless
// multiline. Text without them is returned as it is.
func Clean(s string, multiline bool) string {
	if Find(s, multiline) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case !multiline && (r == '\t' || r == '\n'):
			b.WriteByte(' ')
		case invalid(r, size) || Forbidden(r, multiline):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Terminal returns s safe to print on a terminal: tab and newline are kept,
// every other forbidden code point is written as an escape (\x1b, \u009b,
// \ufffe) and every byte that is not UTF-8 as \xNN, so the text shows what
// it holds and cannot move the cursor or change colours.
func Terminal(s string) string {
	if Find(s, true) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case invalid(r, size):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case Forbidden(r, true) && r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Forbidden(r, true):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// invalid reports whether utf8.DecodeRuneInString's result r, size marks
// a byte that is not UTF-8 (a lone surrogate's bytes included).
func invalid(r rune, size int) bool { return r == utf8.RuneError && size == 1 }

// TerminalWriter writes to a terminal (or a pipe) everything written to it
// through Terminal, so that no text a program prints, whatever file name or
// value it quotes, can move the cursor or change colours. A character split
// across two writes is held back until it is whole; Flush writes what is
// held at the end.
type TerminalWriter struct {
	w       io.Writer
	pending []byte // the start of a character not yet whole
}

// NewTerminalWriter returns a TerminalWriter writing to w.
func NewTerminalWriter(w io.Writer) *TerminalWriter { return &TerminalWriter{w: w} }

func (t *TerminalWriter) Write(p []byte) (int, error) {
	buf := append(t.pending, p...)
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	t.pending = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(t.w, Terminal(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a character left incomplete by the last write, escaped.
func (t *TerminalWriter) Flush() error {
	if len(t.pending) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, Terminal(string(t.pending)))
	t.pending = nil
	return err
}

// Unwrap returns the writer t writes to, for code that needs to know what
// it is (a terminal?).
func (t *TerminalWriter) Unwrap() io.Writer { return t.w }
