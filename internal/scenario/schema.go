package scenario

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"simulate/model"
)

// inf is an open upper bound.
var inf = math.Inf(1)

// where records the file and key path that set a value, for checks that can
// only run once every file is applied (the horizon, required keys).
type where struct {
	f    *file
	path keyPath
}

func (w where) err(format string, args ...any) error { return w.f.err(w.path, format, args...) }

// builder applies scenario files, parents first, to a model.Scenario. Keys a
// child sets override its parent's; arrays of tables append.
type builder struct {
	sc       model.Scenario
	set      map[string]where // key path → where it was last set
	paths    map[string]model.Path
	invs     []where
	evs      []where
	warnings []string
}

func newBuilder() *builder {
	b := &builder{set: map[string]where{}, paths: map[string]model.Path{}}
	b.sc.Params = model.DefaultParams()
	b.sc.Runs = 1
	return b
}

func (b *builder) mark(f *file, path keyPath) { b.set[path.String()] = where{f, path} }

func (b *builder) warn(f *file, path keyPath, format string, args ...any) {
	b.warnings = append(b.warnings, fmt.Sprintf("%s:%d: %s: %s", f.display, f.loc.line(path), path, fmt.Sprintf(format, args...)))
}

// Top-level keys, in documentation order.
var topKeys = []string{"title", "description", "extends", "start_year", "end_year", "seed", "runs",
	"actors", "alliance", "region", "params", "investments", "events"}

func (b *builder) apply(f *file) error {
	for _, k := range sortedKeys(f, nil, f.raw) {
		v := f.raw[k]
		p := keyPath{k}
		var err error
		switch k {
		case "extends":
			continue // resolved by readChain
		case "title":
			b.sc.Title, err = stringValue(f, p, v)
		case "description":
			b.sc.Description, err = stringValue(f, p, v)
		case "start_year":
			var y int64
			y, err = integer(f, p, v, 1900, 2200, "a year")
			b.sc.StartYear = int(y)
		case "end_year":
			var y int64
			y, err = integer(f, p, v, 1900, 2200, "a year")
			b.sc.EndYear = int(y)
		case "seed":
			var s int64
			s, err = integer(f, p, v, 0, math.MaxInt64, "a seed")
			b.sc.Seed = uint64(s)
		case "runs":
			var n int64
			n, err = integer(f, p, v, 1, 1_000_000, "a number of runs")
			b.sc.Runs = int(n)
		case "actors":
			err = b.actors(f, p, v)
		case "alliance":
			err = b.alliance(f, p, v)
		case "region":
			err = b.region(f, p, v)
		case "params":
			err = b.params(f, p, v)
		case "investments":
			err = b.investments(f, p, v)
		case "events":
			err = b.events(f, p, v)
		default:
			err = unknownKey(f, nil, k, topKeys)
			if err != nil {
				err.(*Error).Key = k
			}
		}
		if err != nil {
			return err
		}
		b.mark(f, p)
	}
	return nil
}

// actorField describes a key under [actors.<ACTOR>].
type actorField struct {
	key     string
	lo, hi  float64
	unit    string
	path    bool          // a value that may vary over time
	only    []model.Actor // actors the key applies to (nil: all)
	setNum  func(*model.ActorInputs, float64)
	setPath func(*model.ActorInputs, model.Path)
}

