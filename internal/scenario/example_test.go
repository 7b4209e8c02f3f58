package scenario_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"simulate/internal/scenario"
)

// A scenario that extends the bundled baseline and changes one path; and
// the error for a misspelled key, which names the file, the line and the
// key path, with a suggestion.
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	baseline, err := filepath.Abs("../../scenarios/baseline.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			fmt.Println(err)
		}
		return path
	}

	good := write("pledge.toml", fmt.Sprintf(`title = "ROK defense spending reaches 3.5%% of GDP by 2035"
extends = %q

[actors.ROK]
defense_pct = { 2025 = 2.8, 2035 = 3.5 }   # the pledge: 3.5%% by 2035
`, baseline))
	l, err := scenario.Load(good)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Scenario.Title)
	fmt.Println("files read:", len(l.Files))
	fmt.Println("keys it changes:", strings.Join(l.Changed, ", "))

	bad := write("typo.toml", fmt.Sprintf(`extends = %q

[actors.ROK]
defence_pct = 3.5
`, baseline))
	_, err = scenario.Load(bad)
	msg, _, _ := strings.Cut(err.Error(), " (known keys") // the list of known keys follows
	fmt.Println(strings.ReplaceAll(msg, dir+string(filepath.Separator), ""))
	// Output:
	// ROK defense spending reaches 3.5% of GDP by 2035
	// files read: 2
	// keys it changes: title, actors.ROK.defense_pct
	// typo.toml:4: actors.ROK.defence_pct: unknown key "defence_pct"; did you mean "defense_pct"?
}
