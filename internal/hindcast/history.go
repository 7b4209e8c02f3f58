package hindcast

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"simulate/model"
)

// Scored lists the actors whose record the hindcast scores, in model order.
// SIPRI publishes no DPRK series after 2018 and its earlier DPRK figures are
// not comparable with the model's (data/sources.md §2e), so DPRK is simulated
// but not scored.
var Scored = []model.Actor{model.US, model.ROK, model.CHN, model.JPN}

// Record is one actor's year in the historical record. A value the record
// does not give is NaN.
type Record struct {
	GDP        float64 // USD bn, current
	GrowthPct  float64 // real GDP growth, %
	Spending   float64 // military expenditure, USD bn, current
	SharePct   float64 // military expenditure, % of GDP
	hasRecords bool
}

// History is the record of every actor, year by year.
type History struct {
	First, Last int
	rows        map[model.Actor][]Record // indexed by year − First
}

// At returns actor a's record in year y.
func (h *History) At(a model.Actor, y int) (Record, bool) {
	rs := h.rows[a]
	t := y - h.First
	if t < 0 || t >= len(rs) || !rs[t].hasRecords {
		return Record{}, false
	}
	return rs[t], true
}

// historyHeader is the header the history file must have.
var historyHeader = []string{"year", "actor", "gdp_usd_bn", "real_growth_pct", "milex_usd_bn", "milex_pct_gdp"}

// ParseHistory reads the history CSV (the format of data/history-2015-2024.csv).
// Every scored actor must have every column in every year; DPRK rows may be
// empty. name labels errors.
func ParseHistory(name string, data []byte) (*History, error) {
	r, err := openCSV(name, data, historyHeader)
	if err != nil {
		return nil, err
	}
	type row struct {
		year  int
		actor model.Actor
		rec   Record
	}
	var rows []row
	for {
		f, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := r.FieldPos(0)
		y, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: year %q is not an integer", name, line, f[0])
		}
		a, ok := model.ParseActor(f[1])
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown actor %q", name, line, f[1])
		}
		var v [4]float64
		for i := range v {
			s := strings.TrimSpace(f[2+i])
			if s == "" {
				v[i] = nan
				continue
			}
			if v[i], err = strconv.ParseFloat(s, 64); err != nil {
				return nil, fmt.Errorf("%s:%d: %s %q is not a number", name, line, historyHeader[2+i], s)
			}
		}
		rows = append(rows, row{y, a, Record{GDP: v[0], GrowthPct: v[1], Spending: v[2], SharePct: v[3], hasRecords: true}})
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows", name)
	}
	h := &History{First: rows[0].year, Last: rows[0].year, rows: map[model.Actor][]Record{}}
	for _, r := range rows {
		h.First, h.Last = min(h.First, r.year), max(h.Last, r.year)
	}
	for a := range model.NumActors {
		h.rows[a] = make([]Record, h.Last-h.First+1)
	}
	for _, r := range rows {
		t := r.year - h.First
		if h.rows[r.actor][t].hasRecords {
			return nil, fmt.Errorf("%s: two rows for %s in %d", name, r.actor, r.year)
		}
		h.rows[r.actor][t] = r.rec
	}
	for _, a := range Scored {
		for y := h.First; y <= h.Last; y++ {
			rec, ok := h.At(a, y)
			if !ok {
				return nil, fmt.Errorf("%s: no row for %s in %d", name, a, y)
			}
			for i, v := range []float64{rec.GDP, rec.GrowthPct, rec.Spending, rec.SharePct} {
				if !(v > -100) || (i != 1 && !(v > 0)) {
					return nil, fmt.Errorf("%s: %s for %s in %d is missing or not positive", name, historyHeader[2+i], a, y)
				}
			}
		}
	}
	return h, nil
}

// openCSV returns a reader of data positioned after its header, which must
// be header. name labels errors.
func openCSV(name string, data []byte, header []string) (*csv.Reader, error) {
	r := csv.NewReader(bytes.NewReader(data))
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if strings.Join(head, ",") != strings.Join(header, ",") {
		return nil, fmt.Errorf("%s: header is %q, want %q", name, strings.Join(head, ","), strings.Join(header, ","))
	}
	return r, nil
}