var actorFields = []actorField{
	{key: "gdp_usd_bn", lo: 1e-6, hi: inf, unit: "USD bn", setNum: func(a *model.ActorInputs, v float64) { a.GDP = v }},
	{key: "gdp_growth_pct", lo: -30, hi: 30, unit: "% per year", path: true, setPath: func(a *model.ActorInputs, p model.Path) { a.GrowthPct = p }},
	{key: "inflation_pct", lo: -20, hi: 100, unit: "% per year", path: true, setPath: func(a *model.ActorInputs, p model.Path) { a.InflationPct = p }},
	{key: "defense_pct", lo: 0, hi: 60, unit: "% of GDP", path: true, setPath: func(a *model.ActorInputs, p model.Path) { a.DefensePct = p }},
	{key: "initial_defense_pct", lo: 0.01, hi: 60, unit: "% of GDP", setNum: func(a *model.ActorInputs, v float64) { a.InitialDefensePct = v }},
	{key: "population_m", lo: 0, hi: inf, unit: "million", setNum: func(a *model.ActorInputs, v float64) { a.PopulationM = v }},
	{key: "population_growth_pct", lo: -10, hi: 10, unit: "% per year", path: true, setPath: func(a *model.ActorInputs, p model.Path) { a.PopulationGrowthPct = p }},
	{key: "personnel_k", lo: 0, hi: inf, unit: "thousand", path: true, setPath: func(a *model.ActorInputs, p model.Path) { a.PersonnelK = p }},
	{key: "naval_kt", lo: 0, hi: inf, unit: "thousand tonnes", only: []model.Actor{model.US, model.ROK, model.CHN, model.JPN}, setNum: func(a *model.ActorInputs, v float64) { a.NavalKt = v }},
	{key: "shipbuilding_share_pct", lo: 0, hi: 100, unit: "% of world output", only: []model.Actor{model.US, model.ROK, model.CHN, model.JPN}, setNum: func(a *model.ActorInputs, v float64) { a.ShipbuildingPct = v }},
	{key: "warheads", lo: 0, hi: inf, unit: "warheads", only: []model.Actor{model.DPRK}, setNum: func(a *model.ActorInputs, v float64) { a.Warheads = v }},
	{key: "arms_exports_usd_bn", lo: 0, hi: inf, unit: "USD bn/yr", only: []model.Actor{model.ROK}, setNum: func(a *model.ActorInputs, v float64) { a.ArmsExports = v }},
	{key: "military_capital_usd_bn", lo: 0, hi: inf, unit: "USD bn", setNum: func(a *model.ActorInputs, v float64) { a.MilitaryCapital = v }},
}

func actorFieldKeys() []string {
	var out []string
	for _, fd := range actorFields {
		out = append(out, fd.key)
	}
	return out
}

func (b *builder) actors(f *file, path keyPath, v any) error {
	m, err := table(f, path, v)
	if err != nil {
		return err
	}
	for _, code := range sortedKeys(f, path, m) {
		a, ok := model.ParseActor(code)
		if !ok {
			return f.err(path.with(code), "unknown actor %q%s (actors: %s)", code, suggest(code, model.ActorCodes()), strings.Join(model.ActorCodes(), ", "))
		}
		am, err := table(f, path.with(code), m[code])
		if err != nil {
			return err
		}
		for _, k := range sortedKeys(f, path.with(code), am) {
			p := path.with(code, k)
			fd, ok := lookupActorField(k)
			if !ok {
				return unknownKey(f, p, k, actorFieldKeys())
			}
			if fd.only != nil && !containsActor(fd.only, a) {
				return f.err(p, "%s is not modelled for %s (only for %s)", k, a, joinActors(fd.only))
			}
			in := &b.sc.Actors[a]
			if fd.path {
				pv, err := pathValue(f, p, am[k], fd.lo, fd.hi, fd.unit)
				if err != nil {
					return err
				}
				fd.setPath(in, pv)
				b.paths[p.String()] = pv
			} else {
				x, err := numberIn(f, p, am[k], fd.lo, fd.hi, fd.unit)
				if err != nil {
					return err
				}
				fd.setNum(in, x)
			}
			b.mark(f, p)
			b.oddActorValue(f, p, a, k, am[k])
		}
	}
	return nil
}

// oddActorValue warns about plausible but odd actor values.
func (b *builder) oddActorValue(f *file, p keyPath, a model.Actor, key string, v any) {
	pv := b.paths[p.String()]
	maxOf := func() float64 {
		mx := math.Inf(-1)
		for _, x := range pv.Values {
			mx = math.Max(mx, x)
		}
		return mx
	}
	switch {
	case key == "defense_pct" && a != model.DPRK && maxOf() > 10:
		b.warn(f, p, "a defense share above 10%% of GDP is far outside the post-Cold War record of the other four actors")
	case key == "gdp_growth_pct" && maxOf() > 10:
		b.warn(f, p, "real growth above 10%% a year is unusually high")
	}
}

func lookupActorField(k string) (actorField, bool) {
	for _, fd := range actorFields {
		if fd.key == k {
			return fd, true
		}
	}
	return actorField{}, false
}

func containsActor(as []model.Actor, a model.Actor) bool {
	for _, x := range as {
		if x == a {
			return true
		}
	}
	return false
}

func joinActors(as []model.Actor) string {
	var s []string
	for _, a := range as {
		s = append(s, a.String())
	}
	return strings.Join(s, ", ")
}

// allianceField describes a key under [alliance] or [region].
type allianceField struct {
	key    string
	lo, hi float64
	unit   string
	path   bool
	num    func(*model.Scenario) *float64
	pth    func(*model.Scenario) *model.Path
}

