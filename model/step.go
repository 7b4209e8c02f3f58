package model

import "math"

// Numerical guards of the decision rule and the initial state. They keep
// ratios and powers finite at extreme inputs; none binds in the bundled
// scenarios.
const (
	minGrowthDenominator = 0.01 // floor on δ + g in the steady-state capital, 1/year
	minRivalRatio        = 0.01 // floor on R/R₀ before it is raised to the reaction elasticity
	minThreatFactor      = 0.1  // floor on the threat multiplier of the desired share
	commitmentLogitBound = 6.0  // |log-odds| of the start commitment is kept below this (0.25%–99.75%)
)

// FullCommitment is the top of the US commitment index: unconditional
// commitment, which the smooth commitment rule approaches but never reaches.
const FullCommitment = 100.0

// krwTnPerUSDbn converts trillions of won at a KRW-per-USD rate into
// billions of dollars: tn KRW × 1000 / (KRW per USD) = USD bn.
const krwTnPerUSDbn = 1000.0

// Model is a scenario ready to run: the inputs plus the reference values
// the decision rules measure change against, taken from the start year (the
// model starts at rest: with nothing changed, every actor keeps its share).
type Model struct {
	Sc *Scenario
	P  *Params

	refBudget   [NumActors]BudgetInputs // start-year inputs of each actor's budget rule
	refCapital  float64                 // start-year ROK military capital
	refTension  float64                 // start-year regional tension
	commitBase  float64                 // log-odds of the commitment target with every driver at zero
	region0     RegionInputs
	trilateral0 float64
	shipLag     int
	ruled       [NumActors]bool      // the actors without a defense-share path (onRule)
	start       State                // the start-year state, computed once
	deflator    [NumActors][]float64 // deflator by year offset from the start (start = 1)
	escalation  []float64            // warship cost escalation factor by year offset
	// earlyShips is realShipbuildingInto for the shipLag years before the
	// start, the last first before it: what the yards' lag reads in the
	// first years.
	earlyShips [][NumActors]float64
	inputs     []yearInputs // the paths' and packages' values by year offset
	// pledged is the tariff's pledged packages by year offset, for a
	// package lead of pledgedLead years (the scenario's own).
	pledged     []float64
	pledgedLead float64
	k           runConstants // products of parameters, computed once per run
}

// runConstants are the parameters' products and factors that the step
// uses every year: they depend on nothing else, so prepare computes them
// once, each by the expression the step used, and the step's results are
// unchanged to the bit.
type runConstants struct {
	capitalKept   [NumActors]float64 // 1 − capital_depreciation
	shipsKept     [NumActors]float64 // 1 − warship_retirement
	shipbuilding  [NumActors]float64 // 1 + shipbuilding_trend_pct/100
	yardGrowthMax float64            // yard_growth_max_pct/100
	crisisKept    float64            // 1 − crisis_recovery
	stockKept     float64            // 1 − investment_stock_decay
	shockKept     float64            // 1 − tariff_shock_decay
	smaStep       float64            // 1 + sma_step_pct/100
	threatSlope   float64            // the budget rule's threatSlope
	reaction      [NumActors]power   // x^reaction_elasticity
}

// NewModel validates the scenario and prepares it to run.
func NewModel(sc *Scenario) (*Model, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	n := sc.Years()
	m := &Model{Sc: sc, inputs: make([]yearInputs, n), pledged: make([]float64, n), pledgedLead: sc.Params.PackageLeadYears}
	for a := range NumActors {
		m.deflator[a] = make([]float64, n)
	}
	for t := range n {
		m.inputs[t] = newYearInputs(sc, sc.StartYear+t)
		m.pledged[t] = pledged(sc, sc.StartYear+t, m.pledgedLead)
		for a := range NumActors {
			m.deflator[a][t] = 1
			if t > 0 {
				m.deflator[a][t] = m.deflator[a][t-1] * m.inputs[t].inflation[a]
			}
			m.inputs[t].realShipInto[a] = ratio(shipbuildingInto(sc, Actor(a), sc.StartYear+t), m.deflator[a][t])
		}
	}
	m.escalation = make([]float64, n)
	m.earlyShips = make([][NumActors]float64, max(int(math.Round(sc.Params.CapacityLagYears)), 0))
	m.prepare(true, true)
	// The power share's input-driven components, year by year from the
	// start state (no parameter moves them: every run shares them).
	act := m.start.Actors
	for t := range m.inputs {
		in := &m.inputs[t]
		if t > 0 {
			for a := range NumActors {
				in.grow(Actor(a), &act[a], &act[a])
			}
		}
		in.known = newKnownShares(&act)
	}
	return m, nil
}

