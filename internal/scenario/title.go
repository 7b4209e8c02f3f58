package scenario

import (
	"fmt"
	"path/filepath"
	"slices"
)

// inheritedTitle returns a warning for a file that changes what it extends
// but keeps its parent's title, so that its summary and report would carry
// a title that describes another scenario; "" otherwise.
func inheritedTitle(l *Loaded) string {
	if len(l.Files) < 2 || slices.Contains(l.Changed, "title") {
		return ""
	}
	changes := 0
	for _, k := range l.Changed {
		if k != "description" {
			changes++
		}
	}
	if changes == 0 {
		return ""
	}
	keys := "1 key"
	if changes > 1 {
		keys = fmt.Sprintf("%d keys", changes)
	}
	return fmt.Sprintf("%s: sets %s over %s but keeps the title it inherits, %q; give it a title of its own (title = \"...\") so that its summary and report say what it is",
		l.Files[0].Path, keys, filepath.Base(l.Files[1].Path), l.Scenario.Title)
}
