package scenario

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"simulate/model"
)

// The years a scenario may name: the horizon, path points, events and
// packages all lie in minYear..maxYear.
const (
	minYear = 1900
	maxYear = 2200
)

// longHorizon is the number of simulated years beyond which a scenario
// draws a warning.
const longHorizon = 60

// Upper bounds on start values. They are far beyond any real figure (world
// GDP is about 110,000 USD bn) and exist only so that no value is large
// enough to overflow the model's arithmetic.
const (
	maxUSDbn   = 1e6 // USD bn: a thousand trillion dollars
	maxCount   = 1e6 // people (millions or thousands), warheads, thousand tonnes
	maxGrowPct = 30  // % per year
)

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
	order    []where          // every value set, in the order it was set
	paths    map[string]model.Path
	invs     []where
	evs      []where
	files    []*file  // applied so far, parents first
	warnings []*Error // sorted by file and line in finish
	rsk      riskState
	clm      claimState
	all      bool   // keep going after an error, collecting them in errs (LoadAll)
	errs     Errors // the errors collected
}

// keep reports whether to go on after err (nil or not): with all set it
// records err and goes on; otherwise it goes on only when err is nil.
func (b *builder) keep(err error) bool {
	if err == nil {
		return true
	}
	var e *Error
	if !b.all || !errors.As(err, &e) {
		return false
	}
	b.errs = append(b.errs, e)
	return true
}

func newBuilder() *builder {
	b := &builder{set: map[string]where{}, paths: map[string]model.Path{}}
	b.sc.Params = model.DefaultParams()
	b.sc.Runs = 1
	return b
}

// clone returns a copy of b that can be applied to and finished without
// changing b. Its maps and slices are copied; what they hold (decoded
// files, paths, positions, errors) is never changed once made, so it is
// shared.
func (b *builder) clone() *builder {
	c := *b
	c.sc.Investments = slices.Clone(b.sc.Investments)
	c.sc.Events = slices.Clone(b.sc.Events)
	c.sc.Risks = slices.Clone(b.sc.Risks)
	c.sc.Uncertain = slices.Clone(b.sc.Uncertain)
	c.set, c.paths = maps.Clone(b.set), maps.Clone(b.paths)
	c.order, c.invs, c.evs = slices.Clone(b.order), slices.Clone(b.invs), slices.Clone(b.evs)
	c.files, c.warnings = slices.Clone(b.files), slices.Clone(b.warnings)
	c.rsk.risks = slices.Clone(b.rsk.risks)
	c.clm.claims, c.clm.where = slices.Clone(b.clm.claims), slices.Clone(b.clm.where)
	c.errs = slices.Clone(b.errs)
	return &c
}

// mark records that f set the value at path.
func (b *builder) mark(f *file, path keyPath) {
	w := where{f, path}
	b.set[path.String()] = w
	b.order = append(b.order, w)
}

// changedBy returns the key paths f set, in file order.
func (b *builder) changedBy(f *file) []string {
	var ws []where
	for _, w := range b.order {
		if w.f == f {
			ws = append(ws, w)
		}
	}
	sort.SliceStable(ws, func(i, j int) bool { return f.loc.line(ws[i].path) < f.loc.line(ws[j].path) })
	var out []string
	seen := map[string]bool{}
	for _, w := range ws {
		if k := w.path.String(); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// warn records a warning about a plausible but odd value, in the form of an
// error message: "FILE:LINE: KEY: MSG".
func (b *builder) warn(f *file, path keyPath, format string, args ...any) {
	b.warnings = append(b.warnings, f.err(path, format, args...).(*Error))
}

// Top-level keys, in documentation order.
var topKeys = []string{"title", "description", "extends", "start_year", "end_year", "seed", "runs",
	"actors", "alliance", "region", "params", "investments", "events", "risks", "uncertainty", "claims", "unset"}

func (b *builder) apply(f *file) error {
	b.files = append(b.files, f)
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
			y, err = integer(f, p, v, minYear, maxYear, "a year")
			b.sc.StartYear = int(y)
		case "end_year":
			var y int64
			y, err = integer(f, p, v, minYear, maxYear, "a year")
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
			err = b.fields(f, p, v, allianceFields)
		case "region":
			err = b.fields(f, p, v, regionFields)
		case "params":
			err = b.params(f, p, v)
		case "investments":
			err = b.investments(f, p, v)
		case "events":
			err = b.events(f, p, v)
		case "risks":
			err = b.risks(f, p, v)
		case "uncertainty":
			err = b.uncertainty(f, p, v)
		case "claims":
			err = b.claims(f, p, v)
		case unsetKey:
			err = b.unset(f, p, v)
		default:
			err = unknownKey(f, p, k, topKeys)
		}
		if !b.keep(err) {
			return err
		}
		switch k {
		case "actors", "alliance", "region", "params", "investments", "events", "risks", "uncertainty", "claims":
			// Their keys or entries are marked one by one.
		default:
			b.mark(f, p)
		}
	}
	return nil
}