// ForParams returns the model of sc, which must be m's scenario with other
// parameters (an ensemble's run with its drawn coefficients): it shares
// m's evaluated paths and packages, which no parameter moves, and prepares
// only what the parameters do. It is NewModel(sc) for less.
func (m *Model) ForParams(sc *Scenario) *Model {
	r := new(Model)
	m.ForParamsInto(r, sc)
	return r
}

// ForParamsInto is ForParams into r, reusing what r holds from an earlier
// call, so that an ensemble's runs allocate nothing.
func (m *Model) ForParamsInto(r *Model, sc *Scenario) {
	esc, early := r.escalation, r.earlyShips // r's own tables, unless m's
	if len(esc) > 0 && len(m.escalation) > 0 && &esc[0] == &m.escalation[0] {
		esc = nil
	}
	if len(early) > 0 && len(m.earlyShips) > 0 && &early[0] == &m.earlyShips[0] {
		early = nil
	}
	*r = Model{Sc: sc, deflator: m.deflator, inputs: m.inputs, pledged: m.pledged, pledgedLead: m.pledgedLead}
	ownEscalation := sc.Params.WarshipEscalationPct != m.P.WarshipEscalationPct
	r.escalation = m.escalation // not drawn: the same factors
	if ownEscalation {
		r.escalation = resize(esc, sc.Years())
	}
	lag := int(math.Round(sc.Params.CapacityLagYears))
	ownEarly := lag != m.shipLag
	r.earlyShips = m.earlyShips // the same lag: the same years
	if ownEarly {
		r.earlyShips = resize(early, max(lag, 0))
	}
	r.prepare(ownEscalation, ownEarly)
}

// resize returns x with length n, reusing its memory when it has room.
func resize[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	return x[:n]
}

// prepare computes what depends on the parameters: the warship cost
// escalation and the lagged years' shipbuilding (when asked: m's tables
// have their lengths), the start state and the reference values.
func (m *Model) prepare(escalation, earlyShips bool) {
	sc := m.Sc
	m.P, m.region0, m.trilateral0 = &sc.Params, sc.Region, sc.Alliance.Trilateral
	m.shipLag = int(math.Round(sc.Params.CapacityLagYears))
	for a := range NumActors {
		m.ruled[a] = !sc.Actors[a].DefensePct.IsSet()
	}
	p := m.P
	for a := range NumActors {
		m.k.capitalKept[a] = 1 - p.CapitalDepreciation[a]
		m.k.shipsKept[a] = 1 - p.WarshipRetirement[a]
		m.k.shipbuilding[a] = 1 + p.ShipbuildingTrendPct[a]/100
		m.k.reaction[a] = newPower(p.ReactionElasticity[a])
	}
	m.k.yardGrowthMax = p.YardGrowthMaxPct / 100
	m.k.crisisKept = 1 - p.CrisisRecovery
	m.k.stockKept = 1 - p.InvestmentStockDecay
	m.k.shockKept = 1 - p.TariffShockDecay
	m.k.smaStep = 1 + p.SMAStepPct/100
	m.k.threatSlope = threatSlope(p)
	if escalation {
		for t := range m.escalation {
			m.escalation[t] = math.Pow(1+sc.Params.WarshipEscalationPct/100, float64(t))
		}
	}
	if earlyShips {
		for i := range m.earlyShips {
			y := sc.StartYear - len(m.earlyShips) + i
			for a := range NumActors {
				m.earlyShips[i][a] = ratio(shipbuildingInto(sc, Actor(a), y), m.priceAt(Actor(a), y))
			}
		}
	}
	m.start = m.initial()
	s0 := &m.start
	o0 := m.observed(s0)
	for a := range NumActors {
		m.refBudget[a] = BudgetInputsOf(m.P, a, &o0)
	}
	m.refCapital = s0.Actors[ROK].MilitaryCapital
	m.refTension = s0.Ind.RegionalTension
	// The commitment rule starts at rest: its target in the start year is
	// the start-year commitment.
	c0 := clamp(s0.USCommitment/FullCommitment, 1e-6, 1-1e-6)
	logit0 := clamp(math.Log(c0/(1-c0)), -commitmentLogitBound, commitmentLogitBound)
	m.commitBase = logit0 - m.commitmentDrivers(s0)
}

