package scenario

import (
	"os"
	"slices"
	"testing"

	"simulate/scenarios"
)

// The files of a bundled scenario named from a directory that holds no
// scenarios/ come with the text the loader read from the embedded copy,
// laid out as the bundle lays them out.
func TestChainBundled(t *testing.T) {
	t.Chdir(t.TempDir())
	l := mustLoad(t, "scenarios/competing-allies.toml")
	names, texts, err := l.Chain()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"competing-allies.toml", "masga.toml", "baseline.toml"}
	if !slices.Equal(names, want) {
		t.Errorf("Chain names = %q, want %q", names, want)
	}
	for i, name := range want {
		b, err := scenarios.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if i < len(texts) && texts[i] != string(b) {
			t.Errorf("Chain text of %s is not the bundled file's", name)
		}
	}
}

// The chain of files on disk, in different directories, is laid out under
// their deepest common directory, with the text as loaded even after the
// files are edited or removed.
func TestChainOnDisk(t *testing.T) {
	t.Chdir(writeFiles(t, map[string]string{"shared/base.toml": base,
		"mine/child.toml": "title = \"Child\"\nextends = \"../shared/base.toml\"\n"}))
	l := mustLoad(t, "mine/child.toml")
	if err := os.RemoveAll("shared"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("mine/child.toml", []byte("title = \"Edited\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	names, texts, err := l.Chain()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"mine/child.toml", "shared/base.toml"}; !slices.Equal(names, want) {
		t.Errorf("Chain names = %q, want %q", names, want)
	}
	if want := []string{"title = \"Child\"\nextends = \"../shared/base.toml\"\n", base}; !slices.Equal(texts, want) {
		t.Errorf("Chain texts = %q, want the files as loaded", texts)
	}
}
