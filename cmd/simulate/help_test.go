package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestHelpExamples checks that every command's -h shows at least two
// examples of its own use.
func TestHelpExamples(t *testing.T) {
	for _, cmd := range append([]string{"run"}, commands...) {
		if cmd == "help" {
			continue
		}
		var stdout, stderr bytes.Buffer
		if err := runHelp([]string{cmd}, &stdout, &stderr); err != nil && err != errHelp {
			t.Fatalf("simulate help %s: %v", cmd, err)
		}
		text := stdout.String()
		if cmd == "run" {
			text = text[strings.Index(text, "Usage: simulate [flags] SCENARIO.toml"):]
		}
		_, examples, ok := strings.Cut(text, "\nExamples:\n")
		if !ok {
			t.Errorf("simulate %s -h has no Examples section", cmd)
			continue
		}
		want := "  simulate " + cmd + " "
		if cmd == "run" {
			want = "  simulate "
		}
		n := 0
		for _, line := range strings.Split(examples, "\n") {
			if line == "" {
				break
			}
			if strings.HasPrefix(line+" ", want) {
				n++
			}
		}
		if n < 2 {
			t.Errorf("simulate %s -h shows %d examples of the command, want at least 2:\n%s", cmd, n, examples)
		}
	}
}
