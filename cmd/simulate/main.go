package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"simulate/internal/output"
	"simulate/internal/plaintext"
	"simulate/internal/scenario"
	"simulate/internal/study"
)

func main() {
	// Whatever a message quotes (a file name, a key), it reaches the
	// terminal without control characters that would move the cursor or
	// change colours.
	stdout, stderr := plaintext.NewTerminalWriter(os.Stdout), plaintext.NewTerminalWriter(os.Stderr)
	stopOnSignal()
	code := exitCode(run(os.Args[1:], stdout, stderr), stderr)
	stdout.Flush()
	stderr.Flush()
	os.Exit(code)
}

// stopNote is what the message of a stop by signal says was kept; a
// command that keeps something as it goes (serve's log) sets its own.
var stopNote atomic.Pointer[string]

func init() {
	note := "no output written"
	stopNote.Store(&note)
}

// stopOnSignal makes SIGINT and SIGTERM remove the temporary directory of
// the output being written, so that an interrupted run leaves nothing
// behind, and exit with the shell's status for the signal: 130 for SIGINT,
// 143 for SIGTERM. A second signal during the clean-up is ignored.
func stopOnSignal() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		output.RemoveLive()
		fmt.Fprintf(os.Stderr, "\nsimulate: %v: stopped; %s\n", sig, *stopNote.Load())
		code := 130
		if sig == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
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
	var all scenario.Errors
	if errors.As(err, &se) || errors.As(err, &cf) || errors.As(err, &all) {
		return 2
	}
	return 1
}
