package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestWriteVersion(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "simulate", Version: "v0.1.0"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123abc"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}, {Key: "vcs.modified", Value: "true"}}}
	for _, c := range []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"with a revision", info, true, "simulate 0.1.0\nmodule simulate v0.1.0, go1.26.0\nrevision 0123abc (2026-01-02T03:04:05Z), with uncommitted changes\n"},
		{"without version control", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Path: "simulate", Version: "(devel)"}}, true,
			"simulate 0.1.0\nmodule simulate (devel), go1.26.0\nrevision: not recorded (built without version control information)\n"},
		{"without build information", nil, false, "simulate 0.1.0\nno build information in the binary\n"},
	} {
		var b strings.Builder
		writeVersion(&b, c.info, c.ok)
		if b.String() != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.name, b.String(), c.want)
		}
	}
}
