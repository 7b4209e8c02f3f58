package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"simulate/internal/scenario"
)

const usageText = `simulate: scenarios of the US–ROK alliance among its neighbours

Usage:
  simulate [flags] SCENARIO.toml          run it; write output/<name>/
  simulate compare [flags] A.toml B.toml  overlay scenarios
  simulate check [flags] SCENARIO.toml... validate only
  simulate list [-params | -scenarios]    the indicators (or coefficients, or bundled scenarios)
  simulate hindcast [flags] [SCENARIO]    rolling-origin forecasts against the 1988–2024 record; skill and charts
  simulate calibrate [-toml] [SCENARIO]   estimate the decision rule on 1988–2024; print the estimates as TOML
  simulate sensitivity [flags] SCENARIO   which coefficient moves an indicator most; a tornado chart
  simulate sweep [flags] SCENARIO         an indicator across the values of one input, or a grid of two (-set)
  simulate explore [-o FILE] [SCENARIO]   one offline HTML page: sliders, live charts, the model inside
  simulate serve [-addr A] [SESSION.toml] a class session: teams join from browsers, rounds, injects, a log
  simulate -version                       the version and the source revision of this binary

Examples:
  simulate scenarios/3.5pct.toml
  simulate -out /tmp/runs scenarios/masga.toml
  simulate compare scenarios/baseline.toml scenarios/3.5pct.toml scenarios/5pct.toml
  simulate check scenarios/*.toml
  simulate list -params
  simulate hindcast
  simulate calibrate -toml
  simulate -runs 10000 scenarios/3.5pct.toml
  simulate sensitivity -indicator deterrence_credibility -year 2035 scenarios/3.5pct.toml
  simulate sweep -set actors.ROK.defense_pct=2.5:5.0:0.25 scenarios/3.5pct.toml
  simulate explore scenarios/3.5pct.toml
  simulate serve -addr 0.0.0.0:8080

Exit status: 0 success, 2 usage error or invalid scenario, 1 other failure.
`

// run is the whole program: it parses args, does the work and returns an
// error instead of exiting, so tests can call it.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "-version" || args[0] == "--version") {
		if len(args) > 1 {
			return usagef("-version takes no arguments (got %s)", strings.Join(args[1:], " "))
		}
		info, ok := debug.ReadBuildInfo()
		writeVersion(stdout, info, ok)
		return nil
	}
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "list":
			return runList(args[1:], stdout, stderr)
		case "compare":
			return runCompare(args[1:], stdout, stderr)
		case "hindcast":
			return runHindcast(args[1:], stdout, stderr)
		case "calibrate":
			return runCalibrate(args[1:], stdout, stderr)
		case "sensitivity":
			return runSensitivity(args[1:], stdout, stderr)
		case "sweep":
			return runSweep(args[1:], stdout, stderr)
		case "explore":
			return runExplore(args[1:], stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "help":
			return runHelp(args[1:], stdout, stderr)
		}
		if args[0] == "run" {
			return usagef("there is no run command: name the scenario file itself, e.g. simulate scenarios/3.5pct.toml")
		}
		if looksLikeCommand(args[0]) {
			return usagef("unknown command %q%s (commands: %s; to run a scenario, name its .toml file)",
				args[0], scenario.Suggest(args[0], commands), strings.Join(commands, ", "))
		}
	}
	return runScenario(args, stdout, stderr)
}

// commands are the subcommands run dispatches, for messages; a test keeps
// it in step with the switch in run.
var commands = []string{"check", "compare", "list", "hindcast", "calibrate", "sensitivity", "sweep", "explore", "serve", "help"}

// looksLikeCommand reports whether arg, given where a subcommand or a
// scenario file is expected, is neither: a bare word such as "chek" or
// "run" that names no file.
func looksLikeCommand(arg string) bool {
	if arg == "" || strings.HasPrefix(arg, "-") || strings.ContainsAny(arg, `./\`) {
		return false
	}
	_, err := os.Stat(arg)
	return err != nil
}

// runHelp prints the usage of the program or, with an argument, of one
// command ("simulate help check" is "simulate check -h").
func runHelp(args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 1:
		return usagef("help: name one command (got %d: %s)", len(args), strings.Join(args, " "))
	case len(args) == 0 || args[0] == "help":
		fmt.Fprint(stdout, usageText)
		return nil
	case args[0] == "run":
		return runScenario([]string{"-h"}, stdout, stderr)
	case slices.Contains(commands, args[0]):
		return run([]string{args[0], "-h"}, stdout, stderr)
	}
	return usagef("help: unknown command %q%s (commands: %s)", args[0], scenario.Suggest(args[0], commands), strings.Join(commands, ", "))
}

// newFlagSet returns a flag set that prints usage to stdout on -h and
// returns errors instead of exiting.
func newFlagSet(name, usage string, stdout io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses args with fs, turning -h into errHelp (after printing the
// usage once) and other flag errors into usage errors. Flags may come before
// or after the file names, as in "simulate sweep s.toml -set k=1:2:0.5"
// (the flag package alone stops at the first file name); after "--"
// everything is a file name. fs.Args() then holds the file names. The flag
// package calls Usage itself on -h and on every bad flag; it is silenced
// during Parse so that the usage goes to stdout on -h only.
func parse(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	var names []string
	for rest := args; ; {
		err := fs.Parse(rest)
		switch {
		case err == flag.ErrHelp:
			usage()
			return errHelp
		case err != nil:
			msg := err.Error()
			if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				var known []string
				fs.VisitAll(func(f *flag.Flag) { known = append(known, "-"+f.Name) })
				msg += scenario.Suggest(name, known)
			}
			return usagef("%s", msg)
		}
		left := fs.Args()
		if used := rest[:len(rest)-len(left)]; len(used) > 0 && used[len(used)-1] == "--" {
			names = append(names, left...)
			break
		}
		if len(left) == 0 {
			break
		}
		names, rest = append(names, left[0]), left[1:]
	}
	// "--" ends the flags at once, leaving fs.Args() the file names.
	return fs.Parse(append([]string{"--"}, names...))
}
