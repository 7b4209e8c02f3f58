// Package explore writes the explorer: one self-contained HTML page with
// the model compiled to WebAssembly (gzipped and base64-encoded, unpacked
// by the browser's DecompressionStream), the Go runtime's loader for it,
// the scenario files, and the page's own scripts and styles, all inline.
// The page fetches nothing: it works offline, from file:// and as an
// e-mail attachment, and its Content-Security-Policy forbids requests.
//
// The model's side of the page is package api, compiled by go generate
// into assets/model.wasm.gz; the page's levers come from api.Schema (the
// loader's inputs and the coefficient registry), and every change is
// checked and run by the same loader and model as the command line.
package explore

import (
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"simulate/internal/explore/api"
	"simulate/scenarios"
)

//go:embed assets
var assets embed.FS

func asset(name string) string {
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		panic("explore: missing asset " + name) // the build embeds them all
	}
	return string(b)
}

// MenuItem is a scenario of the page's menu.
type MenuItem struct {
	Name  string `json:"name"`  // its file in Page.Files
	Label string `json:"label"` // what the menu shows
}

// Page is what the page holds: the scenario files, the menu of those it
// offers, and the one it opens on.
type Page struct {
	Files api.Files  `json:"files"`
	Menu  []MenuItem `json:"menu"`
	Open  string     `json:"open"`
}

// BundledDir is where the bundled scenarios are in Page.Files.
const BundledDir = "scenarios"

// Bundled returns a page with the bundled scenarios, opening on
// baseline.toml; its menu lists them by title.
func Bundled() (*Page, error) {
	p := &Page{Files: api.Files{}}
	names, err := fs.Glob(scenarios.FS, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := scenarios.FS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		p.Files[path.Join(BundledDir, n)] = string(b)
	}
	// The baseline first, then the others by file name.
	sort.SliceStable(names, func(i, j int) bool { return names[i] == "baseline.toml" && names[j] != "baseline.toml" })
	session := api.NewSession(p.Files)
	for _, n := range names {
		name := path.Join(BundledDir, n)
		r := session.Load(name)
		if r.Error != "" {
			return nil, fmt.Errorf("bundled scenario %s: %s", n, r.Error)
		}
		p.Menu = append(p.Menu, MenuItem{Name: name, Label: n + ": " + r.Scenario.Title})
	}
	p.Open = path.Join(BundledDir, "baseline.toml")
	return p, nil
}

// Add puts a scenario and the files it extends into the page, under
// files/, and opens the page on it. chain holds the files' paths relative
// to a common directory (slash-separated, the scenario first) and their
// text. If the chain is a bundled scenario's, byte for byte, the page
// opens on that one instead.
func (p *Page) Add(chain []string, texts []string, label string) error {
	if len(chain) == 0 || len(chain) != len(texts) {
		return fmt.Errorf("explore: no scenario to add")
	}
	if name, ok := p.bundledChain(chain, texts); ok {
		p.Open = name
		return nil
	}
	for i, c := range chain {
		p.Files[path.Join("files", c)] = texts[i]
	}
	name := path.Join("files", chain[0])
	r := api.NewSession(p.Files).Load(name)
	if r.Error != "" {
		return fmt.Errorf("%s", r.Error)
	}
	p.Menu = append([]MenuItem{{Name: name, Label: label + ": " + r.Scenario.Title}}, p.Menu...)
	p.Open = name
	return nil
}

// bundledChain reports whether the chain is the bundled scenarios' own.
func (p *Page) bundledChain(chain, texts []string) (string, bool) {
	for i, c := range chain {
		if p.Files[path.Join(BundledDir, path.Base(c))] != texts[i] {
			return "", false
		}
		if i > 0 && path.Dir(c) != path.Dir(chain[0]) {
			return "", false
		}
	}
	return path.Join(BundledDir, path.Base(chain[0])), true
}

// offlineCSP is the page's Content-Security-Policy on its own: it may run
// its inline scripts, the WebAssembly model and the worker made from a
// blob, and request nothing.
const offlineCSP = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data:; connect-src 'none'"

// ServedCSP is its policy when a server sends it, and that of the
// server's other pages: no WebAssembly and no worker, and requests only
// to the server it came from.
const ServedCSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'"

// Host is what a server puts into the page in place of the WebAssembly
// model. Script runs before the explorer's and defines
// globalThis.explorerHost, which the explorer then asks for its model (the
// server's, over HTTP), and, for a team's page, which keys it may change;
// CSS is added to the page's styles.
type Host struct {
	Script string
	CSS    string
}

// ChartJS is the explorer's chart script (it defines Chart), for a
// server's other pages.
func ChartJS() string { return asset("chart.js") }

// DOMJS is the explorer's DOM helpers (it defines dom), which the host's
// script and a server's other pages use too.
func DOMJS() string { return asset("dom.js") }

// Write writes the page.
func Write(w io.Writer, p *Page) error { return write(w, p, nil) }

// WriteServed writes the page as a server sends it: without the
// WebAssembly model (about 2 MB) and its loader, with host's script and
// styles, and a policy that lets it call the server that sent it.
func WriteServed(w io.Writer, p *Page, host Host) error {
	if host.Script == "" {
		return fmt.Errorf("explore: a served page needs the host's script")
	}
	return write(w, p, &host)
}

func write(w io.Writer, p *Page, host *Host) error {
	data, err := json.Marshal(p) // escapes <, > and &: safe inside <script>
	if err != nil {
		return err
	}
	csp, wasm, worker, wasmExec, hostScript, hostCSS := offlineCSP, "", asset("worker.js"), asset("wasm_exec.js"), "", ""
	if host == nil {
		wasm = base64.StdEncoding.EncodeToString([]byte(asset("model.wasm.gz")))
	} else {
		csp, worker, wasmExec, hostScript, hostCSS = ServedCSP, "", "", host.Script+"\n", "\n"+host.CSS
	}
	page, err := Fill(asset("page.html"), map[string]string{
		"{{CSP}}":       csp,
		"{{CSS}}":       asset("page.css"),
		"{{HOST_CSS}}":  hostCSS,
		"{{DATA}}":      string(data),
		"{{WASM}}":      wasm,
		"{{WORKER}}":    worker,
		"{{WASM_EXEC}}": wasmExec,
		"{{DOM}}":       asset("dom.js"),
		"{{HOST}}":      hostScript,
		"{{CHART}}":     asset("chart.js"),
		"{{EXPLORE}}":   asset("explore.js"),
	})
	if err != nil {
		return fmt.Errorf("explore: %w", err)
	}
	_, err = io.WriteString(w, page)
	return err
}

// Fill puts the parts into a page's template in one pass (text put in is
// never searched again), refusing a part that would end its script or
// style element early. A server's other pages are filled by it too.
func Fill(template string, parts map[string]string) (string, error) {
	var pairs []string
	for marker, text := range parts {
		if strings.Contains(text, "</script") || strings.Contains(text, "</style") {
			return "", fmt.Errorf("%s would end its element early", marker)
		}
		pairs = append(pairs, marker, text)
	}
	return strings.NewReplacer(pairs...).Replace(template), nil
}
