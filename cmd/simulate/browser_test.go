package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"simulate/internal/report"
)

// The browser test opens the reports of a run and of a three-way
// comparison in headless Chromium and checks what a student would see: no
// console errors, every chart drawn at a non-zero size, no request leaving
// the file, and every chart small enough to print whole on an A4 page. It
// drives Chromium through the DevTools protocol over a pipe
// (--remote-debugging-pipe: JSON messages separated by NUL bytes on file
// descriptors 3 and 4), so it needs nothing but the standard library.
//
// Without Chromium the test is skipped, unless SIMULATE_REQUIRE_BROWSER=1
// (as CI sets it), when it fails. Screenshots and a printed PDF of each
// report go to $SIMULATE_SCREENSHOTS, or to output/browser-test/.

// a4 is the printable area of an A4 page with the report's margins (14 mm
// top and bottom, 12 mm left and right) in CSS pixels (96 per inch).
var (
	a4Width  = (210 - 2*12) / 25.4 * 96.0
	a4Height = (297 - 2*14) / 25.4 * 96.0
)

func TestBrowserReports(t *testing.T) {
	browser := findChromium(t)
	out := t.TempDir()
	scenarios := "../../scenarios/"
	if err := run([]string{"-out", out, scenarios + "3.5pct.toml"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	err := run([]string{"compare", "-out", out, scenarios + "baseline.toml", scenarios + "3.5pct.toml", scenarios + "5pct.toml"}, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("SIMULATE_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join("..", "..", "output", "browser-test")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	if shots, err = filepath.Abs(shots); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"3.5pct", "compare-baseline-vs-3.5pct-vs-5pct"} {
		t.Run(name, func(t *testing.T) {
			page := filepath.Join(out, name, "report.html")
			b, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			if refs := report.ExternalRefs(b); len(refs) > 0 {
				t.Errorf("the report refers outside itself: %q", refs)
			}
			charts := strings.Count(string(b), "<figure>")
			checkInBrowser(t, browser, page, charts, filepath.Join(shots, name))
		})
	}
}

func findChromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SIMULATE_REQUIRE_BROWSER") == "1" {
		t.Fatal("chromium is not installed, and SIMULATE_REQUIRE_BROWSER=1 requires the browser test (apt-get install chromium)")
	}
	t.Skip("chromium is not installed: skipping the browser test (set SIMULATE_REQUIRE_BROWSER=1 to make this a failure)")
	return ""
}

// figureBox is the rendered size of a chart, as the page reports it.
type figureBox struct {
	Section string  `json:"section"`
	Width   float64 `json:"width"`
	Height  float64 `json:"height"`
}

// checkInBrowser loads the report at path and checks it; it writes
// shot.png (the top of the page) and shot.pdf (the page printed on A4).
func checkInBrowser(t *testing.T, browser, path string, charts int, shot string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	pageURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	c := startChromium(t, browser)
	session := c.newPage(t)
	for _, domain := range []string{"Page", "Runtime", "Log", "Network", "Audits"} {
		c.call(t, session, domain+".enable", nil)
	}
	c.call(t, session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 1800, "deviceScaleFactor": 1, "mobile": false})
	c.call(t, session, "Page.navigate", map[string]any{"url": pageURL})
	c.waitFor(t, "Page.loadEventFired")

	// Every chart is drawn at a non-zero size on screen.
	var boxes []figureBox
	c.evaluate(t, session, figureBoxes, &boxes)
	if len(boxes) != charts {
		t.Errorf("the browser lays out %d charts, the page has %d", len(boxes), charts)
	}
	for _, b := range boxes {
		if !(b.Width > 0 && b.Height > 0) {
			t.Errorf("chart in %q renders at %.0f×%.0f px", b.Section, b.Width, b.Height)
		}
	}
	var shotPNG struct{ Data string }
	c.callInto(t, session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shotPNG)
	writeBase64(t, shot+".png", shotPNG.Data)

	// In print, at the width of an A4 page, every chart fits on one page,
	// so that the report's print styles can keep it whole.
	c.call(t, session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"})
	c.call(t, session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": int(a4Width), "height": int(a4Height), "deviceScaleFactor": 1, "mobile": false})
	boxes = nil
	c.evaluate(t, session, figureBoxes, &boxes)
	for _, b := range boxes {
		if b.Height > a4Height || b.Width > a4Width+1 {
			t.Errorf("printed, the chart in %q is %.0f×%.0f px, larger than an A4 page (%.0f×%.0f)", b.Section, b.Width, b.Height, a4Width, a4Height)
		}
	}
	// The first printed page is full: nothing forces a page break.
	var forced []string
	c.evaluate(t, session, forcedBreaks, &forced)
	if len(forced) > 0 {
		t.Errorf("printed, these elements force a page break, leaving the page before part empty: %q", forced)
	}
	var printPNG struct{ Data string }
	c.callInto(t, session, "Page.captureScreenshot", map[string]any{"format": "png"}, &printPNG)
	writeBase64(t, shot+"-print.png", printPNG.Data)
	var pdf struct{ Data string }
	c.callInto(t, session, "Page.printToPDF", map[string]any{"preferCSSPageSize": true, "printBackground": true}, &pdf)
	writeBase64(t, shot+".pdf", pdf.Data)
	if pages := pdfPages(t, pdf.Data); pages > maxPrintedPages {
		t.Errorf("printed on A4 the report takes %d pages, more than %d", pages, maxPrintedPages)
	}
	t.Logf("screenshot %s.png, printed %s.pdf", shot, shot)

	c.close(t)
	// Nothing was requested but the file itself, and nothing went wrong.
	for _, u := range c.requests {
		if u != pageURL && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, e := range c.errors {
		t.Errorf("console: %s", e)
	}
}

// maxPrintedPages bounds a report printed on A4.
const maxPrintedPages = 8

// forcedBreaks lists the elements whose computed style forces a page break
// before or after them.
const forcedBreaks = `JSON.stringify(Array.from(document.querySelectorAll("body *")).filter(e => {
	const s = getComputedStyle(e);
	return ["page", "left", "right", "always"].includes(s.breakBefore) || ["page", "left", "right", "always"].includes(s.breakAfter);
}).map(e => e.tagName + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "")))`

// pdfPages counts the pages of a PDF given in base64: its page objects.
func pdfPages(t *testing.T, data string) int {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1))
}

// figureBoxes measures every chart of the page: the figure around each
// inline SVG, with the id of the section it belongs to.
const figureBoxes = `JSON.stringify(Array.from(document.querySelectorAll("figure")).map(f => {
	const r = f.querySelector("svg").getBoundingClientRect();
	const s = f.closest("section[id]");
	return {section: s ? s.id : "", width: r.width, height: f.getBoundingClientRect().height};
}))`

func writeBase64(t *testing.T, path, data string) {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) == 0 {
		t.Errorf("%s: the browser returned nothing", path)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// chromium is a headless Chromium driven over the DevTools pipe.
type chromium struct {
	cmd    *exec.Cmd
	send   *os.File
	nextID int

	mu       sync.Mutex
	replies  map[int]chan message
	events   chan message
	requests []string // URLs the page requested
	errors   []string // console errors and warnings, exceptions, error and warning log entries, deprecations
	done     chan struct{}
}

type message struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

func startChromium(t *testing.T, browser string) *chromium {
	t.Helper()
	toBrowserR, toBrowserW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromBrowserR, fromBrowserW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
		"--hide-scrollbars", "--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	cmd.ExtraFiles = []*os.File{toBrowserR, fromBrowserW} // the browser's fds 3 and 4
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	toBrowserR.Close()
	fromBrowserW.Close()
	c := &chromium{cmd: cmd, send: toBrowserW, replies: map[int]chan message{}, events: make(chan message, 1024), done: make(chan struct{})}
	go c.read(fromBrowserR)
	t.Cleanup(func() {
		c.send.Close()
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
		if t.Failed() {
			t.Logf("chromium's stderr:\n%s", stderr.String())
		}
	})
	return c
}

// read dispatches the browser's messages: replies to their callers,
// events to the events channel, after noting requests and errors.
func (c *chromium) read(r io.Reader) {
	defer close(c.done)
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m message
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		if m.ID != 0 {
			c.mu.Lock()
			ch := c.replies[m.ID]
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			}
			continue
		}
		c.note(m)
		select {
		case c.events <- m:
		default: // nobody waits for it
		}
	}
}