// Initial returns the start-year state, computed once by NewModel (a copy:
// the caller may change it).
func (m *Model) Initial() State { return m.start }

// initial computes the start-year state: the scenario's start values, with
// military capital at its perpetual-inventory steady state where the
// scenario gives none. Capital is kept at constant start-year prices
// (OECD, Measuring Capital, 2009). The step adds the year's own real
// spending, K(t) = (1−δ)K(t−1) + βM(t)/P(t), so the path on which capital
// grows as fast as real spending, at g, is K = βM(1+g)/(δ + g):
// Harberger's (1978) K = I/(δ + g) for the stock at the end of the year,
// with g the real growth of the economy.
func (m *Model) initial() State {
	sc, p := m.Sc, m.P
	y := sc.StartYear
	in0 := &m.inputs[0]
	s := State{Year: y}
	for a := range NumActors {
		in := &sc.Actors[a]
		as := &s.Actors[a]
		as.GDP = in.GDP
		as.Price = 1
		as.DefenseShare = in.InitialDefensePct
		if in.DefensePct.IsSet() {
			as.DefenseShare = in.DefensePct.At(y)
		}
		as.DefenseSpending = as.DefenseShare / 100 * as.GDP
		as.MilitaryCapital = in.MilitaryCapital
		if as.MilitaryCapital <= 0 {
			g := in0.realGrowth[a] - 1
			as.MilitaryCapital = p.EquipmentShare[a] * as.DefenseSpending * (1 + g) / max(p.CapitalDepreciation[a]+g, minGrowthDenominator)
		}
		if hasNavy(a) {
			as.NavalKt = in.NavalKt
			as.Shipbuilding = in.ShipbuildingPct
			as.NavalYard = p.NavalYardKt[a]
			as.Yards = YardCapacity(as, p)
		}
		as.Population = in.PopulationM
		as.Personnel = in.PersonnelK.At(y)
	}
	al := &sc.Alliance
	s.USCommitment = p.CommitmentStartPct
	if al.USCommitmentPct.IsSet() {
		s.USCommitment = al.USCommitmentPct.At(y)
	}
	s.HNSKRW = al.HNSStartKRWtn
	if al.HNSKRWtn.IsSet() {
		s.HNSKRW = al.HNSKRWtn.At(y)
	}
	s.HNSUSD = s.HNSKRW * krwTnPerUSDbn / al.KRWPerUSD.At(y)
	s.InvestmentFlow, s.ShipbuildingFlow = in0.investFlow, in0.shipFlow
	s.InvestmentStock = s.InvestmentFlow
	s.RivalAllyStock = in0.rivalAllyFlow
	s.Tariff = clamp(m.tariff(y, in0, 0), 0, 100)
	s.Trust = al.TrustPct
	s.Trilateral = al.Trilateral
	s.Signal = m.signalLevers(in0)
	s.ArmsExports = sc.Actors[ROK].ArmsExports
	s.Warheads = sc.Actors[DPRK].Warheads
	s.RussiaDPRK, s.Provocation, s.Taiwan = sc.Region.RussiaDPRK, sc.Region.Provocation, sc.Region.Taiwan
	g := func(a Actor) float64 { return (in0.realGrowth[a] - 1) * 100 }
	computeIndicators(&s, p, g(US), g(CHN), &in0.known)
	return s
}

// Step returns the state of the year after prev. It runs the phases of the
// model in order (economy, budgets, capability, alliance, drift of the
// regional drivers, events, indicators); every decision reads prev (the
// frozen copy), so the order in which agents are visited cannot change the
// result. events are the events of the new year (scheduled and drawn).
func (m *Model) Step(prev *State, events []Event) State {
	var next State
	m.step(prev, &next, events)
	return next
}

// step is Step into next, which it overwrites whole: the run loop steps
// between two states instead of copying each year's out and back.
func (m *Model) step(prev, next *State, events []Event) {
	*next = State{Year: prev.Year + 1}
	in := m.inputsAt(next.Year)
	var real realSpending
	m.economy(prev, next, in)
	m.budgets(prev, next, in)
	m.capability(prev, next, &real)
	m.alliance(prev, next, in)
	m.drift(prev, next)
	m.events(prev, next, events, in)
	m.indicators(next, &real, in)
}

