package docs

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"simulate/internal/forecast"
	"simulate/internal/scenario"
	"simulate/model"
)

var update = flag.Bool("update", false, "rewrite the generated parts of MODEL.md")

const modelDoc = "MODEL.md"

func readDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(modelDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The ODD protocol's sections, in its order, with ODD+D's decision-making
// sections, and the sections the project adds.
func TestODDSections(t *testing.T) {
	doc := readDoc(t)
	pos := 0
	for _, h := range []string{
		"## 1. Purpose and patterns",
		"## 2. Entities, state variables and scales",
		"## 3. Process overview and scheduling",
		"## 4. Design concepts",
		"### Theoretical and empirical background",
		"### Individual decision-making",
		"### Learning", "### Individual sensing", "### Individual prediction", "### Interaction",
		"### Collectives", "### Heterogeneity", "### Stochasticity", "### Observation", "### Emergence",
		"## 5. Initialization",
		"## 6. Input data",
		"## 7. Submodels",
		"## Parameters",
		"## What the model cannot say",
		"## References",
	} {
		i := strings.Index(doc[pos:], "\n"+h+"\n")
		if i < 0 {
			t.Errorf("MODEL.md lacks the heading %q (or has it out of order)", h)
			continue
		}
		pos += i + 1
	}
}

// Every phase of the step has its subsection.
func TestEveryPhaseDocumented(t *testing.T) {
	doc := readDoc(t)
	for _, phase := range []string{"economy", "budgets", "capability", "alliance", "events", "indicators"} {
		if !strings.Contains(doc, "**"+phase+"**") {
			t.Errorf("MODEL.md's schedule does not name the phase %q", phase)
		}
	}
	for _, h := range []string{"### 7.1 Economy", "### 7.2 Budgets", "### 7.3 Capability", "### 7.4 Alliance", "### 7.5 Events", "### 7.6 Indicators"} {
		if !strings.Contains(doc, h) {
			t.Errorf("MODEL.md lacks the submodel %q", h)
		}
	}
	for _, k := range model.EventKindNames() {
		if !strings.Contains(doc, "`"+k+"`") {
			t.Errorf("MODEL.md's event table lacks %q", k)
		}
	}
}

var tableKey = regexp.MustCompile("(?m)^\\| `([a-zA-Z0-9_]+)` \\|")

// Every coefficient of the registry is in the parameter table, and every
// row of the table is a coefficient of the registry.
func TestParameterTableMatchesRegistry(t *testing.T) {
	block, ok := generated(readDoc(t), "parameters")
	if !ok {
		t.Fatal("MODEL.md has no parameters block")
	}
	inDoc := map[string]bool{}
	for _, m := range tableKey.FindAllStringSubmatch(block, -1) {
		inDoc[m[1]] = true
		if _, ok := model.LookupParam(m[1]); !ok {
			t.Errorf("MODEL.md lists %q, which is not a coefficient of the model", m[1])
		}
	}
	for _, s := range model.ParamSpecs() {
		if !inDoc[s.Key] {
			t.Errorf("coefficient %q is missing from MODEL.md's table", s.Key)
		}
	}
}

// The generated parts of MODEL.md are what the code produces now.
func TestGeneratedBlocks(t *testing.T) {
	doc := readDoc(t)
	blocks := map[string]func(t *testing.T) string{
		"parameters":  func(*testing.T) string { return ParamTable() },
		"calibration": calibrationBlock,
		"hindcast":    hindcastBlock,
	}
	changed := doc
	for _, name := range []string{"parameters", "calibration", "hindcast"} {
		if name == "calibration" && testing.Short() {
			continue
		}
		want := blocks[name](t)
		got, ok := generated(doc, name)
		if !ok {
			t.Errorf("MODEL.md has no %q block", name)
			continue
		}
		if got == want {
			continue
		}
		if *update {
			changed = strings.Replace(changed, begin(name)+got+end(name), begin(name)+want+end(name), 1)
			continue
		}
		t.Errorf("MODEL.md's %q block is out of date: run go test ./docs -update\n--- want\n%s", name, want)
	}
	if *update && changed != doc {
		if err := os.WriteFile(modelDoc, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func begin(name string) string { return "<!-- begin " + name + " -->\n" }
func end(name string) string   { return "<!-- end " + name + " -->" }

// generated returns the text between a block's markers.
func generated(doc, name string) (string, bool) {
	i := strings.Index(doc, begin(name))
	if i < 0 {
		return "", false
	}
	rest := doc[i+len(begin(name)):]
	j := strings.Index(rest, end(name))
	if j < 0 {
		return "", false
	}
	return rest[:j], true
}

func baseline(t *testing.T) (*scenario.Loaded, *forecast.Record) {
	t.Helper()
	l, err := scenario.Load("../scenarios/baseline.toml")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := forecast.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return l, rec
}

// calibrationBlock is the estimate table simulate calibrate prints, and
// the estimates' range across the origins.
func calibrationBlock(t *testing.T) string {
	l, rec := baseline(t)
	est, err := forecast.EstimateRule(&l.Scenario.Params, rec)
	if err != nil {
		t.Fatal(err)
	}
	if err := est.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	ev, err := forecast.Evaluate(&l.Scenario.Params, rec)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("```\n")
	if err := forecast.WriteEstimates(&b, est); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n")
	if err := forecast.WriteStability(&b, ev); err != nil {
		t.Fatal(err)
	}
	b.WriteString("```\n")
	return b.String()
}

// hindcastBlock is the skill table simulate hindcast prints for the
// baseline.
func hindcastBlock(t *testing.T) string {
	l, rec := baseline(t)
	ev, err := forecast.Evaluate(&l.Scenario.Params, rec)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.WriteString("```\n")
	if err := forecast.WriteSkillTable(&b, ev); err != nil {
		t.Fatal(err)
	}
	b.WriteString("```\n")
	return b.String()
}

// The README's out-of-sample figures are the evaluation's pooled Theil's U.
func TestReadmeSkillFigures(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	l, rec := baseline(t)
	ev, err := forecast.Evaluate(&l.Scenario.Params, rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ev.Skill() {
		if s.Horizon != 0 {
			continue
		}
		if u := strconv.FormatFloat(s.TheilU, 'f', 2, 64); !strings.Contains(string(readme), u) {
			t.Errorf("README.md does not give %s's pooled Theil's U, %s", s.Actor, u)
		}
	}
}
