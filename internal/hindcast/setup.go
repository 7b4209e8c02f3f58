package hindcast

import (
	"fmt"

	"simulate/model"
)

// Start values for the start year of the hindcast (2015) that the record
// does not give, for the inputs the budget decisions read (through rival
// pressure, perceived threat and US commitment). Inputs no decision reads
// (population, personnel, shipbuilding capacity, host-nation support, the
// exchange rate, arms exports, trilateral institutions) keep the base
// scenario's values: the hindcast does not report the indicators they feed.
const (
	// DPRK warheads at the start. Judgment: RAND/Asan (2021) put the arsenal
	// at 30–60 in 2017 (data/sources.md §3c); less two years at ISIS's 4–12 a year.
	startWarheads = 20

	// DPRK defense share, % of GDP. WMEAT 2016: 23.3% of GDP on average in
	// 2004–2014, the decade before the start (data/sources.md §2e).
	startDPRKSharePct = 23.3

	// DPRK real GDP growth, % a year. Judgment: the Bank of Korea's estimates
	// swing between −4.5% (2020) and +3.7% (2024); the hindcast holds the
	// economy at the base scenario's size.
	dprkGrowthPct = 0

	// Warship tonnage, thousand tonnes (full load). US derived: the baseline's
	// 4,600 kt scaled by battle-force ships, 271 in 2015 against 296 in 2024
	// (data/sources.md §4a, the 2015 count is low confidence). China judgment:
	// about two-thirds of the baseline's 2,000 kt, the PLA Navy having
	// overtaken the US Navy's ship count between 2015 and 2020 (CRS) with
	// larger ships since. ROK and Japan: the baseline's judgment values.
	startNavalKtUS  = 4600 * 271.0 / 296
	startNavalKtCHN = 1300
	startNavalKtROK = 250
	startNavalKtJPN = 500

	// Regional drivers, 0–1, all judgment: no Russia–DPRK military
	// cooperation before 2023; a year of ordinary DPRK testing (the baseline's
	// level); a calmer Taiwan Strait than after 2022.
	startRussiaDPRK  = 0.05
	startProvocation = 0.3
	startTaiwan      = 0.2

	// Alliance trust, 0–100. Judgment: no crisis in 2015, so trust sits at
	// the default equilibrium (trust_equilibrium).
	startTrustPct = 75

	// US tariff on ROK goods, %: the KORUS FTA's zero tariff on most goods
	// (in force since 2012).
	korusTariffPct = 0
)

// Scenario returns the hindcast scenario: base's coefficients and the
// inputs no budget decision reads; the record's first year as the start
// (GDP and defense shares of the scored actors), the record's real growth,
// and a dollar inflation that makes nominal GDP follow the record exactly;
// no policy paths, so every actor sets its defense share by its decision
// rule; events as given.
func Scenario(base *model.Scenario, h *History, events []model.Event) (*model.Scenario, error) {
	sc := *base
	sc.Title = fmt.Sprintf("Hindcast %d–%d", h.First, h.Last)
	sc.Description = "every actor decides its defense share by its rule; nominal GDP and events follow the record"
	sc.StartYear, sc.EndYear = h.First, h.Last
	sc.Runs = 1
	sc.Investments = nil
	sc.Events = nil
	for _, e := range events {
		if e.Year > h.First && e.Year <= h.Last {
			sc.Events = append(sc.Events, e)
		}
	}
	for a := range model.NumActors {
		in := &sc.Actors[a]
		in.DefensePct = model.Path{}
		in.MilitaryCapital = 0 // steady state from the start-year spending
	}
	for _, a := range Scored {
		in := &sc.Actors[a]
		first, _ := h.At(a, h.First)
		in.GDP = first.GDP
		in.InitialDefensePct = first.SharePct
		growth := map[int]float64{h.First: first.GrowthPct}
		// The start year's dollar inflation only sets the steady-state
		// military capital; zero is the neutral choice.
		inflation := map[int]float64{h.First: 0}
		prev := first
		for y := h.First + 1; y <= h.Last; y++ {
			rec, _ := h.At(a, y)
			growth[y] = rec.GrowthPct
			inflation[y] = 100 * (rec.GDP/(prev.GDP*(1+rec.GrowthPct/100)) - 1)
			prev = rec
		}
		in.GrowthPct = model.PathOf(growth)
		in.InflationPct = model.PathOf(inflation)
	}

	dprk := &sc.Actors[model.DPRK]
	dprk.InitialDefensePct = startDPRKSharePct
	dprk.GrowthPct = model.Const(dprkGrowthPct)
	dprk.InflationPct = model.Const(0)
	dprk.Warheads = startWarheads
	sc.Actors[model.US].NavalKt = startNavalKtUS
	sc.Actors[model.ROK].NavalKt = startNavalKtROK
	sc.Actors[model.CHN].NavalKt = startNavalKtCHN
	sc.Actors[model.JPN].NavalKt = startNavalKtJPN

	sc.Region = model.RegionInputs{RussiaDPRK: startRussiaDPRK, Provocation: startProvocation, Taiwan: startTaiwan}
	sc.Alliance.USCommitmentPct = model.Path{} // endogenous
	sc.Alliance.TariffPct = model.Const(korusTariffPct)
	sc.Alliance.HNSKRWtn = model.Path{}
	sc.Alliance.TrustPct = startTrustPct
	return &sc, sc.Validate()
}
