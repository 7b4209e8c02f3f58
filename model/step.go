package model

import "math"

// Numerical guards of the decision rule and the initial state. They keep
// ratios and powers finite at extreme inputs; none binds in the bundled
// scenarios.
const (
	minGrowthDenominator = 0.01 // floor on δ + g in the steady-state capital, 1/year
	minRivalRatio        = 0.01 // floor on R/R₀ before it is raised to the reaction elasticity
	minThreatFactor      = 0.1  // floor on the threat multiplier of the desired share
	minCommitment        = 1.0  // floor on US commitment in the free-riding factor, 0–100 points
)

// FullCommitment is the US commitment index at the 2025 level, the top of
// its 0–100 scale and its start value when the scenario gives no path.
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

	refShare    PerActor // start-year defense share, % of GDP
	refRival    PerActor // start-year rival pressure
	refThreat   PerActor // start-year perceived threat, 0–100
	refCommit   float64  // start-year US commitment
	refCapital  float64  // start-year ROK military capital
	refTension  float64  // start-year regional tension
	region0     RegionInputs
	trilateral0 float64
	shipLag     int
	start       State // the start-year state, computed once
}

// NewModel validates the scenario and prepares it to run.
func NewModel(sc *Scenario) (*Model, error) {
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	m := &Model{Sc: sc, P: &sc.Params, region0: sc.Region, trilateral0: sc.Alliance.Trilateral}
	m.shipLag = int(math.Round(sc.Params.CapacityLagYears))
	m.start = m.initial()
	s0 := &m.start
	for a := range NumActors {
		m.refShare[a] = s0.Actors[a].DefenseShare
		m.refRival[a] = m.rivalPressure(s0, a)
		m.refThreat[a] = m.perceivedThreat(s0, a)
	}
	m.refCommit = s0.USCommitment
	m.refCapital = s0.Actors[ROK].MilitaryCapital
	m.refTension = s0.Ind.RegionalTension
	return m, nil
}

// nominalGrowth returns the actor's nominal GDP growth factor in year y.
func (m *Model) nominalGrowth(a Actor, y int) float64 {
	in := &m.Sc.Actors[a]
	return (1 + in.GrowthPct.At(y)/100) * (1 + in.InflationPct.At(y)/100)
}

// Initial returns the start-year state, computed once by NewModel (a copy:
// the caller may change it).
func (m *Model) Initial() State { return m.start }

// initial computes the start-year state: the scenario's start values, with
// military capital at its perpetual-inventory steady state where the
// scenario gives none. The step adds the year's own spending,
// K(t) = (1−δ)K(t−1) + βM(t), so the path on which capital grows as fast as
// spending, at g, is K = βM(1+g)/(δ + g): Harberger's (1978) K = I/(δ + g)
// for the stock at the end of the year. g is the nominal growth of spending.
func (m *Model) initial() State {
	sc, p := m.Sc, m.P
	y := sc.StartYear
	s := State{Year: y}
	for a := range NumActors {
		in := &sc.Actors[a]
		as := &s.Actors[a]
		as.GDP = in.GDP
		as.DefenseShare = in.InitialDefensePct
		if in.DefensePct.IsSet() {
			as.DefenseShare = in.DefensePct.At(y)
		}
		as.DefenseSpending = as.DefenseShare / 100 * as.GDP
		as.MilitaryCapital = in.MilitaryCapital
		if as.MilitaryCapital <= 0 {
			g := m.nominalGrowth(a, y) - 1
			as.MilitaryCapital = p.EquipmentShare[a] * as.DefenseSpending * (1 + g) / math.Max(p.CapitalDepreciation[a]+g, minGrowthDenominator)
		}
		if hasNavy(a) {
			as.NavalKt = in.NavalKt
			as.Shipbuilding = in.ShipbuildingPct
		}
		as.Population = in.PopulationM
		as.Personnel = in.PersonnelK.At(y)
	}
	al := &sc.Alliance
	s.USCommitment = FullCommitment
	if al.USCommitmentPct.IsSet() {
		s.USCommitment = al.USCommitmentPct.At(y)
	}
	s.HNSKRW = al.HNSStartKRWtn
	if al.HNSKRWtn.IsSet() {
		s.HNSKRW = al.HNSKRWtn.At(y)
	}
	s.HNSUSD = s.HNSKRW * krwTnPerUSDbn / al.KRWPerUSD.At(y)
	s.InvestmentFlow, s.ShipbuildingFlow = m.rokFlows(y)
	s.InvestmentStock = s.InvestmentFlow
	s.Tariff = clamp(m.tariff(y, 0), 0, 100)
	s.Trust = al.TrustPct
	s.Trilateral = al.Trilateral
	s.ArmsExports = sc.Actors[ROK].ArmsExports
	s.Warheads = sc.Actors[DPRK].Warheads
	s.RussiaDPRK, s.Provocation, s.Taiwan = sc.Region.RussiaDPRK, sc.Region.Provocation, sc.Region.Taiwan
	g := func(a Actor) float64 { return (m.nominalGrowth(a, y) - 1) * 100 }
	s.Ind = computeIndicators(&s, p, g(US), g(CHN))
	return s
}

