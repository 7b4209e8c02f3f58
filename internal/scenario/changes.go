package scenario

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"simulate/model"
)

// Change is one key a scenario's own file sets over what it extends.
type Change struct {
	Key   string // key path, as in Loaded.Changed: "actors.ROK.defense_pct", "events[0]"
	Value string // the value in the scenario's own file, written as TOML
	// Was is the value it replaces, written as TOML: from the nearest file
	// it extends that sets the key, or else the coefficient's default for a
	// key under [params]. It is "" for an added entry and for a key no file
	// sets (the model's rule or start value applies).
	Was string
	// Added is set for an entry of an array of tables ([[events]],
	// [[investments]]), which adds to those of the files it extends.
	Added bool
}

// Changes returns the keys l's own file sets over what it extends
// (Loaded.Changed), with their values and the values they replace, for
// reports: "what this scenario changes". It uses the files as Load read
// them; for a Loaded built by hand it decodes the Sources' Text, or reads
// a file without one again, and fails if one differs from its recorded
// SHA-256.
func Changes(l *Loaded) ([]Change, error) {
	if len(l.Changed) == 0 {
		return nil, nil
	}
	files := l.parsed
	if len(files) != len(l.Files) {
		var err error
		if files, err = reparse(l); err != nil {
			return nil, err
		}
	}
	own := files[0]
	var out []Change
	for _, key := range l.Changed {
		path := parseKeyPath(key)
		v, ok := lookup(own.raw, path)
		if !ok {
			return nil, fmt.Errorf("scenario: %s: %s is not set in the file", own.display, key)
		}
		c := Change{Key: key, Value: tomlText(own, path, v), Added: appended(path)}
		if !c.Added {
			c.Was = previous(files[1:], path)
		}
		out = append(out, c)
	}
	return out, nil
}

// reparse decodes l's files again, from their Text or, for a Source
// without one, from disk, checking their hashes.
func reparse(l *Loaded) ([]*file, error) {
	files := make([]*file, len(l.Files))
	for i, src := range l.Files {
		data := []byte(src.Text)
		if src.Text == "" {
			var err error
			if data, err = readBytes(src.Path); err != nil {
				return nil, &Error{File: src.Path, Msg: "cannot read the scenario: " + err.Error()}
			}
		}
		abs, err := filepath.Abs(src.Path)
		if err != nil {
			return nil, &Error{File: src.Path, Msg: err.Error()}
		}
		f, err := parseFile(src.Path, abs, data)
		if err != nil {
			return nil, err
		}
		if f.sha != src.SHA256 {
			return nil, &Error{File: src.Path, Msg: "the file changed after the scenario was loaded"}
		}
		files[i] = f
	}
	return files, nil
}

// previous returns the value a key had before the scenario's own file set
// it: in the nearest parent that sets it, or the default of a coefficient.
func previous(parents []*file, path keyPath) string {
	for _, f := range parents {
		if v, ok := lookup(f.raw, path); ok {
			return tomlText(f, path, v)
		}
	}
	if len(path) < 2 || path[0] != "params" {
		return ""
	}
	spec, ok := model.LookupParam(path[len(path)-1])
	if !ok {
		return ""
	}
	def := model.DefaultParams()
	actor := model.Actor(0)
	if len(path) == 3 {
		if actor, ok = model.ParseActor(path[1]); !ok {
			return ""
		}
	} else if spec.PerActor {
		// [params] sets a per-actor coefficient for all five: list the
		// defaults it replaces unless they are all the same.
		parts, same := []string{}, true
		for a := range model.NumActors {
			parts = append(parts, a.String()+" "+num(spec.Get(&def, a)))
			same = same && spec.Get(&def, a) == spec.Get(&def, 0)
		}
		if !same {
			return strings.Join(parts, ", ") + " (defaults)"
		}
	}
	return num(spec.Get(&def, actor)) + " (default)"
}

// appended reports whether the key path is an entry of an array of tables,
// which a child appends to its parent's instead of replacing.
func appended(path keyPath) bool {
	return len(path) == 2 && (path[0] == "events" || path[0] == "investments" || path[0] == "risks" || path[0] == "claims") && strings.HasPrefix(path[1], "[")
}

// parseKeyPath is the inverse of keyPath.String: "events[0]" is
// {"events", "[0]"} and "actors.ROK.defense_pct" is {"actors", "ROK",
// "defense_pct"}. Scenario keys contain no dots or brackets.
func parseKeyPath(s string) keyPath {
	var out keyPath
	for _, part := range strings.Split(s, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, name)
		}
		for rest != "" {
			i, after, _ := strings.Cut(rest, "]")
			out = append(out, "["+i+"]")
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out
}

// lookup returns the decoded value at path in raw.
func lookup(raw map[string]any, path keyPath) (any, bool) {
	var cur any = raw
	for _, p := range path {
		if strings.HasPrefix(p, "[") {
			i, err := strconv.Atoi(strings.Trim(p, "[]"))
			if err != nil {
				return nil, false
			}
			switch arr := cur.(type) {
			case []map[string]any:
				if i < 0 || i >= len(arr) {
					return nil, false
				}
				cur = arr[i]
			case []any:
				if i < 0 || i >= len(arr) {
					return nil, false
				}
				cur = arr[i]
			default:
				return nil, false
			}
			continue
		}
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// tomlText writes a decoded value as TOML on one line: tables inline, with
// their keys in the order the file writes them.
func tomlText(f *file, path keyPath, v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return FormatFloat(x)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		var parts []string
		for _, k := range sortedKeys(f, path, x) {
			parts = append(parts, k+" = "+tomlText(f, path.with(k), x[k]))
		}
		return "{ " + strings.Join(parts, ", ") + " }"
	case []map[string]any:
		var parts []string
		for i, m := range x {
			parts = append(parts, tomlText(f, path.with(index(i)), m))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case []any:
		var parts []string
		for i, e := range x {
			parts = append(parts, tomlText(f, path.with(index(i)), e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return describe(v)
}
