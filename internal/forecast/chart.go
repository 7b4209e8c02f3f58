package forecast

import (
	"fmt"

	"gonum.org/v1/plot/plotter"

	"simulate/internal/chart"
	"simulate/internal/output"
)

// Figure describes the chart of the forecasts fanned out from each origin
// against the record: a panel per scored actor, titled with its pooled
// Theil's U. rec is the record the forecasts are scored against.
func (ev *Evaluation) Figure(rec *Record, label string) chart.ForecastFigure {
	skill := map[string]Skill{}
	for _, s := range ev.Skill() {
		if s.Horizon == 0 {
			skill[s.Actor.String()] = s
		}
	}
	first, last := ev.Origins[0], ev.Origins[len(ev.Origins)-1]+Horizon
	var panels []chart.ForecastPanel
	for _, a := range Scored {
		fp := chart.ForecastPanel{Subject: a.String()}
		for y := first; y <= last; y++ {
			fp.Record = append(fp.Record, plotter.XY{X: float64(y), Y: rec.At(a, y).SharePct})
		}
		for _, origin := range ev.Origins {
			path := plotter.XYs{{X: float64(origin), Y: rec.At(a, origin).SharePct}}
			for _, f := range ev.Forecasts {
				if f.Origin == origin && f.Actor == a {
					path = append(path, plotter.XY{X: float64(f.Year), Y: f.Model})
				}
			}
			fp.Paths = append(fp.Paths, path)
		}
		s := skill[a.String()]
		verdict := "loses to"
		if s.TheilU < 1 {
			verdict = "beats"
		}
		fp.Title = fmt.Sprintf("%s · Theil's U %.2f: %s persistence", a, s.TheilU, verdict)
		panels = append(panels, fp)
	}
	return chart.ForecastFigure{
		Title:       "Defense share: the decision rule's forecasts against the record",
		Subtitle:    fmt.Sprintf("Origins %d–%d, each fitted on the record up to it · %s", ev.Origins[0], ev.Origins[len(ev.Origins)-1], label),
		Note:        fmt.Sprintf("Theil's U: the rule's RMSE over persistence's, horizons 1–%d pooled; below 1 beats the share held at its origin value", Horizon),
		Unit:        "% of GDP",
		RecordLabel: "record: SIPRI share of GDP",
		PathLabel:   fmt.Sprintf("forecasts 1–%d years ahead, one line per origin", Horizon),
		Panels:      panels,
	}
}

// Charts renders the forecast chart as forecasts.png and forecasts.svg.
func (ev *Evaluation) Charts(rec *Record, label string) ([]output.File, error) {
	return chart.RenderForecasts(ev.Figure(rec, label))
}