// Step returns the state of the year after prev. It runs the phases of the
// model in order (economy, budgets, capability, alliance, drift of the
// regional drivers, events, indicators); every decision reads prev (the frozen copy), so the
// order in which agents are visited cannot change the result. events are the
// events of the new year (scheduled and drawn).
func (m *Model) Step(prev *State, events []Event) State {
	next := State{Year: prev.Year + 1}
	m.economy(prev, &next)
	m.budgets(prev, &next)
	m.capability(prev, &next)
	m.alliance(prev, &next)
	m.drift(prev, &next)
	m.events(prev, &next, events)
	m.indicators(prev, &next)
	return next
}

// economy: nominal GDP grows by real growth and inflation (current USD, a
// constant exchange rate); population by its growth path.
func (m *Model) economy(prev, next *State) {
	y := next.Year
	for a := range NumActors {
		in := &m.Sc.Actors[a]
		n, o := &next.Actors[a], &prev.Actors[a]
		n.GDP = o.GDP * m.nominalGrowth(a, y)
		n.Population = o.Population * (1 + in.PopulationGrowthPct.At(y)/100)
		n.Personnel = in.PersonnelK.At(y)
		n.Crisis = o.Crisis * (1 - m.P.CrisisRecovery)
	}
}

// rivalPressure is the spending of the actor's rivals, weighted, relative to
// the actor's own GDP (Richardson's stimulus, scale-free).
func (m *Model) rivalPressure(s *State, a Actor) float64 {
	var sum float64
	for j := range NumActors {
		sum += m.P.RivalOf[j][a] * s.Actors[j].DefenseSpending
	}
	return ratio(sum, s.Actors[a].GDP)
}

// perceivedThreat is the actor's threat on the 0–100 scale: a weighted mix
// of the DPRK threat and regional tension.
func (m *Model) perceivedThreat(s *State, a Actor) float64 {
	return m.P.ThreatWeightDPRK[a]*s.Ind.DPRKThreat + m.P.ThreatWeightTension[a]*s.Ind.RegionalTension
}

// desiredShare is the defense share the actor would choose this year, from
// last year's state:
//
//	s* = s₀ · (R/R₀)^k · (1 + θ·τ·(T − T₀)/100) · (C/C₀)^(−f)
//
// with R rival pressure (action–reaction, Richardson 1960), T perceived
// threat and θ·τ the spending response per index point (Nordhaus, Oneal &
// Russett 2012), C US commitment and f the free-riding elasticity
// (Olson & Zeckhauser 1966). Index 0 marks start-year reference values.
func (m *Model) desiredShare(prev *State, a Actor) float64 {
	p := m.P
	s := m.refShare[a]
	if r0 := m.refRival[a]; r0 > 0 {
		s *= math.Pow(math.Max(m.rivalPressure(prev, a)/r0, minRivalRatio), p.ReactionElasticity[a])
	}
	threat := 1 + p.ThreatResponsePct/100*p.ThreatToDisputePP*(m.perceivedThreat(prev, a)-m.refThreat[a])
	s *= math.Max(threat, minThreatFactor)
	if f := p.FreeRideElasticity[a]; f != 0 && m.refCommit > 0 {
		s *= math.Pow(math.Max(prev.USCommitment, minCommitment)/m.refCommit, -f)
	}
	return s
}

