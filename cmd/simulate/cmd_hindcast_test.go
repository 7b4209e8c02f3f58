package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const baselinePath = "../../scenarios/baseline.toml"

func TestHindcastCommand(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	if err := run([]string{"hindcast", "-out", out, baselinePath}, &stdout, &stderr); err != nil {
		t.Fatalf("hindcast: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{"SHARE MAPE %", "SPENDING BIAS %", "2020–2024", "held out", "wrote " + filepath.Join(out, "hindcast")} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	for _, a := range []string{"US", "ROK", "CHN", "JPN"} {
		if !strings.Contains(stdout.String(), "\n"+strings.Repeat(" ", 7-len(a))+a+"  2016–2019") {
			t.Errorf("stdout has no 2016–2019 row for %s:\n%s", a, stdout.String())
		}
		for _, ext := range []string{".png", ".svg"} {
			if _, err := os.Stat(filepath.Join(out, "hindcast", "hindcast-"+a+ext)); err != nil {
				t.Error(err)
			}
		}
	}
	csv, err := os.ReadFile(filepath.Join(out, "hindcast", "hindcast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(csv), "\n"); lines != 1+10*4 {
		t.Errorf("hindcast.csv has %d lines, want a header and 40 rows", lines)
	}
}

func TestHindcastUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"hindcast", baselinePath, baselinePath},
		{"hindcast", "-nope"},
		{"calibrate", "-toml", baselinePath, baselinePath},
	} {
		var stdout, stderr bytes.Buffer
		err := run(args, &stdout, &stderr)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("%v: error %v, want a usage error (exit 2)", args, err)
		}
	}
}
