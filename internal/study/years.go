package study

import (
	"slices"
	"strconv"
	"strings"
)

// maxYearSpan bounds a range of -years: no scenario runs for more than a
// few decades, and a range is expanded into a list.
const maxYearSpan = 1000

// ParseYears parses a list of years as -years writes it: years and ranges
// separated by commas, a range FROM:TO including both ends, as in
// "2028,2035" or "2026:2030,2035". The years come back sorted, each once.
// An empty list is nil (the command's default years).
func ParseYears(spec string) ([]int, error) {
	if strings.TrimSpace(spec) == "" {
		return nil, nil
	}
	var years []int
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		from, to, isRange := strings.Cut(item, ":")
		lo, err := parseYear(spec, from)
		if err != nil {
			return nil, err
		}
		hi := lo
		if isRange {
			if hi, err = parseYear(spec, to); err != nil {
				return nil, err
			}
		}
		switch {
		case hi < lo:
			return nil, requestf("-years %s: the range %s ends before it starts", spec, item)
		case hi-lo >= maxYearSpan:
			return nil, requestf("-years %s: the range %s spans more than %d years", spec, item, maxYearSpan)
		}
		for y := lo; y <= hi; y++ {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return slices.Compact(years), nil
}

func parseYear(spec, s string) (int, error) {
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 0 {
		return 0, requestf("-years %s: %q is not a year (expected years and ranges such as 2028,2035 or 2026:2030)", spec, s)
	}
	return y, nil
}

// checkYears reports, as a RequestError, a requested year outside first..last,
// the years what is asked about simulates; what names them in the message.
func checkYears(years []int, first, last int, what string) error {
	for _, y := range years {
		if y < first || y > last {
			return requestf("-years: %d is outside %s %d–%d", y, what, first, last)
		}
	}
	return nil
}

// yearsOr returns the requested years, or def when none were requested.
func yearsOr(requested, def []int) []int {
	if len(requested) > 0 {
		return requested
	}
	return def
}
