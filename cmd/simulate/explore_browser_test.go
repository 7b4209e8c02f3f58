package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"simulate/internal/scenario"
	"simulate/model"
)

// TestBrowserExplore opens the page simulate explore writes, from disk, in
// headless Chromium and uses it as a student would: it moves a slider from
// the keyboard and checks the page's run against the native model, pins
// the run, downloads the scenario file and runs it with the command line
// (the page's CSV must be lines of the run's series.csv), turns the
// ensemble on, and checks that nothing was requested beyond the file and
// that the console stayed clean. It logs the redraw and ensemble times
// and writes screenshots at 1280×800 and at tablet width (explore-*.png
// in $SIMULATE_SCREENSHOTS, or output/browser-test/). Like the report's
// browser test it skips without Chromium unless SIMULATE_REQUIRE_BROWSER=1.
func TestBrowserExplore(t *testing.T) {
	browser := findChromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "explore.html")
	if err := run([]string{"explore", "-o", page, "../../scenarios/3.5pct.toml"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(page)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page size: %d bytes (%.2f MB)", info.Size(), float64(info.Size())/(1<<20))
	if info.Size() > 2.5*(1<<20) {
		t.Errorf("the page is %d bytes, more than the 2.5 MB target", info.Size())
	}
	shots := os.Getenv("SIMULATE_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "output", "browser-test")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	downloads := filepath.Join(dir, "downloads")
	if err := os.Mkdir(downloads, 0o755); err != nil {
		t.Fatal(err)
	}

	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()
	c := startChromium(t, browser)
	s := c.newPage(t)
	for _, domain := range []string{"Page", "Runtime", "Log", "Network", "Audits"} {
		c.call(t, s, domain+".enable", nil)
	}
	c.call(t, "", "Browser.setDownloadBehavior", map[string]any{"behavior": "allow", "downloadPath": downloads})
	c.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false})
	c.call(t, s, "Page.navigate", map[string]any{"url": pageURL})
	c.waitFor(t, "Page.loadEventFired")
	var ready bool
	evalAsync(t, c, s, `new Promise((ok, fail) => { const t0 = Date.now(); (function wait() {
		if (document.body.dataset.ready) ok(true);
		else if (!document.getElementById("error").hidden) fail(new Error(document.getElementById("error").textContent));
		else if (Date.now() - t0 > 60000) fail(new Error("not ready in 60 s")); else setTimeout(wait, 20); })(); })`, &ready)
	var base string
	evalAsync(t, c, s, `explorer.st.base`, &base)
	if base != "scenarios/3.5pct.toml" {
		t.Errorf("the page opened on %q, want the bundled scenarios/3.5pct.toml", base)
	}

	// Move ROK's defense-share target up four steps from the keyboard.
	const key = "actors.ROK.defense_pct"
	var before float64
	evalAsync(t, c, s, `explorer.st.levers.find(l => l.key === "`+key+`").target`, &before)
	evalAsync(t, c, s, `(document.querySelector('[data-key="`+key+`"] input[type=range]').focus(), true)`, &ready)
	for range 4 {
		for _, typ := range []string{"keyDown", "keyUp"} {
			c.call(t, s, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "ArrowRight", "code": "ArrowRight", "windowsVirtualKeyCode": 39})
		}
	}
	var after float64
	evalAsync(t, c, s, `explorer.st.levers.find(l => l.key === "`+key+`").target`, &after)
	if math.Abs(after-(before+4*0.05)) > 1e-9 {
		t.Fatalf("after four arrow keys the target is %v, want %v + 0.2", after, before)
	}
	var shown struct {
		TOML    string      `json:"toml"`
		Changed []string    `json:"changed"`
		Years   []int       `json:"years"`
		Series  []seriesRef `json:"series"`
		Values  [][]float64 `json:"values"`
	}
	evalAsync(t, c, s, `({...explorer.st.run, values: explorer.st.run.values.map(v => Array.from(v))})`, &shown)
	if !slices.Equal(shown.Changed, []string{key}) {
		t.Errorf("the page's run changes %q, want just %s", shown.Changed, key)
	}

	// The page's run is the native model's run of the page's scenario file,
	// value for value.
	scen := copyScenarios(t, dir)
	child := filepath.Join(scen, "3.5pct-explore.toml")
	if err := os.WriteFile(child, []byte(shown.TOML), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := scenario.Load(child)
	if err != nil {
		t.Fatalf("the page's scenario file does not load: %v\n%s", err, shown.TOML)
	}
	native, err := model.Run(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	if want := l.Scenario.Actors[model.ROK].DefensePct.At(l.Scenario.EndYear); math.Abs(want-after) > 1e-12 {
		t.Errorf("the scenario file holds ROK's share at %v in the end year, the slider says %v", want, after)
	}
	mismatches := 0
	for i, sr := range native.Series {
		j := slices.IndexFunc(shown.Series, func(x seriesRef) bool { return x.Indicator == string(sr.Indicator) && x.Subject == sr.Subject })
		if j < 0 {
			t.Errorf("the page has no %s %s", sr.Indicator, sr.Subject)
			continue
		}
		for k, v := range native.Row(i) {
			if shown.Values[j][k] != v && mismatches < 5 {
				mismatches++
				t.Errorf("%s %s in %d: page %v, native %v", sr.Indicator, sr.Subject, native.Years[k], shown.Values[j][k], v)
			}
		}
	}
	base35, _ := model.Run(mustLoad(t, filepath.Join(scen, "3.5pct.toml")).Scenario)
	d1, _ := native.Value("defense_share", "ROK", 2040)
	d0, _ := base35.Value("defense_share", "ROK", 2040)
	if !(d1 > d0) {
		t.Errorf("raising ROK's target did not raise its 2040 share (%v → %v)", d0, d1)
	}

	// A value the loader rejects, typed in a lever's box: the loader's
	// message names the key, and the charts keep the last good run.
	var rejected struct {
		Error string `json:"error"`
		Run   int    `json:"run"`
	}
	evalAsync(t, c, s, `(async () => { const before = explorer.st.run; const b = document.querySelector('[data-key="`+key+`"] input[type=number]');
		b.value = "70"; b.dispatchEvent(new Event("change")); await explorer.settled();
		const out = {error: document.getElementById("error").hidden ? "" : document.getElementById("error").textContent, run: explorer.st.run === before ? 1 : 0};
		b.value = String(`+fmt.Sprint(after)+`); b.dispatchEvent(new Event("change")); await explorer.settled(); return out; })()`, &rejected)
	if !strings.Contains(rejected.Error, key+".2035: 70 is out of range: expected 0 to 60 (% of GDP)") || rejected.Run != 1 {
		t.Errorf("typing 70 %% of GDP: error %q, run kept %v; want the loader's range error for %s and the last run kept", rejected.Error, rejected.Run == 1, key)
	}
	var errHidden bool
	evalAsync(t, c, s, `document.getElementById("error").hidden`, &errHidden)
	if !errHidden {
		t.Error("the error stays after the value is put right")
	}

	// Every coefficient of the registry that can vary has a lever.
	var levers struct{ Params, Want int }
	evalAsync(t, c, s, `({params: document.querySelectorAll('#levers .params [data-key^="params."]').length,
		want: explorer.schema().params.reduce((n, p) => n + p.low.filter((lo, a) => p.high[a] > lo).length, 0)})`, &levers)
	if levers.Params == 0 || levers.Params != levers.Want {
		t.Errorf("%d coefficient levers, want %d (every coefficient and actor with a range)", levers.Params, levers.Want)
	}

	// Pin the run: it is drawn as a third line on every chart.
	evalAsync(t, c, s, `(document.getElementById("pin").click(), explorer.st.pins.length)`, new(int))
	var lines []int
	evalAsync(t, c, s, `Array.from(document.querySelectorAll("#charts figure")).map(f => f.querySelectorAll("polyline[stroke-dasharray='7 4']").length)`, &lines)
	if len(lines) < 7 || slices.Contains(lines, 0) {
		t.Errorf("pinned run drawn on the charts as %v dashed lines each; want at least one on each of 7 charts", lines)
	}

	// Hovering over a chart names the year and its values, and the table
	// follows.
	var at struct{ X, Y float64 }
	evalAsync(t, c, s, `(() => { const r = document.querySelector("#charts .plot svg rect.hit").getBoundingClientRect(); return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()`, &at)
	c.call(t, s, "Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": at.X, "y": at.Y})
	var hover struct {
		Tip   string `json:"tip"`
		Table string `json:"table"`
	}
	evalAsync(t, c, s, `({tip: document.querySelector("#charts .tip:not([hidden])")?.textContent || "", table: document.getElementById("table-year").textContent})`, &hover)
	if hover.Tip == "" || !strings.HasPrefix(hover.Tip, hover.Table) || !strings.Contains(hover.Tip, "this run") {
		t.Errorf("hovering the middle of a chart shows %q and tables the year %q", hover.Tip, hover.Table)
	}
	capture(t, c, s, filepath.Join(shots, "explore-1280x800-hover.png"))

	// Download the scenario and the CSV, and run the scenario.
	evalAsync(t, c, s, `(document.getElementById("download-toml").click(), true)`, &ready)
	got := waitDownload(t, downloads, "3.5pct-explore.toml")
	if string(got) != shown.TOML {
		t.Errorf("the downloaded scenario differs from the page's:\n%s\n---\n%s", got, shown.TOML)
	}
	evalAsync(t, c, s, `(document.getElementById("download-csv").click(), true)`, &ready)
	csv := waitDownload(t, downloads, "3.5pct-explore.csv")
	if err := os.WriteFile(child, got, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := run([]string{"-out", out, child}, io.Discard, io.Discard); err != nil {
		t.Fatalf("simulate %s: %v", child, err)
	}
	series, err := os.ReadFile(filepath.Join(out, "3.5pct-explore", "series.csv"))
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(series), "\n") {
		have[line] = true
	}
	rows := strings.Split(strings.TrimSpace(string(csv)), "\n")
	if len(rows) < 7*len(shown.Years) {
		t.Errorf("the page's CSV has %d lines, want the 7 charted indicators for %d years", len(rows), len(shown.Years))
	}
	for _, r := range rows {
		if !have[r] {
			t.Errorf("the page's CSV line %q is not in simulate's series.csv", r)
			break
		}
	}

	var redraw struct{ Total, Input, Model, Draw, Layout []float64 }
	evalAsync(t, c, s, `explorer.timeRedraw("`+key+`", Array.from({length: 41}, (_, i) => +(3 + i * 0.05).toFixed(2)))`, &redraw)
	med := func(x []float64) (float64, float64) {
		x = slices.Clone(x)
		sort.Float64s(x)
		return x[len(x)/2], x[len(x)-1]
	}
	m, mx := med(redraw.Total)
	mm, _ := med(redraw.Model)
	md, _ := med(redraw.Draw)
	ml, _ := med(redraw.Layout)
	mi, _ := med(redraw.Input)
	t.Logf("slider move to redraw at 1280×800, 41 moves: median %.2f ms (the input event %.2f, model %.2f, charts and table %.2f), max %.2f ms; with style and layout %.2f ms", m, mi, mm, md, mx, ml)
	capture(t, c, s, filepath.Join(shots, "explore-1280x800.png"))

	// The ensemble: the scenario with risks, 1,000 runs in the worker.
	var opened bool
	evalAsync(t, c, s, `explorer.open("scenarios/3.5pct-risks.toml")`, &opened)
	var bands struct {
		Runs    int       `json:"runs"`
		Times   []ensTime `json:"times"`
		Toggle  float64   `json:"toggle"`
		Polys   int       `json:"polys"`
		Workers int       `json:"workers"`
		Same    bool      `json:"same"`
		Keys    int       `json:"keys"` // the series whose bands were drawn
	}
	// The toggle's time: from the click to the bands drawn (the page draws
	// them when the worker's answer arrives, before ensembleSettled
	// resolves). Then the bands, which the page's workers computed in
	// parts, against one ensemble of the same runs on the page's own
	// thread.
	evalAsync(t, c, s, `(async () => { const t0 = performance.now(); const u = document.getElementById("uncertainty"); u.click();
		await explorer.ensembleSettled(); const toggle = performance.now() - t0;
		const one = simulateModel.ensemble(JSON.stringify(explorer.request()), 1000);
		return {runs: explorer.st.bands ? explorer.st.bands.runs : 0, times: explorer.ensembleTimes.slice(), toggle,
			polys: document.querySelectorAll("#charts polygon").length, workers: Math.min(4, navigator.hardwareConcurrency || 1),
			keys: Object.keys(explorer.st.bands.series).length,
			same: ((o, b) => o.runs === b.runs && JSON.stringify(o.years) === JSON.stringify(b.years) &&
				Object.keys(b.series).every((k) => JSON.stringify(o.series[k]) === JSON.stringify(b.series[k])))(JSON.parse(one), explorer.st.bands)}; })()`, &bands)
	if bands.Runs != 1000 || bands.Polys == 0 {
		t.Errorf("with uncertainty on: %d runs, %d bands drawn; want 1000 runs and bands", bands.Runs, bands.Polys)
	}
	if !bands.Same || bands.Keys == 0 {
		t.Errorf("the bands of %d series from %d workers differ from one ensemble's of the same 1,000 runs", bands.Keys, bands.Workers)
	}
	t.Logf("the Uncertainty toggle: 1,000 runs in %d workers, %.0f ms from the click to the bands drawn", bands.Workers, bands.Toggle)
	for _, e := range bands.Times {
		t.Logf("ensemble: %d runs, %.0f ms to the bands (%.0f ms from the job sent to the bands back; the parts' runs %.0f ms, their merge %.0f ms)", e.Runs, e.MS, e.ModelMS, e.PartsMS, e.MergeMS)
	}
	var drag []ensTime
	evalAsync(t, c, s, `(async () => { explorer.ensembleTimes.length = 0; explorer.ensemble(100); await explorer.ensembleSettled(); return explorer.ensembleTimes; })()`, &drag)
	for _, e := range drag {
		t.Logf("ensemble while dragging: %d runs, %.0f ms", e.Runs, e.MS)
	}
	// Another indicator chosen: the workers returned bands only for the
	// indicators shown, so its bands come from another ensemble.
	var chosen struct {
		ID    string `json:"id"`
		Bands bool   `json:"bands"`
	}
	evalAsync(t, c, s, `(async () => { const sel = document.getElementById("indicator");
		const id = [...sel.options].map((o) => o.value).find((v) => v !== sel.value && !explorer.st.bands.series[v + " " + explorer.schema().indicators.find((i) => i.id === v).subjects[0]]);
		sel.value = id; sel.dispatchEvent(new Event("change")); await explorer.ensembleSettled();
		const ind = explorer.schema().indicators.find((i) => i.id === id);
		return {id, bands: ind.subjects.every((s) => explorer.st.bands.series[id + " " + s] !== undefined)}; })()`, &chosen)
	if !chosen.Bands {
		t.Errorf("indicator %q chosen with uncertainty on: its bands are missing", chosen.ID)
	}
	capture(t, c, s, filepath.Join(shots, "explore-1280x800-uncertainty.png"))
	c.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 820, "height": 1180, "deviceScaleFactor": 1, "mobile": false})
	// The page redraws 100 ms after its charts' width changes.
	evalAsync(t, c, s, `new Promise(ok => requestAnimationFrame(() => setTimeout(() => ok(true), 300)))`, &ready)
	capture(t, c, s, filepath.Join(shots, "explore-820x1180.png"))
	noWiderThan(t, c, s, "the explorer at tablet width", 820)
	// A phone: every lever and chart within the screen's width.
	c.call(t, s, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true})
	evalAsync(t, c, s, `new Promise(ok => requestAnimationFrame(() => setTimeout(() => ok(true), 300)))`, &ready)
	capture(t, c, s, filepath.Join(shots, "explore-390x844.png"))
	noWiderThan(t, c, s, "the explorer at phone width", 390)
	var chartWidth float64
	evalAsync(t, c, s, `Math.max(...Array.from(document.querySelectorAll("#charts .plot svg"), e => e.getBoundingClientRect().right))`, &chartWidth)
	if chartWidth > 390 || chartWidth < 300 {
		t.Errorf("at phone width the charts end at %.0f px, want within the 390 px screen and most of it", chartWidth)
	}

	c.close(t)
	for _, u := range c.requests {
		if u != pageURL && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, e := range c.errors {
		t.Errorf("console: %s", e)
	}
}

