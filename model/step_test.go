package model

import (
	"math"
	"testing"
)

// TestPerpetualInventory runs a one-step scenario and checks
// K(t+1) = (1 − δ)·K(t) + β·M/P with M the new year's spending and P its
// deflator: capital at constant start-year prices.
func TestPerpetualInventory(t *testing.T) {
	tests := []struct {
		name         string
		growth, infl float64
		delta, beta  float64
		want         float64
	}{
		// GDP 2000 at 2.5%: M = 50. K = 0.92·300 + 0.2·50 = 276 + 10 = 286.
		{"defaults, no growth", 0, 0, 0.08, 0.2, 286},
		// GDP 2000·1.02·1.01 = 2060.4, M = 51.51, at start-year prices
		// 51.51/1.01 = 51: K = 276 + 0.2·51 = 286.2. Inflation adds nothing.
		{"growth and inflation", 2, 1, 0.08, 0.2, 286.2},
		{"inflation alone", 0, 5, 0.08, 0.2, 286},
		// δ = 0.06 (ships), β = 0.25: K = 0.94·300 + 0.25·51 = 282 + 12.75 = 294.75.
		{"other coefficients", 2, 1, 0.06, 0.25, 294.75},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			sc.EndYear = 2026
			rok := &sc.Actors[ROK]
			rok.MilitaryCapital = 300
			rok.GrowthPct, rok.InflationPct = Const(tt.growth), Const(tt.infl)
			sc.Params.CapitalDepreciation[ROK] = tt.delta
			sc.Params.EquipmentShare[ROK] = tt.beta
			res := mustRun(t, sc)
			k0 := valueOf(t, res, "military_capital", "ROK", 2025)
			k1 := valueOf(t, res, "military_capital", "ROK", 2026)
			checkClose(t, "K(2025)", k0, 300, 1e-12)
			checkClose(t, "K(2026)", k1, tt.want, 1e-12)
		})
	}
}

// TestSteadyStateCapital: without a start-year capital, each actor starts on
// its perpetual-inventory steady-state path, on which capital grows exactly
// as fast as spending.
func TestSteadyStateCapital(t *testing.T) {
	t.Run("no growth", func(t *testing.T) {
		// K = βM/δ = 0.2·50/0.08 = 125, and it stays there.
		sc := testScenario()
		res := mustRun(t, sc)
		for y := sc.StartYear; y <= sc.EndYear; y++ {
			k := valueOf(t, res, "military_capital", "ROK", y)
			checkClose(t, "ROK capital", k, 125, 1e-12)
		}
	})
	t.Run("constant growth", func(t *testing.T) {
		// Real growth g = 0.02 (inflation 1% changes nothing at constant
		// prices). The step adds the new year's real spending,
		// K(t) = (1−δ)K(t−1) + βM(t)/P(t), so the path on which K grows at g
		// has K = βM(1+g)/(δ+g) = 0.2·50·1.02/0.10 = 102.
		sc := testScenario()
		for a := range NumActors {
			sc.Actors[a].GrowthPct, sc.Actors[a].InflationPct = Const(2), Const(1)
		}
		res := mustRun(t, sc)
		k0 := valueOf(t, res, "military_capital", "ROK", 2025)
		checkClose(t, "ROK capital 2025", k0, 0.2*50*1.02/(0.08+0.02), 1e-12)
		for _, a := range []Actor{US, ROK, JPN} { // the actors on constant policy paths
			for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
				k := valueOf(t, res, "military_capital", a.String(), y)
				prev := valueOf(t, res, "military_capital", a.String(), y-1)
				checkClose(t, a.String()+" capital growth", k/prev, 1.02, 1e-12)
			}
		}
	})
}

// TestHostNationSupport checks the Special Measures Agreement rule: 2026 =
// 2025 × 1.083; from 2027 the previous amount grows by ROK inflation of two
// years earlier, capped at 5%.
func TestHostNationSupport(t *testing.T) {
	sc := testScenario()
	sc.EndYear = 2028
	sc.Alliance.HNSStartKRWtn = 1.4028 // 2025 (MOFA 2024-10-04)
	sc.Alliance.KRWPerUSD = Const(1424)
	sc.Actors[ROK].InflationPct = PathOf(map[int]float64{2025: 2, 2026: 7})
	res := mustRun(t, sc)
	want := []struct {
		year int
		krw  float64
	}{
		{2025, 1.4028},
		// 12th SMA: 1.4028 × 1.083 = 1.5192324 tn KRW (published: 1.5192).
		{2026, 1.5192324},
		// CPI of 2025 (2%): 1.5192324 × 1.02 = 1.549617048.
		{2027, 1.549617048},
		// CPI of 2026 (7%) capped at 5%: 1.549617048 × 1.05 = 1.6270979004.
		{2028, 1.6270979004},
	}
	for _, w := range want {
		got := valueOf(t, res, "host_nation_support", SubjectAlliance, w.year)
		// tn KRW × 1000 / (KRW per USD) = USD bn: 1.5192324 × 1000 / 1424 = 1.06688 in 2026.
		checkClose(t, "host_nation_support", got, w.krw*1000/1424, 1e-12)
	}

	// A path, where given, replaces the rule.
	sc.Alliance.HNSKRWtn = Const(2.848)
	res = mustRun(t, sc)
	got := valueOf(t, res, "host_nation_support", SubjectAlliance, 2027)
	checkClose(t, "host_nation_support with a path", got, 2, 1e-12) // 2.848 tn / 1424 = $2 bn
}

