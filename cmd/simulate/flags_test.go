package main

import "flag"

// update rewrites golden files instead of comparing against them:
// go test ./cmd/simulate -update
var update = flag.Bool("update", false, "rewrite golden files")
