package classroom

import (
	"embed"
	"io/fs"
	"path/filepath"
	"strings"
)

// Session holds the served session of exercise 7 and the roles file it
// names, embedded so that simulate serve runs it from any directory:
// negotiation-session.toml, negotiation-roles.toml.
//
//go:embed negotiation-session.toml negotiation-roles.toml
var Session embed.FS

// SessionFile is the session's name in Session.
const SessionFile = "negotiation-session.toml"

// Dir is the directory of this material in the repository, under which
// the guide and the exercises name its files
// (docs/classroom/negotiation-roles.toml).
const Dir = "docs/classroom"

// Bundled returns the name in Session of the file that p, a path relative
// to the working directory, names under Dir, if Session holds it: so that
// the exercises' commands, which name the files so, run outside the
// repository, as the bundled scenarios do. A caller asks only when no
// file exists at p: a file on disk comes first.
func Bundled(p string) (string, bool) {
	if filepath.IsAbs(p) {
		return "", false
	}
	name, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(p)), Dir+"/")
	if !ok || !fs.ValidPath(name) {
		return "", false
	}
	if _, err := fs.Stat(Session, name); err != nil {
		return "", false
	}
	return name, true
}
