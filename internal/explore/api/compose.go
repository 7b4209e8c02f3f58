package api

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"simulate/internal/scenario"
)

// Request is the page's changes to a loaded scenario.
type Request struct {
	Base string    `json:"base"` // the loaded scenario, a name in Files
	Set  []Setting `json:"set,omitempty"`
	// Investments and Events are added to the base's (a scenario that
	// extends another appends to its arrays of tables).
	Investments []Investment `json:"investments,omitempty"`
	Events      []Event      `json:"events,omitempty"`
}

// Setting sets one key: a number, or a path of year = value points.
type Setting struct {
	Key   string          `json:"key"` // e.g. actors.ROK.defense_pct, params.ROK.inertia
	Value *float64        `json:"value,omitempty"`
	Path  map[int]float64 `json:"path,omitempty"`
	// Note says where the value comes from, for the comment beside it
	// (default: set in simulate explore).
	Note string `json:"note,omitempty"`
}

// Compose writes req as the text of a scenario file that extends req.Base
// with exactly the changed keys, or "" when nothing is changed. It checks
// only the shape of the keys; the loader checks the names and values.
func Compose(req *Request) (string, error) {
	if len(req.Set) == 0 && len(req.Investments) == 0 && len(req.Events) == 0 {
		return "", nil
	}
	// Keys grouped by table: "actors.ROK" → defense_pct = ...; the top
	// table ("") holds nothing but extends.
	tables := map[string][]string{}
	seen := map[string]bool{}
	for _, s := range req.Set {
		parts := strings.Split(s.Key, ".")
		if len(parts) < 2 || len(parts) > 3 || slices.Contains(parts, "") {
			return "", fmt.Errorf("%s: expected TABLE.KEY or TABLE.NAME.KEY, e.g. actors.ROK.defense_pct", s.Key)
		}
		if seen[s.Key] {
			return "", fmt.Errorf("%s: set twice", s.Key)
		}
		seen[s.Key] = true
		table, key := strings.Join(parts[:len(parts)-1], "."), parts[len(parts)-1]
		var val string
		switch {
		case s.Value != nil && s.Path == nil:
			val = scenario.FormatFloat(*s.Value)
		case s.Value == nil && len(s.Path) > 0:
			years := make([]int, 0, len(s.Path))
			for y := range s.Path {
				years = append(years, y)
			}
			sort.Ints(years)
			var pts []string
			for _, y := range years {
				pts = append(pts, fmt.Sprintf("%d = %s", y, scenario.FormatFloat(s.Path[y])))
			}
			val = "{ " + strings.Join(pts, ", ") + " }"
		default:
			return "", fmt.Errorf("%s: give a value or a path of year = value points", s.Key)
		}
		note := s.Note
		if note == "" {
			note = "set in simulate explore"
		}
		tables[table] = append(tables[table], fmt.Sprintf("%s = %s  %s", tomlKey(key), val, strings.TrimSuffix(comment(note), "\n")))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# The changes made in simulate explore to %s, which this file extends.\n", path.Base(req.Base))
	fmt.Fprintf(&b, "# Save it beside %s and run it: simulate %s\n", path.Base(req.Base), path.Base(ChildName(req.Base)))
	fmt.Fprintf(&b, "extends = %s\n", strconv.Quote(path.Base(req.Base)))
	names := make([]string, 0, len(tables))
	for t := range tables {
		names = append(names, t)
	}
	sort.Slice(names, func(i, j int) bool { return tableOrder(names[i]) < tableOrder(names[j]) })
	for _, t := range names {
		fmt.Fprintf(&b, "\n[%s]\n", tomlTable(t))
		for _, line := range tables[t] {
			b.WriteString(line + "\n")
		}
	}
	for _, inv := range req.Investments {
		fmt.Fprintf(&b, "\n%s[[investments]]\nname = %s\nfrom = %s\nto = %s\nsector = %s\ntotal_usd_bn = %s\nstart_year = %d\n",
			comment(inv.Note), strconv.Quote(inv.Name), strconv.Quote(inv.From), strconv.Quote(inv.To), strconv.Quote(inv.Sector), scenario.FormatFloat(inv.TotalUSD), inv.StartYear)
		if inv.EndYear != 0 {
			fmt.Fprintf(&b, "end_year = %d\n", inv.EndYear)
		}
		if inv.AnnualCap != 0 {
			fmt.Fprintf(&b, "annual_cap_usd_bn = %s\n", scenario.FormatFloat(inv.AnnualCap))
		}
	}
	for _, e := range req.Events {
		fmt.Fprintf(&b, "\n%s[[events]]\nyear = %d\nkind = %s\n", comment(e.Note), e.Year, strconv.Quote(e.Kind))
		if e.Actor != "" {
			fmt.Fprintf(&b, "actor = %s\n", strconv.Quote(e.Actor))
		}
		fmt.Fprintf(&b, "severity = %s\n", scenario.FormatFloat(e.Severity))
	}
	return b.String(), nil
}

// comment writes note as a comment line, or nothing.
func comment(note string) string {
	note = strings.Join(strings.Fields(note), " ")
	if note == "" {
		return ""
	}
	return "# " + note + "\n"
}

// tableOrder sorts tables as the bundled scenarios do: actors, alliance,
// region, params, each by name.
func tableOrder(t string) string {
	for i, first := range []string{"actors", "alliance", "region", "params"} {
		if t == first || strings.HasPrefix(t, first+".") {
			return fmt.Sprintf("%d %s", i, t)
		}
	}
	return "9 " + t
}

// tomlKey writes a key bare when TOML allows it, quoted otherwise.
func tomlKey(k string) string {
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return strconv.Quote(k)
		}
	}
	return k
}

func tomlTable(t string) string {
	parts := strings.Split(t, ".")
	for i, p := range parts {
		parts[i] = tomlKey(p)
	}
	return strings.Join(parts, ".")
}
