// Package scenarios holds the bundled scenario files, embedded so that an
// installed simulate command can offer them without the repository beside
// it (simulate explore puts them in its page).
package scenarios

import "embed"

// FS holds the bundled scenarios, baseline.toml and the scenarios built on
// it, by their file names.
//
//go:embed *.toml
var FS embed.FS
