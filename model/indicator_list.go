package model

// IndicatorID names a reported indicator, as series.csv and the command
// line spell it. Code outside this package names indicators by these
// constants, never by string literals; the registry below (indicatorDefs)
// gives each its unit, meaning, subjects and value, and a test keeps the
// constants and the registry in step. Adding an indicator is a constant
// here and a row there.
type IndicatorID string

func (id IndicatorID) String() string { return string(id) }

// The indicators, in report order: the contract's table, then the model's
// additional indicators.
const (
	IndGDP                     IndicatorID = "gdp"
	IndDefenseShare            IndicatorID = "defense_share"
	IndDefenseSpending         IndicatorID = "defense_spending"
	IndMilitaryCapital         IndicatorID = "military_capital"
	IndPowerShare              IndicatorID = "power_share"
	IndNavalStrength           IndicatorID = "naval_strength"
	IndShipbuildingCapacity    IndicatorID = "shipbuilding_capacity"
	IndDeterrenceCredibility   IndicatorID = "deterrence_credibility"
	IndDeterrenceCapability    IndicatorID = "deterrence_capability"
	IndDeterrenceWill          IndicatorID = "deterrence_will"
	IndDeterrenceCommunication IndicatorID = "deterrence_communication"
	IndAllianceCohesion        IndicatorID = "alliance_cohesion"
	IndBurdenShare             IndicatorID = "burden_share"
	IndHostNationSupport       IndicatorID = "host_nation_support"
	IndUSCommitment            IndicatorID = "us_commitment"
	IndInvestmentStock         IndicatorID = "investment_stock"
	IndIndustrialIntegration   IndicatorID = "industrial_integration"
	IndTariffRate              IndicatorID = "tariff_rate"
	IndROKAutonomy             IndicatorID = "rok_autonomy"
	IndDPRKThreat              IndicatorID = "dprk_threat"
	IndRegionalTension         IndicatorID = "regional_tension"
	IndNavalBalance            IndicatorID = "naval_balance"
	IndTrilateralCoordination  IndicatorID = "trilateral_coordination"
	IndArmsExports             IndicatorID = "arms_exports"

	IndBurdenParity   IndicatorID = "burden_parity"
	IndInvestmentFlow IndicatorID = "investment_flow"
	IndAllianceTrust  IndicatorID = "alliance_trust"
	IndDPRKWarheads   IndicatorID = "dprk_warheads"
)

// IndicatorInfo describes a reported indicator: its id, unit, meaning and
// the subjects it is reported for.
type IndicatorInfo struct {
	ID       IndicatorID
	Unit     string
	Meaning  string
	Subjects []string
	Headline bool // one of the six headline indicators of the dashboard
}

// Series is one reported time series: an indicator for one subject.
type Series struct {
	Indicator IndicatorID
	Subject   string
	Unit      string
	index     int // its place in seriesList, and in seriesValues' output
}

var (
	allActors = []Actor{US, ROK, DPRK, CHN, JPN}
	navies    = []Actor{US, ROK, CHN, JPN}
)

func codes(as []Actor) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.String()
	}
	return out
}

// indicatorDef is a row of the registry: what an indicator is and whom
// it is reported for. Its values are read from a state by seriesValues.
type indicatorDef struct {
	IndicatorInfo
}

func perActorDef(id IndicatorID, unit, meaning string, as []Actor) indicatorDef {
	return indicatorDef{IndicatorInfo: IndicatorInfo{ID: id, Unit: unit, Meaning: meaning, Subjects: codes(as)}}
}

func singleDef(id IndicatorID, unit, subject, meaning string, headline bool) indicatorDef {
	return indicatorDef{IndicatorInfo: IndicatorInfo{ID: id, Unit: unit, Meaning: meaning, Subjects: []string{subject}, Headline: headline}}
}

