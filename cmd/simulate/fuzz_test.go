package main

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"simulate/internal/plaintext"
	"simulate/internal/scenario"
)

// FuzzCommand runs the whole command on an arbitrary scenario file that
// sits beside the bundled scenarios (so extends can reach them): load, run,
// and every writer. A scenario refused is an *Error with exit status 2 and
// nothing left in -out; one accepted writes an output in which every SVG is
// well-formed XML, the report holds no control character and its inline
// SVGs are well-formed too, and every value of series.csv is finite, and
// within 0–100 for an index or a percentage.
//
// To keep one execution short, horizons beyond 60 years are left to the
// loader's fuzz target and ensembles are cut to 8 runs. go test runs the
// seeds; go test -fuzz=FuzzCommand ./cmd/simulate explores.
func FuzzCommand(f *testing.F) {
	bundled, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil || len(bundled) == 0 {
		f.Fatalf("no bundled scenarios (%v)", err)
	}
	dir := f.TempDir()
	for _, path := range bundled {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(path)), data, 0o644); err != nil {
			f.Fatal(err)
		}
	}
	for _, seed := range []string{
		"extends = \"baseline.toml\"\nend_year = 2030\n",
		"extends = \"baseline.toml\"\nend_year = 2030\n[actors.ROK]\ndefense_pct = 1e-320\n",
		"extends = \"baseline.toml\"\nend_year = 2028\ntitle = \"<svg> & \\\"quotes\\\" ]]> \u00e9\u2014\u4e2d\"\n",
		"extends = \"baseline.toml\"\nend_year = 2028\ntitle = \"A\\u0000B\\u0007C\\u001bD\\uFFFE\"\n",
		"extends = \"baseline.toml\"\nend_year = 2027\ntitle = \"" + strings.Repeat("word ", 880) + "\"\n",
		"extends = \"3.5pct-risks.toml\"\nend_year = 2032\nruns = 5\n",
		"extends = \"masga.toml\"\nend_year = 2030\n[[investments]]\nname = \"x & <y>\"\nfrom = \"JPN\"\nto = \"US\"\nsector = \"shipbuilding\"\ntotal_usd_bn = 1e5\nstart_year = 2026\n",
		"extends = \"baseline.toml\"\nend_year = 2030\n[actors.US]\ngdp_usd_bn = 1e-6\n[alliance]\nus_commitment_pct = 0\n",
		"x = " + strings.Repeat("{a = ", 20) + "1" + strings.Repeat("}", 20) + "\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.toml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args := []string{"-out", t.TempDir(), path}
		out := args[1]
		if l, err := scenario.Load(path); err == nil {
			if l.Scenario.Years() > 60 {
				return
			}
			if l.Scenario.Runs > 8 {
				args = append([]string{"-runs", "8"}, args...)
			}
		}
		var stdout, stderr bytes.Buffer
		err := run(args, &stdout, &stderr)
		if err != nil {
			var se *scenario.Error
			if code := exitCode(err, io.Discard); code != 2 && !errors.As(err, &se) {
				t.Fatalf("exit status %d for %v", code, err)
			}
			if es, _ := os.ReadDir(out); len(es) != 0 {
				t.Fatalf("a failed run left %d entries in -out: %v", len(es), err)
			}
			return
		}
		checkOutput(t, filepath.Join(out, "fuzz"))
	})
}

// checkOutput checks a run's output directory: well-formed SVGs, a report
// without control characters whose inline SVGs are well-formed, and finite,
// bounded series.
func checkOutput(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch filepath.Ext(p) {
		case ".svg":
			if err := wellFormed(b); err != nil {
				t.Errorf("%s is not well-formed XML: %v", filepath.Base(p), err)
			}
		case ".html":
			if i := plaintext.Find(string(b), true); i >= 0 {
				t.Errorf("%s holds %s at byte %d", filepath.Base(p), plaintext.Describe(string(b), i), i)
			}
			for rest := string(b); ; {
				start := strings.Index(rest, "<svg")
				if start < 0 {
					break
				}
				end := strings.Index(rest[start:], "</svg>")
				if end < 0 {
					t.Errorf("%s: an <svg> without </svg>", filepath.Base(p))
					break
				}
				if err := wellFormed([]byte(rest[start : start+end+len("</svg>")])); err != nil {
					t.Errorf("%s: an inline SVG is not well-formed XML: %v", filepath.Base(p), err)
				}
				rest = rest[start+end:]
			}
		case ".csv":
			if filepath.Base(p) == "series.csv" {
				checkSeries(t, b)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// wellFormed reads b as XML to the end.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// checkSeries checks every value of series.csv (year, subject, indicator,
// unit, value).
func checkSeries(t *testing.T, b []byte) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("series.csv: %v", err)
	}
	for _, r := range rows[1:] {
		v, err := strconv.ParseFloat(r[4], 64)
		bounded := strings.HasPrefix(r[3], "0–100") || strings.HasPrefix(r[3], "%")
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || bounded && v > 100 {
			t.Errorf("series.csv: %s %s %s = %s (%s)", r[0], r[1], r[2], r[4], r[3])
		}
	}
}
