package report

import (
	"fmt"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"simulate/internal/chart"
	"simulate/internal/output"
	"simulate/internal/scenario"
	"simulate/model"
)

var headline = []Key{{"defense_spending", "ROK"}, {"deterrence_credibility", model.SubjectAlliance}}

// load loads and runs a bundled scenario.
func load(t *testing.T, name string) Scenario {
	t.Helper()
	path := "../../scenarios/" + name + ".toml"
	l, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := scenario.Changes(l)
	if err != nil {
		t.Fatal(err)
	}
	sc := Scenario{Name: name, Title: l.Scenario.Title, Description: l.Scenario.Description, Changes: changes,
		Seed: l.Scenario.Seed, Runs: l.Scenario.Runs, Events: l.Scenario.Events, Investments: l.Scenario.Investments,
		Claims: []string{"Claim checked for " + name + "."}, Results: res}
	for _, f := range l.Files {
		sc.Files = append(sc.Files, scenario.Source{Path: filepath.ToSlash(f.Path), SHA256: f.SHA256})
	}
	return sc
}

// svgs returns the <svg> elements of rendered charts, as a report takes
// them.
func svgs(t *testing.T, files []output.File, err error) SVGs {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	out, err := chart.SVGElements(files)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// renderRun renders the charts and the report of sc and returns the charts
// and the page.
func renderRun(t *testing.T, sc Scenario, sections ...Section) (SVGs, string) {
	t.Helper()
	info := chart.RunInfo{Name: sc.Name, Title: sc.Title, Events: sc.Events, Investments: sc.Investments}
	files, err := chart.RenderRun(sc.Results, info)
	charts := svgs(t, files, err)
	r := &Run{Scenario: sc, Charts: charts, Headline: headline, Years: []int{2025, 2032, 2040}, Version: "test", Sections: sections}
	b, err := RenderRun(r)
	if err != nil {
		t.Fatal(err)
	}
	return charts, string(b)
}

func TestRenderRun(t *testing.T) {
	t.Parallel()
	sc := load(t, "model-ally")
	_, page := renderRun(t, sc)
	mustContain(t, page,
		"<title>The model ally: 3.5%, the $350 bn package and limited US support · simulate</title>",
		sc.Description,
		// what it changes over masga.toml, with the values it replaces
		"It extends <code>../../scenarios/masga.toml</code>",
		`<td class="key">actors.ROK.defense_pct</td><td class="toml">{ 2025 = 2.6, 2026 = 2.7, 2035 = 3.5 }</td><td class="toml">{ 2025 = 2.6, 2026 = 2.7 }</td>`,
		`<td class="key">alliance.us_commitment_pct</td>`, "not set: the model&#39;s rule or start value applied",
		// the headline table: ROK spending in 2040 is 110.0 (cmd/simulate's golden CSV)
		"<th>2025</th><th>2032</th><th>2040</th>",
		`<td class="key">defense_spending</td><td>ROK</td><td>USD bn</td><td class="num">48.6</td><td class="num">77.0</td><td class="num">110.0</td>`,
		"Claim checked for model-ally.",
		// the packages on the timeline, with the years they disburse
		"MASGA shipbuilding", "ROK → US, shipbuilding, $150 bn; disburses 2026–2035",
		"ROK → US, other, $200 bn, at most $20 bn a year; disburses 2026–2035",
		// the manifest: every file with its hash, the seed and the version
		sc.Files[0].SHA256, sc.Files[1].SHA256, sc.Files[2].SHA256, "simulate version test.",
	)
	if strings.Contains(page, `<td class="key">title</td>`) {
		t.Error("the table of changes repeats the title, which heads the page")
	}
	// One inline SVG for the dashboard and one per indicator, each with
	// the sentence on its meaning and unit.
	infos := model.IndicatorList()
	if got, want := strings.Count(page, "<svg"), len(infos)+1; got != want {
		t.Errorf("%d inline SVGs, want %d (dashboard and %d indicators)", got, want, len(infos))
	}
	for _, info := range infos {
		mustContain(t, page, `id="chart-`+string(info.ID)+`"`, "Unit: "+info.Unit+".")
	}
	if strings.Contains(page, "<?xml") {
		t.Error("the page keeps an XML declaration from an SVG file")
	}
	if refs := ExternalRefs([]byte(page)); len(refs) > 0 {
		t.Errorf("the page refers outside itself: %q", refs)
	}
}

// The same inputs give the same bytes.
func TestRenderRunDeterministic(t *testing.T) {
	t.Parallel()
	sc := load(t, "political-crisis")
	_, a := renderRun(t, sc)
	_, b := renderRun(t, sc)
	if a != b {
		t.Error("two reports of the same run differ")
	}
	mustContain(t, a, "political crisis, ROK", "2028, severity 0.8", `<td class="event">●</td>`)
}

// A base scenario says it extends nothing; with no events or packages the
// timeline says so.
func TestRenderRunBase(t *testing.T) {
	t.Parallel()
	_, page := renderRun(t, load(t, "baseline"))
	mustContain(t, page, "It extends no other file", "No scheduled event or investment package falls in these years.")
}

// Text from scenario files is escaped, never markup.
func TestRenderRunEscapes(t *testing.T) {
	t.Parallel()
	sc := load(t, "baseline")
	sc.Title = `<b>bold</b> & "quoted"`
	sc.Description = `<script>alert(1)</script>`
	_, page := renderRun(t, sc)
	mustContain(t, page, "&lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;", "&lt;script&gt;alert(1)&lt;/script&gt;")
	if refs := ExternalRefs([]byte(page)); len(refs) > 0 {
		t.Errorf("the page refers outside itself or runs code: %q", refs)
	}
}

func TestRenderRunMissingChart(t *testing.T) {
	t.Parallel()
	sc := load(t, "baseline")
	charts, _ := renderRun(t, sc)
	delete(charts, "charts/naval_balance.svg")
	_, err := RenderRun(&Run{Scenario: sc, Charts: charts, Headline: headline, Years: []int{2025}})
	if err == nil || !strings.Contains(err.Error(), "naval_balance.svg") {
		t.Errorf("err = %v, want one naming the missing chart", err)
	}
}

// Optional sections appear, with an entry in the contents, only when they
// have something to show.
func TestRenderRunSections(t *testing.T) {
	t.Parallel()
	sc := load(t, "baseline")
	svg := []byte(`<svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><path d="M0,0L10,10"/></svg>`)
	_, page := renderRun(t, sc,
		Section{ID: "bands", Title: "Ensemble bands", Intro: "Between the 5th and 95th percentiles.",
			Table: &Table{Header: []string{"indicator", "p5"}, Rows: [][]string{{"dprk_threat", "48.1"}}}, SVG: svg, Caption: "Bands."},
		Section{ID: "empty", Title: "Nothing here"})
	mustContain(t, page, `<li><a href="#bands">Ensemble bands</a></li>`, `<section id="bands">`,
		"Between the 5th and 95th percentiles.", "<td>dprk_threat</td><td>48.1</td>", "<figcaption>Bands.</figcaption>")
	if strings.Contains(page, "Nothing here") {
		t.Error("an empty section is shown")
	}
	if got, want := strings.Count(page, "<svg"), len(model.IndicatorList())+2; got != want {
		t.Errorf("%d inline SVGs, want %d", got, want)
	}
	_, err := visible([]Section{{ID: "x", Title: "Broken", SVG: []byte("PNG")}})
	if err == nil {
		t.Error("a section figure that is not SVG must be an error")
	}
}

func TestRenderCompare(t *testing.T) {
	t.Parallel()
	scs := []Scenario{load(t, "baseline"), load(t, "limited-support"), load(t, "dprk-russia")}
	var named []chart.Named
	for _, sc := range scs {
		named = append(named, chart.Named{Info: chart.RunInfo{Name: sc.Name, Title: sc.Title, Events: sc.Events, Investments: sc.Investments}, Res: sc.Results})
	}
	files, err := chart.RenderCompare(named)
	c := &Compare{Scenarios: scs, Charts: svgs(t, files, err), Headline: headline, Years: []int{2032, 2040}, First: 2025, Last: 2040, Version: "test"}
	b, err := RenderCompare(c)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	lim, _ := scs[1].Results.Value("deterrence_credibility", model.SubjectAlliance, 2032)
	base, _ := scs[0].Results.Value("deterrence_credibility", model.SubjectAlliance, 2032)
	mustContain(t, page,
		"<h1>Comparison of baseline, limited-support and dprk-russia</h1>",
		"Report of a comparison over the shared years 2025–2040",
		"Headline indicators in 2032 (difference from baseline in brackets)",
		"Headline indicators in 2040 (difference from baseline in brackets)",
		// limited support lowers deterrence: its cell shows the value and the difference
		fmt.Sprintf(`<td class="num">%.1f (%s)</td>`, lim, signed(lim-base)),
		"<h3><code>limited-support</code></h3>", `<td class="key">alliance.us_commitment_pct</td>`,
		`<code>dprk-russia</code>: Claim checked for dprk-russia.`,
		`<tr class="group"><th colspan="17">dprk-russia</th></tr>`, "russia dprk cooperation",
		`<tr class="group"><th colspan="17">limited-support <span class="note">(none)</span></th></tr>`,
	)
	for _, sc := range scs {
		mustContain(t, page, sc.Files[0].SHA256, html.EscapeString(sc.Title), html.EscapeString(sc.Description))
	}
	if got, want := strings.Count(page, "<svg"), len(model.IndicatorList())+1; got != want {
		t.Errorf("%d inline SVGs, want %d", got, want)
	}
	if refs := ExternalRefs(b); len(refs) > 0 {
		t.Errorf("the page refers outside itself: %q", refs)
	}
}

func TestSigned(t *testing.T) {
	for d, want := range map[float64]string{1.25: "+1.2", -4.96: "−5.0", -0.04: "0.0", 0.04: "0.0", 0: "0.0"} {
		if got := signed(d); got != want {
			t.Errorf("signed(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestExternalRefs(t *testing.T) {
	clean := `<a href="#x">x</a><svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AAAA"/></svg>`
	if refs := ExternalRefs([]byte(clean)); len(refs) > 0 {
		t.Errorf("ExternalRefs(clean page) = %q, want none", refs)
	}
	for _, bad := range []string{
		`<img src="https://example.org/a.png">`,
		`<link rel="stylesheet" href="style.css">`,
		`<script>var x</script>`,
		`<div style="background: url('http://example.org/x.png')">`,
		`<style>@import "other.css";</style>`,
		`<svg><image xlink:href="chart.png"/></svg>`,
	} {
		if refs := ExternalRefs([]byte(bad)); len(refs) == 0 {
			t.Errorf("ExternalRefs(%q) found nothing", bad)
		}
	}
}

// TestInlineSVG: a report inlines an <svg> element as it is, and refuses
// a whole SVG file (its prolog does not belong in a page) or anything else.
func TestInlineSVG(t *testing.T) {
	el := `<svg viewBox="0 0 1 1"></svg>`
	if got, err := inlineSVG([]byte(el)); err != nil || string(got) != el {
		t.Errorf("inlineSVG = %q, %v", got, err)
	}
	for _, bad := range []string{"<?xml version=\"1.0\"?>\n" + el, el + "<script>", "PNG", ""} {
		if _, err := inlineSVG([]byte(bad)); err == nil {
			t.Errorf("inlineSVG(%q) took it", bad)
		}
	}
}

func mustContain(t *testing.T, page string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(page, p) {
			t.Errorf("the page lacks %q", p)
		}
	}
}
