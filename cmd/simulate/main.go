package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"simulate/internal/scenario"
	"simulate/internal/study"
)

func main() {
	os.Exit(exitCode(run(os.Args[1:], os.Stdout, os.Stderr), os.Stderr))
}

// usageError is a command line the program cannot act on.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errHelp reports that help was asked for and printed.
var errHelp = errors.New("help requested")

// exitCode prints err and maps it to the exit status: 2 for usage errors
// and invalid scenarios, 1 for any other failure, 0 for none.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "simulate:", err)
	var ue *usageError
	var re *study.RequestError
	var se *scenario.Error
	if errors.As(err, &ue) || errors.As(err, &re) {
		fmt.Fprintln(stderr, "run 'simulate -h' for usage")
		return 2
	}
	var cf *checkFailed
	if errors.As(err, &se) || errors.As(err, &cf) {
		return 2
	}
	return 1
}