// TestTariff checks the tariff rule: 25% without a deal; each USD 100 bn of
// packages in force (from a year before their first disbursement) buys
// 10/3.5 pp, so the $350 bn package gives 15%; never below the floor; a
// trade dispute adds a premium that decays.
func TestTariff(t *testing.T) {
	pkg := func(total float64, start int, from, to Actor) Investment {
		return Investment{From: from, To: to, Sector: OtherSector, TotalUSDbn: total, StartYear: start, EndYear: start + 4}
	}
	tests := []struct {
		name   string
		invs   []Investment
		events []Event
		want   map[int]float64
	}{
		{"no deal", nil, nil, map[int]float64{2025: 25, 2030: 25}},
		// 25 − (10/3.5)·3.5 = 15, in force from 2025 (a year before 2026).
		{"$350 bn package", []Investment{pkg(150, 2026, ROK, US), pkg(200, 2026, ROK, US)}, nil, map[int]float64{2025: 15, 2030: 15}},
		// Half the package: 25 − (10/3.5)·1.75 = 20.
		{"$175 bn", []Investment{pkg(175, 2026, ROK, US)}, nil, map[int]float64{2025: 20, 2030: 20}},
		// In force from 2027, a year before it starts: 25 until 2026, then 15.
		{"later package", []Investment{pkg(350, 2028, ROK, US)}, nil, map[int]float64{2026: 25, 2027: 15, 2030: 15}},
		// 25 − (10/3.5)·10 < 0: the floor, 0.
		{"floor", []Investment{pkg(1000, 2026, ROK, US)}, nil, map[int]float64{2026: 0}},
		// A package from the US to ROK buys no relief on US tariffs.
		{"other direction", []Investment{pkg(350, 2026, US, ROK)}, nil, map[int]float64{2026: 25}},
		// Dispute of severity 0.5 in 2027: +0.5·10 = 5 pp; 30% of the premium
		// goes each year: 15 + 5 = 20 (2027), 15 + 3.5 = 18.5 (2028),
		// 15 + 2.45 = 17.45 (2029).
		{"trade dispute", []Investment{pkg(350, 2026, ROK, US)}, []Event{{Year: 2027, Kind: TradeDispute, Severity: 0.5}},
			map[int]float64{2026: 15, 2027: 20, 2028: 18.5, 2029: 17.45}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := testScenario()
			sc.Investments, sc.Events = tt.invs, tt.events
			res := mustRun(t, sc)
			for y, want := range tt.want {
				got := valueOf(t, res, "tariff_rate", SubjectAlliance, y)
				checkClose(t, "tariff_rate", got, want, 1e-12)
			}
		})
	}
}

// restingScenario is testScenario with nothing left to change on its own:
// no warhead production, no warship retirement or procurement, so every
// driver of the decision rules stays at its start value.
func restingScenario() *Scenario {
	sc := testScenario()
	sc.Params.WarheadsPerYear = 0
	sc.Params.WarshipRetirement = PerActor{}
	sc.Params.NavalProcurementShare = PerActor{}
	return sc
}

// TestBudgetsAtRest: an actor on its decision rule whose drivers stay at
// their start values keeps its share, year after year. (An actor that read
// another's not-yet-computed new state would see zero spending and move.)
func TestBudgetsAtRest(t *testing.T) {
	sc := restingScenario()
	sc.EndYear = 2040
	sc.Actors[ROK].DefensePct = Path{} // ROK on its rule too
	sc.Actors[ROK].InitialDefensePct = 2.5
	sc.Alliance.USCommitmentPct = Const(100) // free-riding at rest too
	res := mustRun(t, sc)
	for _, a := range []Actor{ROK, DPRK, CHN} {
		want := valueOf(t, res, "defense_share", a.String(), sc.StartYear)
		for y := sc.StartYear + 1; y <= sc.EndYear; y++ {
			got := valueOf(t, res, "defense_share", a.String(), y)
			checkClose(t, a.String()+" defense_share", got, want, 1e-12)
		}
	}
}

