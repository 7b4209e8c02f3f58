// Package scenario loads scenario files: TOML decoded strictly into a
// model.Scenario, with `extends` resolved, unknown keys rejected with a
// suggestion, values checked against their ranges and the horizon, and every
// error naming the file, the line where known and the key path.
package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"simulate/model"
)

// Source is one file a scenario was read from.
type Source struct {
	Path   string // as named by the user, or relative to the child for parents
	SHA256 string // of the file's bytes
}

// Loaded is a scenario read from disk.
type Loaded struct {
	Scenario *model.Scenario
	Files    []Source // the scenario's file first, then the files it extends
	Warnings []string // plausible but odd values, each naming file and key
	// Changed lists the key paths the scenario's own file sets over what it
	// extends (empty when it extends nothing), in file order.
	Changed []string
}

// maxHorizon bounds the number of years a scenario may span.
const maxHorizon = 300

// Load reads the scenario at path and every file it extends.
func Load(path string) (*Loaded, error) {
	chain, err := readChain(path, nil)
	if err != nil {
		return nil, err
	}
	b := newBuilder()
	for _, f := range chain { // parents first
		if err := b.apply(f); err != nil {
			return nil, err
		}
	}
	if err := b.finish(chain[len(chain)-1]); err != nil {
		return nil, err
	}
	out := &Loaded{Scenario: &b.sc, Warnings: b.warnings}
	for i := len(chain) - 1; i >= 0; i-- {
		out.Files = append(out.Files, Source{Path: chain[i].display, SHA256: chain[i].sha})
	}
	if len(chain) > 1 {
		out.Changed = chain[len(chain)-1].keys()
	}
	return out, nil
}

// file is one decoded scenario file.
type file struct {
	display string
	abs     string
	sha     string
	raw     map[string]any
	loc     *locator
}

func (f *file) err(path keyPath, format string, args ...any) error {
	return &Error{File: f.display, Line: f.loc.line(path), Key: path.String(), Msg: fmt.Sprintf(format, args...)}
}

// keys returns the leaf key paths the file sets, in file order.
func (f *file) keys() []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range f.loc.entries {
		k := e.path.String()
		if k == "extends" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// readChain reads path and, recursively, the file it extends; it returns
// the chain parents first. stack holds the absolute paths being read, to
// detect cycles.
func readChain(display string, stack []string) ([]*file, error) {
	abs, err := filepath.Abs(display)
	if err != nil {
		return nil, &Error{File: display, Msg: err.Error()}
	}
	if slices.Contains(stack, abs) {
		return nil, &Error{File: display, Key: "extends", Msg: "extends forms a cycle: " + cycle(stack, abs)}
	}
	data, err := os.ReadFile(display)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: display, Msg: "cannot read scenario: " + err.Error()}
	}
	sum := sha256.Sum256(data)
	f := &file{display: display, abs: abs, sha: hex.EncodeToString(sum[:]), loc: newLocator(string(data))}
	if f.raw, err = decodeTOML(string(data)); err != nil {
		line := 0
		msg := err.Error()
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, msg = pe.Position.Line, pe.Message
		}
		return nil, &Error{File: display, Line: line, Msg: "invalid TOML: " + msg}
	}
	ext, ok := f.raw["extends"]
	if !ok {
		return []*file{f}, nil
	}
	parent, ok := ext.(string)
	if !ok || parent == "" {
		return nil, f.err(keyPath{"extends"}, "expected the path of another scenario file (a string), got %s", describe(ext))
	}
	parentDisplay := filepath.Join(filepath.Dir(display), parent)
	if _, err := os.Stat(parentDisplay); err != nil {
		return nil, f.err(keyPath{"extends"}, "cannot read %q: no such file (the path is relative to this file)", parent)
	}
	chain, err := readChain(parentDisplay, append(stack, abs))
	if err != nil {
		return nil, err
	}
	return append(chain, f), nil
}

func cycle(stack []string, abs string) string {
	i := slices.Index(stack, abs)
	var names []string
	for _, s := range stack[i:] {
		names = append(names, filepath.Base(s))
	}
	return strings.Join(append(names, filepath.Base(abs)), " → ")
}

