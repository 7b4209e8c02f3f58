package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestIndicatorIDsMatchRegistry: every IndicatorID constant of
// indicator_list.go has a row in the registry, in the same order, and every
// row has a constant, so that no indicator can be named in code without
// being reported, or reported without a name.
func TestIndicatorIDsMatchRegistry(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "indicator_list.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts []IndicatorID
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "IndicatorID" {
				continue
			}
			for _, val := range v.Values {
				s, err := strconv.Unquote(val.(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				consts = append(consts, IndicatorID(s))
			}
		}
	}
	var rows []IndicatorID
	for _, in := range IndicatorList() {
		rows = append(rows, in.ID)
	}
	if !slices.Equal(consts, rows) {
		t.Errorf("the IndicatorID constants are\n%v\nthe registry's rows\n%v", consts, rows)
	}
	for _, id := range rows {
		if info, ok := LookupIndicator(id); !ok || info.ID != id {
			t.Errorf("LookupIndicator(%s) = %v, %v", id, info.ID, ok)
		}
	}
}

// TestSeriesValues: every series reads the state's field its indicator
// names, for its subject. Every float field of the state holds a value of
// its own (its number in a walk of the struct), so a series that read the
// wrong field, or another actor's, or came in the wrong place of
// seriesValues' output, would show another number.
func TestSeriesValues(t *testing.T) {
	var s State
	fields := map[string]float64{}
	var fill func(v reflect.Value, path string)
	fill = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Float64:
			if v.CanSet() {
				x := float64(len(fields)) + 0.5
				v.SetFloat(x)
				fields[path] = x
			}
		case reflect.Array:
			for i := range v.Len() {
				fill(v.Index(i), path+"["+Actor(i).String()+"]")
			}
		case reflect.Struct:
			for i := range v.NumField() {
				fill(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		}
	}
	fill(reflect.ValueOf(&s).Elem(), "")
	// Each indicator's field, {a} for the series' subject.
	field := map[IndicatorID]string{
		IndGDP:                     ".Actors[{a}].GDP",
		IndDefenseShare:            ".Actors[{a}].DefenseShare",
		IndDefenseSpending:         ".Actors[{a}].DefenseSpending",
		IndMilitaryCapital:         ".Actors[{a}].MilitaryCapital",
		IndPowerShare:              ".Ind.PowerShare[{a}]",
		IndNavalStrength:           ".Actors[{a}].NavalKt",
		IndShipbuildingCapacity:    ".Actors[{a}].Yards",
		IndDeterrenceCredibility:   ".Ind.Deterrence",
		IndDeterrenceCapability:    ".Ind.DeterCapability",
		IndDeterrenceWill:          ".Ind.DeterWill",
		IndDeterrenceCommunication: ".Ind.DeterSignal",
		IndAllianceCohesion:        ".Ind.Cohesion",
		IndBurdenShare:             ".Ind.BurdenShare",
		IndHostNationSupport:       ".HNSUSD",
		IndUSCommitment:            ".USCommitment",
		IndInvestmentStock:         ".InvestmentStock",
		IndIndustrialIntegration:   ".Ind.Integration",
		IndTariffRate:              ".Tariff",
		IndROKAutonomy:             ".Ind.Autonomy",
		IndDPRKThreat:              ".Ind.DPRKThreat",
		IndRegionalTension:         ".Ind.RegionalTension",
		IndNavalBalance:            ".Ind.NavalBalance",
		IndTrilateralCoordination:  ".Ind.Trilateral",
		IndBurdenParity:            ".Ind.BurdenParity",
		IndInvestmentFlow:          ".InvestmentFlow",
		IndAllianceTrust:           ".Trust",
		IndDPRKWarheads:            ".Warheads",
	}
	series := SeriesList()
	got := make([]float64, 2*len(series))
	seriesValues(&s, got, 2)
	for i, sr := range series {
		var want float64
		if sr.Indicator == IndArmsExports {
			// contracts at start-year prices, in current dollars
			want = fields[".ArmsExports"] * fields[".Actors[ROK].Price"]
		} else {
			f, ok := field[sr.Indicator]
			if !ok {
				t.Fatalf("no field for %s", sr.Indicator)
			}
			path := strings.ReplaceAll(f, "{a}", sr.Subject)
			if want, ok = fields[path]; !ok {
				t.Fatalf("%s %s: the state has no field %s", sr.Indicator, sr.Subject, path)
			}
		}
		if got[2*i] != want {
			t.Errorf("%s %s (series %d): %v, want %v", sr.Indicator, sr.Subject, i, got[2*i], want)
		}
		if v := sr.Value(&s); v != want {
			t.Errorf("%s %s: Value %v, want %v", sr.Indicator, sr.Subject, v, want)
		}
	}
	if len(field)+1 != len(IndicatorList()) {
		t.Errorf("%d indicators' fields for %d indicators", len(field)+1, len(IndicatorList()))
	}
}