// actorField describes a key under [actors.<ACTOR>].
type actorField struct {
	key    string
	lo, hi float64
	unit   string
	path   bool          // a value that may vary over time
	only   []model.Actor // actors the key applies to (nil: all)
	// num or pth (for a path) is where the key's value lives: the loader
	// sets it there and -set reads and sets it there, so a key is
	// described once, in this table.
	num func(*model.ActorInputs) *float64
	pth func(*model.ActorInputs) *model.Path
}

var actorFields = []actorField{
	{key: "gdp_usd_bn", lo: 1e-6, hi: maxUSDbn, unit: "USD bn", num: func(a *model.ActorInputs) *float64 { return &a.GDP }},
	{key: "gdp_growth_pct", lo: -maxGrowPct, hi: maxGrowPct, unit: "% per year", path: true, pth: func(a *model.ActorInputs) *model.Path { return &a.GrowthPct }},
	{key: "inflation_pct", lo: -20, hi: 100, unit: "% per year", path: true, pth: func(a *model.ActorInputs) *model.Path { return &a.InflationPct }},
	{key: "defense_pct", lo: 0, hi: 60, unit: "% of GDP", path: true, pth: func(a *model.ActorInputs) *model.Path { return &a.DefensePct }},
	{key: "initial_defense_pct", lo: 0.01, hi: 60, unit: "% of GDP", num: func(a *model.ActorInputs) *float64 { return &a.InitialDefensePct }},
	{key: "population_m", lo: 0, hi: maxCount, unit: "million people", num: func(a *model.ActorInputs) *float64 { return &a.PopulationM }},
	{key: "population_growth_pct", lo: -10, hi: 10, unit: "% per year", path: true, pth: func(a *model.ActorInputs) *model.Path { return &a.PopulationGrowthPct }},
	{key: "personnel_k", lo: 0, hi: maxCount, unit: "thousand active personnel", path: true, pth: func(a *model.ActorInputs) *model.Path { return &a.PersonnelK }},
	{key: "naval_kt", lo: 0, hi: maxCount, unit: "thousand tonnes", only: []model.Actor{model.US, model.ROK, model.CHN, model.JPN}, num: func(a *model.ActorInputs) *float64 { return &a.NavalKt }},
	{key: "shipbuilding_share_pct", lo: 0, hi: 100, unit: "% of world output", only: []model.Actor{model.US, model.ROK, model.CHN, model.JPN}, num: func(a *model.ActorInputs) *float64 { return &a.ShipbuildingPct }},
	{key: "warheads", lo: 0, hi: maxCount, unit: "warheads", only: []model.Actor{model.DPRK}, num: func(a *model.ActorInputs) *float64 { return &a.Warheads }},
	{key: "arms_exports_usd_bn", lo: 0, hi: maxUSDbn, unit: "USD bn per year", only: []model.Actor{model.ROK}, num: func(a *model.ActorInputs) *float64 { return &a.ArmsExports }},
	{key: "military_capital_usd_bn", lo: 0, hi: maxUSDbn, unit: "USD bn", num: func(a *model.ActorInputs) *float64 { return &a.MilitaryCapital }},
}

