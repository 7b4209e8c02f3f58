package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBrowserServe plays a classroom session as a class would, in one
// headless Chromium: simulate serve on a free loopback port with a fresh
// state directory, the teacher's tab and three teams' tabs. The teams join
// from the join form and see only the levers their roles own; a request a
// team forges from its own tab (with its own token) for another team's key
// is refused with 403; two rounds are played, with an inject fired in the
// second, and every tab shows the results once they are revealed. In the
// middle of round 2, after two moves were acknowledged, the server is
// killed with SIGKILL and started again on the same state directory: both
// moves are still there, the tabs reconnect by themselves (EventSource
// reconnects and the pages read the state again), and the third team's
// move goes through. Screenshots of every view at desktop and phone width
// go to $SIMULATE_SCREENSHOTS (or output/browser-test/serve-*.png). Like
// the other browser tests it skips without Chromium unless
// SIMULATE_REQUIRE_BROWSER=1.
func TestBrowserServe(t *testing.T) {
	browser := findChromium(t)
	bin := simulateBinary(t)
	shots := os.Getenv("SIMULATE_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "output", "browser-test")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	stateDir := t.TempDir()
	addr := freeLoopback(t)
	srv := startServe(t, bin, addr, stateDir)
	base := "http://" + addr

	c := startChromium(t, browser)
	tab := func(width, height int, mobile bool) string {
		s := c.newPage(t)
		for _, domain := range []string{"Page", "Runtime", "Log", "Network", "Audits"} {
			c.call(t, s, domain+".enable", nil)
		}
		c.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
		c.call(t, s, "Emulation.setFocusEmulationEnabled", map[string]any{"enabled": true})
		return s
	}
	navigate := func(s, url string) {
		c.call(t, s, "Page.navigate", map[string]any{"url": url})
		waitJS(t, c, s, `document.readyState === "complete" && document.body && document.body.dataset.ready === "true"`, "the page at "+url+" to be ready")
	}

	// The teacher's tab, on the address the server printed.
	teacher := tab(1280, 900, false)
	navigate(teacher, srv.teacherURL)
	var room, address string
	evalAsync(t, c, teacher, `location.href`, &address)
	if strings.Contains(address, "t=") {
		t.Errorf("the teacher's page keeps its token in the address bar: %s", address)
	}
	evalAsync(t, c, teacher, `teacher.state().room`, &room)
	if !regexp.MustCompile(`^[A-Z0-9]{4,8}$`).MatchString(room) {
		t.Fatalf("the room code is %q", room)
	}
	var shown string
	evalAsync(t, c, teacher, `document.getElementById("room-code").textContent`, &shown)
	if shown != room {
		t.Errorf("the teacher's page shows the room code %q, the state has %q", shown, room)
	}
	var qr bool
	evalAsync(t, c, teacher, `!!document.querySelector("#qr svg path") && document.querySelector("#qr svg").getBoundingClientRect().width >= 150`, &qr)
	if !qr {
		t.Error("the teacher's page shows no QR code of the join address")
	}
	// On a projector: the whole join card on the first screen, the room
	// code at its top, the card no taller than its QR code needs and the
	// join address within it.
	for _, size := range [][2]int{{1280, 800}, {1920, 1080}} {
		c.call(t, teacher, "Emulation.setDeviceMetricsOverride", map[string]any{"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": false})
		waitJS(t, c, teacher, `new Promise(r => requestAnimationFrame(() => setTimeout(() => r(true), 100)))`, "a redraw")
		capture(t, c, teacher, filepath.Join(shots, fmt.Sprintf("serve-teacher-%dx%d.png", size[0], size[1])))
		var card struct{ Top, Bottom, Right, Code, URLRight, URLBottom, QR float64 }
		evalAsync(t, c, teacher, `(() => { const r = (s) => document.querySelector(s).getBoundingClientRect(), c = r(".join-card");
			return {top: c.top, bottom: c.bottom, right: c.right, code: r(".join-card > div").top, urlRight: r("#join-url").right, urlBottom: r("#join-url").bottom, qr: r("#qr svg").height}; })()`, &card)
		if card.Bottom > float64(size[1])/2 || card.Code-card.Top > 20 || card.Bottom-card.Top > card.QR+40 || card.URLRight > card.Right || card.URLBottom > card.Bottom {
			t.Errorf("at %d×%d the join card spans %.0f to %.0f px (its QR code %.0f px tall), the room code's box starts %.0f px below its top, the address ends at %.0f×%.0f, the card at %.0f",
				size[0], size[1], card.Top, card.Bottom, card.QR, card.Code-card.Top, card.URLRight, card.URLBottom, card.Right)
		}
	}
	c.call(t, teacher, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false})

	// What a role owns, as the pages decide which levers to show (the
	// server decides what it accepts, below).
	var owns []bool
	evalAsync(t, c, teacher, `[served.owns(["actors.ROK"], "actors.ROK.defense_pct"), served.owns(["actors.ROK"], "actors.ROKX.a"),
		served.owns(["actors.ROK"], "actors.US.defense_pct"), served.owns(["alliance.tariff_pct"], "alliance.tariff_pct"),
		served.owns(["events kind=trade_dispute"], "events kind=trade_dispute"), served.owns(["events kind=trade_dispute"], "events kind=dprk_provocation"),
		served.owns(["investments from=ROK"], "investments from=ROK"), served.owns(["investments from=ROK"], "investments from=US")]`, &owns)
	if want := []bool{true, false, false, true, true, false, true, false}; !slices.Equal(owns, want) {
		t.Errorf("served.owns gives %v, want %v", owns, want)
	}

	// Three teams join from the form, the room code prefilled from the link.
	teams := []struct{ name, role, key string }{
		{"Team Seoul", "ROK", "actors.ROK.defense_pct"},
		{"Team Washington", "US", "actors.US.defense_pct"},
		{"Team Tokyo", "JPN", "actors.JPN.defense_pct"},
	}
	tabs := make([]string, len(teams))
	var ok bool
	for i, tm := range teams {
		width, height, mobile := 1280, 900, false
		if i == 0 {
			width, height, mobile = 390, 844, true // a phone
		}
		tabs[i] = tab(width, height, mobile)
		navigate(tabs[i], base+"/join?room="+room)
		waitJS(t, c, tabs[i], `Array.from(document.getElementById("role").options).some(o => o.value === "`+tm.role+`")`, "the join form to offer "+tm.role)
		if i == 0 {
			capture(t, c, tabs[i], filepath.Join(shots, "serve-join-phone.png"))
			noWiderThan(t, c, tabs[i], "the join form", 390)
			c.call(t, tabs[i], "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false})
			capture(t, c, tabs[i], filepath.Join(shots, "serve-join.png"))
			c.call(t, tabs[i], "Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true})
		}
		evalAsync(t, c, tabs[i], `(document.getElementById("name").value = "`+tm.name+`", document.getElementById("role").value = "`+tm.role+`",
			document.getElementById("join").requestSubmit(), true)`, &ok)
		waitJS(t, c, tabs[i], `location.pathname === "/team" && document.body.dataset.ready === "true" && team.state() && document.querySelector("#levers .lever")`, tm.name+"'s page")
		// Only the role's levers: its own key is there, no other actor's is.
		var keys []string
		evalAsync(t, c, tabs[i], `Array.from(document.querySelectorAll("#levers [data-key]"), e => e.dataset.key)`, &keys)
		if !slices.Contains(keys, tm.key) {
			t.Errorf("%s's page has no lever for %s: %q", tm.name, tm.key, keys)
		}
		for _, k := range keys {
			if !strings.HasPrefix(k, "actors."+tm.role+".") && !strings.HasPrefix(k, "params."+tm.role+".") && !strings.HasPrefix(k, "alliance.") {
				t.Errorf("%s's page (%s) offers a lever for %s, which its role does not own", tm.name, tm.role, k)
			}
		}
	}
	waitJS(t, c, teacher, `document.querySelectorAll("#teams tr[data-team]").length === 3`, "the teacher's page to list three teams")

	// Round 1.
	click(t, c, teacher, "#start")
	for i := range teams {
		waitJS(t, c, tabs[i], `/round 1 of/.test(document.getElementById("round-info").textContent) && !document.getElementById("submit").disabled`, teams[i].name+"'s page to show round 1 open")
	}
	// A forged request from ROK's tab, with ROK's own token, for the US's key.
	var forged struct {
		Status int    `json:"status"`
		Error  string `json:"error"`
	}
	evalAsync(t, c, tabs[0], `fetch("/api/move", {method: "POST", headers: {"Content-Type": "application/json", "Authorization": "Bearer " + served.token()},
		body: JSON.stringify({set: [{key: "actors.US.defense_pct", value: 9}]})}).then(async r => ({status: r.status, error: (await r.json()).error}))`, &forged)
	if forged.Status != 403 || !strings.Contains(forged.Error, "actors.US") {
		t.Errorf("a move by ROK's team setting actors.US.defense_pct: status %d %q, want 403 naming the key", forged.Status, forged.Error)
	}
	moves := [][]float64{{3.1, 3.6, 1.4}, {3.4, 3.2, 1.9}}
	for i, tm := range teams {
		move(t, c, tabs[i], tm.key, moves[0][i])
	}
	waitJS(t, c, teacher, `teacher.state().teams.every(t => t.submitted) && document.querySelectorAll("#teams .done").length === 3`, "the teacher's page to show three moves in")
	click(t, c, teacher, "#close")
	waitJS(t, c, teacher, `!document.getElementById("reveal").disabled`, "the round to close")
	click(t, c, teacher, "#reveal")
	for _, s := range append([]string{teacher}, tabs...) {
		waitJS(t, c, s, `!document.getElementById("results").hidden && /Results of round 1/.test(document.getElementById("results").textContent) && document.querySelector("#results svg")`, "the results of round 1 on every tab")
	}

	// Round 2, with an inject.
	click(t, c, teacher, "#start")
	for i := range teams {
		waitJS(t, c, tabs[i], `/round 2 of/.test(document.getElementById("round-info").textContent) && !document.getElementById("submit").disabled`, teams[i].name+"'s page to show round 2 open")
	}
	waitJS(t, c, teacher, `document.querySelector("#injects button[data-inject]:not([disabled])")`, "an inject to fire")
	click(t, c, teacher, "#injects button[data-inject]")
	waitJS(t, c, teacher, `teacher.state().injects.length === 1`, "the inject to be fired")
	for i := range 2 {
		move(t, c, tabs[i], teams[i].key, moves[1][i])
	}
	var before []map[string]any
	evalAsync(t, c, tabs[0], `team.state().me.move.set`, &before)
	// ROK's page reloaded (as a phone's browser does to a tab it dropped):
	// its levers show its move again, so that Submit would send the same.
	c.call(t, tabs[0], "Page.reload", nil)
	waitJS(t, c, tabs[0], `document.body.dataset.ready === "true" && team.state() && +document.querySelector('[data-key="`+teams[0].key+`"] input[type=number]').value === `+fmt.Sprint(moves[1][0]), "ROK's reloaded page to show its move")
	var again []map[string]any
	evalAsync(t, c, tabs[0], `explorer.request().set`, &again)
	if len(again) != len(before) || len(again) == 0 || again[0]["key"] != before[0]["key"] || mustJSON(t, again[0]["path"]) != mustJSON(t, before[0]["path"]) {
		t.Errorf("ROK's reloaded page would submit %s, its move was %s", mustJSON(t, again), mustJSON(t, before))
	}

	// The server dies; the same state directory brings the session back.
	errorsBefore := len(c.errors)
	srv.kill(t)
	waitJS(t, c, teacher, `/lost|does not answer/.test(document.getElementById("error").textContent)`, "the teacher's page to notice the server is gone")
	restarted := time.Now()
	srv = startServe(t, bin, addr, stateDir)
	listening := time.Since(restarted)
	waitJS(t, c, teacher, `document.getElementById("error").hidden && teacher.state().round.n === 2 && teacher.state().status === "open"`, "the teacher's page to reconnect")
	t.Logf("restarted: listening after %.2f s, the teacher's page back after %.2f s", listening.Seconds(), time.Since(restarted).Seconds())
	c.call(t, teacher, "Page.reload", nil) // the token kept in the tab
	waitJS(t, c, teacher, `document.body.dataset.ready === "true" && teacher.state() && teacher.state().round.n === 2`, "the teacher's page to reload")
	var submitted []bool
	evalAsync(t, c, teacher, `teacher.state().teams.map(t => t.submitted)`, &submitted)
	if !slices.Equal(submitted, []bool{true, true, false}) {
		t.Errorf("after the restart the teams' moves of round 2 are in: %v, want [true true false]", submitted)
	}
	waitJS(t, c, tabs[0], `team.state().version !== undefined && team.state().me.move`, "ROK's page to read its move again")
	var after []map[string]any
	evalAsync(t, c, tabs[0], `team.state().me.move.set`, &after)
	if b, a := mustJSON(t, before), mustJSON(t, after); b != a {
		t.Errorf("ROK's move of round 2 before the kill %s, after the restart %s", b, a)
	}
	var injects int
	evalAsync(t, c, teacher, `teacher.state().injects.length`, &injects)
	if injects != 1 {
		t.Errorf("after the restart %d injects are fired, want 1", injects)
	}
	// The connection errors of the outage are expected; any other is not.
	kept := c.errors[:errorsBefore]
	for _, e := range c.errors[errorsBefore:] {
		if !strings.Contains(e, "ERR_CONNECTION_REFUSED") && !strings.Contains(e, "Failed to load resource") && !strings.Contains(e, "ERR_EMPTY_RESPONSE") {
			kept = append(kept, e)
		}
	}
	c.errors = kept
	move(t, c, tabs[2], teams[2].key, moves[1][2])
	waitJS(t, c, teacher, `teacher.state().teams.every(t => t.submitted)`, "the teacher's page to show three moves in round 2")
	click(t, c, teacher, "#close")
	waitJS(t, c, teacher, `!document.getElementById("reveal").disabled`, "round 2 to close")
	click(t, c, teacher, "#reveal")
	for _, s := range append([]string{teacher}, tabs...) {
		waitJS(t, c, s, `/Results of round 2/.test(document.getElementById("results").textContent) && document.querySelectorAll("#results table.history tbody tr").length === 2`, "the results of round 2 on every tab")
	}

	// The teacher exports round 2: the zip the server wrote on the reveal.
	downloads := t.TempDir()
	c.call(t, "", "Browser.setDownloadBehavior", map[string]any{"behavior": "allow", "downloadPath": downloads})
	waitJS(t, c, teacher, `document.getElementById("export-round").value === "2"`, "round 2 to be offered for export")
	click(t, c, teacher, "#export")
	zipped := waitDownload(t, downloads, "round-2.zip")
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil {
		t.Fatalf("the export of round 2: %v", err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{"round-2.toml", "series.csv", "report.html"} {
		if !slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(n, want) }) {
			t.Errorf("the export of round 2 has no %s: %q", want, names)
		}
	}

	// The teacher renames a team (its page shows the new name), and
	// removes one: its token is void, and its page goes back to the join
	// form, where the role is free again.
	evalAsync(t, c, teacher, `(() => { const i = document.querySelector('#teams tr[data-team] input[aria-label="new name for Team Tokyo"]'); i.value = "Team Nippon"; return true; })()`, &ok)
	click(t, c, teacher, `#teams tr[data-team]:nth-child(3) button`)
	waitJS(t, c, tabs[2], `document.getElementById("team-name").textContent === "Team Nippon"`, "Team Tokyo's page to show its new name")

	// Screenshots of the views at desktop and phone width.
	for name, s := range map[string]string{"teacher": teacher, "team": tabs[1], "team-rok": tabs[0]} {
		for _, w := range []struct {
			suffix        string
			width, height int
			mobile        bool
		}{{"", 1280, 900, false}, {"-phone", 390, 844, true}} {
			c.call(t, s, "Page.bringToFront", nil) // a tab behind others is not drawn
			c.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": w.width, "height": w.height, "deviceScaleFactor": 1, "mobile": w.mobile})
			waitJS(t, c, s, `new Promise(r => setTimeout(() => r(true), 300))`, "a redraw")
			capture(t, c, s, filepath.Join(shots, "serve-"+name+w.suffix+".png"))
			// Nothing is wider than the screen: no sideways scrolling on a phone.
			noWiderThan(t, c, s, name, w.width)
		}
	}
	evalAsync(t, c, teacher, `(window.confirm = () => true, true)`, &ok) // the page asks before removing
	click(t, c, teacher, `#teams tr[data-team]:nth-child(3) td:last-child button`)
	waitJS(t, c, tabs[2], `location.pathname === "/join" && Array.from(document.getElementById("role").options).some(o => o.value === "JPN")`, "the removed team's page to go back to the join form, JPN free")
	click(t, c, teacher, "#end")
	for _, s := range append([]string{teacher}, tabs[:2]...) {
		waitJS(t, c, s, `/ended/.test(document.body.innerText)`, "every page to show the session ended")
	}
	// The deadline's countdown, at a given moment.
	var left []string
	evalAsync(t, c, teacher, `[served.countdown("2030-01-01T00:01:30Z", Date.parse("2030-01-01T00:00:00Z")), served.countdown("2030-01-01T00:00:00Z", Date.parse("2030-01-01T00:00:01Z")), served.countdown("")]`, &left)
	if want := []string{"1:30 left", "deadline passed", ""}; !slices.Equal(left, want) {
		t.Errorf("countdowns %q, want %q", left, want)
	}

	// The explorer at /, with the server's model: a slider moved, the
	// run changes; the ensemble runs on the server.
	explore := tab(1280, 900, false)
	navigate(explore, base+"/")
	evalAsync(t, c, explore, `(() => { const b = document.querySelector('[data-key="actors.ROK.defense_pct"] input[type=number]'); b.value = "4"; b.dispatchEvent(new Event("change")); return true; })()`, &ok)
	waitJS(t, c, explore, `(explorer.st.run.changed || []).includes("actors.ROK.defense_pct") && document.getElementById("error").hidden`, "the explorer to run the change on the server")
	var csvLines []string
	evalAsync(t, c, explore, `explorer.csvText().then(t => t.trim().split("\n"))`, &csvLines)
	if len(csvLines) < 10 || !strings.Contains(csvLines[0], ",") {
		t.Errorf("the explorer's CSV from the server: %q", csvLines)
	}
	// Changes made while a run is out (its reply held back until the
	// five changes are made, so that no machine's speed decides it) wait,
	// each replacing the one before: the page keeps running its timers
	// meanwhile, makes two runs for five changes, drops the first's reply
	// and shows the last change's run.
	var coalesced struct {
		Calls  int     `json:"calls"`
		Ticks  int     `json:"ticks"`
		TOML   string  `json:"toml"`
		Target float64 `json:"target"`
	}
	evalAsync(t, c, explore, `(async () => {
		const real = window.fetch; let calls = 0, ticks = 0, release;
		const held = new Promise((r) => { release = r; });
		window.fetch = (url, opts) => url !== "/api/model/apply" ? real(url, opts) : (calls++, held.then(() => real(url, opts)));
		const b = document.querySelector('[data-key="actors.ROK.defense_pct"] input[type=number]');
		for (const v of [4.1, 4.2, 4.3, 4.4, 4.55]) { b.value = String(v); b.dispatchEvent(new Event("change")); await new Promise((r) => setTimeout(r, 60)); ticks++; }
		release();
		await explorer.settled();
		window.fetch = real;
		return {calls, ticks, toml: explorer.st.run.toml, target: explorer.st.levers.find((l) => l.key === "actors.ROK.defense_pct").target}; })()`, &coalesced)
	if coalesced.Calls != 2 || coalesced.Ticks != 5 || coalesced.Target != 4.55 || !strings.Contains(coalesced.TOML, "4.55") || strings.Contains(coalesced.TOML, "4.1") {
		t.Errorf("five changes while runs were out: %d runs asked for (want 2), %d timer ticks (want 5), the lever at %v; the run shown:\n%s", coalesced.Calls, coalesced.Ticks, coalesced.Target, coalesced.TOML)
	}
	// The menu's scenario opens once the server's run of it comes; the
	// page stays responsive meanwhile.
	evalAsync(t, c, explore, `(() => { const m = document.getElementById("scenario"); m.value = "scenarios/3.5pct-risks.toml"; m.dispatchEvent(new Event("change")); return true; })()`, &ok)
	waitJS(t, c, explore, `explorer.st.base === "scenarios/3.5pct-risks.toml"`, "the explorer to open scenarios/3.5pct-risks.toml")
	evalAsync(t, c, explore, `(() => { const u = document.getElementById("uncertainty"); u.checked = true; u.dispatchEvent(new Event("change")); return !u.disabled; })()`, &ok)
	if !ok {
		t.Error("the explorer offers no ensemble for scenarios/3.5pct-risks.toml")
	}
	waitJS(t, c, explore, `explorer.st.bands && explorer.st.bands.runs === 1000 && /1000 runs/.test(document.getElementById("ensemble-status").textContent)`, "the server's ensemble of 1,000 runs")
	capture(t, c, explore, filepath.Join(shots, "serve-explore.png"))
	c.call(t, explore, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true})
	waitJS(t, c, explore, `new Promise(r => setTimeout(() => r(true), 300))`, "a redraw")
	capture(t, c, explore, filepath.Join(shots, "serve-explore-phone.png"))
	noWiderThan(t, c, explore, "the served explorer", 390)

	c.close(t)
	if !slices.Contains(c.requests, base+"/api/preview") {
		t.Error("no team's page asked the server for a preview")
	}
	for _, u := range c.requests {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") && u != "about:blank" {
			t.Errorf("a page requested %s, outside the server", u)
		}
	}
	for _, e := range c.errors {
		// The browser notes the refusal of the forged move (every other
		// move was acknowledged, or move would have failed).
		// So does it that of the removed team's reading the state.
		forged := strings.Contains(e, "status of 403") && strings.Contains(e, "/api/move")
		removed := strings.Contains(e, "status of 401") && strings.Contains(e, "/api/state")
		if !forged && !removed {
			t.Errorf("console: %s", e)
		}
	}
}

