package model

import "math"

// ActorState is one actor's state in a year. GDP and defense spending are
// in current US dollars, billions; stocks (military capital, yard backlog)
// are in constant start-year dollars; shares are percent.
type ActorState struct {
	GDP             float64 // USD bn, current
	DefenseShare    float64 // % of GDP
	DefenseSpending float64 // USD bn, current
	Price           float64 // GDP deflator in US dollars, start year = 1
	MilitaryCapital float64 // USD bn, start-year prices (perpetual inventory)
	NavalKt         float64 // battle-force tonnage, thousand tonnes
	Shipbuilding    float64 // share of world shipbuilding output, % (commercial capacity index)
	NavalYard       float64 // naval yards' own warship capacity, thousand tonnes a year
	YardBacklog     float64 // yard investment awaiting absorption, USD bn, start-year prices
	Yards           float64 // warship tonnage the yards can deliver, thousand tonnes a year (YardCapacity)
	Population      float64 // million
	Personnel       float64 // thousand active personnel
	Crisis          float64 // domestic political crisis level, 0–1
}

// State is the whole model in one year. Step reads a frozen copy of last
// year's State and returns a new one; nothing else is carried between years.
type State struct {
	Year   int
	Actors [NumActors]ActorState

	// Alliance (US–ROK).
	USCommitment     float64 // 0–100
	HNSKRW           float64 // host-nation support, tn KRW
	HNSUSD           float64 // host-nation support, USD bn
	InvestmentFlow   float64 // ROK → US disbursements this year, USD bn
	ShipbuildingFlow float64 // of which shipbuilding, USD bn
	InvestmentStock  float64 // embedded ROK investment in the US, USD bn, start-year prices, depreciating
	RivalAllyStock   float64 // embedded investment in the US of its other allies and partners, USD bn, start-year prices
	TariffShock      float64 // trade-dispute premium on the tariff, pp
	Tariff           float64 // US tariff on ROK goods, %
	Trust            float64 // 0–100
	Trilateral       float64 // US–ROK–JPN institutionalization, 0–1
	ArmsExports      float64 // ROK arms-export contracts, USD bn/yr, start-year prices
	Signal           float64 // signalling state of extended deterrence (NCG, exercises, asset visits), 0–100

	// DPRK and the region.
	Warheads    float64 // DPRK nuclear warheads
	RussiaDPRK  float64 // Russia–DPRK cooperation level, 0–1
	Provocation float64 // DPRK provocation level, 0–1
	Taiwan      float64 // Taiwan Strait tension level, 0–1

	// Ind holds the composite indicators computed in the year's last phase;
	// next year's decisions read them from the frozen copy.
	Ind Indicators
}

// Indicators are the composite indicators computed from a State.
type Indicators struct {
	PowerShare       PerActor // % of the five
	NavalBalance     float64  // % allied
	BurdenShare      float64  // % borne by ROK
	BurdenParity     float64  // ROK share of alliance GDP, %
	Integration      float64  // 0–100
	DPRKThreat       float64  // 0–100
	RegionalTension  float64  // 0–100
	Deterrence       float64  // 0–100
	DeterCapability  float64  // 0–100
	DeterWill        float64  // 0–100
	DeterSignal      float64  // 0–100 (communication)
	Cohesion         float64  // 0–100
	Autonomy         float64  // 0–100
	Trilateral       float64  // 0–100
	SpendingGrowthUS float64  // real growth of US defense spending, %
	SpendingGrowthCN float64  // real growth of Chinese defense spending, %

	// investmentSaturation is the embedded ROK investment stock's
	// saturation (stockSaturation), 0–1: computed once for the
	// integration indicator, read again by next year's commitment rule.
	investmentSaturation float64
}

// hasNavy reports whether the actor's naval strength is modelled (the
// naval indicators cover US, CHN, JPN and ROK).
func hasNavy(a Actor) bool { return a != DPRK }

// clamp returns x limited to [lo, hi]; NaN becomes lo, so no NaN can leave
// a computation that ends in clamp.
func clamp(x, lo, hi float64) float64 {
	switch {
	case math.IsNaN(x) || x < lo:
		return lo
	case x > hi:
		return hi
	}
	return x
}

// ratio returns a/b, or 0 when b is not positive.
func ratio(a, b float64) float64 {
	if !(b > 0) {
		return 0
	}
	return a / b
}
