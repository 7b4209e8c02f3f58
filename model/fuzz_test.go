package model_test

import (
	"encoding/binary"
	"math"
	"testing"

	"simulate/internal/scenario"
	"simulate/model"
)

// fuzzKeys are the inputs FuzzRun sets: every actor input, every alliance
// and region input, and every coefficient (for all actors, and for each).
func fuzzKeys() []string {
	var keys []string
	for _, a := range model.ActorCodes() {
		for _, k := range []string{"gdp_usd_bn", "gdp_growth_pct", "inflation_pct", "defense_pct", "population_m",
			"population_growth_pct", "personnel_k", "naval_kt", "shipbuilding_share_pct", "warheads",
			"arms_exports_usd_bn", "military_capital_usd_bn"} {
			keys = append(keys, "actors."+a+"."+k)
		}
	}
	for _, k := range []string{"us_commitment_pct", "tariff_pct", "host_nation_support_krw_tn", "hns_start_krw_tn",
		"krw_per_usd", "rok_cpi_pct", "trust_pct", "trilateral_institution"} {
		keys = append(keys, "alliance."+k)
	}
	for _, k := range []string{"russia_dprk_cooperation", "dprk_provocation", "taiwan_tension"} {
		keys = append(keys, "region."+k)
	}
	for _, s := range model.ParamSpecs() {
		keys = append(keys, "params."+s.Key)
		for _, a := range model.ActorCodes() {
			keys = append(keys, "params."+a+"."+s.Key)
		}
	}
	// Keep those that can be set (warheads only for DPRK, a coefficient
	// whose range differs by actor only per actor, and so on).
	var settable []string
	for _, k := range keys {
		if _, err := scenario.LookupSetting(k, 2025); err == nil {
			settable = append(settable, k)
		}
	}
	return settable
}

// fuzzBytes reads the fuzzer's bytes as a stream of small numbers; past
// the end every read is 0.
type fuzzBytes []byte

func (b *fuzzBytes) byte() byte {
	if len(*b) == 0 {
		return 0
	}
	c := (*b)[0]
	*b = (*b)[1:]
	return c
}

// frac returns a number in [0, 1]: both ends exactly, and, one time in
// four, a power of it that reaches down to the smallest doubles.
func (b *fuzzBytes) frac() float64 {
	x := float64(binary.BigEndian.Uint16([]byte{b.byte(), b.byte()})) / math.MaxUint16
	if mode := b.byte(); mode%4 == 3 {
		x = math.Pow(x, float64(mode))
	}
	return x
}

// FuzzRun sets any of the model's inputs anywhere in the range the loader
// accepts, adds events, and runs the model: every value it reports must be
// finite and non-negative, and every index and percentage within [0, 100].
// The bytes choose a horizon, then (key, value) pairs, then events. go test
// runs the seeds; go test -fuzz=FuzzRun ./model explores.
func FuzzRun(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{15, 0, 0, 0, 0},                   // 15 years, GDP of the first actor at its lowest
		{60, 3, 0xff, 0xff, 0, 4, 0, 0, 0}, // defense_pct at 60% of GDP, then growth at its lowest
		{100, 3, 0, 1, 255},                // a subnormal defense share
		{5, 200, 0xff, 0xff, 0, 201, 0, 0, 0, 255, 0, 2, 0xff, 0xff, 0},
		{40, 70, 0, 0, 3, 71, 0xff, 0xff, 0, 72, 0x80, 0, 0, 255, 1, 5, 0xff, 0xff, 0},
	} {
		f.Add(seed)
	}
	keys := fuzzKeys()
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := scenario.Load("../scenarios/baseline.toml")
		if err != nil {
			t.Fatal(err)
		}
		sc := l.Scenario
		in := fuzzBytes(data)
		sc.EndYear = sc.StartYear + 1 + int(in.byte())%120
		for n := 0; n < 16 && len(in) > 0; n++ {
			c := in.byte()
			if c == 255 { // the rest are events
				break
			}
			s, err := scenario.LookupSetting(keys[int(c)%len(keys)], sc.StartYear)
			if err != nil {
				t.Fatal(err)
			}
			s.Apply(sc, s.Lo+(s.Hi-s.Lo)*in.frac())
		}
		kinds := model.EventKindNames()
		for n := 0; n < 64 && len(in) > 0; n++ {
			kind := model.EventKind(int(in.byte()) % len(kinds))
			ev := model.Event{
				Year:     sc.StartYear + 1 + int(in.byte())%(sc.EndYear-sc.StartYear),
				Kind:     kind,
				Actor:    model.Actor(int(in.byte()) % int(model.NumActors)),
				Severity: in.frac(),
			}
			sc.Events = append(sc.Events, ev)
		}
		if err := sc.Validate(); err != nil {
			return // a combination the loader would refuse
		}
		res, err := model.Run(sc)
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		model.CheckResults(t, res)
	})
}
