package model

// PerActor holds one value of a coefficient for each actor, in model order
// (US, ROK, DPRK, CHN, JPN).
type PerActor [NumActors]float64

// Params holds every coefficient the model uses. Each field is documented in
// the registry returned by ParamSpecs (unit, plausible range, source or
// "judgment"); DefaultParams gives the defaults. Scenarios override them under
// [params] (all actors) and [params.<ACTOR>] (one actor).
type Params struct {
	// Budgets: the decision rule of an actor without a policy path.
	Inertia             PerActor
	ReactionElasticity  PerActor
	FreeRideSlope       PerActor
	ThreatWeightDPRK    PerActor
	ThreatWeightTension PerActor
	RivalOf             [NumActors]PerActor // RivalOf[j][i]: weight of j's spending in i's rival pressure
	MinSharePct         PerActor
	MaxSharePct         PerActor
	MaxChangePP         PerActor
	ThreatResponsePct   float64
	ThreatToDisputePP   float64

	// Capability.
	EquipmentShare         PerActor
	CapitalDepreciation    PerActor
	NavalProcurementShare  PerActor
	WarshipCostPerKt       PerActor
	NavalYardKt            PerActor
	ShipbuildingTrendPct   PerActor
	WarshipRetirement      PerActor
	WarshipEscalationPct   float64
	YardKtPerCapacityPoint float64
	YardCostPerKt          float64
	YardGrowthMaxPct       float64
	IndustrialBaseShare    float64
	WarheadsPerYear        float64
	RussiaWarheadBoost     float64

	// Alliance.
	USKoreaShare                float64
	USJapanShare                float64
	USPacificShare              float64
	CommitmentStartPct          float64
	CommitmentAdjustRate        float64
	WhiplashTrustDrop           float64
	WhiplashTolerance           float64
	CommitmentEffortLogit       float64
	CommitmentStockLogit        float64
	CommitmentHNSLogit          float64
	CommitmentCrisisLogit       float64
	CommitmentRivalAllyLogit    float64
	InvestmentStockDecay        float64
	TariffNoDealPct             float64
	TariffReliefPPPer100bn      float64
	TariffFloorPct              float64
	PackageLeadYears            float64
	SMAStepYear                 float64
	SMAStepPct                  float64
	SMACPICapPct                float64
	CapacityLagYears            float64
	InvestmentBurdenWeight      float64
	IntegrationWeightBase       float64
	IntegrationWeightInvestment float64
	IntegrationWeightTrade      float64
	IntegrationStockRef         float64
	TariffScalePct              float64
	TrustRecovery               float64
	TrustEquilibrium            float64
	IntegrationCrisisBuffer     float64
	CohesionTrustWeight         float64
	CohesionWeightEffort        float64
	CohesionWeightCommitment    float64
	CohesionWeightTrade         float64
	USExpectedROKSharePct       float64

	// Events and shocks.
	CrisisRecovery        float64
	CrisisTrustDrop       float64
	ProvocationDecay      float64
	RussiaCoopDecay       float64
	TaiwanDecay           float64
	TariffShockDecay      float64
	TradeDisputeTariffPP  float64
	TradeDisputeTrustDrop float64
	DiversionFactor       float64

	// Indicators.
	DecouplingMax                float64
	RussiaTransferEffect         float64
	IntegrationTiesEffect        float64
	SignalAdjustRate             float64
	SignalWeightNCG              float64
	SignalWeightExercises        float64
	SignalWeightAssets           float64
	ROKResolve                   float64
	WarheadsHalf                 float64
	DPRKMassMultiplier           float64
	DPRKThreatWeightNuclear      float64
	DPRKThreatWeightConventional float64
	DPRKThreatWeightRussia       float64
	DPRKThreatWeightProvocation  float64
	TensionWeightNaval           float64
	TensionWeightTaiwan          float64
	TensionWeightDPRK            float64
	TensionWeightArmsRace        float64
	ArmsRaceRefGrowthPct         float64
	TrilateralWeightInstitution  float64
	TrilateralWeightCommitment   float64
	TrilateralWeightThreat       float64
	TrilateralRecovery           float64
	TrilateralCrisisDrop         float64
	AutonomyWeightSelf           float64
	AutonomyWeightExports        float64
	AutonomyWeightIntegration    float64
	ArmsExportsRef               float64
	ArmsExportBase               float64
	ArmsAdjust                   float64
	ArmsCapitalElasticity        float64
	ArmsTensionEffect            float64
}