// note records the requests and errors an event reports.
func (c *chromium) note(m message) {
	var p struct {
		Request struct{ URL string } `json:"request"`
		Type    string               `json:"type"`
		Args    []struct {
			Value       any    `json:"value"`
			Description string `json:"description"`
		} `json:"args"`
		ExceptionDetails struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
		Entry struct {
			Level, Text, URL string
		} `json:"entry"`
	}
	json.Unmarshal(m.Params, &p)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch m.Method {
	case "Network.requestWillBeSent":
		c.requests = append(c.requests, p.Request.URL)
	case "Runtime.consoleAPICalled":
		if p.Type == "error" || p.Type == "assert" || p.Type == "warning" {
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value, a.Description))
			}
			c.errors = append(c.errors, strings.Join(parts, " "))
		}
	case "Runtime.exceptionThrown":
		c.errors = append(c.errors, p.ExceptionDetails.Text+" "+p.ExceptionDetails.Exception.Description)
	case "Audits.issueAdded":
		// The browser reports a deprecated call (a synchronous
		// XMLHttpRequest on the page's thread) as an issue, not on the
		// console. Its other issues (a form input without an id or name)
		// are advice.
		var issue struct {
			Issue struct{ Code string } `json:"issue"`
		}
		if json.Unmarshal(m.Params, &issue) == nil && issue.Issue.Code == "DeprecationIssue" {
			c.errors = append(c.errors, "deprecated: "+string(m.Params))
		}
	case "Log.entryAdded":
		if p.Entry.Level == "error" || p.Entry.Level == "warning" {
			c.errors = append(c.errors, p.Entry.Text+" "+p.Entry.URL)
		}
	}
}

