package model

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeIndicatorTable keeps the README's indicator table identical to
// the model's list: same ids in the same order, same subjects and units.
func TestReadmeIndicatorTable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "\n## Indicators\n")
	if !ok {
		t.Fatal("README.md has no '## Indicators' section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	var rows [][]string
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	list := IndicatorList()
	if len(rows) != len(list) {
		t.Fatalf("README lists %d indicators, the model reports %d", len(rows), len(list))
	}
	for i, ind := range list {
		r := rows[i]
		if r[0] != "`"+string(ind.ID)+"`" || r[1] != strings.Join(ind.Subjects, " ") || r[2] != ind.Unit {
			t.Errorf("README row %d is %q | %q | %q; the model has `%s` | %s | %s", i+1, r[0], r[1], r[2], ind.ID, strings.Join(ind.Subjects, " "), ind.Unit)
		}
	}
}