// decodeTOML decodes text into a generic map. The TOML library is guarded:
// a panic inside it (it has had some on malformed input) becomes an error.
func decodeTOML(text string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("malformed TOML (%v)", r)
		}
	}()
	raw = map[string]any{}
	_, err = toml.Decode(text, &raw)
	return raw, err
}

// describe names the TOML type of a decoded value, for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case int64:
		return fmt.Sprintf("the integer %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "an array"
	default:
		return fmt.Sprintf("a %T", v)
	}
}

// sortedKeys returns the keys of m in the order they appear in f, so the
// first error reported is the first in the file.
func sortedKeys(f *file, prefix keyPath, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := f.loc.line(prefix.with(keys[i])), f.loc.line(prefix.with(keys[j]))
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// number reads a finite number (TOML integer or float).
func number(f *file, path keyPath, v any) (float64, error) {
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	default:
		return 0, f.err(path, "expected a number, got %s", describe(v))
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, f.err(path, "expected a finite number, got %v", x)
	}
	return x, nil
}

// numberIn reads a number in [lo, hi].
func numberIn(f *file, path keyPath, v any, lo, hi float64, unit string) (float64, error) {
	x, err := number(f, path, v)
	if err != nil {
		return 0, err
	}
	if x < lo || x > hi {
		return 0, f.err(path, "%v is out of range: expected %s", x, rangeText(lo, hi, unit))
	}
	return x, nil
}

func rangeText(lo, hi float64, unit string) string {
	u := ""
	if unit != "" {
		u = " " + unit
	}
	if math.IsInf(hi, 1) {
		return fmt.Sprintf("at least %v%s", lo, u)
	}
	return fmt.Sprintf("%v to %v%s", lo, hi, u)
}

// integer reads a TOML integer in [lo, hi].
func integer(f *file, path keyPath, v any, lo, hi int64, what string) (int64, error) {
	n, ok := v.(int64)
	if !ok {
		return 0, f.err(path, "expected %s (an integer), got %s", what, describe(v))
	}
	if n < lo || n > hi {
		return 0, f.err(path, "%d is out of range: expected %s from %d to %d", n, what, lo, hi)
	}
	return n, nil
}

// pathValue reads a value that varies over time: a number (constant) or an
// inline table of year = value (piecewise linear).
func pathValue(f *file, path keyPath, v any, lo, hi float64, unit string) (model.Path, error) {
	switch x := v.(type) {
	case int64, float64:
		n, err := numberIn(f, path, x, lo, hi, unit)
		return model.Const(n), err
	case map[string]any:
		if len(x) == 0 {
			return model.Path{}, f.err(path, "expected at least one year = value point")
		}
		points := map[int]float64{}
		for _, k := range sortedKeys(f, path, x) {
			y, err := strconv.Atoi(k)
			if err != nil || y < 1800 || y > 2300 {
				return model.Path{}, f.err(path.with(k), "expected a year (e.g. 2030) as the key, got %q", k)
			}
			n, err := numberIn(f, path.with(k), x[k], lo, hi, unit)
			if err != nil {
				return model.Path{}, err
			}
			points[y] = n
		}
		return model.PathOf(points), nil
	default:
		return model.Path{}, f.err(path, "expected a number or a table of year = value, got %s", describe(v))
	}
}

func stringValue(f *file, path keyPath, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", f.err(path, "expected a string, got %s", describe(v))
	}
	return s, nil
}

func table(f *file, path keyPath, v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, f.err(path, "expected a table, got %s", describe(v))
	}
	return m, nil
}

// tables reads an array of tables ([[name]] or an inline array of tables).
func tables(f *file, path keyPath, v any) ([]map[string]any, error) {
	switch x := v.(type) {
	case []map[string]any:
		return x, nil
	case []any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, f.err(path.with(index(i)), "expected a table, got %s", describe(e))
			}
			out[i] = m
		}
		return out, nil
	default:
		return nil, f.err(path, "expected an array of tables ([[%s]]), got %s", path.String(), describe(v))
	}
}

func unknownKey(f *file, path keyPath, key string, known []string) error {
	return f.err(path, "unknown key %q%s (known keys: %s)", key, suggest(key, known), strings.Join(known, ", "))
}