// budgets: a policy path where the scenario gives one; otherwise partial
// adjustment toward the desired share, s = ρ·s(t−1) + (1−ρ)·s*, limited to
// max_change_pp a year and to [min_share_pct, max_share_pct].
func (m *Model) budgets(prev, next *State) {
	p := m.P
	for a := range NumActors {
		in := &m.Sc.Actors[a]
		n, o := &next.Actors[a], &prev.Actors[a]
		if in.DefensePct.IsSet() {
			n.DefenseShare = in.DefensePct.At(next.Year)
		} else {
			s := p.Inertia[a]*o.DefenseShare + (1-p.Inertia[a])*m.desiredShare(prev, a)
			s = clamp(s, o.DefenseShare-p.MaxChangePP[a], o.DefenseShare+p.MaxChangePP[a])
			n.DefenseShare = clamp(s, p.MinSharePct[a], p.MaxSharePct[a])
		}
		n.DefenseSpending = n.DefenseShare / 100 * n.GDP
	}
}

// capability: military capital by perpetual inventory, K = (1−δ)K(t−1) + βM;
// shipbuilding capacity by trend plus lagged shipbuilding investment (a share
// of world output, so never above 100%); warship
// tonnage by retirement plus what funds and yards allow; the DPRK arsenal by
// its production rate, raised by Russian cooperation.
func (m *Model) capability(prev, next *State) {
	p, y := m.P, next.Year
	for a := range NumActors {
		n, o := &next.Actors[a], &prev.Actors[a]
		n.MilitaryCapital = (1-p.CapitalDepreciation[a])*o.MilitaryCapital + p.EquipmentShare[a]*n.DefenseSpending
		if !hasNavy(a) {
			continue
		}
		n.Shipbuilding = clamp(o.Shipbuilding*(1+p.ShipbuildingTrendPct[a]/100)+p.CapacityPerBn*m.shipbuildingInto(a, y-m.shipLag), 0, 100)
		funded := ratio(p.NavalProcurementShare[a]*n.DefenseSpending, p.WarshipCostPerKt[a])
		yards := p.NavalYardKt[a] + p.YardKtPerCapacityPoint*n.Shipbuilding
		n.NavalKt = (1-p.WarshipRetirement)*o.NavalKt + math.Min(funded, yards)
	}
	next.Warheads = prev.Warheads + p.WarheadsPerYear*(1+p.RussiaWarheadBoost*prev.RussiaDPRK)
}

// shipbuildingInto is the shipbuilding investment disbursed to actor a in
// year y, from any actor.
func (m *Model) shipbuildingInto(a Actor, y int) float64 {
	var sum float64
	for _, inv := range m.Sc.Investments {
		if inv.To == a && inv.Sector == Shipbuilding {
			sum += inv.Disbursement(y)
		}
	}
	return sum
}

// rokFlows returns ROK → US disbursements in year y: all sectors, and
// shipbuilding alone.
func (m *Model) rokFlows(y int) (all, ship float64) {
	for _, inv := range m.Sc.Investments {
		if inv.From == ROK && inv.To == US {
			d := inv.Disbursement(y)
			all += d
			if inv.Sector == Shipbuilding {
				ship += d
			}
		}
	}
	return all, ship
}

// tariff is the US tariff on ROK goods in year y: the scenario's path, or
// the no-deal rate less the relief bought by ROK → US packages in force
// (tariff_relief_pp_per_100bn), never below the floor; plus any
// trade-dispute premium.
func (m *Model) tariff(y int, shock float64) float64 {
	p := m.P
	if path := m.Sc.Alliance.TariffPct; path.IsSet() {
		return path.At(y) + shock
	}
	var pledged float64
	for _, inv := range m.Sc.Investments {
		if inv.From == ROK && inv.To == US && float64(y) >= float64(inv.StartYear)-p.PackageLeadYears {
			pledged += inv.TotalUSDbn
		}
	}
	base := math.Max(p.TariffFloorPct, p.TariffNoDealPct-p.TariffReliefPPPer100bn*pledged/100)
	return base + shock
}

