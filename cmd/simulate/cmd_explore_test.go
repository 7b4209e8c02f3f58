package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// A scenario outside the bundled ones goes into the page with the files it
// extends, laid out as on disk, and the page opens on it.
func TestExploreOwnScenario(t *testing.T) {
	dir := t.TempDir()
	base, err := os.ReadFile("../../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"shared/baseline.toml": string(base),
		"mine/more.toml":       "title = \"More\"\nextends = \"../shared/baseline.toml\"\n[actors.ROK]\ndefense_pct = { 2025 = 2.6, 2030 = 4.0 }\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := filepath.Join(dir, "page.html")
	if err := run([]string{"explore", "-o", page, filepath.Join(dir, "mine", "more.toml")}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)<script id="explore-data" type="application/json">(.*?)</script>`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no data in the page")
	}
	var data struct {
		Files map[string]string
		Open  string
	}
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	if data.Open != "files/mine/more.toml" {
		t.Errorf("the page opens on %q, want files/mine/more.toml", data.Open)
	}
	if data.Files["files/shared/baseline.toml"] != string(base) {
		t.Error("the page lacks the file the scenario extends, at its place beside it")
	}
}