// actorFieldKeys returns the keys of [actors.A] that apply to actor a.
func actorFieldKeys(a model.Actor) []string {
	var out []string
	for _, fd := range actorFields {
		if fd.only == nil || slices.Contains(fd.only, a) {
			out = append(out, fd.key)
		}
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
			return unknownActor(f, path.with(code), code)
		}
		am, err := table(f, path.with(code), m[code])
		if err != nil {
			return err
		}
		for _, k := range sortedKeys(f, path.with(code), am) {
			p := path.with(code, k)
			fd, ok := lookupActorField(k)
			if !ok {
				if err := unknownKey(f, p, k, actorFieldKeys(a)); !b.keep(err) {
					return err
				}
				continue
			}
			if fd.only != nil && !slices.Contains(fd.only, a) {
				if err := f.err(p, "%s is not modelled for %s (only for %s)", k, a, joinActors(fd.only)); !b.keep(err) {
					return err
				}
				continue
			}
			in := &b.sc.Actors[a]
			if fd.path {
				pv, err := pathValue(f, p, am[k], fd.lo, fd.hi, fd.unit)
				if err != nil {
					if !b.keep(err) {
						return err
					}
					continue
				}
				*fd.pth(in) = pv
				b.paths[p.String()] = pv
			} else {
				x, err := numberIn(f, p, am[k], fd.lo, fd.hi, fd.unit)
				if err != nil {
					if !b.keep(err) {
						return err
					}
					continue
				}
				*fd.num(in) = x
			}
			b.mark(f, p)
			b.oddActorValue(f, p, a, k, am[k])
		}
		b.defenseRule(f, path.with(code), a, am)
	}
	return nil
}

// defenseRule settles how actor a's defense share is set after f's
// [actors.A] table is applied. A path (defense_pct) wins over a start value
// for the decision rule (initial_defense_pct) in the same file, with a
// warning; a file that sets only initial_defense_pct hands an actor whose
// path came from a file it extends back to its decision rule.
func (b *builder) defenseRule(f *file, p keyPath, a model.Actor, am map[string]any) {
	_, path := am["defense_pct"]
	_, initial := am["initial_defense_pct"]
	switch {
	case path && initial:
		b.warn(f, p.with("initial_defense_pct"), "not used: defense_pct sets %s's share, so its decision rule is off; remove one of the two", a)
	case initial:
		key := p.with("defense_pct").String()
		if _, inherited := b.set[key]; inherited {
			b.sc.Actors[a].DefensePct = model.Path{}
			delete(b.set, key)
			delete(b.paths, key)
		}
	}
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
		b.warn(f, p, "a defense share above 10%% of GDP is far beyond what the US, ROK, CHN or JPN has spent since the Cold War")
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
	{key: "us_commitment_pct", lo: 0, hi: 100, unit: "index, 100 = full commitment", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.USCommitmentPct }},
	{key: "tariff_pct", lo: 0, hi: 100, unit: "% on ROK goods", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.TariffPct }},
	{key: "host_nation_support_krw_tn", lo: 0, hi: 100, unit: "tn KRW per year", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.HNSKRWtn }},
	{key: "hns_start_krw_tn", lo: 0, hi: 100, unit: "tn KRW per year", num: func(s *model.Scenario) *float64 { return &s.Alliance.HNSStartKRWtn }},
	{key: "krw_per_usd", lo: 1, hi: 100000, unit: "KRW per USD", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.KRWPerUSD }},
	{key: "rok_cpi_pct", lo: -20, hi: 100, unit: "% per year", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.ROKCPIPct }},
	{key: "trust_pct", lo: 0, hi: 100, unit: "index", num: func(s *model.Scenario) *float64 { return &s.Alliance.TrustPct }},
	{key: "ncg_pct", lo: 0, hi: 100, unit: "index, 100 = a fully institutionalized Nuclear Consultative Group", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.NCGPct }},
	{key: "exercises_pct", lo: 0, hi: 100, unit: "index, 100 = combined exercises at their largest scale", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.ExercisesPct }},
	{key: "asset_visits_pct", lo: 0, hi: 100, unit: "index, 100 = US strategic assets on the peninsula year-round", path: true, pth: func(s *model.Scenario) *model.Path { return &s.Alliance.AssetVisitsPct }},
	{key: "trilateral_institution", lo: 0, hi: 1, unit: "level", num: func(s *model.Scenario) *float64 { return &s.Alliance.Trilateral }},
}

var regionFields = []allianceField{
	{key: "russia_dprk_cooperation", lo: 0, hi: 1, unit: "level", num: func(s *model.Scenario) *float64 { return &s.Region.RussiaDPRK }},
	{key: "dprk_provocation", lo: 0, hi: 1, unit: "level", num: func(s *model.Scenario) *float64 { return &s.Region.Provocation }},
	{key: "taiwan_tension", lo: 0, hi: 1, unit: "level", num: func(s *model.Scenario) *float64 { return &s.Region.Taiwan }},
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
			if err := unknownKey(f, p, k, known); !b.keep(err) {
				return err
			}
			continue
		}
		if fd.path {
			pv, err := pathValue(f, p, m[k], fd.lo, fd.hi, fd.unit)
			if err != nil {
				if !b.keep(err) {
					return err
				}
				continue
			}
			*fd.pth(&b.sc) = pv
			b.paths[p.String()] = pv
		} else {
			x, err := numberIn(f, p, m[k], fd.lo, fd.hi, fd.unit)
			if err != nil {
				if !b.keep(err) {
					return err
				}
				continue
			}
			*fd.num(&b.sc) = x
		}
		b.mark(f, p)
	}
	return nil
}

