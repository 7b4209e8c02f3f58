package plaintext

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	for _, c := range []struct {
		s         string
		multiline bool
		want      int
	}{
		{"ROK at 3.5% — 2035", false, -1},
		{"U+FFFD \ufffd is a character", false, -1},
		{"a\x00b", false, 1},
		{"bell\a", false, 4},
		{"\x10", true, 0},
		{"esc \x1b[31m", false, 4},
		{"del\x7f", false, 3},
		{"c1 \u0085", false, 3},
		{"c1 \u009b", false, 3},
		{"non \ufffe", false, 4},
		{"non \uffff", false, 4},
		{"bad \xff utf-8", false, 4},
		{"surrogate \xed\xa0\x80", false, 10},
		{"tab\there", false, 3},
		{"tab\there", true, -1},
		{"two\nlines", false, 3},
		{"two\nlines", true, -1},
		{"cr\r\n", true, 2},
	} {
		if got := Find(c.s, c.multiline); got != c.want {
			t.Errorf("Find(%q, %v) = %d, want %d", c.s, c.multiline, got, c.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	for s, want := range map[string]string{
		"\a":     "U+0007 (a control character)",
		"\u009b": "U+009B (a control character)",
		"\uffff": "U+FFFF (a noncharacter)",
		"\xfe":   "the byte 0xFE (not UTF-8)",
	} {
		if got := Describe(s, 0); got != want {
			t.Errorf("Describe(%q) = %q, want %q", s, got, want)
		}
	}
}

// Text cleaned for an SVG or HTML page is well-formed XML whatever it held.
func TestCleanIsWellFormedXML(t *testing.T) {
	in := "A\x00B\aC\x10D\x1bE\ufffeF\x7fG\u0085H\xffI\tJ\nK"
	got := Clean(in, false)
	if want := "A\ufffdB\ufffdC\ufffdD\ufffdE\ufffdF\ufffdG\ufffdH\ufffdI J K"; got != want {
		t.Errorf("Clean = %q, want %q", got, want)
	}
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(got)); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal([]byte("<t>"+b.String()+"</t>"), new(struct{})); err != nil {
		t.Errorf("cleaned text is not well-formed XML: %v", err)
	}
	if got := Clean("a\tb\nc", true); got != "a\tb\nc" {
		t.Errorf("Clean multiline = %q, want tab and newline kept", got)
	}
	if s := "plain — text"; Clean(s, false) != s {
		t.Errorf("Clean changed clean text")
	}
}

func TestTerminal(t *testing.T) {
	got := Terminal("x\x1b[31mred\x00\u009b\ufffe\xff\n\tok")
	if want := `x\x1b[31mred\x00\u009b\ufffe\xff` + "\n\tok"; got != want {
		t.Errorf("Terminal = %q, want %q", got, want)
	}
}

// A character split across writes is written whole; escapes are applied.
func TestTerminalWriter(t *testing.T) {
	var b strings.Builder
	w := NewTerminalWriter(&b)
	in := "wrote ä—\x1b[2J\n"
	for i := 0; i < len(in); i++ {
		if n, err := w.Write([]byte{in[i]}); n != 1 || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
	}
	w.Write([]byte{0xe2, 0x80}) // the start of a dash, never finished
	w.Flush()
	if got, want := b.String(), "wrote ä—\\x1b[2J\n\\xe2\\x80"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
