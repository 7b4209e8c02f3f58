package classroom

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"simulate/internal/scenario"
	"simulate/model"
)

var update = flag.Bool("update", false, "rewrite the numbers of the answer keys to what the model gives")

// scenariosDir is where marker expressions find their scenarios.
const scenariosDir = "../../scenarios"

// runs caches model runs by scenario name for the markers.
type runs map[string]*model.Results

func (r runs) get(name string) (*model.Results, error) {
	if res, ok := r[name]; ok {
		return res, nil
	}
	l, err := scenario.Load(filepath.Join(scenariosDir, filepath.FromSlash(name)+".toml"))
	if err != nil {
		return nil, err
	}
	res, err := model.Run(l.Scenario)
	if err != nil {
		return nil, err
	}
	r[name] = res
	return res, nil
}

// series returns the values of one series of a run.
func (r runs) series(name string, indicator model.IndicatorID, subject string) (*model.Results, []float64, error) {
	res, err := r.get(name)
	if err != nil {
		return nil, nil, err
	}
	i := res.Index(indicator, subject)
	if i < 0 {
		return nil, nil, fmt.Errorf("%s reports no %s for %s (simulate list)", name, indicator, subject)
	}
	return res, res.Row(i), nil
}

// function is a marker function: words are its leading arguments that name
// things (scenario, indicator, subject), nums the numbers after them.
type function struct {
	words, nums int
	eval        func(r runs, w []string, n []float64) (float64, error)
}

var functions = map[string]function{
	"v": {3, 1, func(r runs, w []string, n []float64) (float64, error) {
		res, vals, err := r.series(w[0], model.IndicatorID(w[1]), w[2])
		if err != nil {
			return 0, err
		}
		t := int(n[0]) - res.Years[0]
		if n[0] != math.Trunc(n[0]) || t < 0 || t >= len(vals) {
			return 0, fmt.Errorf("%v is not a year of %s (%d–%d)", n[0], w[0], res.Years[0], res.Years[len(res.Years)-1])
		}
		return vals[t], nil
	}},
	"max":        extreme(func(a, b float64) bool { return a > b }, false),
	"min":        extreme(func(a, b float64) bool { return a < b }, false),
	"maxyear":    extreme(func(a, b float64) bool { return a > b }, true),
	"minyear":    extreme(func(a, b float64) bool { return a < b }, true),
	"firstabove": crossing(func(v, x float64) bool { return v > x }, "exceeds"),
	"firstbelow": crossing(func(v, x float64) bool { return v < x }, "falls below"),
}

// extreme returns the function giving a series' extreme value (better
// tells which of two values wins; the first year wins ties), or its year.
func extreme(better func(a, b float64) bool, year bool) function {
	return function{3, 0, func(r runs, w []string, _ []float64) (float64, error) {
		res, vals, err := r.series(w[0], model.IndicatorID(w[1]), w[2])
		if err != nil {
			return 0, err
		}
		best := 0
		for t := range vals {
			if better(vals[t], vals[best]) {
				best = t
			}
		}
		if year {
			return float64(res.Years[best]), nil
		}
		return vals[best], nil
	}}
}

// crossing returns the function giving the first year, from a given year
// on, in which a series passes a threshold.
func crossing(passes func(v, x float64) bool, verb string) function {
	return function{3, 2, func(r runs, w []string, n []float64) (float64, error) {
		res, vals, err := r.series(w[0], model.IndicatorID(w[1]), w[2])
		if err != nil {
			return 0, err
		}
		for t, v := range vals {
			if float64(res.Years[t]) >= n[1] && passes(v, n[0]) {
				return float64(res.Years[t]), nil
			}
		}
		return 0, fmt.Errorf("%s for %s in %s never %s %v from %v on", w[1], w[2], w[0], verb, n[0], n[1])
	}}
}

// parser evaluates a marker expression.
type parser struct {
	s    string
	pos  int
	runs runs
}

func evaluate(expr string, r runs) (float64, error) {
	p := &parser{s: expr, runs: r}
	v, err := p.expr()
	if err != nil {
		return 0, err
	}
	if p.skip(); p.pos < len(p.s) {
		return 0, fmt.Errorf("unexpected %q at column %d", p.s[p.pos:], p.pos+1)
	}
	return v, nil
}

