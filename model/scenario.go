package model

import (
	"fmt"
	"sort"
)

// Path is a value that may vary over time: piecewise linear between its
// points, flat before the first and after the last. A Path with no points is
// unset.
type Path struct {
	Years  []int
	Values []float64
}

// Const returns a path with the constant value v.
func Const(v float64) Path { return Path{Years: []int{0}, Values: []float64{v}} }

// PathOf returns a path through the given year → value points.
func PathOf(points map[int]float64) Path {
	var p Path
	for y := range points {
		p.Years = append(p.Years, y)
	}
	sort.Ints(p.Years)
	for _, y := range p.Years {
		p.Values = append(p.Values, points[y])
	}
	return p
}

// IsSet reports whether the path has at least one point.
func (p Path) IsSet() bool { return len(p.Years) > 0 }

// At returns the path's value in year y (0 if the path is unset).
func (p Path) At(y int) float64 {
	n := len(p.Years)
	switch {
	case n == 0:
		return 0
	case y <= p.Years[0]:
		return p.Values[0]
	case y >= p.Years[n-1]:
		return p.Values[n-1]
	}
	i := sort.SearchInts(p.Years, y) // p.Years[i-1] < y <= p.Years[i]
	if p.Years[i] == y {
		return p.Values[i]
	}
	y0, y1 := p.Years[i-1], p.Years[i]
	v0, v1 := p.Values[i-1], p.Values[i]
	return v0 + (v1-v0)*float64(y-y0)/float64(y1-y0)
}

// ActorInputs are an actor's start-year values and scenario paths.
type ActorInputs struct {
	GDP                 float64 // USD bn (current), start year
	GrowthPct           Path    // real GDP growth, % per year
	InflationPct        Path    // GDP deflator (and, for ROK, CPI) inflation in US dollar terms, % per year
	DefensePct          Path    // policy path for the defense share, % of GDP; unset: decision rule
	InitialDefensePct   float64 // start-year defense share when DefensePct is unset, % of GDP
	PopulationM         float64 // million people, start year
	PopulationGrowthPct Path    // % per year
	PersonnelK          Path    // active military personnel, thousands
	NavalKt             float64 // battle-force warship tonnage, thousand tonnes (full load), start year
	ShipbuildingPct     float64 // share of world shipbuilding output, %, start year
	Warheads            float64 // nuclear warheads, start year (DPRK's arsenal grows in the model)
	ArmsExports         float64 // arms-export contracts, USD bn/yr, start year (ROK)
	MilitaryCapital     float64 // USD bn, start year; 0: steady-state perpetual-inventory value
}

// Levels of the signalling levers when a scenario gives none, 0–100
// (judgment; the bundled baseline sets them with its sources): the NCG
// meets and plans but is not yet a joint decision forum (Washington
// Declaration 2023); combined exercises at full scale again since 2023
// (Ulchi Freedom Shield); strategic assets visit a few times a year.
const (
	DefaultNCGPct         = 60.0
	DefaultExercisesPct   = 70.0
	DefaultAssetVisitsPct = 50.0
)

// AllianceInputs are the US–ROK alliance's start values and scenario paths.
type AllianceInputs struct {
	USCommitmentPct Path    // 0–100; unset: endogenous (transactional rule)
	TariffPct       Path    // US tariff on ROK goods, %; unset: endogenous (packages and disputes)
	HNSKRWtn        Path    // host-nation support, tn KRW; unset: Special Measures Agreement rule
	HNSStartKRWtn   float64 // host-nation support in the start year, tn KRW (for the SMA rule)
	KRWPerUSD       Path    // exchange rate, KRW per USD
	ROKCPIPct       Path    // ROK consumer-price inflation in won, % per year, for the SMA rule; unset: ROK's inflation_pct
	TrustPct        float64 // alliance trust in the start year, 0–100
	NCGPct          Path    // institutionalization of the Nuclear Consultative Group, 0–100
	ExercisesPct    Path    // scale of combined US–ROK exercises, 0–100
	AssetVisitsPct  Path    // frequency of US strategic-asset visits to the peninsula, 0–100
	Trilateral      float64 // institutionalization of US–ROK–JPN coordination in the start year, 0–1
}

// RegionInputs are start levels of the regional drivers, each 0–1.
type RegionInputs struct {
	RussiaDPRK  float64 // Russia–DPRK military cooperation
	Provocation float64 // DPRK provocation level (missile tests, incidents)
	Taiwan      float64 // Taiwan Strait tension
}

// Sector is an investment package's sector.
type Sector int

// Investment sectors. Shipbuilding investment raises the recipient's
// shipbuilding capacity; every sector counts toward the investment stock and
// industrial integration.
const (
	Shipbuilding Sector = iota
	Semiconductors
	Energy
	OtherSector
	numSectors
)

var sectorNames = [numSectors]string{"shipbuilding", "semiconductors", "energy", "other"}

func (s Sector) String() string {
	if s < 0 || s >= numSectors {
		return "?"
	}
	return sectorNames[s]
}

// SectorNames lists the sector names accepted in scenario files.
func SectorNames() []string { return append([]string(nil), sectorNames[:]...) }

// ParseSector returns the sector with the given name.
func ParseSector(name string) (Sector, bool) {
	for s, n := range sectorNames {
		if n == name {
			return Sector(s), true
		}
	}
	return 0, false
}

