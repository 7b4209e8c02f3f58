// Package scenarios holds the bundled scenario files, embedded in the
// simulate binary so that it runs them from any directory: a path such as
// scenarios/3.5pct.toml that names no file on disk is read from here (a
// file on disk wins when it exists).
package scenarios

import "embed"

// Files holds every bundled scenario: the *.toml files of this directory
// and the classroom/ tree, at paths relative to this directory
// ("3.5pct.toml", "classroom/payments.toml").
//
//go:embed *.toml classroom
var Files embed.FS