// indicatorDefs is the indicator contract (the README's table), in its
// order, followed by the model's additional indicators. seriesValues reads
// their values in the same order.
var indicatorDefs = []indicatorDef{
	perActorDef(IndGDP, "USD bn", "economic base: nominal GDP in current US dollars", allActors),
	perActorDef(IndDefenseShare, "% of GDP", "defense spending as a share of GDP (SIPRI definition): the 2.8% → 3.5% → 5% debate", allActors),
	perActorDef(IndDefenseSpending, "USD bn", "defense spending in current US dollars, e.g. the '$150 bn a year' claim", allActors),
	perActorDef(IndMilitaryCapital, "USD bn, start-year prices", "accumulated capability at constant prices: K = (1−δ)K + β·spending/deflator (perpetual inventory)", allActors),
	perActorDef(IndPowerShare, "% of the five", "composite capability share (CINC-style mean of population, GDP, spending, personnel and capital shares)", allActors),
	perActorDef(IndNavalStrength, "thousand tonnes", "battle-force warship tonnage: the maritime balance", navies),
	perActorDef(IndShipbuildingCapacity, "thousand tonnes per year", "warship tonnage the yards can deliver a year: naval yards plus commercial capacity (MASGA; US yards behind schedule)", navies),
	singleDef(IndDeterrenceCredibility, "0–100", SubjectAlliance, "extended deterrence: geometric mean of capability, will and communication", true),
	singleDef(IndDeterrenceCapability, "0–100", SubjectAlliance, "capability component of deterrence: the local balance of allied against DPRK forces, Russian transfers included", false),
	singleDef(IndDeterrenceWill, "0–100", SubjectAlliance, "will component of deterrence: chance that the US (commitment, economic ties, less decoupling fears) or ROK answers aggression", false),
	singleDef(IndDeterrenceCommunication, "0–100", SubjectAlliance, "communication component of deterrence: signalling by NCG institutionalization, combined exercises and strategic-asset visits", false),
	singleDef(IndAllianceCohesion, "0–100", SubjectAlliance, "trust and similarity of the allies' positions (the 2024 crisis as a stress test)", true),
	singleDef(IndBurdenShare, "% borne by ROK", SubjectAlliance, "ROK share of alliance defense effort, capability contributions included", true),
	singleDef(IndHostNationSupport, "USD bn/yr", SubjectAlliance, "ROK payments for US forces under the Special Measures Agreement", false),
	singleDef(IndUSCommitment, "0–100", SubjectAlliance, "US commitment to ROK's defense (100 = unconditional; 85 in 2025 by default): 'critical but more limited' support", false),
	singleDef(IndInvestmentStock, "USD bn, start-year prices", SubjectAlliance, "embedded ROK investment in the US: disbursements at constant prices, depreciating slowly", false),
	singleDef(IndIndustrialIntegration, "0–100", SubjectAlliance, "economic embeddedness: 'sovereignty through trade'", true),
	singleDef(IndTariffRate, "%", SubjectAlliance, "US tariff on ROK goods: the transactional link", false),
	singleDef(IndROKAutonomy, "0–100", "ROK", "ROK room for manoeuvre: self-reliance, exports, embeddedness", false),
	singleDef(IndDPRKThreat, "0–100", SubjectRegion, "DPRK arsenal, conventional balance, Russia–DPRK cooperation, provocations", true),
	singleDef(IndRegionalTension, "0–100", SubjectRegion, "Chinese naval weight, Taiwan Strait, DPRK threat, arms race", false),
	singleDef(IndNavalBalance, "% allied", SubjectRegion, "allied (US Pacific share, JPN, ROK) share of allied plus Chinese warship tonnage", true),
	singleDef(IndTrilateralCoordination, "0–100", SubjectTrilateral, "US–ROK–JPN coordination: Camp David institutions, commitment, shared threat", false),
	singleDef(IndArmsExports, "USD bn/yr", "ROK", "ROK arms-export contracts: the security exporter", false),

	// Additional indicators (beyond the contract's table).
	singleDef(IndBurdenParity, "% of alliance GDP", SubjectAlliance, "ROK share of alliance GDP: burden_share at which ROK carries its economic weight", false),
	singleDef(IndInvestmentFlow, "USD bn/yr", SubjectAlliance, "ROK investment disbursed in the US this year", false),
	singleDef(IndAllianceTrust, "0–100", SubjectAlliance, "trust between the allies: falls with crises and disputes, recovers as institutions hold", false),
	singleDef(IndDPRKWarheads, "warheads", "DPRK", "DPRK nuclear warheads", false),
}

