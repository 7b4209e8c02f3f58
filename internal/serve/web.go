package serve

import (
	"bytes"
	"embed"
	"fmt"
	"strings"

	"simulate/internal/explore"
)

// The pages' HTML, scripts and styles (web/): the join form, the teacher's
// page, and what the explorer page gets in place of its WebAssembly model
// (the host script that calls the server, and a team's bar and results).
//
//go:embed web
var webFS embed.FS

func webFile(name string) string {
	b, err := webFS.ReadFile("web/" + name)
	if err != nil {
		panic("serve: missing web/" + name) // the build embeds them all
	}
	return string(b)
}

// pages renders the server's pages once at start: route -> body, e.g. "/", "/join", "/team", "/teacher".
// page is the explorer's page (its scenario files and menu); the explorer at "/" calls the native
// model through /api/model/* instead of WebAssembly.
func pages(page *explore.Page) (map[string][]byte, error) {
	out := map[string][]byte{}
	// The explorer, and a team's page: the explorer with the team's levers.
	// The server holds the scenario files: the page needs only its menu.
	menu := *page
	menu.Files = nil
	for route, host := range map[string]explore.Host{
		"/": {Script: webFile("served.js") + "globalThis.explorerHost = served.host();\n"},
		"/team": {
			// results.js uses the charts (defined after the host's script)
			// only once the session's state has come.
			Script: webFile("served.js") + webFile("results.js") + webFile("team.js"),
			CSS:    webFile("team.css") + webFile("results.css"),
		},
	} {
		var b bytes.Buffer
		if err := explore.WriteServed(&b, &menu, host); err != nil {
			return nil, fmt.Errorf("page %s: %w", route, err)
		}
		out[route] = b.Bytes()
	}
	// The join form and the teacher's page: a body each in one frame.
	for route, p := range map[string]struct {
		title, html  string
		css, scripts []string
	}{
		"/join":    {"simulate serve: join a session", "join.html", []string{"pages.css"}, []string{"dom.js", "served.js", "join.js"}},
		"/teacher": {"simulate serve: teacher", "teacher.html", []string{"pages.css", "results.css"}, []string{"dom.js", "served.js", "chart.js", "results.js", "qr.js", "teacher.js"}},
	} {
		var css, js []string
		for _, c := range p.css {
			css = append(css, webFile(c))
		}
		for _, s := range p.scripts {
			switch s {
			case "chart.js":
				js = append(js, explore.ChartJS())
			case "dom.js":
				js = append(js, explore.DOMJS())
			default:
				js = append(js, webFile(s))
			}
		}
		body, err := explore.Fill(webFile("page.html"), map[string]string{
			"{{TITLE}}":  p.title,
			"{{BODY}}":   webFile(p.html),
			"{{CSP}}":    explore.ServedCSP,
			"{{CSS}}":    strings.Join(css, "\n"),
			"{{SCRIPT}}": strings.Join(js, "\n"),
		})
		if err != nil {
			return nil, fmt.Errorf("page %s: %w", route, err)
		}
		out[route] = []byte(body)
	}
	return out, nil
}