// TestBudgetRule checks the decision rule term by term on one step from a
// start state with one driver changed, and its bounds.
func TestBudgetRule(t *testing.T) {
	// ROK decides by its rule from 2.6% (inertia 0.85).
	sc := restingScenario()
	sc.Actors[ROK].DefensePct = Path{}
	sc.Actors[ROK].InitialDefensePct = 2.6
	p := &sc.Params
	only := func(reaction, threat, freeRide float64) {
		p.ReactionElasticity[ROK], p.FreeRideSlope[ROK] = reaction, freeRide
		p.ThreatResponsePct = threat
	}
	tests := []struct {
		name   string
		setup  func()
		change func(*State)
		actor  Actor
		want   float64
	}{
		{
			// Free-riding alone: commitment halves from its start of 85, so the
			// US spill-in, 100·0.05·C/100·600/2000 % of ROK GDP, falls from
			// 1.275 to 0.6375; each dollar withdrawn is replaced by 0.3:
			// s* = 2.6 + 0.3·0.6375 = 2.79125; s = 0.85·2.6 + 0.15·2.79125 = 2.6286875.
			name:   "free-riding",
			setup:  func() { only(0, 0, 0.3) },
			change: func(s *State) { s.USCommitment = 42.5 },
			actor:  ROK,
			want:   2.6286875,
		},
		{
			// Action–reaction alone: DPRK and Chinese spending (ROK's rivals)
			// double, so rival pressure doubles: s* = 2.6·2^0.2 = 2.98662;
			// s = 2.21 + 0.15·2.98662 = 2.65799.
			name:  "action-reaction",
			setup: func() { only(0.2, 0, 0) },
			change: func(s *State) {
				s.Actors[DPRK].DefenseSpending *= 2
				s.Actors[CHN].DefenseSpending *= 2
			},
			actor: ROK,
			want:  0.85*2.6 + 0.15*2.6*math.Pow(2, 0.2),
		},
		{
			// Threat alone: the DPRK threat rises 10 points; ROK's weights 1
			// (DPRK) and 0.3 (tension) are normalized, so perceived threat
			// rises 10/1.3 = 7.6923 points, a 0.76923 pp rise in dispute
			// probability, +2.3077% desired spending (Nordhaus, Oneal &
			// Russett): s* = 2.6·1.023077 = 2.66; s = 2.21 + 0.15·2.66 = 2.609.
			name:   "threat",
			setup:  func() { only(0, 3, 0) },
			change: func(s *State) { s.Ind.DPRKThreat += 10 },
			actor:  ROK,
			want:   2.609,
		},
		{
			// A huge rise in rival spending: the share moves by max_change_pp
			// only: 2.6 + 0.3 = 2.9.
			name:   "max change up",
			setup:  func() { only(0.2, 3, 0.3) },
			change: func(s *State) { s.Actors[DPRK].DefenseSpending *= 1000 },
			actor:  ROK,
			want:   2.9,
		},
		{
			// ... and never above max_share_pct (2.7 here).
			name:   "max share",
			setup:  func() { only(0.2, 3, 0.3); p.MaxSharePct[ROK] = 2.7 },
			change: func(s *State) { s.Actors[DPRK].DefenseSpending *= 1000 },
			actor:  ROK,
			want:   2.7,
		},
		{
			// Rivals disarm: DPRK's rival pressure falls to nothing (floored
			// at 1% of its start value): s* = 20·0.01^0.25 = 6.32;
			// 0.85·20 + 0.15·6.32 = 17.95, a fall of 2.05 > 2 pp: 20 − 2 = 18.
			name: "max change down",
			change: func(s *State) {
				s.Actors[US].DefenseSpending, s.Actors[ROK].DefenseSpending, s.Actors[JPN].DefenseSpending = 0, 0, 0
			},
			actor: DPRK,
			want:  18,
		},
		{
			// ... and never below min_share_pct (19 here).
			name:  "min share",
			setup: func() { p.MinSharePct[DPRK] = 19 },
			change: func(s *State) {
				s.Actors[US].DefenseSpending, s.Actors[ROK].DefenseSpending, s.Actors[JPN].DefenseSpending = 0, 0, 0
			},
			actor: DPRK,
			want:  19,
		},
		{
			// China reacts to the US (weight 0.6): US spending ×1000 moves it
			// by its max_change_pp: 1.5 + 0.2 = 1.7.
			name:   "China max change",
			change: func(s *State) { s.Actors[US].DefenseSpending *= 1000 },
			actor:  CHN,
			want:   1.7,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			saved := *p
			defer func() { *p = saved }()
			if tt.setup != nil {
				tt.setup()
			}
			m := newTestModel(t, sc)
			prev := m.Initial()
			tt.change(&prev)
			next := m.Step(&prev, nil)
			checkClose(t, tt.actor.String()+" defense share", next.Actors[tt.actor].DefenseShare, tt.want, 1e-12)
		})
	}
}
