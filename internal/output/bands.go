package output

import (
	"bufio"
	"io"
	"strconv"

	"simulate/internal/ensemble"
)

// Headers of an ensemble's files.
const (
	BandsHeader  = "year,subject,indicator,unit,mean,p05,p25,p50,p75,p95"
	RunsHeader   = "run,year,subject,indicator,unit,value"
	DrawsHeader  = "run,parameter,actor,value"
	ShocksHeader = "run,year,kind,actor,severity"
)

// WriteBandsCSV writes an ensemble's bands in tidy long format: one row per
// year, subject and indicator, in the order of series.csv, with the mean
// and the quantiles of ensemble.Probs across the runs.
func WriteBandsCSV(w io.Writer, b *ensemble.Bands) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(BandsHeader + "\n")
	var buf []byte
	for t, y := range b.Years {
		for i, s := range b.Series {
			buf = strconv.AppendInt(buf[:0], int64(y), 10)
			buf = appendKey(buf, s.Subject, string(s.Indicator), s.Unit)
			st := b.At(i, t)
			buf = appendValue(append(buf, ','), st.Mean)
			for _, q := range st.Q {
				buf = appendValue(append(buf, ','), q)
			}
			bw.Write(append(buf, '\n'))
		}
	}
	return bw.Flush()
}

// AppendRunRows appends the rows of runs.csv for one run: one per year,
// subject and indicator, in the order of series.csv.
func AppendRunRows(dst []byte, r *ensemble.Replication) []byte {
	ny := len(r.Years)
	for t, y := range r.Years {
		for i, s := range r.Series {
			dst = strconv.AppendInt(dst, int64(r.Run), 10)
			dst = strconv.AppendInt(append(dst, ','), int64(y), 10)
			dst = appendKey(dst, s.Subject, string(s.Indicator), s.Unit)
			dst = appendValue(append(dst, ','), r.Values[i*ny+t])
			dst = append(dst, '\n')
		}
	}
	return dst
}

// AppendDrawRows appends the rows of draws.csv for one run: the value it
// drew for each uncertain coefficient (actor empty for a coefficient that is
// one value for the model).
func AppendDrawRows(dst []byte, r *ensemble.Replication) []byte {
	for _, d := range r.Draws {
		dst = strconv.AppendInt(dst, int64(r.Run), 10)
		dst = append(append(dst, ','), d.Ref.Key...)
		dst = append(dst, ',')
		if d.PerActor {
			dst = append(dst, d.Ref.Actor.String()...)
		}
		dst = appendValue(append(dst, ','), d.Value)
		dst = append(dst, '\n')
	}
	return dst
}

// AppendShockRows appends the rows of shocks.csv for one run: each event
// its risks produced (actor empty for kinds that name none).
func AppendShockRows(dst []byte, r *ensemble.Replication) []byte {
	for _, e := range r.Shocks {
		dst = strconv.AppendInt(dst, int64(r.Run), 10)
		dst = strconv.AppendInt(append(dst, ','), int64(e.Year), 10)
		dst = append(append(dst, ','), e.Kind.String()...)
		dst = append(dst, ',')
		if e.Kind.NeedsActor() {
			dst = append(dst, e.Actor.String()...)
		}
		dst = appendValue(append(dst, ','), e.Severity)
		dst = append(dst, '\n')
	}
	return dst
}

// appendKey appends ",subject,indicator,unit".
func appendKey(dst []byte, subject, indicator, unit string) []byte {
	for _, f := range [...]string{subject, indicator, unit} {
		dst = append(append(dst, ','), csvField(f)...)
	}
	return dst
}

// appendValue appends v as FormatValue writes it.
func appendValue(dst []byte, v float64) []byte {
	n := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', 4, 64)
	if string(dst[n:]) == "-0.0000" {
		dst = append(dst[:n], "0.0000"...)
	}
	return dst
}