// realSpending is every actor's defense spending at start-year prices,
// last year's and this year's, as the capability phase computes it; the
// indicators' spending growth reads it.
type realSpending struct{ prev, next [NumActors]float64 }

// economy: nominal GDP grows by real growth and inflation (current USD, a
// constant exchange rate) and the deflator by inflation; population by its
// growth path.
func (m *Model) economy(prev, next *State, in *yearInputs) {
	for a := range NumActors {
		n, o := &next.Actors[a], &prev.Actors[a]
		n.Price = o.Price * in.inflation[a]
		in.grow(a, o, n)
		n.Crisis = o.Crisis * m.k.crisisKept
	}
}

// grow sets actor a's GDP, population and personnel in n, the year after
// o's: what the inputs alone move.
func (in *yearInputs) grow(a Actor, o, n *ActorState) {
	n.GDP = o.GDP * in.realGrowth[a] * in.inflation[a]
	n.Population = o.Population * in.popGrowth[a]
	n.Personnel = in.personnel[a]
}

// perceivedThreat is the actor's threat on the 0–100 scale: the weighted
// mean of the DPRK threat and regional tension (weights normalized by
// their sum, so the scale is kept).
func (m *Model) perceivedThreat(s *State, a Actor) float64 {
	return weighted2(m.P.ThreatWeightDPRK[a], m.P.ThreatWeightTension[a], s.Ind.DPRKThreat, s.Ind.RegionalTension)
}

// observed is what the budget decisions read from state s: the record of
// that year as the model has it (see Observed and BudgetInputsOf). The
// perceived threat is only the budget rule's: an actor on a policy path
// reads none (0).
func (m *Model) observed(s *State) Observed {
	o := Observed{Commitment: s.USCommitment}
	for j := range NumActors {
		as := &s.Actors[j]
		o.GDP[j], o.Spending[j], o.SharePct[j] = as.GDP, as.DefenseSpending, as.DefenseShare
		if m.onRule(j) {
			o.Threat[j] = m.perceivedThreat(s, j)
		}
	}
	return o
}

// onRule reports whether actor a's defense share follows the budget rule
// (it has no policy path).
func (m *Model) onRule(a Actor) bool { return m.ruled[a] }

// budgets: a policy path where the scenario gives one; otherwise the budget
// rule (BudgetShare: partial adjustment toward the desired share,
// s = ρ·s(t−1) + (1−ρ)·s*, limited to max_change_pp a year and to
// [min_share_pct, max_share_pct]) reading last year's state against the
// start year's.
func (m *Model) budgets(prev, next *State, in *yearInputs) {
	p := m.P
	o := m.observed(prev)
	// Every actor's inputs before any actor's rule, so that the actors'
	// divisions overlap.
	var inputs [NumActors]BudgetInputs
	for a := range NumActors {
		if m.onRule(a) {
			inputs[a] = BudgetInputsOf(p, a, &o)
		}
	}
	for a := range NumActors {
		n := &next.Actors[a]
		if m.onRule(a) {
			n.DefenseShare = budgetShare(p, a, m.refBudget[a], inputs[a], m.k.threatSlope, m.k.reaction[a])
		} else {
			n.DefenseShare = in.defensePct[a]
		}
		n.DefenseSpending = n.DefenseShare / 100 * n.GDP
	}
}

// offset returns year y's index in the per-year tables, clamped to the
// horizon (years before the start count as the start year).
func (m *Model) offset(y int) int {
	return min(max(y-m.Sc.StartYear, 0), len(m.escalation)-1)
}

// YardCapacity is the warship tonnage an actor's yards can deliver in a
// year, thousand tonnes: the naval yards' own capacity plus what its
// commercial shipbuilding (share of world output) adds.
func YardCapacity(as *ActorState, p *Params) float64 {
	return as.NavalYard + p.YardKtPerCapacityPoint*as.Shipbuilding
}

