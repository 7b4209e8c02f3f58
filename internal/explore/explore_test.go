package explore

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// The committed WebAssembly model must be the one the sources build: the
// test rebuilds it as go generate does and compares the bytes.
func TestAssetsCurrent(t *testing.T) {
	const regenerate = "run: go generate ./internal/explore"
	// On any toolchain: the sources are those the assets were built from.
	sources, err := exec.Command("go", "run", "./gen", "-sources").Output()
	if err != nil {
		t.Fatalf("go run ./gen -sources: %v", err)
	}
	committed, err := os.ReadFile(filepath.Join("assets", "sources.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// Read the files here too, so that go test's cache of this result
	// is dropped when one of them (or a directory of them) changes.
	for _, rel := range strings.Split(strings.TrimSpace(string(sources)), "\n")[1:] {
		p := filepath.Join("..", "..", filepath.FromSlash(rel))
		if _, err := os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
		if _, err := os.ReadDir(filepath.Dir(p)); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(sources, committed) {
		t.Fatalf("assets/model.wasm.gz is stale: the model, the loader or internal/explore/api changed since it was generated; %s", regenerate)
	}
	if testing.Short() {
		t.Skip("rebuilding the WebAssembly model to compare its bytes takes up to a minute")
	}
	recorded, err := os.ReadFile(filepath.Join("assets", "toolchain.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if v := strings.TrimSpace(string(recorded)); v != runtime.Version() {
		t.Skipf("the sources match, but the assets were built with %s and this is %s, whose build differs byte for byte", v, runtime.Version())
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", "-o", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	for _, name := range []string{"model.wasm.gz", "wasm_exec.js", "toolchain.txt", "sources.txt"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("assets", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("assets/%s differs from a fresh build of the same sources; %s", name, regenerate)
		}
	}
}

// The page holds everything and refers to nothing outside itself.
func TestPage(t *testing.T) {
	p, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, p); err != nil {
		t.Fatal(err)
	}
	page := buf.Bytes()
	// No URL but the SVG namespace (a name, never fetched) and one in a
	// comment of wasm_exec.js; nothing that loads: no fetch, no
	// XMLHttpRequest, no src or href attribute, no <link>.
	for _, u := range regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s)]*`).FindAll(page, -1) {
		if s := string(u); s != "http://www.w3.org/2000/svg" && s != "https://github.com/golang/go/issues/28975" {
			t.Errorf("the page names the URL %s", s)
		}
	}
	for _, load := range []string{"fetch(", "XMLHttpRequest", "importScripts", "WebSocket", "<link", "<img", " src=", " href=", "@import", "url("} {
		if bytes.Contains(page, []byte(load)) {
			t.Errorf("the page has %q", load)
		}
	}
	if n := len(page); n > 2.5*(1<<20) {
		t.Errorf("the page is %d bytes, above the 2.5 MB target", n)
	}
	if bytes.Contains(page, []byte("{{")) && regexp.MustCompile(`\{\{[A-Z_]+\}\}`).Match(page) {
		t.Error("the page has a marker left unfilled")
	}
	// Five scripts: data, wasm, worker, loader and the page's own, each closed once.
	if open, closed := bytes.Count(page, []byte("<script")), bytes.Count(page, []byte("</script>")); open != 5 || closed != 5 {
		t.Errorf("the page has %d <script and %d </script>, want 5 each", open, closed)
	}
	if !bytes.Contains(page, []byte("Copyright 2018 The Go Authors")) {
		t.Error("wasm_exec.js is inlined without its licence header")
	}
	m := regexp.MustCompile(`(?s)<script id="explore-data" type="application/json">(.*?)</script>`).FindSubmatch(page)
	if m == nil {
		t.Fatal("no data script")
	}
	var data Page
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("../../scenarios/*.toml")
	if len(data.Files) != len(names) || len(data.Menu) != len(names) {
		t.Errorf("the page has %d files and %d menu entries for %d bundled scenarios", len(data.Files), len(data.Menu), len(names))
	}
	if data.Open != "scenarios/baseline.toml" || data.Menu[0].Name != data.Open {
		t.Errorf("the page opens on %q with %q first in its menu, want the baseline", data.Open, data.Menu[0].Name)
	}
}

// A scenario from elsewhere goes into the page with the files it extends,
// laid out as on disk, so that its extends resolve; a bundled one is
// recognised as such.
func TestAdd(t *testing.T) {
	p, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	base, _ := os.ReadFile("../../scenarios/baseline.toml")
	child := "title = \"mine\"\nextends = \"../scenarios/baseline.toml\"\n[actors.ROK]\ndefense_pct = { 2025 = 2.6, 2030 = 4 }\n"
	if err := p.Add([]string{"mine/x.toml", "scenarios/baseline.toml"}, []string{child, string(base)}, "x.toml"); err != nil {
		t.Fatal(err)
	}
	if p.Open != "files/mine/x.toml" || p.Menu[0].Name != p.Open || !strings.Contains(p.Menu[0].Label, "mine") {
		t.Errorf("opens on %q, menu starts %+v", p.Open, p.Menu[0])
	}
	q, _ := Bundled()
	masga, _ := os.ReadFile("../../scenarios/masga.toml")
	if err := q.Add([]string{"scenarios/masga.toml", "scenarios/baseline.toml"}, []string{string(masga), string(base)}, "masga.toml"); err != nil {
		t.Fatal(err)
	}
	if q.Open != "scenarios/masga.toml" || len(q.Menu) != len(p.Menu)-1 {
		t.Errorf("the bundled masga.toml opens as %q with %d menu entries", q.Open, len(q.Menu))
	}
	bad := "title = \"bad\"\nextends = \"../../outside.toml\"\n"
	if err := q.Add([]string{"x.toml"}, []string{bad}, "x.toml"); err == nil {
		t.Error("a scenario whose extends leaves the page's files is accepted")
	}
}