// Investment is a package disbursed from one actor to another over years.
// A package from a party that is not one of the five agents (Taiwan's
// package in the US, say) names it in ThirdParty; From is then unused.
type Investment struct {
	Name       string
	From, To   Actor
	ThirdParty string
	Sector     Sector
	TotalUSDbn float64
	StartYear  int
	EndYear    int     // last year of disbursement; 0: until the total is paid at AnnualCap
	AnnualCap  float64 // USD bn a year; 0: no cap
}

// Source returns the package's origin: the third party's name or the
// actor's code.
func (inv Investment) Source() string {
	if inv.ThirdParty != "" {
		return inv.ThirdParty
	}
	return inv.From.String()
}

// fromROK reports whether the package is ROK's.
func (inv Investment) fromROK() bool { return inv.ThirdParty == "" && inv.From == ROK }

// Disbursement returns the amount (USD bn) the package disburses in year y:
// the total spread evenly over StartYear..EndYear and never more than
// AnnualCap; without EndYear, AnnualCap a year until the total is paid.
func (inv Investment) Disbursement(y int) float64 {
	if y < inv.StartYear || inv.TotalUSDbn <= 0 {
		return 0
	}
	if inv.EndYear == 0 {
		if inv.AnnualCap <= 0 {
			return 0
		}
		paid := float64(y-inv.StartYear) * inv.AnnualCap
		return clamp(inv.TotalUSDbn-paid, 0, inv.AnnualCap)
	}
	if y > inv.EndYear {
		return 0
	}
	even := inv.TotalUSDbn / float64(inv.EndYear-inv.StartYear+1)
	if inv.AnnualCap > 0 && even > inv.AnnualCap {
		return inv.AnnualCap
	}
	return even
}

// EventKind is the kind of a scheduled or random event.
type EventKind int

// Event kinds.
const (
	PoliticalCrisis       EventKind = iota // an actor's domestic crisis: trust falls, then recovers
	DPRKProvocation                        // missile tests, incidents: the DPRK threat jumps
	RussiaDPRKCooperation                  // raises the DPRK threat and warhead production for years
	TaiwanStraitCrisis                     // regional tension; pressure on ROK and JPN
	TradeDispute                           // tariff up, trust and cohesion down
	numEventKinds
)

var eventKindNames = [numEventKinds]string{"political_crisis", "dprk_provocation", "russia_dprk_cooperation", "taiwan_strait_crisis", "trade_dispute"}

func (k EventKind) String() string {
	if k < 0 || k >= numEventKinds {
		return "?"
	}
	return eventKindNames[k]
}

// EventKindNames lists the event kinds accepted in scenario files.
func EventKindNames() []string { return append([]string(nil), eventKindNames[:]...) }

// ParseEventKind returns the event kind with the given name.
func ParseEventKind(name string) (EventKind, bool) {
	for k, n := range eventKindNames {
		if n == name {
			return EventKind(k), true
		}
	}
	return 0, false
}

// NeedsActor reports whether events of this kind name an actor.
func (k EventKind) NeedsActor() bool { return k == PoliticalCrisis }

// Event is something that happens in a year with a severity in 0..1.
type Event struct {
	Year     int
	Kind     EventKind
	Actor    Actor // for political_crisis
	Severity float64
}

// Scenario is everything a run needs: horizon, start values, paths,
// packages, events and coefficients.
type Scenario struct {
	Title       string
	Description string
	StartYear   int
	EndYear     int
	Seed        uint64
	Runs        int

	Actors      [NumActors]ActorInputs
	Alliance    AllianceInputs
	Region      RegionInputs
	Investments []Investment
	Events      []Event
	Params      Params

	// Risks are random events of stochastic runs, and Uncertain the
	// coefficients each run of an ensemble draws from its plausible range.
	// A single run (Run) uses neither: it is the scenario's reference run.
	Risks     []Risk
	Uncertain []ParamRef
}

// Years returns the number of years in the horizon.
func (s *Scenario) Years() int { return s.EndYear - s.StartYear + 1 }

// Validate checks the invariants the model relies on. Loaders report
// friendlier, positioned errors first; this is the last line of defense for
// scenarios built in code.
func (s *Scenario) Validate() error {
	if s.EndYear < s.StartYear {
		return fmt.Errorf("end_year %d is before start_year %d", s.EndYear, s.StartYear)
	}
	for a := range NumActors {
		in := &s.Actors[a]
		if !(in.GDP > 0) {
			return fmt.Errorf("actors.%s.gdp_usd_bn must be positive", a)
		}
		if !in.DefensePct.IsSet() && !(in.InitialDefensePct > 0) {
			return fmt.Errorf("actors.%s: set defense_pct or initial_defense_pct", a)
		}
	}
	if !s.Alliance.KRWPerUSD.IsSet() || !(s.Alliance.KRWPerUSD.At(s.StartYear) > 0) {
		return fmt.Errorf("alliance.krw_per_usd must be positive")
	}
	for i, r := range s.Risks {
		switch {
		case r.Kind < 0 || r.Kind >= numEventKinds:
			return fmt.Errorf("risks[%d]: unknown event kind %d", i, r.Kind)
		case r.Actor < 0 || r.Actor >= NumActors:
			return fmt.Errorf("risks[%d]: unknown actor %d", i, r.Actor)
		case !(r.Probability >= 0 && r.Probability <= 1):
			return fmt.Errorf("risks[%d]: annual probability %v is not in 0..1", i, r.Probability)
		case !(r.SeverityMin >= 0 && r.SeverityMin <= r.SeverityMax && r.SeverityMax <= 1):
			return fmt.Errorf("risks[%d]: severity %v..%v is not a range within 0..1", i, r.SeverityMin, r.SeverityMax)
		}
	}
	return nil
}