// newPage opens a tab and attaches to it, returning the session id.
func (c *chromium) newPage(t *testing.T) string {
	t.Helper()
	var target struct{ TargetID string }
	c.callInto(t, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var attached struct{ SessionID string }
	c.callInto(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &attached)
	return attached.SessionID
}

func (c *chromium) call(t *testing.T, session, method string, params any) {
	t.Helper()
	c.callInto(t, session, method, params, nil)
}

// callInto sends a command and decodes its result into result.
func (c *chromium) callInto(t *testing.T, session, method string, params, result any) {
	t.Helper()
	if err := c.try(session, method, params, result); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
}

// try sends a command and decodes its result into result, returning the
// browser's error.
func (c *chromium) try(session, method string, params, result any) error {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan message, 1)
	c.replies[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := c.send.Write(append(b, 0)); err != nil {
		return err
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return errors.New(m.Error.Message)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-c.done:
		return errors.New("chromium closed the pipe")
	case <-time.After(60 * time.Second):
		return errors.New("no answer from chromium in 60 s")
	}
}

// waitFor waits for an event.
func (c *chromium) waitFor(t *testing.T, method string) {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case m := <-c.events:
			if m.Method == method {
				return
			}
		case <-timeout:
			t.Fatalf("no %s from chromium in 60 s", method)
		}
	}
}

// evaluate runs a JavaScript expression that returns JSON in the page and
// decodes its value into v. (The report itself has no scripts; this is the
// test measuring it, as a person would with the browser's inspector.)
func (c *chromium) evaluate(t *testing.T, session, expr string, v any) {
	t.Helper()
	var r struct {
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	c.callInto(t, session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		t.Fatalf("evaluate: %s", r.ExceptionDetails.Text)
	}
	if err := json.Unmarshal([]byte(r.Result.Value), v); err != nil {
		t.Fatalf("evaluate: %v (%q)", err, r.Result.Value)
	}
}

// close asks the browser to quit and waits for it, so that every event has
// been read.
func (c *chromium) close(t *testing.T) {
	t.Helper()
	c.nextID++
	b, _ := json.Marshal(map[string]any{"id": c.nextID, "method": "Browser.close"})
	c.send.Write(append(b, 0))
	select {
	case <-c.done:
	case <-time.After(30 * time.Second):
		t.Error("chromium did not quit in 30 s")
		c.cmd.Process.Kill()
	}
	c.cmd.Wait()
}
