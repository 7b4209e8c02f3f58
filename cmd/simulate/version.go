package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"simulate/internal/output"
)

// writeVersion prints the program's version, its module's version and the
// source revision it was built from, as the Go toolchain recorded them in
// the binary (debug.ReadBuildInfo); a build without version control
// information (go build -buildvcs=false, or outside a clone) says so.
func writeVersion(w io.Writer, info *debug.BuildInfo, ok bool) {
	fmt.Fprintf(w, "simulate %s\n", output.Version)
	if !ok {
		fmt.Fprintln(w, "no build information in the binary")
		return
	}
	fmt.Fprintf(w, "module %s %s, %s\n", info.Main.Path, info.Main.Version, info.GoVersion)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	rev, ok := settings["vcs.revision"]
	if !ok {
		fmt.Fprintln(w, "revision: not recorded (built without version control information)")
		return
	}
	modified := ""
	if settings["vcs.modified"] == "true" {
		modified = ", with uncommitted changes"
	}
	fmt.Fprintf(w, "revision %s (%s)%s\n", rev, settings["vcs.time"], modified)
}
