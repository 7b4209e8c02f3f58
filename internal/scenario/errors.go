package scenario

import (
	"fmt"
	"strings"
)

// Error is an invalid scenario: the file, the line where known (0 if not),
// the key path where known, and what was expected.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors are every error found in a scenario's files (LoadAll), in the
// order they were found: file by file, parents first, in line order.
type Errors []*Error

func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "\n")
}

// Suggest returns "; did you mean X?" for the candidate nearest to got, if
// it is near enough to be a likely misspelling: the same but for case, a
// few letters off (Levenshtein distance up to 2, or 3 for long names), or
// the start of exactly one candidate or one candidate and more ("ship" for
// "shipbuilding", "-outdir" for "-out").
func Suggest(got string, candidates []string) string {
	if s, ok := nearest(got, candidates); ok {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

func nearest(got string, candidates []string) (string, bool) {
	lower := strings.ToLower(got)
	best, bestD := "", -1
	var prefixOf []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(lower, lc)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
		if len(lower) >= 3 && strings.HasPrefix(lc, lower) || len(lc) >= 3 && strings.HasPrefix(lower, lc) {
			prefixOf = append(prefixOf, c)
		}
	}
	limit := 2
	if len(got) > 8 {
		limit = 3
	}
	switch {
	case bestD >= 0 && bestD <= limit && bestD < len(got):
		return best, true
	case len(prefixOf) == 1:
		return prefixOf[0], true
	}
	return "", false
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
