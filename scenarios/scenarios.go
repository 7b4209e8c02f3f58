// Package scenarios holds the bundled scenario files, embedded so that an
// installed simulate command runs them from any directory without the
// repository beside it: a path such as scenarios/3.5pct.toml that names no
// file on disk is read from here (a file on disk wins when it exists), and
// simulate explore puts the top-level ones in its page.
package scenarios

import "embed"

// FS holds the bundled scenarios by their paths relative to this
// directory: baseline.toml and the scenarios built on it, and the
// classroom/ tree ("classroom/payments.toml").
//
//go:embed *.toml classroom
var FS embed.FS