// alliance: investment disbursements, host-nation support (the Special
// Measures Agreement rule unless a path is given), US commitment (a path or
// the transactional rule), trust, trilateral institutions and arms exports.
// The tariff is set in the events phase, after the year's trade disputes.
func (m *Model) alliance(prev, next *State) {
	p, sc, y := m.P, m.Sc, next.Year
	al := &sc.Alliance

	next.InvestmentFlow, next.ShipbuildingFlow = m.rokFlows(y)
	next.InvestmentStock = prev.InvestmentStock + next.InvestmentFlow

	switch {
	case al.HNSKRWtn.IsSet():
		next.HNSKRW = al.HNSKRWtn.At(y)
	case float64(y) == p.SMAStepYear:
		next.HNSKRW = prev.HNSKRW * (1 + p.SMAStepPct/100)
	default:
		cpi := al.ROKCPIPct.At(y - 2)
		if !al.ROKCPIPct.IsSet() {
			cpi = sc.Actors[ROK].InflationPct.At(y - 2)
		}
		next.HNSKRW = prev.HNSKRW * (1 + clamp(cpi, 0, p.SMACPICapPct)/100)
	}
	next.HNSUSD = next.HNSKRW * krwTnPerUSDbn / al.KRWPerUSD.At(y)

	if al.USCommitmentPct.IsSet() {
		next.USCommitment = clamp(al.USCommitmentPct.At(y), 0, FullCommitment)
	} else {
		bsr := ratio(prev.Ind.BurdenShare, prev.Ind.BurdenParity)
		target := FullCommitment + p.CommitmentBurdenSensitivity*(bsr-p.CommitmentReferenceBSR) + p.CommitmentInvestSensitivity*prev.InvestmentFlow -
			p.CommitmentCrisisDrop*prev.Actors[ROK].Crisis
		target = clamp(target, 0, 100)
		next.USCommitment = clamp(prev.USCommitment+p.CommitmentAdjustRate*(target-prev.USCommitment), 0, 100)
	}

	// Policy whiplash: a cut in US commitment faster than whiplash_tolerance
	// points a year costs trust, per point beyond it, on top of the recovery
	// toward equilibrium.
	cut := math.Max(prev.USCommitment-next.USCommitment-p.WhiplashTolerance, 0)
	next.Trust = prev.Trust + p.TrustRecovery*(p.TrustEquilibrium-prev.Trust) - p.WhiplashTrustDrop*cut
	next.Trilateral = prev.Trilateral + p.TrilateralRecovery*(m.trilateral0-prev.Trilateral)

	capitalRatio := ratio(next.Actors[ROK].MilitaryCapital, m.refCapital)
	target := p.ArmsExportBase * math.Pow(capitalRatio, p.ArmsCapitalElasticity) *
		math.Max(1+p.ArmsTensionEffect*(prev.Ind.RegionalTension-m.refTension)/100, 0)
	next.ArmsExports = math.Max(prev.ArmsExports+p.ArmsAdjust*(target-prev.ArmsExports), 0)
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
	next.TariffShock = prev.TariffShock * (1 - p.TariffShockDecay)
}

// events applies the year's events to the new state, then sets the tariff
// (packages in force plus the dispute premium). Levels are bounded to 0–1
// and trust to 0–100.
func (m *Model) events(prev, next *State, events []Event) {
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
	next.Tariff = clamp(m.tariff(next.Year, next.TariffShock), 0, 100)
}

// indicators: every reported indicator from the new state.
func (m *Model) indicators(prev, next *State) {
	growth := func(a Actor) float64 {
		return (ratio(next.Actors[a].DefenseSpending, prev.Actors[a].DefenseSpending) - 1) * 100
	}
	next.Ind = computeIndicators(next, m.P, growth(US), growth(CHN))
}
