package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func writeText(dir, name, text string) error {
	return WriteFile(dir, name, func(f *os.File) error {
		_, err := f.WriteString(text)
		return err
	})
}

// writeRunFiles writes a file and the manifest every output directory has.
func writeRunFiles(dir, name, text string) error {
	if err := writeText(dir, name, text); err != nil {
		return err
	}
	return writeText(dir, ManifestName, "{}")
}

func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "runs", "3.5pct") // parents are created
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "new") }); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "series.csv")); string(got) != "new" {
		t.Errorf("series.csv = %q, want %q", got, "new")
	}
	if names := entries(t, filepath.Dir(dir)); len(names) != 1 || names[0] != "3.5pct" { // no temporary directory left
		t.Errorf("beside the output: %v, want only 3.5pct (no temporary directory left)", names)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("directory mode %v (%v), want 0755", fi.Mode().Perm(), err)
	}

	// A second run replaces the directory whole: old files go.
	if err := writeText(dir, "stale.png", "old"); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "newer") }); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, dir); len(names) != 2 || names[0] != ManifestName || names[1] != "series.csv" {
		t.Errorf("after a second run: %v, want only manifest.json and series.csv", names)
	}
}

func TestWriteDirFailure(t *testing.T) {
	parent := t.TempDir()
	boom := errors.New("boom")
	half := func(tmp string) error {
		if err := writeText(tmp, "series.csv", "half"); err != nil {
			return err
		}
		return boom
	}

	// A failed first run leaves nothing.
	dir := filepath.Join(parent, "fresh")
	if err := WriteDir(dir, half); !errors.Is(err, boom) {
		t.Fatalf("WriteDir error = %v, want %v", err, boom)
	}
	if names := entries(t, parent); len(names) != 0 {
		t.Errorf("after a failed run: %v, want nothing", names)
	}

	// A failed later run leaves the earlier output untouched.
	dir = filepath.Join(parent, "kept")
	if err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "good") }); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(dir, half); !errors.Is(err, boom) {
		t.Fatalf("WriteDir error = %v, want %v", err, boom)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "series.csv")); string(got) != "good" {
		t.Errorf("series.csv = %q after a failed run, want the earlier %q", got, "good")
	}
	if names := entries(t, parent); len(names) != 1 {
		t.Errorf("after a failed run: %v, want only kept", names)
	}
}

func TestWriteFileError(t *testing.T) {
	dir := t.TempDir()
	boom := errors.New("boom")
	if err := WriteFile(dir, "x", func(*os.File) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("WriteFile error = %v, want %v", err, boom)
	}
	if err := writeText(filepath.Join(dir, "missing"), "x", ""); err == nil {
		t.Error("writing into a missing directory must fail")
	}
}

func TestWriteDirRefusesForeignDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "notes")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeText(dir, "precious.txt", "mine"); err != nil {
		t.Fatal(err)
	}
	err := WriteDir(dir, func(tmp string) error { return writeRunFiles(tmp, "series.csv", "new") })
	want := "will not replace " + dir + ": it is not the output of an earlier run (no manifest.json in it); move it or choose another -out"
	if err == nil || err.Error() != want {
		t.Fatalf("WriteDir over a foreign directory: %v, want %q", err, want)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "precious.txt")); string(got) != "mine" {
		t.Errorf("precious.txt = %q after a refused write", got)
	}
}

func TestWriteDirRemovesStaleTemporaries(t *testing.T) {
	parent := t.TempDir()
	stale := filepath.Join(parent, ".run.tmp-12345")
	if err := os.Mkdir(stale, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(filepath.Join(parent, "run"), func(tmp string) error { return writeRunFiles(tmp, "series.csv", "x") }); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, parent); len(names) != 1 || names[0] != "run" {
		t.Errorf("after a write: %v, want only run (the interrupted run's temporary removed)", names)
	}
}

func TestWriteDirRequiresManifest(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	err := WriteDir(dir, func(tmp string) error { return writeText(tmp, "series.csv", "x") })
	if err == nil {
		t.Fatal("WriteDir accepted an output without manifest.json")
	}
	if _, serr := os.Stat(dir); !errors.Is(serr, os.ErrNotExist) {
		t.Errorf("a refused output left %s behind", dir)
	}
}