var allianceFields = []allianceField{
	{key: "us_commitment_pct", lo: 0, hi: 100, unit: "(0-100)", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.USCommitmentPct }},
	{key: "tariff_pct", lo: 0, hi: 100, unit: "%", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.TariffPct }},
	{key: "host_nation_support_krw_tn", lo: 0, hi: 100, unit: "tn KRW", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.HNSKRWtn }},
	{key: "hns_start_krw_tn", lo: 0, hi: 100, unit: "tn KRW", num: func(s *model.Scenario) *float64 { return &s.Alliance.HNSStartKRWtn }},
	{key: "krw_per_usd", lo: 1, hi: 100000, unit: "KRW per USD", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.KRWPerUSD }},
	{key: "trust_pct", lo: 0, hi: 100, unit: "(0-100)", num: func(s *model.Scenario) *float64 { return &s.Alliance.TrustPct }},
	{key: "trilateral_institution", lo: 0, hi: 1, unit: "(0-1)", num: func(s *model.Scenario) *float64 { return &s.Alliance.Trilateral }},
}

var regionFields = []allianceField{
	{key: "russia_dprk_cooperation", lo: 0, hi: 1, unit: "(0-1)", num: func(s *model.Scenario) *float64 { return &s.Region.RussiaDPRK }},
	{key: "dprk_provocation", lo: 0, hi: 1, unit: "(0-1)", num: func(s *model.Scenario) *float64 { return &s.Region.Provocation }},
	{key: "taiwan_tension", lo: 0, hi: 1, unit: "(0-1)", num: func(s *model.Scenario) *float64 { return &s.Region.Taiwan }},
}

func (b *builder) alliance(f *file, path keyPath, v any) error {
	return b.fields(f, path, v, allianceFields)
}

func (b *builder) region(f *file, path keyPath, v any) error {
	return b.fields(f, path, v, regionFields)
}

func (b *builder) fields(f *file, path keyPath, v any, fields []allianceField) error {
	m, err := table(f, path, v)
	if err != nil {
		return err
	}
	var known []string
	for _, fd := range fields {
		known = append(known, fd.key)
	}
	for _, k := range sortedKeys(f, path, m) {
		p := path.with(k)
		var fd *allianceField
		for i := range fields {
			if fields[i].key == k {
				fd = &fields[i]
			}
		}
		if fd == nil {
			return unknownKey(f, p, k, known)
		}
		if fd.path {
			pv, err := pathValue(f, p, m[k], fd.lo, fd.hi, fd.unit)
			if err != nil {
				return err
			}
			*fd.pth(&b.sc) = pv
			b.paths[p.String()] = pv
		} else {
			x, err := numberIn(f, p, m[k], fd.lo, fd.hi, fd.unit)
			if err != nil {
				return err
			}
			*fd.num(&b.sc) = x
		}
		b.mark(f, p)
	}
	return nil
}