// params applies [params] (a coefficient for every actor, or a global one)
// and [params.<ACTOR>] (a per-actor coefficient for one actor). Within a
// file the per-actor tables win over [params], whatever their order.
func (b *builder) params(f *file, path keyPath, v any) error {
	m, err := table(f, path, v)
	if err != nil {
		return err
	}
	keys := sortedKeys(f, path, m)
	for _, k := range keys { // [params] first
		if _, isActor := model.ParseActor(k); isActor {
			continue
		}
		p := path.with(k)
		spec, ok := model.LookupParam(k)
		if !ok {
			if _, isTable := m[k].(map[string]any); isTable {
				return unknownActor(f, p, k)
			}
			return unknownParam(f, p, k)
		}
		x, err := number(f, p, m[k])
		if err != nil {
			return err
		}
		if !spec.PerActor {
			if err := b.setParam(f, p, spec, 0, x); err != nil {
				return err
			}
			continue
		}
		for a := range model.NumActors {
			if err := b.setParam(f, p, spec, a, x); err != nil {
				return err
			}
		}
	}
	for _, k := range keys { // then [params.ACTOR]
		a, isActor := model.ParseActor(k)
		if !isActor {
			continue
		}
		p := path.with(k)
		am, err := table(f, p, m[k])
		if err != nil {
			return err
		}
		for _, pk := range sortedKeys(f, p, am) {
			spec, ok := model.LookupParam(pk)
			if !ok {
				return unknownParam(f, p.with(pk), pk)
			}
			if !spec.PerActor {
				return f.err(p.with(pk), "%s is one coefficient for the whole model, not one per actor: set it under [params], not [params.%s]", pk, a)
			}
			x, err := number(f, p.with(pk), am[pk])
			if err != nil {
				return err
			}
			if err := b.setParam(f, p.with(pk), spec, a, x); err != nil {
				return err
			}
		}
	}
	return nil
}

func unknownParam(f *file, p keyPath, key string) error {
	var known []string
	for _, s := range model.ParamSpecs() {
		known = append(known, s.Key)
	}
	return f.err(p, "unknown coefficient %q%s (simulate list -params lists every coefficient with its unit and range)", key, Suggest(key, known))
}

// setParam sets coefficient spec (for actor a if it is per-actor) to x,
// which must lie in the coefficient's plausible range for that actor.
func (b *builder) setParam(f *file, p keyPath, spec *model.ParamSpec, a model.Actor, x float64) error {
	lo, hi := spec.Range(a)
	if x < lo || x > hi {
		unit := spec.Unit
		if unit == "1" {
			unit = ""
		}
		who := ""
		if spec.PerActor && !sameRangeForAll(spec) {
			who = " for " + a.String()
		}
		hint := ""
		if who != "" && len(p) == 2 {
			hint = fmt.Sprintf("; its range differs by actor, so set it for each actor under [params.%s] and the others", a)
		}
		return f.err(p, "%s is outside the plausible range%s: expected %s%s", num(x), who, rangeText(lo, hi, unit), hint)
	}
	spec.Set(&b.sc.Params, a, x)
	b.mark(f, p)
	return nil
}

func sameRangeForAll(spec *model.ParamSpec) bool {
	lo0, hi0 := spec.Range(0)
	for a := range model.NumActors {
		if lo, hi := spec.Range(a); lo != lo0 || hi != hi0 {
			return false
		}
	}
	return true
}