// move sets a team's lever in its tab as a person would (a number typed
// into the lever's box), waits for the preview of the move, and submits it.
func move(t *testing.T, c *chromium, s, key string, v float64) {
	t.Helper()
	var ok bool
	evalAsync(t, c, s, fmt.Sprintf(`(() => { const b = document.querySelector('[data-key="%s"] input[type=number]'); b.value = "%v"; b.dispatchEvent(new Event("change")); return true; })()`, key, v), &ok)
	waitJS(t, c, s, fmt.Sprintf(`explorer.st.run && (explorer.st.run.changed || []).includes(%q) && explorer.request().set.some(x => x.key === %q)`, key, key), "the preview of "+key)
	click(t, c, s, "#submit")
	waitJS(t, c, s, `/submitted: move/.test(document.getElementById("submit-status").textContent)`, "the move of "+key+" to be acknowledged")
}

// click clicks a page's button.
func click(t *testing.T, c *chromium, s, selector string) {
	t.Helper()
	var ok bool
	evalAsync(t, c, s, fmt.Sprintf(`(() => { const b = document.querySelector(%q); if (!b || b.disabled) throw new Error("no enabled button %s"); b.click(); return true; })()`, selector, selector), &ok)
}

// waitJS waits up to 30 s for a JavaScript condition to hold in a tab,
// through the tab's navigations.
func waitJS(t *testing.T, c *chromium, s, cond, what string) {
	t.Helper()
	expr := `(async () => { try { return !!(await (` + cond + `)); } catch (e) { return false; } })()`
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var r struct {
			Result struct {
				Value bool `json:"value"`
			} `json:"result"`
		}
		err := c.try(s, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
		if err == nil && r.Result.Value {
			return
		}
		if err != nil && !strings.Contains(err.Error(), "navigated") && !strings.Contains(err.Error(), "context") {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
	var text string
	evalAsync(t, c, s, `location.href + "\n" + (document.body ? document.body.innerText.slice(0, 1500) : "")`, &text)
	c.mu.Lock()
	errs := strings.Join(c.errors, "\n")
	c.mu.Unlock()
	t.Fatalf("waited 30 s for %s; the page:\n%s\nconsole errors:\n%s", what, text, errs)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// freeLoopback returns a loopback address with a port free a moment ago.
func freeLoopback(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// served is a running simulate serve.
type serveProc struct {
	cmd        *exec.Cmd
	teacherURL string
	exited     chan struct{}
}

// startServe starts simulate serve on addr with the state directory dir
// and waits for it to print the teacher's address.
func startServe(t *testing.T, bin, addr, dir string) *serveProc {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-addr", addr, "-state", dir, filepath.Join("..", "..", "docs", "classroom", "negotiation-session.toml"))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProc{cmd: cmd, exited: make(chan struct{})}
	found := make(chan string, 1)
	var printed strings.Builder
	go func() {
		sc := bufio.NewScanner(out)
		re := regexp.MustCompile(`http://\S+/teacher\?t=[0-9a-f]+`)
		for sc.Scan() {
			printed.WriteString(sc.Text() + "\n")
			if m := re.FindString(sc.Text()); m != "" {
				select {
				case found <- m:
				default:
				}
			}
		}
		io.Copy(io.Discard, out)
		cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	})
	select {
	case u := <-found:
		p.teacherURL = u
	case <-p.exited:
		t.Fatalf("simulate serve exited:\n%s", printed.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("simulate serve printed no teacher's address in 30 s:\n%s", printed.String())
	}
	return p
}

// kill kills the server with SIGKILL, as a crash would.
func (p *serveProc) kill(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.exited
}

// TestBrowserQR checks the teacher's page's QR code encoder (qr.js)
// against symbols made by another encoder, libqrencode (testdata/qr/):
// given the mask that encoder chose (read from the symbol's format
// information), every module is the same, for versions 1 to 10, one and
// two block sizes, version information and UTF-8 text. Text longer than
// a version 10 symbol holds is refused.
func TestBrowserQR(t *testing.T) {
	browser := findChromium(t)
	js := readText(t, filepath.Join("..", "..", "internal", "serve", "web", "qr.js"))
	page := filepath.Join(t.TempDir(), "qr.html")
	if err := os.WriteFile(page, []byte("<!DOCTYPE html><meta charset=utf-8><body data-ready=true><script>\n"+js+"\n</script>"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("testdata", "qr", "*.txt"))
	if err != nil || len(files) < 8 {
		t.Fatalf("%d QR symbols in testdata/qr (%v), want 8", len(files), err)
	}
	c := startChromium(t, browser)
	s := c.newPage(t)
	c.call(t, s, "Runtime.enable", nil)
	c.call(t, s, "Page.navigate", map[string]any{"url": "file://" + filepath.ToSlash(page)})
	waitJS(t, c, s, `typeof QR === "object"`, "qr.js")
	for _, f := range files {
		var text string
		var want []string
		for _, line := range strings.Split(strings.TrimSpace(readText(t, f)), "\n") {
			switch {
			case strings.HasPrefix(line, "#") && strings.Contains(line, " "):
				// a comment
			case strings.HasPrefix(line, `"`):
				if err := json.Unmarshal([]byte(line), &text); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
			default:
				want = append(want, line)
			}
		}
		level, mask := qrFormat(want)
		if level != 0 {
			t.Fatalf("%s: the symbol's level bits are %b, want 00 (M)", f, level)
		}
		var got struct {
			Version int      `json:"version"`
			Rows    []string `json:"rows"`
		}
		evalAsync(t, c, s, fmt.Sprintf(`(() => { const q = QR.encode(%s, %d); return {version: q.version, rows: q.modules.map(r => r.map(d => d ? "#" : ".").join(""))}; })()`, mustJSON(t, text), mask), &got)
		if size := 17 + 4*got.Version; len(want) != size {
			t.Errorf("%s: version %d (%d modules), the reference has %d", f, got.Version, size, len(want))
			continue
		}
		if !slices.Equal(got.Rows, want) {
			t.Errorf("%s: with mask %d the symbol differs from libqrencode's:\n%s\nwant\n%s", f, mask, strings.Join(got.Rows, "\n"), strings.Join(want, "\n"))
		}
		// With the mask of least penalty: the same size, its own mask named.
		var auto struct {
			Mask int      `json:"mask"`
			Rows []string `json:"rows"`
		}
		evalAsync(t, c, s, fmt.Sprintf(`(() => { const q = QR.encode(%s); return {mask: q.mask, rows: q.modules.map(r => r.map(d => d ? "#" : ".").join(""))}; })()`, mustJSON(t, text)), &auto)
		if l, m := qrFormat(auto.Rows); len(auto.Rows) != len(want) || l != 0 || m != auto.Mask {
			t.Errorf("%s: the chosen symbol has %d rows, level bits %b and mask %d in its format information, said mask %d", f, len(auto.Rows), l, m, auto.Mask)
		}
	}
	var refused string
	evalAsync(t, c, s, `(() => { try { QR.encode("x".repeat(214)); return "accepted"; } catch (e) { return e.message; } })()`, &refused)
	if want := "214 bytes are more than a version 10 symbol holds"; refused != want {
		t.Errorf("214 bytes: %q, want %q", refused, want)
	}
	c.close(t)
	for _, e := range c.errors {
		t.Errorf("console: %s", e)
	}
}

// qrFormat reads a symbol's format information (the copy around the top
// left finder): the level's two bits and the mask.
func qrFormat(rows []string) (level, mask int) {
	at := func(x, y int) int {
		if y < len(rows) && x < len(rows[y]) && rows[y][x] == '#' {
			return 1
		}
		return 0
	}
	var pos [][2]int
	for i := 0; i <= 5; i++ {
		pos = append(pos, [2]int{8, i})
	}
	pos = append(pos, [2]int{8, 7}, [2]int{8, 8}, [2]int{7, 8})
	for i := 9; i < 15; i++ {
		pos = append(pos, [2]int{14 - i, 8})
	}
	bits := 0
	for i, p := range pos {
		bits |= at(p[0], p[1]) << i
	}
	bits ^= 0x5412
	return bits >> 13, (bits >> 10) & 7
}
