// Package forecast scores the model's budget decision rule out of sample
// against the historical record, 1988–2024: it reads the record, estimates
// the rule's coefficients on the years up to a forecast origin, forecasts
// the defense shares one to five years ahead from that origin with nothing
// that was not known there, and scores the forecasts against the record and
// against persistence (the share held at its origin value).
//
// The rule itself is the model's: model.BudgetShare, fed from the record.
// The package knows nothing of its formula, only which inputs it reads.
//
// References:
//   - Hyndman, R. J. & Koehler, A. B. (2006). Another look at measures of
//     forecast accuracy. International Journal of Forecasting 22(4), 679–688.
//   - Tashman, L. J. (2000). Out-of-sample tests of forecasting accuracy: an
//     analysis and review. International Journal of Forecasting 16(4), 437–450.
package forecast

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"simulate/data"
	"simulate/internal/smallfile"
	"simulate/model"
)

// Scored lists the actors whose record is scored, in model order. SIPRI
// publishes no DPRK share of GDP and dollar figures for 2015–2018 only
// (data/history-1988-2024.md), so DPRK is neither scored nor counted among
// the rivals whose spending the rule reads.
var Scored = []model.Actor{model.US, model.ROK, model.CHN, model.JPN}

// Obs is one actor's year in the record. A value the record does not give
// is NaN.
type Obs struct {
	GDP       float64 // GDP, USD bn, current (World Bank WDI)
	GrowthPct float64 // real GDP growth, % (World Bank WDI)
	Spending  float64 // military expenditure, USD bn, current (SIPRI)
	SharePct  float64 // military expenditure, % of GDP (SIPRI's own ratio)
}

// Record is the historical record, one Obs per actor and year from First to
// Last. Every scored actor has a complete series from its own first year
// (Start) to Last.
type Record struct {
	Name        string // the file it was read from, for messages and comments
	First, Last int
	obs         [model.NumActors][]Obs // indexed by year − First
}

// At returns actor a's record in year y: NaN values outside the record.
func (r *Record) At(a model.Actor, y int) Obs {
	if y < r.First || y > r.Last {
		return Obs{nan, nan, nan, nan}
	}
	return r.obs[a][y-r.First]
}

// Start is the first year in which actor a's record has a defense share.
func (r *Record) Start(a model.Actor) int {
	for y := r.First; y <= r.Last; y++ {
		if !math.IsNaN(r.At(a, y).SharePct) {
			return y
		}
	}
	return r.Last + 1
}

// CommonStart is the first year in which every scored actor has a record.
func (r *Record) CommonStart() int {
	s := r.First
	for _, a := range Scored {
		s = max(s, r.Start(a))
	}
	return s
}

// Until returns the record as it was known at the end of year y: a copy
// without the years after y. Everything estimated or forecast from an
// origin sees only Until(origin).
func (r *Record) Until(y int) *Record {
	y = min(y, r.Last)
	out := &Record{Name: r.Name, First: r.First, Last: y}
	for a := range model.NumActors {
		out.obs[a] = append([]Obs(nil), r.obs[a][:y-r.First+1]...)
	}
	return out
}

// With returns a copy of r with actor a's record in year y replaced by o.
func (r *Record) With(a model.Actor, y int, o Obs) *Record {
	out := r.Until(r.Last)
	out.obs[a][y-r.First] = o
	return out
}

var nan = math.NaN()

// RecordName is the embedded record's path in the repository.
const RecordName = "data/history-1988-2024.csv"

// Embedded returns the record shipped with the program.
func Embedded() (*Record, error) { return ParseRecord(RecordName, data.History1988CSV) }

// MaxRecordBytes is the largest record file ReadRecord accepts: the shipped
// record is under 8 kB, a century of five actors under 40 kB.
const MaxRecordBytes = 1 << 20

// ReadRecord reads a record file in the format of the shipped one (for a
// newer SIPRI edition, say). It must be a regular file of at most
// MaxRecordBytes.
func ReadRecord(path string) (*Record, error) {
	b, err := smallfile.Read(path, MaxRecordBytes)
	switch {
	case errors.As(err, new(*smallfile.NotRegularError)):
		return nil, fmt.Errorf("%s: not a regular file", path)
	case errors.As(err, new(*smallfile.TooLargeError)):
		return nil, fmt.Errorf("%s: larger than %d bytes; a record is one row per actor and year", path, MaxRecordBytes)
	case err != nil:
		return nil, err
	}
	return ParseRecord(path, b)
}