func (p *parser) skip() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// peek returns the next character after spaces, or 0 at the end.
func (p *parser) peek() byte {
	p.skip()
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

func (p *parser) expr() (float64, error) {
	v, err := p.term()
	for err == nil {
		op := p.peek()
		if op != '+' && op != '-' {
			break
		}
		p.pos++
		var w float64
		if w, err = p.term(); op == '+' {
			v += w
		} else {
			v -= w
		}
	}
	return v, err
}

func (p *parser) term() (float64, error) {
	v, err := p.factor()
	for err == nil {
		op := p.peek()
		if op != '*' && op != '/' {
			break
		}
		p.pos++
		var w float64
		if w, err = p.factor(); op == '*' {
			v *= w
		} else {
			v /= w
		}
	}
	return v, err
}

func (p *parser) factor() (float64, error) {
	switch c := p.peek(); {
	case c == '-':
		p.pos++
		v, err := p.factor()
		return -v, err
	case c == '(':
		p.pos++
		v, err := p.expr()
		if err == nil && p.peek() != ')' {
			return 0, fmt.Errorf("missing ) at column %d", p.pos+1)
		}
		p.pos++
		return v, err
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.s) && (p.s[p.pos] >= '0' && p.s[p.pos] <= '9' || p.s[p.pos] == '.') {
			p.pos++
		}
		return strconv.ParseFloat(p.s[start:p.pos], 64)
	case c >= 'a' && c <= 'z':
		return p.call()
	}
	return 0, fmt.Errorf("expected a number, a function or ( at column %d", p.pos+1)
}

// call evaluates name(word, ..., expr, ...).
func (p *parser) call() (float64, error) {
	start := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= 'a' && p.s[p.pos] <= 'z' {
		p.pos++
	}
	name := p.s[start:p.pos]
	f, ok := functions[name]
	if !ok {
		return 0, fmt.Errorf("unknown function %q", name)
	}
	if p.peek() != '(' {
		return 0, fmt.Errorf("%s: expected ( after the name", name)
	}
	p.pos++
	var words []string
	var nums []float64
	for i := range f.words + f.nums {
		if i > 0 {
			if p.peek() != ',' {
				return 0, fmt.Errorf("%s takes %d arguments", name, f.words+f.nums)
			}
			p.pos++
		}
		if i < f.words {
			end := strings.IndexAny(p.s[p.pos:], ",)")
			if end < 0 {
				return 0, fmt.Errorf("%s: unclosed argument list", name)
			}
			words = append(words, strings.TrimSpace(p.s[p.pos:p.pos+end]))
			p.pos += end
			continue
		}
		v, err := p.expr()
		if err != nil {
			return 0, err
		}
		nums = append(nums, v)
	}
	if p.peek() != ')' {
		return 0, fmt.Errorf("%s takes %d arguments", name, f.words+f.nums)
	}
	p.pos++
	return f.eval(p.runs, words, nums)
}

// format writes v the way text writes its number: the same number of
// decimals, a plus sign if text has one, the same minus sign (− or -), and
// thousands separators if text has them.
func format(v float64, text string) string {
	decimals := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		decimals = len(text) - i - 1
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if strings.Contains(text, ",") {
		s = thousands(s)
	}
	zero := strings.Trim(s, "0.,") == ""
	switch {
	case v < 0 && !zero && strings.HasPrefix(text, "-"):
		return "-" + s
	case v < 0 && !zero:
		return "−" + s
	case strings.HasPrefix(text, "+") && !zero:
		return "+" + s
	}
	return s
}

// thousands inserts commas between groups of three digits: 1234.5 → 1,234.5.
func thousands(s string) string {
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// marker matches an answer-key marker; the number it checks ends just
// before it (possibly inside bold or italic markup).
var marker = regexp.MustCompile(`<!--\s*=\s*(.*?)\s*-->`)

// numberBefore matches the number at the end of the text before a marker.
var numberBefore = regexp.MustCompile(`([+−-]?[0-9][0-9,]*(?:\.[0-9]+)?)([*_]*)$`)

// checkKeys checks (or, with fix, rewrites) every marked number in doc.
// It returns the document, rewritten where fix is set, and one message per
// number that differs from the model.
func checkKeys(name, doc string, r runs, fix bool) (string, []string) {
	var out strings.Builder
	var problems []string
	last := 0
	for _, m := range marker.FindAllStringSubmatchIndex(doc, -1) {
		before := doc[last:m[0]]
		expr := doc[m[2]:m[3]]
		line := strings.Count(doc[:m[0]], "\n") + 1
		n := numberBefore.FindStringSubmatchIndex(before)
		if n == nil {
			problems = append(problems, fmt.Sprintf("%s:%d: the marker <!-- = %s --> follows no number", name, line, expr))
			out.WriteString(doc[last:m[1]])
			last = m[1]
			continue
		}
		text := before[n[2]:n[3]]
		v, err := evaluate(expr, r)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: <!-- = %s -->: %v", name, line, expr, err))
			out.WriteString(doc[last:m[1]])
			last = m[1]
			continue
		}
		want := format(v, text)
		if want != text {
			if !fix {
				problems = append(problems, fmt.Sprintf("%s:%d: the key says %s where the model now gives %s (%s = %.4f); "+
					"go test ./docs/classroom -update rewrites the keys, then reread the words around them", name, line, text, want, expr, v))
			}
			text = want
		}
		out.WriteString(before[:n[2]] + text + before[n[3]:] + doc[m[0]:m[1]])
		last = m[1]
	}
	out.WriteString(doc[last:])
	return out.String(), problems
}