// ParamSpec documents one coefficient: its scenario key, unit, plausible
// range, source (or "judgment") and meaning. A per-actor coefficient has one
// value and one range per actor.
type ParamSpec struct {
	Key      string
	Unit     string
	PerActor bool
	Low      PerActor // plausible range, lower end (index 0 for global coefficients)
	High     PerActor // plausible range, upper end
	Source   string
	Doc      string
	Group    string

	global func(*Params) *float64
	actor  func(*Params) *PerActor
}

// Get returns the coefficient's value in p (for actor a if it is per-actor).
func (s *ParamSpec) Get(p *Params, a Actor) float64 {
	if s.PerActor {
		return s.actor(p)[a]
	}
	return *s.global(p)
}

// Set stores v as the coefficient's value in p (for actor a if per-actor).
func (s *ParamSpec) Set(p *Params, a Actor, v float64) {
	if s.PerActor {
		s.actor(p)[a] = v
		return
	}
	*s.global(p) = v
}

// Range returns the plausible range of the coefficient (for actor a).
func (s *ParamSpec) Range(a Actor) (lo, hi float64) {
	if s.PerActor {
		return s.Low[a], s.High[a]
	}
	return s.Low[0], s.High[0]
}

// LookupParam returns the spec with the given scenario key.
func LookupParam(key string) (*ParamSpec, bool) {
	for i := range paramSpecs {
		if paramSpecs[i].Key == key {
			return &paramSpecs[i], true
		}
	}
	return nil, false
}

// ParamSpecs returns the registry of every coefficient, in documentation order.
func ParamSpecs() []ParamSpec { return append([]ParamSpec(nil), paramSpecs...) }

func same(v float64) PerActor { return PerActor{v, v, v, v, v} }

func global(group, key, unit string, lo, hi float64, source, doc string, f func(*Params) *float64) ParamSpec {
	return ParamSpec{Group: group, Key: key, Unit: unit, Low: PerActor{lo}, High: PerActor{hi}, Source: source, Doc: doc, global: f}
}

func perActor(group, key, unit string, lo, hi PerActor, source, doc string, f func(*Params) *PerActor) ParamSpec {
	return ParamSpec{Group: group, Key: key, Unit: unit, PerActor: true, Low: lo, High: hi, Source: source, Doc: doc, actor: f}
}

