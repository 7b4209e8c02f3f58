package main

import (
	"flag"
	"fmt"
	"io"
)

const usageText = `simulate: scenarios of the US–ROK alliance among its neighbours

Usage:
  simulate [flags] SCENARIO.toml          run it; write output/<name>/
  simulate compare [flags] A.toml B.toml  overlay scenarios
  simulate check SCENARIO.toml...         validate only
  simulate list [-params]                 the indicators (or coefficients), with units and meaning

Examples:
  simulate scenarios/3.5pct.toml
  simulate -out /tmp/runs scenarios/masga.toml
  simulate compare scenarios/baseline.toml scenarios/3.5pct.toml scenarios/5pct.toml
  simulate check scenarios/*.toml
  simulate list -params

Exit status: 0 success, 2 usage error or invalid scenario, 1 other failure.
`

// run is the whole program: it parses args, does the work and returns an
// error instead of exiting, so tests can call it.
func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "list":
			return runList(args[1:], stdout, stderr)
		case "compare":
			return runCompare(args[1:], stdout, stderr)
		case "help":
			fmt.Fprint(stdout, usageText)
			return nil
		}
	}
	return runScenario(args, stdout, stderr)
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

// parse parses args with fs, turning -h into errHelp and other flag
// errors into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.Usage()
			return errHelp
		}
		return usagef("%v", err)
	}
	return nil
}
