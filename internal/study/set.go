package study

import (
	"math"
	"strconv"
	"strings"

	"simulate/internal/output"
	"simulate/internal/report"
	"simulate/internal/scenario"
)

// ApplySets sets inputs of the scenario from the command line, each given
// as KEY=VALUE with the keys a sweep takes (see scenario.LookupSetting) and
// checked against the range a scenario file accepts there, and records them
// in s.Set, in the order given, for its manifest and report. A key given
// twice, a malformed setting or a value out of range is a RequestError, and
// the scenario is then unchanged.
func ApplySets(s *Scenario, sets []string) error {
	sc := s.Loaded.Scenario
	var applied []output.Set
	var apply []func()
	for _, set := range sets {
		key, text, ok := strings.Cut(set, "=")
		key, text = strings.TrimSpace(key), strings.TrimSpace(text)
		if !ok || key == "" || text == "" {
			return requestf("-set %s: expected KEY=VALUE, e.g. actors.ROK.defense_pct=3.5", set)
		}
		v, err := strconv.ParseFloat(text, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return requestf("-set %s: %q is not a number", set, text)
		}
		for _, a := range applied {
			if a.Key == key {
				return requestf("-set %s: %s is given twice", set, key)
			}
		}
		setting, err := scenario.LookupSetting(key, sc.StartYear)
		if err != nil {
			return requestf("-set %s", err)
		}
		if err := setting.Check(v); err != nil {
			return requestf("-set %s: %v", set, err)
		}
		applied = append(applied, output.Set{Key: key, Value: v, How: setting.How})
		apply = append(apply, func() { setting.Apply(sc, v) })
	}
	for _, f := range apply {
		f()
	}
	s.Set = append(s.Set, applied...)
	return nil
}

// reportSettings returns the scenario's -set values for its report.
func reportSettings(s Scenario) []report.Setting {
	var out []report.Setting
	for _, set := range s.Set {
		out = append(out, report.Setting{Key: set.Key, Value: trimNumber(set.Value), How: set.How})
	}
	return out
}
