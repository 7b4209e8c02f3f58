package chart

import (
	"gonum.org/v1/plot"

	"simulate/internal/ensemble"
	"simulate/internal/output"
	"simulate/model"
)

// compareBandAlpha is the opacity of an ensemble's band in a comparison,
// in its scenario's colour. A comparison shades only the middle 90% of each
// ensemble's runs: with the 50% bands too, three overlapping scenarios make
// six layers whose mixed colours no one can take apart.
const compareBandAlpha = 0.16

// RenderCompareFans is RenderCompare for scenarios of which some are
// ensembles (a Fan with Bands; for a single run, Bands is nil and Ref is
// its results). An ensemble is drawn as the median of its runs, in its
// scenario's colour and dashes, over its middle 90% shaded in the same
// colour; a single run as its line.
func RenderCompareFans(fans []Fan) ([]output.File, error) {
	named := make([]Named, len(fans))
	for i, fan := range fans {
		named[i] = Named{Info: fan.Info, Res: fan.Ref, bands: fan.Bands}
	}
	cmp, err := newComparison(named)
	if err != nil {
		return nil, err
	}
	cmp.note = "ensembles: median and middle 90% of runs"
	cmp.under = func(indicator model.IndicatorID, subject string) []plot.Plotter {
		var out []plot.Plotter
		for i, fan := range fans {
			b := fan.Bands
			k := -1
			if b != nil {
				k = b.Index(indicator, subject)
			}
			if k < 0 {
				continue
			}
			t0, t1 := cmp.first-b.Years[0], cmp.last-b.Years[0]+1
			c := scenarioColors[i%len(scenarioColors)]
			out = append(out, &band{low: quantileXYs(b, k, ensemble.P05)[t0:t1], high: quantileXYs(b, k, ensemble.P95)[t0:t1], color: translucent(c, compareBandAlpha)})
		}
		return out
	}
	return cmp.render()
}
