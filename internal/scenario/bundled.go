package scenario

import (
	"errors"
	"io/fs"
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
// path, the bundled copy named by the first of names that the bundle
// holds. A file on disk always wins. bundle is the name inside the bundle
// of what was read, "" for a file read from disk.
func readSource(path string, names ...string) (data []byte, bundle string, err error) {
	data, err = readBytes(path)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return data, "", err
	}
	for _, name := range names {
		if name == "" || !fs.ValidPath(name) {
			continue
		}
		if b, berr := fs.ReadFile(scenarios.FS, name); berr == nil {
			return b, name, nil
		}
	}
	return nil, "", err
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

// parentNames returns the names inside the bundle that the extends ref of
// child may mean when name, the file it resolves to, does not exist on
// disk, most specific first: for a file read from the bundle, ref beside
// it in the bundle; name, if it lies under scenarios/; and ref as
// written, relative to the bundle's root with or without a leading
// scenarios/ ("3.5pct.toml", "scenarios/classroom/payments.toml"), so that
// a file saved anywhere may extend a bundled scenario by its name.
func parentNames(child *file, ref, name string) []string {
	var names []string
	if child.bundle != "" {
		names = append(names, path.Join(path.Dir(child.bundle), filepath.ToSlash(ref)))
	}
	if n, ok := bundledName(name); ok {
		names = append(names, n)
	}
	if !filepath.IsAbs(ref) {
		r := path.Clean(filepath.ToSlash(ref))
		names = append(names, r, strings.TrimPrefix(r, BundledDir+"/"))
	}
	return names
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
