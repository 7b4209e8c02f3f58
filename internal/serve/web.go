package serve

import (
	"embed"
	"html"

	"simulate/internal/explore"
)

// A minimal stand-in for the pages, until they land: each route names
// itself, and the explorer is the offline page.

//go:embed web
var webFS embed.FS

// pages renders the server's pages once at start: route -> body, e.g. "/", "/join", "/team", "/teacher".
// page is the explorer's page (its scenario files and menu); the explorer at "/" calls the native
// model through /api/model/* instead of WebAssembly.
func pages(page *explore.Page) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, route := range []string{"/", "/join", "/team", "/teacher"} {
		out[route] = []byte("<!doctype html><meta charset=utf-8><title>simulate serve</title><p>" + html.EscapeString(route) + "</p>")
	}
	_ = webFS
	return out, nil
}
