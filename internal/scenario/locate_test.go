package scenario

import "testing"

func TestLocatorLines(t *testing.T) {
	text := `# A comment with key = value in it
title = "A # not a comment"
description = """
start_year = 1999
"""
start_year = 2025   # a comment

[actors.ROK]
defense_pct = { 2025 = 2.6,
  2035 = 3.5 }
"quoted.key" = 1
a.b = 2

[[events]]
year = 2027

[[events]]
year = 2028
events_inline = [
  { x = 1 },
  { y = 2 },
]
`
	loc := newLocator(text)
	for _, tc := range []struct {
		path keyPath
		want int
	}{
		{keyPath{"title"}, 2},
		{keyPath{"description"}, 3},
		{keyPath{"start_year"}, 6}, // not line 4, inside the multi-line string
		{keyPath{"actors"}, 8},     // defined implicitly by [actors.ROK]
		{keyPath{"actors", "ROK"}, 8},
		{keyPath{"actors", "ROK", "defense_pct"}, 9},
		{keyPath{"actors", "ROK", "defense_pct", "2025"}, 9},
		{keyPath{"actors", "ROK", "defense_pct", "2035"}, 10},
		{keyPath{"actors", "ROK", "quoted.key"}, 11},
		{keyPath{"actors", "ROK", "a", "b"}, 12},
		{keyPath{"actors", "ROK", "unknown"}, 8}, // the longest defined prefix
		{keyPath{"events"}, 14},
		{keyPath{"events", "[0]", "year"}, 15},
		{keyPath{"events", "[1]"}, 17},
		{keyPath{"events", "[1]", "year"}, 18},
		{keyPath{"events", "[1]", "events_inline", "[1]", "y"}, 21},
		{keyPath{"nowhere"}, 0},
	} {
		if got := loc.line(tc.path); got != tc.want {
			t.Errorf("line(%s) = %d, want %d", tc.path, got, tc.want)
		}
	}
	if got := loc.keyOnLine(10).String(); got != "actors.ROK.defense_pct.2035" {
		t.Errorf("keyOnLine(10) = %q, want actors.ROK.defense_pct.2035", got)
	}
	if got := loc.keyOnLine(1); got != nil {
		t.Errorf("keyOnLine(1) = %q, want nothing on a comment line", got)
	}
}

// The locator runs before the TOML parser has judged the text, so it must
// end, without panicking, on anything.
func TestLocatorMalformed(t *testing.T) {
	for _, text := range []string{
		"", "[", "[[", "= 1", "a = \"unterminated\n", "a = '''never closed", "a = {", "a = [1, {",
		"}}}]]]", "a = \"\\", "\"\"\" = 1", "a.\"b = 1", "[a]]\n[[b]\nc",
	} {
		newLocator(text).line(keyPath{"a"})
	}
}

func TestSplitKey(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"a.b.c", "a.b.c"},
		{` a . b `, "a.b"},
		{`"x.y".z`, "x.y.z"},
		{`'lit'`, "lit"},
	} {
		got := splitKey(tc.in)
		if got.String() != tc.want {
			t.Errorf("splitKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := splitKey(`"x.y".z`); len(got) != 2 || got[0] != "x.y" {
		t.Errorf(`splitKey("x.y".z) = %q, want two parts, the first x.y`, []string(got))
	}
}