// capability: military capital by perpetual inventory at constant prices,
// K = (1−δ)K(t−1) + βM/P; commercial shipbuilding capacity by its trend;
// naval yard capacity by investment (packages into the actor, lagged, and
// the funded shipbuilding its yards could not deliver last year), at
// yard_cost_usd_bn_per_kt and never faster than yard_growth_max_pct a year,
// the rest waiting in a backlog; warship tonnage by retirement plus the
// lesser of what funds buy at the escalating warship cost and what the
// yards deliver; the DPRK arsenal by its production rate, raised by Russian
// cooperation.
func (m *Model) capability(prev, next *State, real *realSpending) {
	p, y, k := m.P, next.Year, &m.k
	// The cost of a thousand tonnes of new warship, in start-year dollars,
	// is the start-year cost escalated by warship_escalation_pct a year
	// above the actor's deflator (Arena et al. 2006); in current dollars it
	// is this times the deflator. The escalation of this year and last,
	// the same for every navy:
	esc, lastEsc := m.escalation[m.offset(y)], m.escalation[m.offset(y-1)]
	// Each stage runs over every actor before the next begins: an actor's
	// divisions wait on each other (real spending, last year's funded
	// tonnage, the backlog's), the actors' do not, so that they overlap.
	for a := range NumActors {
		n, o := &next.Actors[a], &prev.Actors[a]
		real.next[a] = ratio(n.DefenseSpending, n.Price) // start-year prices
		real.prev[a] = ratio(o.DefenseSpending, o.Price)
		n.MilitaryCapital = k.capitalKept[a]*o.MilitaryCapital + p.EquipmentShare[a]*real.next[a]
	}
	var backlog PerActor // the yards' backlog with this year's additions, start-year USD bn
	for a := range NumActors {
		if !hasNavy(a) {
			continue
		}
		o := &prev.Actors[a]
		lastCost := p.WarshipCostPerKt[a] * lastEsc
		// Funds the yards could not use last year go partly into the yards.
		lastFunded := ratio(p.NavalProcurementShare[a]*real.prev[a], lastCost)
		unspent := max(lastFunded-o.Yards, 0) * lastCost
		backlog[a] = o.YardBacklog + m.realShipbuildingInto(a, y-m.shipLag) + p.IndustrialBaseShare*unspent
	}
	for a := range NumActors {
		if !hasNavy(a) {
			continue
		}
		n, o := &next.Actors[a], &prev.Actors[a]
		n.Shipbuilding = clamp(o.Shipbuilding*k.shipbuilding[a], 0, 100)
		added := min(ratio(backlog[a], p.YardCostPerKt), k.yardGrowthMax*o.NavalYard)
		n.NavalYard = o.NavalYard + added
		n.YardBacklog = max(backlog[a]-added*p.YardCostPerKt, 0)
		n.Yards = YardCapacity(n, p)
		funded := ratio(p.NavalProcurementShare[a]*real.next[a], p.WarshipCostPerKt[a]*esc)
		n.NavalKt = k.shipsKept[a]*o.NavalKt + min(funded, n.Yards)
	}
	next.Warheads = prev.Warheads + p.WarheadsPerYear*(1+p.RussiaWarheadBoost*prev.RussiaDPRK)
}

// priceAt returns actor a's deflator in year y (1 in and before the start
// year), from the scenario's inflation path.
func (m *Model) priceAt(a Actor, y int) float64 { return m.deflator[a][m.offset(y)] }

// realShipbuildingInto is the shipbuilding investment disbursed to actor a
// in year y, from any actor or third party, at start-year prices (prepared
// within the scenario's years).
func (m *Model) realShipbuildingInto(a Actor, y int) float64 {
	t := y - m.Sc.StartYear
	switch {
	case t >= 0 && t < len(m.inputs):
		return m.inputs[t].realShipInto[a]
	case t < 0 && -t <= len(m.earlyShips):
		return m.earlyShips[len(m.earlyShips)+t][a]
	}
	return ratio(shipbuildingInto(m.Sc, a, y), m.priceAt(a, y))
}

// signalLevers returns the year's signalling levers (NCG
// institutionalization, combined exercises, strategic-asset visits, each
// 0–100; the Default levels where a scenario gives none) combined by the
// signal weights.
func (m *Model) signalLevers(in *yearInputs) float64 {
	p := m.P
	return weighted3(p.SignalWeightNCG, p.SignalWeightExercises, p.SignalWeightAssets, in.levers[0], in.levers[1], in.levers[2])
}