// params applies [params] (a coefficient for every actor, or a global one)
// and [params.<ACTOR>] (a per-actor coefficient for one actor).
func (b *builder) params(f *file, path keyPath, v any) error {
	m, err := table(f, path, v)
	if err != nil {
		return err
	}
	var known []string
	for _, s := range model.ParamSpecs() {
		known = append(known, s.Key)
	}
	for _, k := range sortedKeys(f, path, m) {
		p := path.with(k)
		if a, ok := model.ParseActor(k); ok {
			am, err := table(f, p, m[k])
			if err != nil {
				return err
			}
			for _, pk := range sortedKeys(f, p, am) {
				spec, ok := model.LookupParam(pk)
				if !ok {
					return unknownKey(f, p.with(pk), pk, known)
				}
				if !spec.PerActor {
					return f.err(p.with(pk), "%s is one coefficient for the whole model: set it under [params], not [params.%s]", pk, a)
				}
				if err := b.setParam(f, p.with(pk), spec, a, am[pk]); err != nil {
					return err
				}
			}
			continue
		}
		spec, ok := model.LookupParam(k)
		if !ok {
			if _, isTable := m[k].(map[string]any); isTable {
				return f.err(p, "unknown actor %q%s (actors: %s)", k, suggest(k, model.ActorCodes()), strings.Join(model.ActorCodes(), ", "))
			}
			return unknownKey(f, p, k, known)
		}
		if !spec.PerActor {
			if err := b.setParam(f, p, spec, 0, m[k]); err != nil {
				return err
			}
			continue
		}
		for a := range model.NumActors {
			if err := b.setParam(f, p, spec, a, m[k]); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) setParam(f *file, p keyPath, spec *model.ParamSpec, a model.Actor, v any) error {
	lo, hi := spec.Range(a)
	x, err := number(f, p, v)
	if err != nil {
		return err
	}
	if x < lo || x > hi {
		who := ""
		if spec.PerActor {
			who = " for " + a.String()
		}
		return f.err(p, "%v is outside the plausible range%s: expected %v to %v %s", x, who, lo, hi, spec.Unit)
	}
	spec.Set(&b.sc.Params, a, x)
	b.mark(f, p)
	return nil
}

var investmentKeys = []string{"name", "from", "to", "sector", "total_usd_bn", "start_year", "end_year", "annual_cap_usd_bn"}

func (b *builder) investments(f *file, path keyPath, v any) error {
	ts, err := tables(f, path, v)
	if err != nil {
		return err
	}
	for i, m := range ts {
		p := path.with(index(i))
		var inv model.Investment
		for _, k := range sortedKeys(f, p, m) {
			kp := p.with(k)
			var err error
			switch k {
			case "name":
				inv.Name, err = stringValue(f, kp, m[k])
			case "from", "to":
				var a model.Actor
				a, err = actorValue(f, kp, m[k])
				if k == "from" {
					inv.From = a
				} else {
					inv.To = a
				}
			case "sector":
				var s string
				if s, err = stringValue(f, kp, m[k]); err == nil {
					var ok bool
					if inv.Sector, ok = model.ParseSector(s); !ok {
						err = f.err(kp, "unknown sector %q%s (sectors: %s)", s, suggest(s, model.SectorNames()), strings.Join(model.SectorNames(), ", "))
					}
				}
			case "total_usd_bn":
				inv.TotalUSDbn, err = numberIn(f, kp, m[k], 1e-9, inf, "USD bn")
			case "annual_cap_usd_bn":
				inv.AnnualCap, err = numberIn(f, kp, m[k], 1e-9, inf, "USD bn")
			case "start_year", "end_year":
				var y int64
				y, err = integer(f, kp, m[k], 1900, 2200, "a year")
				if k == "start_year" {
					inv.StartYear = int(y)
				} else {
					inv.EndYear = int(y)
				}
			default:
				err = unknownKey(f, kp, k, investmentKeys)
			}
			if err != nil {
				return err
			}
		}
		for _, req := range []string{"name", "from", "to", "sector", "total_usd_bn", "start_year"} {
			if _, ok := m[req]; !ok {
				return f.err(p, "missing key %q (an investment needs %s)", req, strings.Join(investmentKeys[:6], ", "))
			}
		}
		if inv.From == inv.To {
			return f.err(p.with("to"), "an investment must go from one actor to another (from and to are both %s)", inv.From)
		}
		if inv.EndYear == 0 && inv.AnnualCap == 0 {
			return f.err(p, "give end_year, annual_cap_usd_bn or both, so the package has a disbursement schedule")
		}
		if inv.EndYear != 0 && inv.EndYear < inv.StartYear {
			return f.err(p.with("end_year"), "end_year %d is before start_year %d", inv.EndYear, inv.StartYear)
		}
		b.sc.Investments = append(b.sc.Investments, inv)
		b.invs = append(b.invs, where{f, p})
	}
	return nil
}

var eventKeys = []string{"year", "kind", "actor", "severity"}

func (b *builder) events(f *file, path keyPath, v any) error {
	ts, err := tables(f, path, v)
	if err != nil {
		return err
	}
	for i, m := range ts {
		p := path.with(index(i))
		var e model.Event
		for _, k := range sortedKeys(f, p, m) {
			kp := p.with(k)
			var err error
			switch k {
			case "year":
				var y int64
				y, err = integer(f, kp, m[k], 1900, 2200, "a year")
				e.Year = int(y)
			case "kind":
				var s string
				if s, err = stringValue(f, kp, m[k]); err == nil {
					var ok bool
					if e.Kind, ok = model.ParseEventKind(s); !ok {
						err = f.err(kp, "unknown event kind %q%s (kinds: %s)", s, suggest(s, model.EventKindNames()), strings.Join(model.EventKindNames(), ", "))
					}
				}
			case "actor":
				e.Actor, err = actorValue(f, kp, m[k])
			case "severity":
				e.Severity, err = numberIn(f, kp, m[k], 0, 1, "")
			default:
				err = unknownKey(f, kp, k, eventKeys)
			}
			if err != nil {
				return err
			}
		}
		for _, req := range []string{"year", "kind", "severity"} {
			if _, ok := m[req]; !ok {
				return f.err(p, "missing key %q (an event needs year, kind and severity)", req)
			}
		}
		if _, ok := m["actor"]; !ok && e.Kind.NeedsActor() {
			return f.err(p, "missing key \"actor\": a %s happens in one actor (one of %s)", e.Kind, strings.Join(model.ActorCodes(), ", "))
		}
		b.sc.Events = append(b.sc.Events, e)
		b.evs = append(b.evs, where{f, p})
	}
	return nil
}

func actorValue(f *file, p keyPath, v any) (model.Actor, error) {
	s, err := stringValue(f, p, v)
	if err != nil {
		return 0, err
	}
	a, ok := model.ParseActor(s)
	if !ok {
		return 0, f.err(p, "unknown actor %q%s (actors: %s)", s, suggest(s, model.ActorCodes()), strings.Join(model.ActorCodes(), ", "))
	}
	return a, nil
}

// finish runs the checks that need every file applied: required keys, the
// horizon, and warnings about odd combinations. own is the scenario's own
// file, named in errors about keys that no file sets.
func (b *builder) finish(own *file) error {
	sc := &b.sc
	missing := func(k, why string) error {
		return &Error{File: own.display, Key: k, Msg: "missing key: " + why}
	}
	for _, req := range []string{"title", "start_year", "end_year"} {
		if _, ok := b.set[req]; !ok {
			return missing(req, "every scenario needs title, start_year and end_year (or extends a file that sets them)")
		}
	}
	if sc.EndYear < sc.StartYear {
		return b.set["end_year"].err("end_year %d is before start_year %d", sc.EndYear, sc.StartYear)
	}
	if sc.EndYear-sc.StartYear >= maxHorizon {
		return b.set["end_year"].err("the horizon %d–%d is longer than %d years", sc.StartYear, sc.EndYear, maxHorizon)
	}
	for a := range model.NumActors {
		k := "actors." + a.String()
		if _, ok := b.set[k+".gdp_usd_bn"]; !ok {
			return missing(k+".gdp_usd_bn", "every actor needs its start-year GDP")
		}
		_, path := b.set[k+".defense_pct"]
		_, initial := b.set[k+".initial_defense_pct"]
		if !path && !initial {
			return missing(k+".defense_pct", "give a policy path (defense_pct) or, for an actor that decides by its own rule, initial_defense_pct")
		}
	}
	for _, k := range []string{"alliance.krw_per_usd", "alliance.trust_pct"} {
		if _, ok := b.set[k]; !ok {
			return missing(k, "the alliance needs an exchange rate and a start-year trust level")
		}
	}
	horizon := fmt.Sprintf("the horizon %d–%d", sc.StartYear, sc.EndYear)
	for _, k := range slices.Sorted(maps.Keys(b.paths)) {
		pv := b.paths[k]
		for _, y := range pv.Years {
			if len(pv.Years) == 1 && y == 0 {
				continue // a constant
			}
			if y < sc.StartYear || y > sc.EndYear {
				w := b.set[k]
				return w.f.err(w.path.with(fmt.Sprint(y)), "year %d is outside %s", y, horizon)
			}
		}
	}
	for i, inv := range sc.Investments {
		w := b.invs[i]
		if inv.StartYear < sc.StartYear || inv.StartYear > sc.EndYear {
			return w.f.err(w.path.with("start_year"), "year %d is outside %s", inv.StartYear, horizon)
		}
		if inv.EndYear > sc.EndYear {
			b.warn(w.f, w.path.with("end_year"), "the package runs to %d, after the horizon ends in %d: later disbursements are not simulated", inv.EndYear, sc.EndYear)
		}
		if inv.EndYear != 0 && inv.AnnualCap > 0 {
			years := float64(inv.EndYear - inv.StartYear + 1)
			if inv.AnnualCap*years < inv.TotalUSDbn {
				b.warn(w.f, w.path, "at %v a year over %v years only %v of the %v USD bn is disbursed", inv.AnnualCap, years, inv.AnnualCap*years, inv.TotalUSDbn)
			}
		}
	}
	for i, e := range sc.Events {
		if e.Year <= sc.StartYear || e.Year > sc.EndYear {
			w := b.evs[i]
			return w.f.err(w.path.with("year"), "year %d is outside the simulated years %d–%d (the start year %d is the calibrated record; events begin the year after)", e.Year, sc.StartYear+1, sc.EndYear, sc.StartYear)
		}
	}
	sortWarnings(b.warnings)
	return sc.Validate()
}

func sortWarnings(w []string) { slices.Sort(w) }
