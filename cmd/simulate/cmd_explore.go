package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"simulate/internal/explore"
	"simulate/internal/scenario"
	"simulate/internal/smallfile"
)

const exploreUsage = `Usage: simulate explore [-o FILE.html] [SCENARIO.toml]

Writes one self-contained HTML page with the model in it (compiled to
WebAssembly): sliders for the scenario's inputs and coefficients, the
loaded scenario beside the changed one, up to three pinned runs, the
ensemble's bands, and downloads of a scenario file that reproduces the
view and of the series shown. The page fetches nothing; it works offline,
from file:// and as an e-mail attachment.

It opens on SCENARIO.toml (default: the bundled baseline), with a menu of
the bundled scenarios. The default output is output/explore-<name>.html.

Examples:
  simulate explore
  simulate explore -o masga.html scenarios/masga.toml

Flags:
`

func runExplore(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("explore", exploreUsage, stdout)
	out := fs.String("o", "", "the HTML file to write (default output/explore-<name>.html)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usagef("explore: name at most one scenario file (got %d)", fs.NArg())
	}
	// The page replaces -o by a rename, which would replace a device or a
	// pipe itself (-o /dev/null): only a regular file is replaced.
	if st, err := os.Stat(*out); *out != "" && err == nil && st.IsDir() {
		return usagef("explore: -o %s is a directory; name the HTML file to write, e.g. -o %s", *out, filepath.Join(*out, "explore.html"))
	} else if err == nil && !st.Mode().IsRegular() {
		return usagef("explore: -o %s is %s, not a regular file; name the HTML file to write, e.g. -o explore.html", *out, smallfile.Kind(st.Mode()))
	}
	page, err := explore.Bundled()
	if err != nil {
		return err
	}
	name := "baseline"
	if fs.NArg() == 1 {
		path := fs.Arg(0)
		l, err := scenario.Load(path)
		if err != nil {
			return err
		}
		for _, w := range l.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		chain, texts, err := l.Chain()
		if err != nil {
			return err
		}
		if err := page.Add(chain, texts, filepath.Base(path)); err != nil {
			return fmt.Errorf("explore: %s in the page: %v", path, err)
		}
		name = stem(path)
	}
	if *out == "" {
		*out = filepath.Join("output", "explore-"+name+".html")
	}
	var buf bytes.Buffer
	if err := explore.Write(&buf, page); err != nil {
		return err
	}
	if err := writeWhole(*out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%.1f MB); open it in a browser\n", *out, float64(buf.Len())/1e6)
	return nil
}

// writeWhole writes data to path through a temporary file beside it, so
// that path is either the whole page or untouched.
func writeWhole(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".explore-*.html")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
