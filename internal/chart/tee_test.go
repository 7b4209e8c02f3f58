package chart

import (
	"bytes"
	"testing"

	"simulate/model"
)

// TestRenderPNGSVG: drawing a figure once onto both canvases gives, byte
// for byte, the PNG and the SVG that drawing it once per format gives: for
// run charts with event marks and packages, a run's dashboard, fan charts
// and an ensemble's dashboard.
func TestRenderPNGSVG(t *testing.T) {
	for _, f := range pngSVGFigures(t) {
		var png, svg, wantPNG, wantSVG bytes.Buffer
		if err := f.RenderPNGSVG(&png, &svg); err != nil {
			t.Fatal(err)
		}
		if err := f.Render(&wantPNG, "png"); err != nil {
			t.Fatal(err)
		}
		if err := f.Render(&wantSVG, "svg"); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(png.Bytes(), wantPNG.Bytes()) {
			t.Errorf("%s: the PNG drawn with the SVG differs from the PNG drawn alone", f.Name)
		}
		if !bytes.Equal(svg.Bytes(), wantSVG.Bytes()) {
			t.Errorf("%s: the SVG drawn with the PNG differs from the SVG drawn alone", f.Name)
		}
		if png.Len() == 0 || svg.Len() == 0 {
			t.Errorf("%s: empty output", f.Name)
		}
	}
}

// pngSVGFigures returns run charts with event marks and packages, a run's
// dashboard, fan charts and an ensemble's dashboard.
func pngSVGFigures(t testing.TB) []*Figure {
	res, info := runScenario(t, "3.5pct", testScenario(3.5))
	fan := testFan(t, 40)
	var figs []*Figure
	for _, id := range []model.IndicatorID{model.IndDeterrenceCredibility, model.IndAllianceCohesion, model.IndDefenseShare} {
		f, err := runChart(res, info, id)
		if err != nil {
			t.Fatal(err)
		}
		g, err := FanChart(fan, id)
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, f, g)
	}
	dash, err := RunDashboard(res, info)
	if err != nil {
		t.Fatal(err)
	}
	fanDash, err := FanDashboard(fan)
	if err != nil {
		t.Fatal(err)
	}
	return append(figs, dash, fanDash)
}
