package scenario

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"simulate/scenarios"
)

// BundledDir is the directory the bundled scenarios are named under:
// scenarios/3.5pct.toml names the bundled 3.5pct.toml when no such file
// exists on disk.
const BundledDir = "scenarios"

// readSource reads a scenario file from disk or, when no file exists at
// path and path names a bundled scenario (scenarios/...), the bundled
// copy. A file on disk always wins.
func readSource(path string) ([]byte, error) {
	data, err := readBytes(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return data, err
	}
	if name, ok := bundledName(path); ok {
		if b, berr := fs.ReadFile(scenarios.FS, name); berr == nil {
			return b, nil
		}
	}
	return nil, err
}

// bundledName returns the name inside the bundle of a path under
// scenarios/, relative to the working directory.
func bundledName(p string) (string, bool) {
	if filepath.IsAbs(p) {
		return "", false
	}
	rest, ok := strings.CutPrefix(filepath.ToSlash(filepath.Clean(p)), BundledDir+"/")
	return rest, ok && fs.ValidPath(rest)
}

// isBundled reports whether a scenario file was read from the bundle: it
// names a bundled scenario and no file on disk.
func isBundled(p string) bool {
	name, ok := bundledName(p)
	if !ok {
		return false
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	_, err := fs.Stat(scenarios.FS, name)
	return err == nil
}

// Bundled returns the paths of the bundled scenarios as a command line
// names them (scenarios/3.5pct.toml, scenarios/classroom/payments.toml),
// sorted.
func Bundled() []string {
	var out []string
	fs.WalkDir(scenarios.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".toml" {
			out = append(out, BundledDir+"/"+p)
		}
		return nil
	})
	return out
}

// suggestBundled returns "; did you mean scenarios/X.toml?" for a path
// that names no file but whose name is, or nearly is, a bundled
// scenario's ("3.5pct", "scenarios/3.5pc.toml", "5pct.toml").
func suggestBundled(p string) string {
	stem := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	if filepath.Ext(p) != ".toml" {
		stem = filepath.Base(p) // "3.5pct" has the extension ".5pct"
	}
	byStem := map[string]string{}
	var stems []string
	for _, b := range Bundled() {
		s := strings.TrimSuffix(path.Base(b), ".toml")
		if _, dup := byStem[s]; !dup {
			byStem[s] = b
			stems = append(stems, s)
		}
	}
	if b, ok := byStem[stem]; ok && filepath.ToSlash(filepath.Clean(p)) != b {
		return "; did you mean " + b + "?"
	}
	if s, ok := nearest(stem, stems); ok {
		return "; did you mean " + byStem[s] + "?"
	}
	return ""
}
