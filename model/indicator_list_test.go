package model

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
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