// tariff is the US tariff on ROK goods in year y: the scenario's path, or
// the no-deal rate less the relief bought by ROK → US packages in force
// (tariff_relief_pp_per_100bn), never below the floor; plus any
// trade-dispute premium.
func (m *Model) tariff(y int, in *yearInputs, shock float64) float64 {
	p := m.P
	if m.Sc.Alliance.TariffPct.IsSet() {
		return in.tariff + shock
	}
	base := max(p.TariffFloorPct, p.TariffNoDealPct-p.TariffReliefPPPer100bn*m.pledgedAt(y)/100)
	return base + shock
}

// pledgedAt is pledged(sc, y, package_lead_years): from the model's table
// within the scenario's years when the lead is the one the table was made
// with (an ensemble may draw it), otherwise summed anew.
func (m *Model) pledgedAt(y int) float64 {
	if t := y - m.Sc.StartYear; t >= 0 && t < len(m.pledged) && m.P.PackageLeadYears == m.pledgedLead {
		return m.pledged[t]
	}
	return pledged(m.Sc, y, m.P.PackageLeadYears)
}

// pledged is the total of the ROK → US packages in force in year y, USD bn:
// those announced at least lead years before y's start (a package counts
// from lead years before its first disbursement).
func pledged(sc *Scenario, y int, lead float64) float64 {
	var sum float64
	for _, inv := range sc.Investments {
		if inv.fromROK() && inv.To == US && float64(y) >= float64(inv.StartYear)-lead {
			sum += inv.TotalUSDbn
		}
	}
	return sum
}

// commitmentDrivers is the part of the log-odds of the US commitment
// target that the state moves:
//
//	a_e·(s_ROK − ask) + a_s·(1 − e^(−S/ref)) + a_h·HNS − a_c·crisis − a_x·(1 − e^(−S_other/ref))
//
// with ROK's defense share s_ROK against the US ask (both % of ROK's own
// GDP), the embedded ROK investment stock S and host-nation support HNS
// (constant dollars), ROK's crisis level, and the embedded stock of the
// other allies' packages in the US. US spending does not enter: a US
// buildup cannot make ROK look like a worse ally.
func (m *Model) commitmentDrivers(s *State) float64 {
	p := m.P
	return p.CommitmentEffortLogit*(s.Actors[ROK].DefenseShare-p.USExpectedROKSharePct) +
		p.CommitmentStockLogit*s.Ind.investmentSaturation +
		p.CommitmentHNSLogit*ratio(s.HNSUSD, s.Actors[US].Price) -
		p.CommitmentCrisisLogit*s.Actors[ROK].Crisis -
		p.CommitmentRivalAllyLogit*stockSaturation(s.RivalAllyStock, p)
}

// CommitmentTarget returns the level, 0–100, toward which an endogenous US
// commitment moves, given the log-odds of its drivers: a logistic, smooth
// and bounded, so no clamp does the work and a driver's effect in points
// shrinks as commitment nears either end.
func CommitmentTarget(logOdds float64) float64 {
	return FullCommitment / (1 + math.Exp(-logOdds))
}

// alliance: investment disbursements and the embedded stocks (constant
// prices, depreciating), host-nation support (the Special Measures
// Agreement rule unless a path is given), US commitment (a path or the
// smooth commitment rule), trust, the signalling state, trilateral
// institutions and arms exports. The tariff is set in the events phase,
// after the year's trade disputes.
func (m *Model) alliance(prev, next *State, in *yearInputs) {
	p, sc, y := m.P, m.Sc, next.Year
	al := &sc.Alliance
	usPrice := next.Actors[US].Price

	next.InvestmentFlow, next.ShipbuildingFlow = in.investFlow, in.shipFlow
	next.InvestmentStock = m.k.stockKept*prev.InvestmentStock + ratio(next.InvestmentFlow, usPrice)
	next.RivalAllyStock = m.k.stockKept*prev.RivalAllyStock + ratio(in.rivalAllyFlow, usPrice)

	switch {
	case al.HNSKRWtn.IsSet():
		next.HNSKRW = in.hnsKRW
	case float64(y) == p.SMAStepYear:
		next.HNSKRW = prev.HNSKRW * m.k.smaStep
	default:
		next.HNSKRW = prev.HNSKRW * (1 + clamp(in.rokCPILag2, 0, p.SMACPICapPct)/100)
	}
	next.HNSUSD = next.HNSKRW * krwTnPerUSDbn / in.krwPerUSD

	if al.USCommitmentPct.IsSet() {
		next.USCommitment = clamp(in.commitment, 0, FullCommitment)
	} else {
		target := CommitmentTarget(m.commitBase + m.commitmentDrivers(prev))
		next.USCommitment = prev.USCommitment + p.CommitmentAdjustRate*(target-prev.USCommitment)
	}

	// Policy whiplash: a cut in US commitment faster than whiplash_tolerance
	// points a year costs trust, per point beyond it, on top of the recovery
	// toward equilibrium.
	cut := max(prev.USCommitment-next.USCommitment-p.WhiplashTolerance, 0)
	next.Trust = prev.Trust + p.TrustRecovery*(p.TrustEquilibrium-prev.Trust) - p.WhiplashTrustDrop*cut
	next.Signal = prev.Signal + p.SignalAdjustRate*(m.signalLevers(in)-prev.Signal)
	next.Trilateral = prev.Trilateral + p.TrilateralRecovery*(m.trilateral0-prev.Trilateral)

	capitalRatio := ratio(next.Actors[ROK].MilitaryCapital, m.refCapital)
	target := p.ArmsExportBase * math.Pow(capitalRatio, p.ArmsCapitalElasticity) *
		max(1+p.ArmsTensionEffect*(prev.Ind.RegionalTension-m.refTension)/100, 0)
	next.ArmsExports = max(prev.ArmsExports+p.ArmsAdjust*(target-prev.ArmsExports), 0)
}