// DefaultParams returns the coefficients' defaults.
func DefaultParams() Params {
	p := Params{
		Inertia:             same(0.85),
		ReactionElasticity:  PerActor{0.2, 0.2, 0.25, 0.25, 0.2},
		FreeRideSlope:       PerActor{0, 0.3, 0, 0, 0.2},
		ThreatWeightDPRK:    PerActor{0.2, 1, 0, 0, 0.5},
		ThreatWeightTension: PerActor{0.8, 0.3, 1, 1, 0.5},
		MinSharePct:         PerActor{2, 1.5, 10, 1, 0.8},
		MaxSharePct:         PerActor{6, 6, 35, 4, 3},
		MaxChangePP:         PerActor{0.3, 0.3, 2, 0.2, 0.3},
		ThreatResponsePct:   3,
		ThreatToDisputePP:   0.1,

		EquipmentShare:         same(0.2),
		CapitalDepreciation:    same(0.08),
		NavalProcurementShare:  PerActor{0.035, 0.04, 0, 0.045, 0.05},
		WarshipCostPerKt:       PerActor{0.25, 0.12, 0.1, 0.1, 0.15},
		NavalYardKt:            PerActor{110, 40, 0, 150, 40},
		ShipbuildingTrendPct:   PerActor{0, -6.5, 0, 3.3, 0},
		WarshipRetirement:      PerActor{1.0 / 35, 1.0 / 30, 0, 1.0 / 30, 1.0 / 30},
		WarshipEscalationPct:   2,
		YardKtPerCapacityPoint: 5,
		YardCostPerKt:          0.5,
		YardGrowthMaxPct:       10,
		IndustrialBaseShare:    0.2,
		WarheadsPerYear:        6,
		RussiaWarheadBoost:     0.5,

		USKoreaShare:                0.05,
		USJapanShare:                0.04,
		USPacificShare:              0.6,
		CommitmentStartPct:          85,
		CommitmentAdjustRate:        0.3,
		WhiplashTrustDrop:           0.5,
		WhiplashTolerance:           2,
		CommitmentEffortLogit:       0.4,
		CommitmentStockLogit:        1,
		CommitmentHNSLogit:          0.2,
		CommitmentCrisisLogit:       1.5,
		CommitmentRivalAllyLogit:    0.5,
		InvestmentStockDecay:        0.04,
		TariffNoDealPct:             25,
		TariffReliefPPPer100bn:      10.0 / 3.5,
		TariffFloorPct:              0,
		PackageLeadYears:            1,
		SMAStepYear:                 2026,
		SMAStepPct:                  8.3,
		SMACPICapPct:                5,
		CapacityLagYears:            4,
		InvestmentBurdenWeight:      0.5,
		IntegrationWeightBase:       0.3,
		IntegrationWeightInvestment: 0.4,
		IntegrationWeightTrade:      0.3,
		IntegrationStockRef:         200,
		TariffScalePct:              50,
		TrustRecovery:               0.3,
		TrustEquilibrium:            75,
		IntegrationCrisisBuffer:     0.5,
		CohesionTrustWeight:         0.5,
		CohesionWeightEffort:        1,
		CohesionWeightCommitment:    1,
		CohesionWeightTrade:         1,
		USExpectedROKSharePct:       5,

		CrisisRecovery:        0.4,
		CrisisTrustDrop:       30,
		ProvocationDecay:      0.5,
		RussiaCoopDecay:       0.1,
		TaiwanDecay:           0.4,
		TariffShockDecay:      0.3,
		TradeDisputeTariffPP:  10,
		TradeDisputeTrustDrop: 15,
		DiversionFactor:       0.5,

		DecouplingMax:                0.3,
		RussiaTransferEffect:         0.5,
		IntegrationTiesEffect:        0.3,
		SignalAdjustRate:             0.5,
		SignalWeightNCG:              1,
		SignalWeightExercises:        1,
		SignalWeightAssets:           1,
		ROKResolve:                   0.5,
		WarheadsHalf:                 50,
		DPRKMassMultiplier:           3,
		DPRKThreatWeightNuclear:      0.5,
		DPRKThreatWeightConventional: 0.1,
		DPRKThreatWeightRussia:       0.25,
		DPRKThreatWeightProvocation:  0.15,
		TensionWeightNaval:           0.3,
		TensionWeightTaiwan:          0.3,
		TensionWeightDPRK:            0.2,
		TensionWeightArmsRace:        0.2,
		ArmsRaceRefGrowthPct:         10,
		TrilateralWeightInstitution:  0.5,
		TrilateralWeightCommitment:   0.3,
		TrilateralWeightThreat:       0.2,
		TrilateralRecovery:           0.3,
		TrilateralCrisisDrop:         0.3,
		AutonomyWeightSelf:           0.5,
		AutonomyWeightExports:        0.2,
		AutonomyWeightIntegration:    0.3,
		ArmsExportsRef:               20,
		ArmsExportBase:               (17.3 + 13.5 + 9.5) / 3,
		ArmsAdjust:                   0.3,
		ArmsCapitalElasticity:        0.5,
		ArmsTensionEffect:            0.5,
	}
	// Rival pressure: who reacts to whom (row: the reacting actor).
	rivals := [NumActors]PerActor{
		US:   {CHN: 1, DPRK: 1},
		ROK:  {DPRK: 1, CHN: 0.1},
		DPRK: {US: 0.6, ROK: 1, JPN: 0.3},
		CHN:  {US: 0.6, JPN: 1, ROK: 0.3},
		JPN:  {CHN: 1, DPRK: 1},
	}
	for i := range NumActors {
		for j := range NumActors {
			p.RivalOf[j][i] = rivals[i][j]
		}
	}
	return p
}
