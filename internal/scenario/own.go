package scenario

// OwnValue returns the value the scenario's own file sets at key, a key
// path as Changed lists it ("actors.ROK.defense_pct", "events[0]",
// "unset"), as the TOML decoder read it: a table is a map[string]any.
func (l *Loaded) OwnValue(key string) (any, bool) {
	if len(l.parsed) == 0 {
		return nil, false
	}
	return lookup(l.parsed[0].raw, parseKeyPath(key))
}

// OwnLine returns the line of the scenario's own file that sets key, or 0
// if it is not known.
func (l *Loaded) OwnLine(key string) int {
	if len(l.parsed) == 0 {
		return 0
	}
	return l.parsed[0].loc.line(parseKeyPath(key))
}