// drift: the regional drivers (Russia–DPRK cooperation, DPRK provocation,
// Taiwan Strait tension) and the trade-dispute premium on the tariff relax
// toward their start levels (the premium toward zero) before the year's
// events move them.
func (m *Model) drift(prev, next *State) {
	p, r0 := m.P, &m.region0
	next.RussiaDPRK = prev.RussiaDPRK + p.RussiaCoopDecay*(r0.RussiaDPRK-prev.RussiaDPRK)
	next.Provocation = prev.Provocation + p.ProvocationDecay*(r0.Provocation-prev.Provocation)
	next.Taiwan = prev.Taiwan + p.TaiwanDecay*(r0.Taiwan-prev.Taiwan)
	next.TariffShock = prev.TariffShock * m.k.shockKept
}

// events applies the year's events to the new state, then sets the tariff
// (packages in force plus the dispute premium). Levels are bounded to 0–1
// and trust to 0–100.
func (m *Model) events(prev, next *State, events []Event, in *yearInputs) {
	p := m.P
	for _, e := range events {
		sev := clamp(e.Severity, 0, 1)
		switch e.Kind {
		case PoliticalCrisis:
			a := e.Actor
			next.Actors[a].Crisis = clamp(next.Actors[a].Crisis+sev, 0, 1)
			switch a {
			case US, ROK:
				buffer := 1 - p.IntegrationCrisisBuffer*prev.Ind.Integration/100
				next.Trust -= sev * p.CrisisTrustDrop * buffer
			case DPRK:
				next.Provocation = clamp(next.Provocation+sev*p.DiversionFactor, 0, 1)
			case CHN:
				next.Taiwan = clamp(next.Taiwan+sev*p.DiversionFactor, 0, 1)
			}
			if a == US || a == ROK || a == JPN {
				next.Trilateral = clamp(next.Trilateral-sev*p.TrilateralCrisisDrop, 0, 1)
			}
		case DPRKProvocation:
			next.Provocation = clamp(next.Provocation+sev, 0, 1)
		case RussiaDPRKCooperation:
			next.RussiaDPRK = clamp(next.RussiaDPRK+sev, 0, 1)
		case TaiwanStraitCrisis:
			next.Taiwan = clamp(next.Taiwan+sev, 0, 1)
		case TradeDispute:
			next.TariffShock += sev * p.TradeDisputeTariffPP
			next.Trust -= sev * p.TradeDisputeTrustDrop
		}
	}
	next.Trust = clamp(next.Trust, 0, 100)
	next.Tariff = clamp(m.tariff(next.Year, in, next.TariffShock), 0, 100)
}

// indicators: every reported indicator from the new state. The arms-race
// part of regional tension reads the real growth of US and Chinese
// spending.
func (m *Model) indicators(next *State, real *realSpending, in *yearInputs) {
	growth := func(a Actor) float64 { return (ratio(real.next[a], real.prev[a]) - 1) * 100 }
	computeIndicators(next, m.P, growth(US), growth(CHN), &in.known)
}