// exerciseFiles lists the exercises: NN-*.md in this directory.
func exerciseFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("[0-9][0-9]-*.md")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestAnswerKeys: every marked number in the guide and the exercises is
// what the model gives.
func TestAnswerKeys(t *testing.T) {
	r := runs{}
	markers := 0
	for _, name := range append([]string{"README.md"}, exerciseFiles(t)...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		markers += len(marker.FindAllStringIndex(string(b), -1))
		fixed, problems := checkKeys(name, string(b), r, *update)
		for _, p := range problems {
			t.Error(p)
		}
		if *update && fixed != string(b) {
			if err := os.WriteFile(name, []byte(fixed), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote the answer keys of %s", name)
		}
	}
	if markers < 6 {
		t.Errorf("%d markers in all: the answer keys check almost nothing", markers)
	}
}

// TestKeysGiveNoUncheckedNumbers: a number in an answer key is a year, a
// figure the exercise gave before its key, or a marked model output (once
// marked, it may be repeated).
func TestKeysGiveNoUncheckedNumbers(t *testing.T) {
	for _, name := range exerciseFiles(t) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(b)
		i := strings.Index(doc, "\n## Answer key\n")
		if i < 0 {
			continue // TestExerciseParts reports it
		}
		given := map[string]bool{}
		for _, n := range numbers(doc[:i]) {
			given[n.norm] = true
		}
		for _, n := range numbers(doc[i:]) {
			if n.marked {
				given[n.norm] = true // a marked number may be repeated
				continue
			}
			if !given[n.norm] && !isYear(n.norm) {
				line := strings.Count(doc[:i+n.pos], "\n") + 1
				t.Errorf("%s:%d: the key gives %s without a marker: mark it with <!-- = EXPR --> so the test computes it, or state it in the exercise before the key if it is an input", name, line, n.text)
			}
		}
	}
}

type number struct {
	text, norm string
	pos        int
	marked     bool
}

// numberToken matches a number in prose, with an optional currency sign.
var numberToken = regexp.MustCompile(`[+−-]?\$?[0-9][0-9,]*(?:\.[0-9]+)?`)