// noWiderThan checks that the page does not scroll sideways at a screen
// width, naming the elements that reach beyond it (the teams' and the
// history's tables may scroll within their own boxes).
func noWiderThan(t *testing.T, c *chromium, s, what string, width int) {
	t.Helper()
	var wide struct {
		Width int      `json:"width"`
		Over  []string `json:"over"`
	}
	evalAsync(t, c, s, `({width: document.documentElement.scrollWidth, over: Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > `+fmt.Sprint(width+1)+` && !e.closest("table.history, table.teams")).slice(0, 12).map(e => Math.round(e.getBoundingClientRect().right) + " " + e.tagName + (e.id ? "#" + e.id : "") + (e.className && e.className.baseVal === undefined ? "." + e.className : ""))})`, &wide)
	if wide.Width > width {
		t.Errorf("%s (%d px) is %d px wide: %q", what, width, wide.Width, wide.Over)
	}
}

type seriesRef struct {
	Indicator string `json:"indicator"`
	Subject   string `json:"subject"`
}

type ensTime struct {
	Runs    int       `json:"runs"`
	MS      float64   `json:"ms"`
	ModelMS float64   `json:"model_ms"`
	PartsMS []float64 `json:"parts_ms"` // each worker's part, when the runs were split
	MergeMS float64   `json:"merge_ms"` // and their merge into the bands
}