// IndicatorList returns the reported indicators in report order.
func IndicatorList() []IndicatorInfo {
	out := make([]IndicatorInfo, len(indicatorDefs))
	for i, d := range indicatorDefs {
		out[i] = d.IndicatorInfo
		out[i].Subjects = append([]string(nil), d.Subjects...)
	}
	return out
}

// LookupIndicator returns the indicator with the given id.
func LookupIndicator(id IndicatorID) (IndicatorInfo, bool) {
	for _, d := range indicatorDefs {
		if d.ID == id {
			return d.IndicatorInfo, true
		}
	}
	return IndicatorInfo{}, false
}

// seriesList is every (indicator, subject) pair in report order.
var seriesList = buildSeries()

func buildSeries() []Series {
	var out []Series
	for _, d := range indicatorDefs {
		for _, subject := range d.Subjects {
			out = append(out, Series{Indicator: d.ID, Subject: subject, Unit: d.Unit, index: len(out)})
		}
	}
	return out
}

// Value returns the series' value in state st; s is one of SeriesList's.
// It reads every series' value (seriesValues) to return one: a run
// records them all at once with Results.Record.
func (s *Series) Value(st *State) float64 {
	v := make([]float64, len(seriesList))
	seriesValues(st, v, 1)
	return v[s.index]
}

// seriesValues writes every series' value in state s to out, series i of
// seriesList at out[i*stride]: the one place where a series' value is read
// from a state. The indicators come in indicatorDefs' order, a per-actor
// indicator's subjects in its row's order: every actor (allActors), or
// every actor whose navy is modelled (navies, hasNavy). Written out, with a
// store and no call per value, it records a run eight times as fast as a
// call per value through a function of the registry's (BenchmarkRecord).
func seriesValues(s *State, out []float64, stride int) {
	out = out[:(len(seriesList)-1)*stride+1]
	i := 0
	put := func(v float64) {
		out[i] = v
		i += stride
	}
	for a := range NumActors {
		put(s.Actors[a].GDP)
	}
	for a := range NumActors {
		put(s.Actors[a].DefenseShare)
	}
	for a := range NumActors {
		put(s.Actors[a].DefenseSpending)
	}
	for a := range NumActors {
		put(s.Actors[a].MilitaryCapital)
	}
	for a := range NumActors {
		put(s.Ind.PowerShare[a])
	}
	for a := range NumActors {
		if hasNavy(a) {
			put(s.Actors[a].NavalKt)
		}
	}
	for a := range NumActors {
		if hasNavy(a) {
			put(s.Actors[a].Yards)
		}
	}
	put(s.Ind.Deterrence)
	put(s.Ind.DeterCapability)
	put(s.Ind.DeterWill)
	put(s.Ind.DeterSignal)
	put(s.Ind.Cohesion)
	put(s.Ind.BurdenShare)
	put(s.HNSUSD)
	put(s.USCommitment)
	put(s.InvestmentStock)
	put(s.Ind.Integration)
	put(s.Tariff)
	put(s.Ind.Autonomy)
	put(s.Ind.DPRKThreat)
	put(s.Ind.RegionalTension)
	put(s.Ind.NavalBalance)
	put(s.Ind.Trilateral)
	put(s.ArmsExports * s.Actors[ROK].Price)
	// Additional indicators.
	put(s.Ind.BurdenParity)
	put(s.InvestmentFlow)
	put(s.Trust)
	put(s.Warheads)
}

// SeriesList returns every reported (indicator, subject) series in report order.
func SeriesList() []Series { return append([]Series(nil), seriesList...) }