// codeOrComment matches what numbers are not read from: fenced blocks,
// code spans and HTML comments other than markers... which are read for
// whether a number is marked, then blanked.
var codeOrComment = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`|<!--.*?-->")

// numbers lists the numbers in prose text, each normalized (no sign,
// currency or separators, no trailing zeros after a point) and marked if a
// marker follows it.
func numbers(text string) []number {
	blank := codeOrComment.ReplaceAllStringFunc(text, func(s string) string {
		if marker.MatchString(s) {
			return "\x00" + strings.Repeat(" ", len(s)-1)
		}
		return strings.Repeat(" ", len(s))
	})
	var out []number
	for _, m := range numberToken.FindAllStringIndex(blank, -1) {
		if nameChar(blank, m[0]-1) || nameChar(blank, m[1]) {
			continue // part of a name such as "3.5pct" or "round-1"
		}
		tok := blank[m[0]:m[1]]
		rest := strings.TrimLeft(blank[m[1]:], "*_")
		out = append(out, number{text: tok, norm: normalize(tok), pos: m[0], marked: strings.HasPrefix(rest, "\x00")})
	}
	return out
}

// nameChar reports whether s[i] is a letter, '_' or '.', which join a
// number to a name.
func nameChar(s string, i int) bool {
	return i >= 0 && i < len(s) && (unicode.IsLetter(rune(s[i])) || s[i] == '_' || s[i] == '.' && i > 0 && i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n')
}

func normalize(tok string) string {
	s := strings.NewReplacer("$", "", ",", "", "+", "", "−", "", "-", "").Replace(tok)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func isYear(s string) bool {
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= 2100
}

func TestEvaluate(t *testing.T) {
	r := runs{}
	base, err := r.get("baseline")
	if err != nil {
		t.Fatal(err)
	}
	spend := base.Row(base.Index("defense_spending", "ROK")) // grows every year: GDP grows, the share is flat
	for _, tt := range []struct {
		expr string
		want float64
	}{
		{"1 + 2 * 3", 7},
		{"(1 + 2) * 3", 9},
		{"10 / 4 - -1", 3.5},
		{"v(baseline, gdp, ROK, 2025)", 1870}, // the baseline's start value
		{"v(baseline, gdp, ROK, 2025) * 3.5 / 100", 65.45},
		{"v(baseline, defense_spending, ROK, 2030)", spend[5]},
		{"max(baseline, defense_spending, ROK)", spend[len(spend)-1]},
		{"min(baseline, defense_spending, ROK)", spend[0]},
		{"maxyear(baseline, defense_spending, ROK)", 2040},
		{"minyear(baseline, defense_spending, ROK)", 2025},
		{fmt.Sprintf("firstabove(baseline, defense_spending, ROK, %v, 2025)", spend[3]), 2029},
		{fmt.Sprintf("firstabove(baseline, defense_spending, ROK, %v, 2033)", spend[3]), 2033},
		{"firstbelow(limited-support, us_commitment, US-ROK, 85, 2025)", 2027}, // the path: 85 in 2026, 60 in 2030
	} {
		got, err := evaluate(tt.expr, r)
		if err != nil || math.Abs(got-tt.want) > 1e-9*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("evaluate(%q) = %v, %v; want %v", tt.expr, got, err, tt.want)
		}
	}
	for _, bad := range []string{"v(baseline, gdp, ROK)", "v(baseline, gdp, ROK, 1990)", "v(nonexistent, gdp, ROK, 2025)",
		"v(baseline, gpd, ROK, 2025)", "w(1)", "1 +", "(1", "1 2", "firstabove(baseline, defense_spending, ROK, 1000, 2025)", "firstabove(baseline, gdp, ROK, 1)"} {
		if _, err := evaluate(bad, r); err == nil {
			t.Errorf("evaluate(%q) gave no error", bad)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		v          float64
		text, want string
	}{
		{92.46, "92", "92"},
		{92.46, "90.0", "92.5"},
		{-4.94, "−4.9", "−4.9"},
		{-4.94, "-1.0", "-4.9"},
		{-4.94, "4.9", "−4.9"}, // a sign the text lacks is a difference
		{2.04, "+1.0", "+2.0"},
		{-0.04, "+0.0", "0.0"},
		{1234.6, "1,000", "1,235"},
		{4285.7, "4,286", "4,286"},
		{2039, "2000", "2039"},
	} {
		if got := format(tt.v, tt.text); got != tt.want {
			t.Errorf("format(%v, %q) = %q, want %q", tt.v, tt.text, got, tt.want)
		}
	}
}

func TestCheckKeys(t *testing.T) {
	r := runs{}
	doc := "Start: about $**1,870**<!-- = v(baseline, gdp, ROK, 2025) --> bn.\nWrong: 12<!-- = v(baseline, gdp, ROK, 2025) -->.\n" +
		"Lost: <!-- = v(baseline, gdp, ROK, 2025) -->\n"
	fixed, problems := checkKeys("x.md", doc, r, false)
	if fixed != strings.Replace(doc, "12<", "1870<", 1) {
		t.Errorf("checkKeys rewrote\n%s", fixed)
	}
	if len(problems) != 2 || !strings.Contains(problems[0], "x.md:2: the key says 12 where the model now gives 1870") ||
		!strings.Contains(problems[1], "x.md:3: the marker <!-- = v(baseline, gdp, ROK, 2025) --> follows no number") {
		t.Errorf("problems = %q", problems)
	}
	if _, problems := checkKeys("x.md", fixed, r, false); len(problems) != 1 {
		t.Errorf("after the rewrite: problems = %q, want only the marker without a number", problems)
	}
}

func TestNumbers(t *testing.T) {
	got := numbers("Run `simulate scenarios/3.5pct.toml`: in 2035 ROK spends $92.5<!-- = x --> bn, 62% of $150 bn; us_commitment_pct 3.5pct **1,870**<!-- = y -->.")
	var texts []string
	for _, n := range got {
		texts = append(texts, fmt.Sprintf("%s:%s:%v", n.text, n.norm, n.marked))
	}
	want := "2035:2035:false $92.5:92.5:true 62:62:false $150:150:false 1,870:1870:true"
	if strings.Join(texts, " ") != want {
		t.Errorf("numbers = %s\nwant      %s", strings.Join(texts, " "), want)
	}
}