// evalAsync evaluates a JavaScript expression in the page, awaiting it if
// it is a promise, and decodes its value (as JSON) into v.
func evalAsync(t *testing.T, c *chromium, session, expr string, v any) {
	t.Helper()
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	c.callInto(t, session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("evaluate %.60q: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if err := json.Unmarshal(r.Result.Value, v); err != nil {
		t.Fatalf("evaluate %.60q: %v (%s)", expr, err, r.Result.Value)
	}
}

func capture(t *testing.T, c *chromium, session, path string) {
	t.Helper()
	var shot struct{ Data string }
	c.callInto(t, session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	writeBase64(t, path, shot.Data)
	t.Logf("screenshot %s", path)
}

// waitDownload waits for the browser to finish downloading name.
func waitDownload(t *testing.T, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download of %s in 30 s", name)
	return nil
}

// copyScenarios copies the bundled scenarios into dir/scenarios, where a
// downloaded scenario that extends one of them is saved and run.
func copyScenarios(t *testing.T, dir string) string {
	t.Helper()
	to := filepath.Join(dir, "scenarios")
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

func mustLoad(t *testing.T, path string) *scenario.Loaded {
	t.Helper()
	l, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// In a browser that refuses the page a worker, the ensemble runs on the
// page's own thread and still draws its bands.
func TestBrowserExploreWithoutWorkers(t *testing.T) {
	browser := findChromium(t)
	page := filepath.Join(t.TempDir(), "explore.html")
	if err := run([]string{"explore", "-o", page, "../../scenarios/3.5pct-risks.toml"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	c := startChromium(t, browser)
	s := c.newPage(t)
	for _, domain := range []string{"Page", "Runtime", "Log", "Audits"} {
		c.call(t, s, domain+".enable", nil)
	}
	c.call(t, s, "Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": `window.Worker = function () { throw new Error("no workers here"); };`})
	c.call(t, s, "Page.navigate", map[string]any{"url": (&url.URL{Scheme: "file", Path: filepath.ToSlash(page)}).String()})
	c.waitFor(t, "Page.loadEventFired")
	var bands struct {
		Runs  int `json:"runs"`
		Polys int `json:"polys"`
	}
	evalAsync(t, c, s, `(async () => {
		await new Promise((ok) => { (function wait() { if (document.body.dataset.ready) ok(); else setTimeout(wait, 20); })(); });
		document.getElementById("uncertainty").click();
		await explorer.ensembleSettled();
		return {runs: explorer.st.bands ? explorer.st.bands.runs : 0, polys: document.querySelectorAll("#charts polygon").length}; })()`, &bands)
	if bands.Runs != 1000 || bands.Polys == 0 {
		t.Errorf("without workers: %d runs and %d bands drawn, want 1000 runs and bands", bands.Runs, bands.Polys)
	}
	c.close(t)
	for _, e := range c.errors {
		t.Errorf("console: %s", e)
	}
}