var investmentKeys = []string{"name", "from", "to", "sector", "total_usd_bn", "start_year", "end_year", "annual_cap_usd_bn", "third_party"}

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
			case "third_party":
				if inv.ThirdParty, err = stringValue(f, kp, m[k]); err == nil {
					if _, isActor := model.ParseActor(inv.ThirdParty); isActor || strings.TrimSpace(inv.ThirdParty) == "" {
						err = f.err(kp, "third_party %q must name a party that is not one of the five actors (give it as from instead)", inv.ThirdParty)
					}
				}
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
						err = f.err(kp, "unknown sector %q%s (sectors: %s)", s, Suggest(s, model.SectorNames()), strings.Join(model.SectorNames(), ", "))
					}
				}
			case "total_usd_bn":
				inv.TotalUSDbn, err = numberIn(f, kp, m[k], 1e-9, maxUSDbn, "USD bn")
			case "annual_cap_usd_bn":
				inv.AnnualCap, err = numberIn(f, kp, m[k], 1e-9, maxUSDbn, "USD bn per year")
			case "start_year", "end_year":
				var y int64
				y, err = integer(f, kp, m[k], minYear, maxYear, "a year")
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
		_, hasFrom := m["from"]
		_, hasThird := m["third_party"]
		if hasFrom && hasThird {
			return f.err(p.with("third_party"), "give from (one of the five actors) or third_party (any other party), not both")
		}
		for _, req := range []string{"name", "from", "to", "sector", "total_usd_bn", "start_year"} {
			if _, ok := m[req]; !ok && !(req == "from" && hasThird) {
				return f.err(p, "missing key %q (an investment needs %s; from may be replaced by third_party)", req, strings.Join(investmentKeys[:6], ", "))
			}
		}
		if !hasThird && inv.From == inv.To {
			return f.err(p.with("to"), "an investment must go from one actor to another (from and to are both %s)", inv.From)
		}
		if inv.EndYear == 0 && inv.AnnualCap == 0 {
			return f.err(p, "give end_year, annual_cap_usd_bn or both, so the package has a disbursement schedule")
		}
		if inv.EndYear != 0 && inv.EndYear < inv.StartYear {
			return f.err(p.with("end_year"), "end_year %d is before start_year %d", inv.EndYear, inv.StartYear)
		}
		if inv.To != model.US && inv.Sector != model.Shipbuilding {
			// The model follows packages into the US (ROK's: investment
			// stock, integration, tariff; other allies': competition for US
			// commitment) and shipbuilding packages into any actor (its
			// yards); other packages change nothing.
			b.warn(f, p, "a %s package from %s to %s has no effect: the model follows packages into the US and shipbuilding packages into any actor", inv.Sector, inv.Source(), inv.To)
		}
		b.sc.Investments = append(b.sc.Investments, inv)
		b.invs = append(b.invs, where{f, p})
		b.mark(f, p)
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
				y, err = integer(f, kp, m[k], minYear, maxYear, "a year")
				e.Year = int(y)
			case "kind":
				e.Kind, err = eventKindValue(f, kp, m[k])
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
		if err := b.eventActor(f, p, m, e.Kind, e.Actor, "event"); err != nil {
			return err
		}
		b.sc.Events = append(b.sc.Events, e)
		b.evs = append(b.evs, where{f, p})
		b.mark(f, p)
	}
	return nil
}

func unknownActor(f *file, p keyPath, code string) error {
	hint := Suggest(code, model.ActorCodes())
	if a, ok := actorAliases[strings.ToLower(strings.TrimSpace(code))]; ok {
		hint = fmt.Sprintf("; did you mean %q?", a.String())
	}
	return f.err(p, "unknown actor %q%s (actors: %s)", code, hint, strings.Join(model.ActorCodes(), ", "))
}

// actorAliases are names a user may write for an actor instead of its code.
var actorAliases = map[string]model.Actor{
	"usa": model.US, "united states": model.US, "america": model.US,
	"korea": model.ROK, "south korea": model.ROK, "republic of korea": model.ROK, "kor": model.ROK,
	"north korea": model.DPRK, "prk": model.DPRK, "nk": model.DPRK,
	"china": model.CHN, "prc": model.CHN,
	"japan": model.JPN, "jp": model.JPN,
}

func actorValue(f *file, p keyPath, v any) (model.Actor, error) {
	s, err := stringValue(f, p, v)
	if err != nil {
		return 0, err
	}
	a, ok := model.ParseActor(s)
	if !ok {
		return 0, unknownActor(f, p, s)
	}
	return a, nil
}

// horizonFrom says where the horizon was set when it was not (only) in f,
// so that an error in one file caused by another's horizon names the
// other: " (end_year is set in 3.5pct.toml)", " (the horizon is set in
// baseline.toml)".
func (b *builder) horizonFrom(f *file) string {
	start, end := b.set["start_year"].f, b.set["end_year"].f
	switch {
	case start == f && end == f:
		return ""
	case start == end:
		return fmt.Sprintf(" (the horizon is set in %s)", start.display)
	case start == f:
		return fmt.Sprintf(" (end_year is set in %s)", end.display)
	case end == f:
		return fmt.Sprintf(" (start_year is set in %s)", start.display)
	}
	return fmt.Sprintf(" (start_year is set in %s, end_year in %s)", start.display, end.display)
}

