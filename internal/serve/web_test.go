package serve

import (
	"bytes"
	"regexp"
	"testing"

	"simulate/internal/explore"
)

// The server's pages carry no WebAssembly model, request nothing beyond
// the server (their policy allows connections to it alone), and leave no
// template marker unfilled.
func TestPages(t *testing.T) {
	page, err := explore.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	got, err := pages(page)
	if err != nil {
		t.Fatal(err)
	}
	var offline bytes.Buffer
	if err := explore.Write(&offline, page); err != nil {
		t.Fatal(err)
	}
	csp := []byte(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'">`)
	for _, route := range []string{"/", "/join", "/team", "/teacher"} {
		b, ok := got[route]
		if !ok {
			t.Errorf("no page for %s", route)
			continue
		}
		if !bytes.Contains(b, csp) {
			t.Errorf("%s lacks the policy %s", route, csp)
		}
		if n := bytes.Count(b, []byte("Content-Security-Policy")); n != 1 {
			t.Errorf("%s has %d policies, want 1", route, n)
		}
		if m := regexp.MustCompile(`\{\{[A-Z_]+\}\}`).Find(b); m != nil {
			t.Errorf("%s has the marker %s unfilled", route, m)
		}
		for _, u := range regexp.MustCompile(`(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}[^"'\s)]*`).FindAll(b, -1) {
			if string(u) != "http://www.w3.org/2000/svg" {
				t.Errorf("%s names the URL %s", route, u)
			}
		}
		for _, load := range []string{"<link", "<img", " src=", "@import", "url(", "WebSocket", "importScripts"} {
			if bytes.Contains(b, []byte(load)) {
				t.Errorf("%s has %q", route, load)
			}
		}
		t.Logf("%s: %d bytes", route, len(b))
		// The WebAssembly model is about 2 MB; no served page carries it.
		if len(b) > 400<<10 {
			t.Errorf("%s is %d bytes: does it carry the WebAssembly model?", route, len(b))
		}
	}
	for _, route := range []string{"/", "/team"} {
		b := got[route]
		if bytes.Contains(b, []byte("Copyright 2018 The Go Authors")) || bytes.Contains(b, []byte("wasm-unsafe-eval")) {
			t.Errorf("%s carries the WebAssembly loader or allows WebAssembly", route)
		}
		if !bytes.Contains(b, []byte("globalThis.explorerHost")) {
			t.Errorf("%s does not give the explorer its host", route)
		}
		// The explorer's own script and data are the offline page's.
		for _, part := range []string{"const explorer = (() => {", `<script id="explore-data" type="application/json">`} {
			if !bytes.Contains(b, []byte(part)) || !bytes.Contains(offline.Bytes(), []byte(part)) {
				t.Errorf("%s or the offline page lacks %q", route, part)
			}
		}
	}
	if n := len(offline.Bytes()); n < 1<<20 {
		t.Errorf("the offline page is %d bytes: it should carry the model", n)
	}
}