// recordHeader is the header the record must have; the columns after
// milex_pct_gdp (deflator_pct, cpi_pct) are not used.
var recordHeader = []string{"year", "actor", "gdp_usd_bn", "real_growth_pct", "milex_usd_bn", "milex_pct_gdp", "deflator_pct", "cpi_pct"}

// maxRecordYears bounds the span of years a record may cover.
const maxRecordYears = 500

// ParseRecord reads a record in the format of data/history-1988-2024.csv.
// An empty cell is a value the record does not give. Years must be
// consecutive; each scored actor needs GDP, spending and share in every year
// from its first share to the last year. name labels errors.
func ParseRecord(name string, b []byte) (*Record, error) {
	cr := csv.NewReader(bytes.NewReader(b))
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if strings.Join(head, ",") != strings.Join(recordHeader, ",") {
		return nil, fmt.Errorf("%s:1: header is %q, want %q", name, strings.Join(head, ","), strings.Join(recordHeader, ","))
	}
	type row struct {
		year, line int
		actor      model.Actor
		obs        Obs
	}
	var rows []row
	first, last := math.MaxInt, math.MinInt
	for {
		f, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		y, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: year %q is not an integer", name, line, f[0])
		}
		a, ok := model.ParseActor(f[1])
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown actor %q (actors: %s)", name, line, f[1], strings.Join(model.ActorCodes(), ", "))
		}
		var v [4]float64
		for i := range v {
			s := strings.TrimSpace(f[2+i])
			if s == "" {
				v[i] = nan
				continue
			}
			v[i], err = strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(v[i], 0) || math.IsNaN(v[i]) {
				return nil, fmt.Errorf("%s:%d: %s %q is not a number", name, line, recordHeader[2+i], s)
			}
			if i != 1 && !(v[i] > 0) {
				return nil, fmt.Errorf("%s:%d: %s %s is not positive", name, line, recordHeader[2+i], s)
			}
		}
		if v[3] >= 100 {
			return nil, fmt.Errorf("%s:%d: milex_pct_gdp %v is not a share of GDP below 100%%", name, line, v[3])
		}
		rows = append(rows, row{y, line, a, Obs{GDP: v[0], GrowthPct: v[1], Spending: v[2], SharePct: v[3]}})
		first, last = min(first, y), max(last, y)
		if last-first >= maxRecordYears {
			return nil, fmt.Errorf("%s:%d: the record spans more than %d years", name, line, maxRecordYears)
		}
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows", name)
	}
	r := &Record{Name: name, First: first, Last: last}
	seen := [model.NumActors][]bool{}
	for a := range model.NumActors {
		r.obs[a] = make([]Obs, last-first+1)
		seen[a] = make([]bool, last-first+1)
		for t := range r.obs[a] {
			r.obs[a][t] = Obs{nan, nan, nan, nan}
		}
	}
	for _, w := range rows {
		t := w.year - first
		if seen[w.actor][t] {
			return nil, fmt.Errorf("%s:%d: a second row for %s in %d", name, w.line, w.actor, w.year)
		}
		seen[w.actor][t] = true
		r.obs[w.actor][t] = w.obs
	}
	for _, a := range Scored {
		start := r.Start(a)
		if start > last-minFitYears {
			return nil, fmt.Errorf("%s: %s has a defense share in fewer than %d years", name, a, minFitYears+1)
		}
		for y := start; y <= last; y++ {
			o := r.At(a, y)
			for i, v := range []float64{o.GDP, o.Spending, o.SharePct} {
				if math.IsNaN(v) {
					return nil, fmt.Errorf("%s: %s for %s in %d is missing (the series must run from %d to %d without gaps)", name, []string{"gdp_usd_bn", "milex_usd_bn", "milex_pct_gdp"}[i], a, y, start, last)
				}
			}
		}
	}
	return r, nil
}