// finish runs the checks that need every file applied: required keys, the
// horizon, and warnings about odd combinations. own is the scenario's own
// file, named in errors about keys that no file sets.
func (b *builder) finish(own *file) error {
	sc := &b.sc
	missing := func(k, why string) error {
		return &Error{File: own.display, Key: k, Msg: "missing: " + why + " (here or in a file it extends)"}
	}
	for _, req := range []string{"title", "start_year", "end_year"} {
		if _, ok := b.set[req]; !ok {
			return missing(req, "every scenario sets title, start_year and end_year")
		}
	}
	if sc.EndYear <= sc.StartYear {
		return b.set["end_year"].err("end_year %d is not after start_year %d; a scenario simulates at least one year after its start", sc.EndYear, sc.StartYear)
	}
	if n := sc.EndYear - sc.StartYear; n > longHorizon {
		b.warn(b.set["end_year"].f, b.set["end_year"].path, "a horizon of %d years is long for a model whose coefficients describe today's region; read the later years with care", n)
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
	b.warnOddRate()
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
				return w.f.err(w.path.with(fmt.Sprint(y)), "year %d is outside %s%s", y, horizon, b.horizonFrom(w.f))
			}
		}
	}
	for i, inv := range sc.Investments {
		w := b.invs[i]
		if inv.StartYear < sc.StartYear || inv.StartYear > sc.EndYear {
			return w.f.err(w.path.with("start_year"), "year %d is outside %s%s", inv.StartYear, horizon, b.horizonFrom(w.f))
		}
		if inv.EndYear > sc.EndYear {
			b.warn(w.f, w.path.with("end_year"), "the package runs to %d, after the horizon ends in %d: later disbursements are not simulated", inv.EndYear, sc.EndYear)
		}
		if inv.EndYear != 0 && inv.AnnualCap > 0 {
			years := float64(inv.EndYear - inv.StartYear + 1)
			if inv.AnnualCap*years < inv.TotalUSDbn {
				b.warn(w.f, w.path, "at %s USD bn a year over %s years only %s of the %s USD bn is disbursed", num(inv.AnnualCap), num(years), num(inv.AnnualCap*years), num(inv.TotalUSDbn))
			}
		}
	}
	for i, e := range sc.Events {
		if e.Year <= sc.StartYear || e.Year > sc.EndYear {
			w := b.evs[i]
			return w.f.err(w.path.with("year"), "year %d is outside the simulated years %d–%d: the start year %d is the calibrated record, and events begin the year after%s", e.Year, sc.StartYear+1, sc.EndYear, sc.StartYear, b.horizonFrom(w.f))
		}
	}
	if err := b.finishRisks(); err != nil {
		return err
	}
	if err := b.finishClaims(); err != nil {
		return err
	}
	fileIndex := func(name string) int {
		return slices.IndexFunc(b.files, func(f *file) bool { return f.display == name })
	}
	slices.SortStableFunc(b.warnings, func(x, y *Error) int {
		if d := fileIndex(x.File) - fileIndex(y.File); d != 0 {
			return d
		}
		return x.Line - y.Line
	})
	if err := sc.Validate(); err != nil {
		// The checks above should catch everything Validate does; this
		// keeps a scenario error an *Error (exit status 2) if not.
		return &Error{File: own.display, Msg: err.Error()}
	}
	return nil
}

// warnOddRate warns about an exchange rate far from the won's range.
func (b *builder) warnOddRate() {
	if w, ok := b.set["alliance.krw_per_usd"]; ok {
		for _, v := range b.sc.Alliance.KRWPerUSD.Values {
			if v < plausibleKRWPerUSD[0] || v > plausibleKRWPerUSD[1] {
				b.warn(w.f, w.path, "%v KRW per USD is far from the won's range since 1998 (about 1,000–1,500); host-nation support in dollars scales with it", v)
				break
			}
		}
	}
}

// plausibleKRWPerUSD bounds the exchange rates that draw no warning (the
// won has traded at roughly 900–1,600 per dollar since 1998: judgment).
var plausibleKRWPerUSD = [2]float64{700, 2000}
