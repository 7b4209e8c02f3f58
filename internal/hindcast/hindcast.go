// Package hindcast runs the model against the record: from 2015 as
// recorded, nominal GDP following the record, the events of 2016–2024 as
// listed in the shipped events file, and every actor setting its defense
// share by its own decision rule. It scores the defense share and spending
// of US, ROK, CHN and JPN against SIPRI (mean absolute percentage error and
// bias, and the record's own gap between share and spending), and
// calibrates the decision rule on the fit window 2016–2019 with
// Nelder–Mead, holding 2020–2024 out.
//
// It computes and formats text; its charts are drawn by internal/chart
// (chart.RenderHindcast).
//
// References: SIPRI Military Expenditure Database (April 2025 edition);
// World Bank GDP.
package hindcast

import (
	"fmt"
	"math"

	"simulate/data"
	"simulate/model"
)

var nan = math.NaN()

// Inputs are what a hindcast starts from: the record and the events.
type Inputs struct {
	History *History
	Events  []model.Event
}

// Embedded returns the record and events shipped with the program
// (data/history-2015-2024.csv and data/events-2015-2024.csv).
func Embedded() (*Inputs, error) {
	h, err := ParseHistory("data/history-2015-2024.csv", data.HistoryCSV)
	if err != nil {
		return nil, err
	}
	evs, err := ParseEvents("data/events-2015-2024.csv", data.EventsCSV)
	if err != nil {
		return nil, err
	}
	return &Inputs{History: h, Events: evs}, nil
}

// Window is a span of years, both ends included.
type Window struct{ First, Last int }

func (w Window) String() string { return fmt.Sprintf("%d–%d", w.First, w.Last) }

// The windows of the calibration: the fit sees 2016–2019 (2015 is the
// start, equal to the record by construction); 2020–2024 is held out.
var (
	FitWindow  = Window{2016, 2019}
	TestWindow = Window{2020, 2024}
	FullWindow = Window{2016, 2024}
)

// Series are an actor's defense share (% of GDP) and spending (USD bn) by
// year.
type Series struct {
	Share, Spending []float64
}

// Result is one hindcast: the model's series for every actor and the
// record's for the scored ones, over Years.
type Result struct {
	Years  []int
	Model  [model.NumActors]Series
	Record [model.NumActors]Series
}

// Run runs the hindcast of base's coefficients against in: see Scenario.
func Run(base *model.Scenario, in *Inputs) (*Result, error) {
	sc, err := Scenario(base, in.History, in.Events)
	if err != nil {
		return nil, err
	}
	return run(sc, in.History)
}

// run runs a prepared hindcast scenario.
func run(sc *model.Scenario, h *History) (*Result, error) {
	res, err := model.Run(sc)
	if err != nil {
		return nil, err
	}
	out := &Result{Years: res.Years}
	for a := range model.NumActors {
		share, spending := res.Index(model.IndDefenseShare, a.String()), res.Index(model.IndDefenseSpending, a.String())
		if share < 0 || spending < 0 {
			return nil, fmt.Errorf("the model reports no defense share or spending for %s", a)
		}
		out.Model[a] = Series{Share: res.Row(share), Spending: res.Row(spending)}
	}
	for _, a := range Scored {
		rec := Series{Share: make([]float64, len(res.Years)), Spending: make([]float64, len(res.Years))}
		for t, y := range res.Years {
			r, _ := h.At(a, y)
			rec.Share[t], rec.Spending[t] = r.SharePct, r.Spending
		}
		out.Record[a] = rec
	}
	return out, nil
}

// Errors are one actor's errors over a window, in percent of the record:
// the mean absolute percentage error (MAPE) and the bias (mean signed
// percentage error; positive when the model runs above the record).
type Errors struct {
	Actor                      model.Actor
	ShareMAPE, ShareBias       float64
	SpendingMAPE, SpendingBias float64
}

// Errors returns the errors of every scored actor over w.
func (r *Result) Errors(w Window) []Errors {
	out := make([]Errors, len(Scored))
	for i, a := range Scored {
		out[i].Actor = a
		out[i].ShareMAPE, out[i].ShareBias = r.pctErrors(r.Model[a].Share, r.Record[a].Share, w)
		out[i].SpendingMAPE, out[i].SpendingBias = r.pctErrors(r.Model[a].Spending, r.Record[a].Spending, w)
	}
	return out
}

// pctErrors returns the MAPE and the mean signed percentage error of m
// against rec over the years of w.
func (r *Result) pctErrors(m, rec []float64, w Window) (mape, bias float64) {
	n := 0
	for t, y := range r.Years {
		if y < w.First || y > w.Last {
			continue
		}
		e := 100 * (m[t] - rec[t]) / rec[t]
		mape += math.Abs(e)
		bias += e
		n++
	}
	if n == 0 {
		return nan, nan
	}
	return mape / float64(n), bias / float64(n)
}

// MeanShareMAPE is the mean over the scored actors of the defense share's
// MAPE over w: the calibration's objective.
func (r *Result) MeanShareMAPE(w Window) float64 {
	var sum float64
	for _, e := range r.Errors(w) {
		sum += e.ShareMAPE
	}
	return sum / float64(len(Scored))
}
