package api

import (
	"simulate/internal/scenario"
	"simulate/model"
)

// Schema is what the page builds its levers, menus and charts from.
type Schema struct {
	Actors     []string    `json:"actors"`
	Inputs     []Input     `json:"inputs"`
	Params     []Param     `json:"params"`
	EventKinds []EventKind `json:"event_kinds"`
	Sectors    []string    `json:"sectors"`
	Indicators []Indicator `json:"indicators"`
	Refs       []Reference `json:"refs"`
	// FullCommitment is where the endogenous US commitment starts
	// (model.FullCommitment), for a commitment path that replaces it.
	FullCommitment float64 `json:"full_commitment"`
}

// Input is a key of [actors.ACTOR], [alliance] or [region] (scenario.Input).
type Input struct {
	Table  string   `json:"table"`
	Key    string   `json:"key"`
	Lo     float64  `json:"lo"`
	Hi     float64  `json:"hi"`
	Unit   string   `json:"unit"`
	Path   bool     `json:"path"`
	Actors []string `json:"actors,omitempty"`
}

// Param is a coefficient of the registry (model.ParamSpec): one value, or
// one per actor in the order of Schema.Actors.
type Param struct {
	Key      string    `json:"key"`
	Group    string    `json:"group"`
	Unit     string    `json:"unit"`
	PerActor bool      `json:"per_actor"`
	Low      []float64 `json:"low"`
	High     []float64 `json:"high"`
	Source   string    `json:"source"`
	Doc      string    `json:"doc"`
}

// EventKind is a kind of event, and whether it happens in one actor.
type EventKind struct {
	Name       string `json:"name"`
	NeedsActor bool   `json:"needs_actor"`
}

// Indicator is a reported indicator (model.IndicatorInfo).
type Indicator struct {
	ID       string   `json:"id"`
	Unit     string   `json:"unit"`
	Meaning  string   `json:"meaning"`
	Subjects []string `json:"subjects"`
	Headline bool     `json:"headline"`
}

// Reference is a reference line of an indicator's chart: a constant value
// (a pledge, a claim, an even balance) or, with Series, another series
// (GDP parity on the burden share). Subjects are those a constant applies
// to (empty: all); it is drawn for others only where it lies among the data.
type Reference struct {
	Indicator string   `json:"indicator"`
	Label     string   `json:"label"`
	Value     float64  `json:"value,omitempty"`
	Series    string   `json:"series,omitempty"`
	Subjects  []string `json:"subjects,omitempty"`
}

// references are the PNG charts' reference lines (internal/chart's
// pledges and parity line), which the page draws too.
var references = []Reference{
	{Indicator: "defense_share", Label: "2% pledge", Value: 2, Subjects: []string{"US", "ROK", "JPN"}},
	{Indicator: "defense_share", Label: "3.5% pledge", Value: 3.5, Subjects: []string{"US", "ROK", "JPN"}},
	{Indicator: "defense_share", Label: "5% pledge", Value: 5, Subjects: []string{"US", "ROK", "JPN"}},
	{Indicator: "defense_spending", Label: "$150 bn", Value: SpendingClaimUSDbn, Subjects: []string{"ROK"}},
	{Indicator: "naval_balance", Label: "50%: even", Value: 50},
	{Indicator: "burden_share", Label: "GDP parity", Series: SeriesKey("burden_parity", model.SubjectAlliance)},
}

// SpendingClaimUSDbn is the "$150 bn a year" claim about ROK defense
// spending (internal/chart.SpendingClaimUSDbn; a test keeps them equal).
const SpendingClaimUSDbn = 150

// NewSchema returns the schema of this build of the model and loader.
func NewSchema() *Schema {
	s := &Schema{Actors: model.ActorCodes(), Sectors: model.SectorNames(), Refs: references, FullCommitment: model.FullCommitment}
	for _, in := range scenario.Inputs() {
		s.Inputs = append(s.Inputs, Input{Table: in.Table, Key: in.Key, Lo: in.Lo, Hi: in.Hi, Unit: in.Unit, Path: in.Path, Actors: in.Actors})
	}
	for _, spec := range model.ParamSpecs() {
		p := Param{Key: spec.Key, Group: spec.Group, Unit: spec.Unit, PerActor: spec.PerActor, Source: spec.Source, Doc: spec.Doc}
		n := 1
		if spec.PerActor {
			n = int(model.NumActors)
		}
		for a := range model.Actor(n) {
			lo, hi := spec.Range(a)
			p.Low, p.High = append(p.Low, lo), append(p.High, hi)
		}
		s.Params = append(s.Params, p)
	}
	for _, k := range model.EventKindNames() {
		kind, _ := model.ParseEventKind(k)
		s.EventKinds = append(s.EventKinds, EventKind{Name: k, NeedsActor: kind.NeedsActor()})
	}
	for _, ind := range model.IndicatorList() {
		s.Indicators = append(s.Indicators, Indicator{ID: string(ind.ID), Unit: ind.Unit, Meaning: ind.Meaning, Subjects: ind.Subjects, Headline: ind.Headline})
	}
	return s
}
